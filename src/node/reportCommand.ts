/**
 * `daihou report --book B.xlsx [--month YYYY-MM] [--json]` (SPEC §7): month-end
 * figures from the book's history. With --json the book is only read; without,
 * the report sheet (`月末报告 Report YYYY-MM`, with its charts) is written into
 * the book, under the book's lock and saved atomically.
 */
import { existsSync } from "node:fs";
import { REPORT_RATIOS, latestCompleteMonth, monthEndFromBook, reportJson, unavailableText, writeMonthEndReport } from "../app/monthEndReport";
import { LEDGER_SHEET, reportSheetName } from "../app/names";
import { addMonths, parseMonth } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { BUCKETS } from "../domain/classify";
import { type MonthEndFigures, ROLL_TO } from "../domain/monthEnd";
import { type Settings, defaultSettings } from "../domain/settings";
import { type Options, UsageError, type Write, required } from "./args";
import { loadBook, saveBook, withBookLock } from "./book";
import { bookSettings, commandLang, ledgerHeaderOf } from "./bookSettings";
import { FileUnusableError } from "./tableFile";
import { ct } from "./messages";
import { alignColumns } from "./text";


const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(2)}%`);

/** The readable report. */
export function renderReport(lang: Lang, f: MonthEndFigures, baselines: Record<string, number>, title: string): string {
  const lines = [title, ""];
  const rows = [[ct(lang, "report.figure"), ct(lang, "report.value"), ct(lang, "report.baseline"), ct(lang, "report.status")]];
  for (const key of REPORT_RATIOS) {
    const v = f[key];
    const base = baselines[key];
    rows.push([key, pct(v), base === undefined ? "" : pct(base), v === null ? ct(lang, "report.na") : base !== undefined && v > base ? ct(lang, "report.over") : ct(lang, "report.within")]);
  }
  for (const [day, v] of Object.entries(f.c_m1_by_due_day)) rows.push([`c_m1 (${day})`, pct(v), "", v === null ? ct(lang, "report.na") : ""]);
  lines.push(...alignColumns(rows, [false, true, true, false]), "");
  if (f.roll) {
    lines.push(ct(lang, "report.roll"));
    const roll = f.roll;
    const table = [["", ...ROLL_TO], ...BUCKETS.map((from) => [from, ...ROLL_TO.map((to) => `${roll[from][to].count} / ${roll[from][to].principal.toFixed(2)}`)])];
    lines.push(...alignColumns(table, [false, ...ROLL_TO.map(() => true)]), "");
  }
  if (f.m1_outcome) lines.push(ct(lang, "report.m1_outcome", f.m1_outcome));
  return `${lines.join("\n")}\n`;
}

/** Runs `report`; resolves to the exit code. */
export async function runReport(runLang: Lang, opts: Options, out: Write, err: Write): Promise<number> {
  let lang = runLang;
  const bookPath = required(lang, "report", opts, "book");
  const monthArg = typeof opts.month === "string" ? opts.month : undefined;
  if (monthArg !== undefined && !parseMonth(monthArg)) throw new UsageError(ct(lang, "report.bad_month", { text: monthArg }), "report");
  const json = opts.json === true;
  let settings: Settings = defaultSettings();
  const work = async (): Promise<{ month: string; f: MonthEndFigures } | null> => {
    const book = await loadBook(bookPath);
    settings = bookSettings(book, bookPath);
    lang = commandLang(lang, opts, settings, ledgerHeaderOf(book));
    // `2026-1` and ` 2026-10 ` are read as 2026-01 and 2026-10 (addMonths writes a month key in full).
    const month = monthArg ? addMonths(monthArg, 0) : latestCompleteMonth(book);
    if (month === null) return null;
    if (json) return { month, f: monthEndFromBook(book, month, settings) };
    const { figures } = writeMonthEndReport(book, month, settings, lang, undefined, { sheet: LEDGER_SHEET });
    await saveBook(book, bookPath);
    return { month, f: figures };
  };
  // The lock file goes beside the book: a book that is not there is reported before it is made.
  if (!json && !existsSync(bookPath)) throw new FileUnusableError(bookPath, "missing");
  const done = json ? await work() : await withBookLock(bookPath, work);
  if (done === null) {
    err(ct(lang, "report.no_history", { file: bookPath }));
    return 2;
  }
  const { month, f } = done;
  for (const u of f.unavailable) {
    err(ct(lang, "report.unavailable", { file: bookPath, month, figure: u.figure, why: unavailableText(lang, u) }));
  }
  if (json) out(`${JSON.stringify(reportJson(f), null, 2)}\n`);
  else {
    out(renderReport(lang, f, settings.baselines, ct(lang, "report.title", { file: bookPath, month })));
    out(ct(lang, "report.written", { file: bookPath, sheet: reportSheetName(month) }));
  }
  return 0;
}
