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
import { type LangChoice, chooseLang } from "../app/language";
import { RATIO_LABELS, REPORT_RATIOS, writeMonthEndReport } from "../app/monthEndReport";
import { CONTACT_LOG_SHEET, LEDGER_SHEET, dateOfCallSheet, reportSheetName } from "../app/names";
import { reportMonth } from "../app/reportMonth";
import { SAMPLE_HEADERS, type SampleShape, generateLoans, sampleStaff, sampleStore } from "../app/sampleStore";
import { workCallSheet } from "../app/sampleWork";
import { type Day, addMonths, isoDay, monthBounds, monthOf, parseIsoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { type Settings, defaultSettings } from "../domain/settings";
import { type Options, UsageError, type Write, parseDateArg } from "./args";
import { LocalBook, saveBook, withBookLock } from "./book";
import { bookSettings, writeSettingsSheet } from "./bookSettings";
import { noteLine, problemLine } from "./classifyCommand";
import { fitLedgerWidths, ledgerSheetLabel, putLedger } from "./dayCommand";
import { ct } from "../domain/messages/cli";
import { bucketLines, countTasks, taskLines } from "./summary";
import { alignColumns } from "./text";
import { monthOfHistorySheet } from "../domain/history";

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
export async function runDemo(
  argLang: Lang,
  opts: Options,
  out: Write,
  err: Write,
  choice: LangChoice = { flag: argLang },
): Promise<number> {
  // The generated store keeps its ledger in Chinese: without --lang or a locale naming one, the demo speaks Chinese.
  const lang = chooseLang(choice, null, SAMPLE_HEADERS);
  const dir = typeof opts.out === "string" ? opts.out : "out";
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(ct(lang, "arg.out_is_file", { file: dir }), "demo");
  const last: Day = typeof opts.date === "string" ? parseDateArg(lang, "demo", opts.date) : parseIsoDay(DEMO_DATE);
  if (last < parseIsoDay(DEMO_MIN_DATE)) throw new UsageError(ct(lang, "arg.demo_date", { min: DEMO_MIN_DATE }), "demo");
  const first = Math.min(parseIsoDay(DEMO_FROM), monthBounds(addMonths(monthOf(last), -3)).first);
  const shape = opts.shape ?? "ledger";
  if (shape !== "ledger" && shape !== "schedule") throw new UsageError(ct(lang, "arg.demo_shape", { text: String(shape) }), "demo");

  const { book, result, tasksByDay, work, reports } = demoBook(lang, first, last, shape);

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
      ct(lang, "demo.worked", { ...work }),
      "",
      ...monthLines(lang, reports),
      ct(lang, "summary.call_sheet", { sheet: result.callSheet }),
      ct(lang, "demo.open", { report: reports.at(-1)?.sheet ?? "—", calls: result.callSheet, log: CONTACT_LOG_SHEET }),
      ct(lang, "summary.book", { file: path }),
    ].join("\n"),
  );
  return 0;
}

/** The demo store's roster (SPEC §7's staff setting): a manager and three collectors. */
export const DEMO_STAFF: Settings["staff"] = sampleStaff();

/** What the staff did on the call sheets before the last day: calls in the contact log, and the promises of the months reported (as the staff summaries count them). */
export interface DemoWork {
  entries: number;
  ptps: number;
  kept: number;
}

/** One month-end report sheet the demo wrote. */
export interface DemoReport {
  month: string;
  sheet: string;
  figures: Record<string, number | null>;
  ptps: number;
  kept: number;
}

/**
 * The demo store's book: the daily job on every day from `first` to `last`, the staff working
 * each day's call sheet before `last` (recorded as a person records it), and a month-end
 * report sheet for every complete month (the preview serves it, `demo` saves it).
 */
export function demoBook(
  lang: Lang,
  first: Day,
  last: Day,
  shape: SampleShape = "ledger",
): { book: LocalBook; result: DailyJobResult; tasksByDay: DailyJobResult[]; work: DemoWork; reports: DemoReport[] } {
  const loans = generateLoans({ loans: DEMO_LOANS, from: parseIsoDay(DISBURSED_FROM), to: last - 1, seed: DEMO_SEED });
  const byId = new Map(loans.map((l) => [l.loanId, l]));
  const book = new LocalBook();
  // The ledger first, then the settings sheet with the store's roster; the job runs on what that sheet says.
  putLedger(book, sampleStore(loans, first, shape));
  writeSettingsSheet(book, { ...defaultSettings(), staff: sampleStaff() }, lang);
  const settings = bookSettings(book, DEMO_BOOK);
  let result: DailyJobResult | undefined;
  const tasksByDay: DailyJobResult[] = [];
  for (let t = first; t <= last; t++) {
    putLedger(book, sampleStore(loans, t, shape));
    result = runDailyJob(book, { t, settings, lang, ledgerSheet: LEDGER_SHEET });
    if (t > last - 40) tasksByDay.push(result);
    // Today's sheet is left for the store to work; every earlier one was worked the day it was made.
    if (t < last) workCallSheet(book, { date: t, lang, settings, ledgerSheet: LEDGER_SHEET, loans: byId });
  }
  if (!result) throw new Error("the demo ran on no day");
  fitLedgerWidths(book);
  const reports = monthEndReports(book, settings, lang);
  const work: DemoWork = {
    entries: Math.max(0, (book.read(CONTACT_LOG_SHEET)?.length ?? 1) - 1),
    ptps: reports.reduce((n, r) => n + r.ptps, 0),
    kept: reports.reduce((n, r) => n + r.kept, 0),
  };
  return { book, result, tasksByDay, work, reports };
}

/** A report sheet (with its charts) for every complete month, oldest first. */
function monthEndReports(book: LocalBook, settings: Settings, lang: Lang): DemoReport[] {
  const chosen = reportMonth(book);
  if (chosen.month === null) return [];
  const reports: DemoReport[] = [];
  const started = [...book.sheetNames()]
    .map(monthOfHistorySheet)
    .filter((m): m is string => m !== null)
    .sort()[0];
  for (let m = addMonths(started, 1); m <= chosen.month; m = addMonths(m, 1)) {
    const { sheet, figures, staff = [] } = writeMonthEndReport(book, m, settings, lang, undefined, { sheet: LEDGER_SHEET });
    reports.push({
      month: m,
      sheet,
      figures: Object.fromEntries(REPORT_RATIOS.map((k) => [k, figures[k]])),
      ptps: staff.reduce((n, s) => n + s.ptps, 0),
      kept: staff.reduce((n, s) => n + s.ptpsKept, 0),
    });
  }
  return reports;
}

/** The last complete month's figures, one a line. */
function monthLines(lang: Lang, reports: readonly DemoReport[]): string[] {
  const r = reports.at(-1);
  if (!r) return [];
  const rows = REPORT_RATIOS.map((k) => {
    const v = r.figures[k];
    return [`  ${RATIO_LABELS[k][lang]}`, v === null ? "—" : `${(v * 100).toFixed(2)}%`];
  });
  return [ct(lang, "demo.month", { month: r.month, sheet: reportSheetName(r.month) }), ...alignColumns(rows, [false, true]), ""];
}

function callSheets(book: MemoryBook): number {
  return [...book.sheets.keys()].filter((name) => dateOfCallSheet(name) !== null).length;
}
