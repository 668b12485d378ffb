/**
 * `daihou record --book B.xlsx --date D` (SPEC §5, §7): records the filled
 * rows of the book's call sheet for D into its contact log. Rows that cannot
 * be recorded are listed on stderr, naming the row, and stay on the call sheet
 * for correction (exit 0). The book is saved atomically, under its lock.
 */
import { existsSync } from "node:fs";
import { CONTACT_LOG_SHEET, LEDGER_SHEET, callSheetName } from "../app/names";
import { NoCallSheetError, type RecordResult, localStamp, recordOutcomes, refusalLines } from "../app/recordOutcomes";
import { isoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import type { LangChoice } from "../app/language";
import { type Options, UsageError, type Write, parseDateArg, required } from "./args";
import { loadBook, saveBook, withBookLock } from "./book";
import { bookSettings, commandLang, ledgerHeaderOf } from "./bookSettings";
import { checkBookPath } from "./dayCommand";
import { ct } from "../domain/messages/cli";

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** The summary lines of a recording (counts only: no names, no numbers). */
export function recordSummary(lang: Lang, result: RecordResult, bookPath: string): string[] {
  const lines = [
    ct(lang, "record.title", { date: isoDay(result.date), sheet: result.callSheet }),
    ct(lang, "record.counts", { filled: result.filled, recorded: result.recorded, already: result.alreadyRecorded }),
  ];
  if (result.refused.length > 0) lines.push(ct(lang, "record.refused", { count: result.refused.length }));
  if (result.newContacts > 0) lines.push(ct(lang, "record.new_contacts", { count: result.newContacts }));
  if (result.newContactsNotWritten > 0) lines.push(ct(lang, "record.new_contacts_not_written", { count: result.newContactsNotWritten }));
  lines.push(ct(lang, "record.log", { sheet: CONTACT_LOG_SHEET, count: result.logEntries }), ct(lang, "summary.book", { file: bookPath }));
  return lines;
}

/** Runs `record`; resolves to the exit code. */
export async function runRecord(
  argLang: Lang,
  opts: Options,
  out: Write,
  err: Write,
  choice: LangChoice = { flag: argLang },
): Promise<number> {
  let lang = argLang;
  const bookPath = required(lang, "record", opts, "book");
  const date = parseDateArg(lang, "record", required(lang, "record", opts, "date"));
  checkBookPath(lang, "record", bookPath);
  if (!existsSync(bookPath)) throw new UsageError(ct(lang, "record.no_book", { file: bookPath }), "record");

  const outcome = await withBookLock(bookPath, async (): Promise<RecordResult | NoCallSheetError> => {
    const book = await loadBook(bookPath);
    const settings = bookSettings(book, bookPath);
    lang = commandLang(choice, book, settings, ledgerHeaderOf(book));
    let result: RecordResult;
    try {
      result = recordOutcomes(book, { date, lang, settings, ledgerSheet: LEDGER_SHEET, recordedAt: localStamp(new Date()) });
    } catch (e) {
      if (e instanceof NoCallSheetError) return e; // nothing is saved
      throw e;
    }
    await saveBook(book, bookPath);
    return result;
  });

  if (outcome instanceof NoCallSheetError) {
    err(ct(lang, "record.not_run", { file: bookPath, date: isoDay(date), sheet: callSheetName(date) }));
    return EXIT_USAGE;
  }
  // stderr is a log: what staff typed is left out (the call sheet's flag column shows the whole reason).
  for (const line of refusalLines(outcome, lang, "left_out"))
    err(ct(lang, "record.refusal_line", { file: bookPath, sheet: outcome.callSheet, text: line }));
  out(recordSummary(lang, outcome, bookPath).join("\n"));
  return EXIT_OK;
}
