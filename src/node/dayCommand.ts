/**
 * `daihou day --book B.xlsx --date D [--ledger L]` (SPEC §4, §7): the daily job
 * on a local book. The ledger file, when given, replaces the book's ledger
 * sheet first; it is only ever read. The book is written only when the job
 * ran, atomically, under a lock.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { type DailyJobResult, runDailyJob } from "../app/dailyJob";
import { type LangChoice, chooseLang } from "../app/language";
import type { MemoryBook } from "../app/memoryBook";
import { LEDGER_SHEET } from "../app/names";
import type { Cell } from "../domain/cells";
import { type Day, isoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { MissingColumnsError, type Table } from "../domain/ledger";
import { type Options, UsageError, type Write, parseDateArg, required } from "./args";
import { withBookLock } from "./book";
import { updateBook } from "./book/fastBook";
import { bookSettings, commandLang, ensureSettingsSheet, ledgerHeaderOf } from "./bookSettings";
import { missingColumnLines, noteLine, problemLine } from "./classifyCommand";
import { ct } from "../domain/messages/cli";
import { bucketLines, taskLines } from "./summary";
import { FileUnusableError, readTableFile } from "./tableFile";
import { displayWidth } from "./text";

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** How the book's ledger sheet is named in row messages. */
export function ledgerSheetLabel(book: string): string {
  return `${book} (${LEDGER_SHEET})`;
}

/** Checks that `book` can be a book: an .xlsx path that is not the ledger, in a folder that exists. */
export function checkBookPath(lang: Lang, command: string, book: string, ledger?: string): void {
  if (extname(book).toLowerCase() !== ".xlsx") throw new UsageError(ct(lang, "arg.book_not_xlsx", { command, file: book }), command);
  if (ledger !== undefined && sameFile(book, ledger))
    throw new UsageError(ct(lang, "arg.book_is_ledger", { command, file: book }), command);
  if (existsSync(book)) {
    if (!statSync(book).isFile()) throw new FileUnusableError(book, "not_a_file");
    return;
  }
  const folder = dirname(resolve(book));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(ct(lang, "arg.book_folder_missing", { command, file: book, folder }), command);
  }
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/** Column widths (in characters) that fit a sheet's first rows. */
export function autoWidths(values: readonly (readonly Cell[])[], sample = 300): number[] {
  const widths: number[] = [];
  for (const row of values.slice(0, sample)) {
    row.forEach((c, i) => {
      const text = c instanceof Date ? "yyyy-mm-dd" : c === null || c === undefined ? "" : typeof c === "object" ? c.error : String(c);
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(text));
    });
  }
  return Array.from(widths, (w) => Math.min(50, Math.max(6, (w ?? 0) + 2)));
}

/** Replaces the book's ledger sheet with the store's ledger as read (header and rows, cells as they are). */
export function putLedger(book: MemoryBook, table: Table | Cell[][]): void {
  const values = Array.isArray(table) ? table : [table.header, ...table.rows];
  book.put(LEDGER_SHEET, values, { freezeHeader: true });
}

/** After the job: widths that fit the ledger, store's columns and Daihou's alike. */
export function fitLedgerWidths(book: MemoryBook): void {
  const sheet = book.sheets.get(LEDGER_SHEET);
  if (sheet) sheet.options = { ...sheet.options, widths: autoWidths(sheet.values) };
}

/** The summary lines of a run (counts only). */
export function daySummary(lang: Lang, result: DailyJobResult, bookPath: string, ledgerName = ledgerSheetLabel(bookPath)): string[] {
  const problemRows = new Set(result.problems.map((p) => p.row)).size;
  return [
    ct(lang, "day.title", { date: isoDay(result.t) }),
    ct(lang, "day.ledger", { rows: result.rows, active: result.active }),
    ct(lang, problemRows > 0 ? "day.problems_see" : "day.problems", { count: problemRows }),
    ...result.notes.map((note) => noteLine(lang, ledgerName, note)),
    "",
    ...bucketLines(lang, result),
    "",
    ...taskLines(lang, result),
    "",
    ct(lang, "summary.call_sheet", { sheet: result.callSheet }),
    ct(lang, "summary.book", { file: bookPath }),
  ];
}

/** Runs `day`; resolves to the exit code. */
export async function runDay(
  argLang: Lang,
  opts: Options,
  out: Write,
  err: Write,
  choice: LangChoice = { flag: argLang },
): Promise<number> {
  let lang = argLang;
  const bookPath = required(lang, "day", opts, "book");
  const t: Day = parseDateArg(lang, "day", required(lang, "day", opts, "date"));
  const ledger = typeof opts.ledger === "string" ? opts.ledger : undefined;
  checkBookPath(lang, "day", bookPath, ledger);
  const exists = existsSync(bookPath);
  if (!exists && ledger === undefined) throw new UsageError(ct(lang, "arg.book_needs_ledger", { command: "day", file: bookPath }), "day");
  // The ledger is read before the book is touched: a file that cannot be used stops here.
  const table = ledger === undefined ? undefined : await readTableFile(ledger);
  const shownName = ledger ?? ledgerSheetLabel(bookPath);

  // Checked again under the lock: another run may have made the book while the ledger was read. The book is
  // opened part by part when it can be (book/fastBook.ts): only the sheets the day touches are read and written.
  const outcome = await withBookLock(bookPath, () =>
    updateBook<DailyJobResult | MissingColumnsError>(bookPath, (book) => {
      // A language for the messages below until the settings are read.
      lang = chooseLang(choice, book, table?.header);
      if (table) putLedger(book, table);
      else if (!book.sheets.has(LEDGER_SHEET))
        throw new UsageError(ct(lang, "arg.no_ledger_sheet", { file: bookPath, sheet: LEDGER_SHEET }), "day");
      // The book's settings (a bad value stops here, nothing saved); the first run writes the defaults into the book.
      const settings = bookSettings(book, bookPath);
      // The language: the flag or locale, else the book's, else the ledger's headers (SPEC §7).
      lang = commandLang(choice, book, settings, ledgerHeaderOf(book));
      ensureSettingsSheet(book, settings, lang);
      let result: DailyJobResult;
      try {
        result = runDailyJob(book, { t, settings, lang, ledgerSheet: LEDGER_SHEET });
      } catch (e) {
        if (e instanceof MissingColumnsError) return { result: e, save: false }; // nothing is saved: the book stays as it was
        throw e;
      }
      if (table) fitLedgerWidths(book);
      return { result, save: true };
    }),
  );

  if (outcome instanceof MissingColumnsError) {
    for (const line of missingColumnLines(lang, shownName, outcome)) err(line);
    return EXIT_USAGE;
  }
  for (const note of outcome.notes) err(noteLine(lang, shownName, note));
  for (const p of outcome.problems) err(problemLine(lang, shownName, p));
  out(daySummary(lang, outcome, bookPath, shownName).join("\n"));
  return EXIT_OK;
}
