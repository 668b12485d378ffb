/**
 * `daihou demo [--out DIR] [--date D] [--shape ledger|schedule]`: the whole workflow on a generated
 * sample store — the daily job on every day up to D on one book, then the book
 * written to DIR/daihou-demo.xlsx. Prints counts and where the book is; no
 * customer data.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type DailyJobResult, runDailyJob } from "../app/dailyJob";
import type { MemoryBook } from "../app/memoryBook";
import { LEDGER_SHEET, dateOfCallSheet } from "../app/names";
import { type SampleShape, generateLoans, sampleStore } from "../app/sampleStore";
import { type Day, addMonths, isoDay, monthBounds, monthOf, parseIsoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { defaultSettings } from "../domain/settings";
import { type Options, UsageError, type Write, parseDateArg } from "./args";
import { LocalBook, saveBook, withBookLock } from "./book";
import { noteLine, problemLine } from "./classifyCommand";
import { fitLedgerWidths, ledgerSheetLabel, putLedger } from "./dayCommand";
import { ct } from "./messages";
import { bucketLines, countTasks, taskLines } from "./summary";

/** The demo's last day: a Monday, so the sheet has welcome calls after a weekend, reminders of every class, confirmations and collections. */
export const DEMO_DATE = "2026-11-30";
/** The first day the demo runs the job (three whole months of history before the default date). */
export const DEMO_FROM = "2026-06-01";
export const DEMO_LOANS = 320;
export const DEMO_SEED = 20261116;
/** Loans are disbursed from this day on. */
const DISBURSED_FROM = "2025-03-01";
/** The earliest --date: three months after the first disbursement. */
export const DEMO_MIN_DATE = "2025-06-01";
export const DEMO_BOOK = "daihou-demo.xlsx";

/** Runs `demo`; resolves to the exit code. */
export async function runDemo(lang: Lang, opts: Options, out: Write, err: Write): Promise<number> {
  const dir = typeof opts.out === "string" ? opts.out : "out";
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(ct(lang, "arg.out_is_file", { file: dir }), "demo");
  const last: Day = typeof opts.date === "string" ? parseDateArg(lang, "demo", opts.date) : parseIsoDay(DEMO_DATE);
  if (last < parseIsoDay(DEMO_MIN_DATE)) throw new UsageError(ct(lang, "arg.demo_date", { min: DEMO_MIN_DATE }), "demo");
  const first = Math.min(parseIsoDay(DEMO_FROM), monthBounds(addMonths(monthOf(last), -3)).first);
  const shape = opts.shape ?? "ledger";
  if (shape !== "ledger" && shape !== "schedule") throw new UsageError(ct(lang, "arg.demo_shape", { text: String(shape) }), "demo");

  const { book, result, tasksByDay } = demoBook(lang, first, last, shape);

  mkdirSync(dir, { recursive: true });
  const path = join(dir, DEMO_BOOK);
  await withBookLock(path, () => saveBook(book, path));

  for (const note of result.notes) err(noteLine(lang, ledgerSheetLabel(path), note));
  for (const p of result.problems) err(problemLine(lang, ledgerSheetLabel(path), p));
  // The tasks of every call sheet the book keeps, for the second column of the task table.
  const kept = countTasks(tasksByDay.filter((r) => book.sheets.has(r.callSheet)).flatMap((r) => r.tasks));
  out(
    [
      ct(lang, "demo.title"),
      ct(lang, "demo.store", { loans: DEMO_LOANS, days: last - first + 1, from: isoDay(first), to: isoDay(last) }),
      ct(lang, "day.ledger", { rows: result.rows, active: result.active }),
      "",
      ...bucketLines(lang, result),
      "",
      ...taskLines(lang, result, { title: ct(lang, "demo.kept", { count: callSheets(book) }), counts: kept }),
      "",
      ct(lang, "summary.call_sheet", { sheet: result.callSheet }),
      ct(lang, "summary.book", { file: path }),
    ].join("\n"),
  );
  return 0;
}

/** The demo store's book: the daily job on every day from `first` to `last` (the preview serves it, `demo` saves it). */
export function demoBook(
  lang: Lang,
  first: Day,
  last: Day,
  shape: SampleShape = "ledger",
): { book: LocalBook; result: DailyJobResult; tasksByDay: DailyJobResult[] } {
  const loans = generateLoans({ loans: DEMO_LOANS, from: parseIsoDay(DISBURSED_FROM), to: last - 1, seed: DEMO_SEED });
  const book = new LocalBook();
  const settings = defaultSettings();
  let result: DailyJobResult | undefined;
  const tasksByDay: DailyJobResult[] = [];
  for (let t = first; t <= last; t++) {
    putLedger(book, sampleStore(loans, t, shape));
    result = runDailyJob(book, { t, settings, lang, ledgerSheet: LEDGER_SHEET });
    if (t > last - 40) tasksByDay.push(result);
  }
  if (!result) throw new Error("the demo ran on no day");
  fitLedgerWidths(book);
  return { book, result, tasksByDay };
}

function callSheets(book: MemoryBook): number {
  return [...book.sheets.keys()].filter((name) => dateOfCallSheet(name) !== null).length;
}
