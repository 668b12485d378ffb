/**
 * `daihou report --book B.xlsx [--month YYYY-MM] [--json]` (SPEC §7): month-end
 * figures from the book's history. With --json the book is only read; without,
 * the report sheet (`月末报告 Report YYYY-MM`, with its charts) is written into
 * the book, under the book's lock and saved atomically. The text output names
 * every figure in words (the report sheet's own labels) with amounts as money.
 */
import { cents } from "../domain/cells";
import { existsSync } from "node:fs";
import type { LangChoice } from "../app/language";
import {
  RATIO_LABELS,
  REPORT_RATIOS,
  STATE_LABELS,
  type StaffSummaryRow,
  figureName,
  monthEndFromBook,
  reportJson,
  reportLabel,
  writeMonthEndReport,
} from "../app/monthEndReport";
import { beyondFigureName, beyondReasonText } from "../app/beyondLabels";
import { beyondFromBook, beyondJson } from "../app/beyondReport";
import { LEDGER_SHEET, reportSheetName } from "../app/names";
import { BEYOND_KEYS, type BeyondResult } from "../domain/figures/beyond";
import { reportMonth } from "../app/reportMonth";
import { BUCKETS } from "../domain/classify";
import { addMonths, parseMonth } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { type MonthEndFigures, ROLL_TO } from "../domain/monthEnd";
import { type Settings, defaultSettings } from "../domain/settings";
import { type Options, UsageError, type Write, required } from "./args";
import { loadBook, saveBook, withBookLock } from "./book";
import { bookSettings, commandLang, ledgerHeaderOf } from "./bookSettings";
import { renderBeyond } from "./beyondText";
import { ct } from "../domain/messages/cli";
import { FileUnusableError } from "./tableFile";
import { alignColumns, formatMoney } from "./text";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(2)}%`);

/** The readable report: every figure, movement and label in words; amounts with separators and two decimals. */
export function renderReport(
  lang: Lang,
  f: MonthEndFigures,
  baselines: Record<string, number>,
  title: string,
  staff: readonly StaffSummaryRow[] | null = null,
): string {
  const L = (key: Parameters<typeof reportLabel>[1], params?: Record<string, string | number>) => reportLabel(lang, key, params);
  const lines = [title, ""];
  const rows = [[ct(lang, "report.figure"), ct(lang, "report.value"), ct(lang, "report.baseline"), ct(lang, "report.status")]];
  for (const key of REPORT_RATIOS) {
    const v = f[key];
    const base = baselines[key];
    rows.push([
      RATIO_LABELS[key][lang],
      pct(v),
      base === undefined ? "" : pct(base),
      v === null ? ct(lang, "report.na") : base !== undefined && v > base ? ct(lang, "report.over") : ct(lang, "report.within"),
    ]);
  }
  for (const [day, v] of Object.entries(f.c_m1_by_due_day))
    rows.push([L("c_m1_day", { day }), pct(v), "", v === null ? ct(lang, "report.na") : ""]);
  lines.push(...alignColumns(rows, [false, true, true, false]), "");
  if (f.roll) {
    lines.push(ct(lang, "report.roll"));
    const roll = f.roll;
    const table = [
      [L("roll_corner"), ...ROLL_TO.map((to) => STATE_LABELS[to][lang])],
      ...BUCKETS.map((from) => [
        STATE_LABELS[from][lang],
        ...ROLL_TO.map((to) => `${roll[from][to].count} / ${formatMoney(roll[from][to].principal)}`),
      ]),
    ];
    lines.push(...alignColumns(table, [false, ...ROLL_TO.map(() => true)]), "");
  }
  if (f.m1_outcome) lines.push(ct(lang, "report.m1_outcome", f.m1_outcome), "");
  if (staff !== null) {
    lines.push(L("staff"));
    if (staff.length === 0) lines.push(L("nothing_recorded"));
    else {
      const table = [[L("collector"), L("dials"), L("reached"), L("ptps"), L("ptps_kept"), L("cured")]];
      for (const s of staff) table.push([s.staff, ...[s.dials, s.reached, s.ptps, s.ptpsKept, s.cured].map(String)]);
      lines.push(...alignColumns(table, [false, true, true, true, true, true]));
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

/** `report --json`'s object: SPEC §7's keys; amounts (the roll matrix's principal) rounded to cents, ratios as they are. */
export function reportJsonOut(f: MonthEndFigures): ReturnType<typeof reportJson> {
  const out = reportJson(f);
  if (out.roll === null) return out;
  const roll = Object.fromEntries(
    Object.entries(out.roll).map(([from, row]) => [
      from,
      Object.fromEntries(Object.entries(row).map(([to, c]) => [to, { count: c.count, principal: cents(c.principal) }])),
    ]),
  ) as typeof out.roll;
  return { ...out, roll };
}

/** The JSON of a book with no complete month: every figure null, and why. */
function noMonthJson(reason: string): Record<string, unknown> {
  const figures = Object.fromEntries(REPORT_RATIOS.map((k) => [k, null]));
  return {
    month: null,
    ...figures,
    c_m1_by_due_day: null,
    roll: null,
    m1_outcome: null,
    ...Object.fromEntries(BEYOND_KEYS.map((k) => [k, null])),
    reason,
  };
}

/** Runs `report`; resolves to the exit code. */
export async function runReport(
  argLang: Lang,
  opts: Options,
  out: Write,
  err: Write,
  choice: LangChoice = { flag: argLang },
): Promise<number> {
  let lang = argLang;
  const bookPath = required(lang, "report", opts, "book");
  const monthArg = typeof opts.month === "string" ? opts.month : undefined;
  if (monthArg !== undefined && !parseMonth(monthArg)) throw new UsageError(ct(lang, "report.bad_month", { text: monthArg }), "report");
  const json = opts.json === true;
  let settings: Settings = defaultSettings();
  type Done =
    | { month: string; f: MonthEndFigures; beyond: BeyondResult; staff?: readonly StaffSummaryRow[] }
    | { month: null; first: string | null };
  const work = async (): Promise<Done> => {
    const book = await loadBook(bookPath);
    settings = bookSettings(book, bookPath);
    lang = commandLang(choice, book, settings, ledgerHeaderOf(book));
    // `2026-1` and ` 2026-10 ` are read as 2026-01 and 2026-10 (addMonths writes a month key in full).
    const chosen = monthArg ? { month: addMonths(monthArg, 0) } : reportMonth(book);
    if (chosen.month === null) return chosen;
    const { month } = chosen;
    if (json) return { month, f: monthEndFromBook(book, month, settings), beyond: beyondFromBook(book, month, settings, lang) };
    const report = writeMonthEndReport(book, month, settings, lang, undefined, { sheet: LEDGER_SHEET });
    await saveBook(book, bookPath);
    return { month, f: report.figures, beyond: report.beyond ?? beyondFromBook(book, month, settings, lang), staff: report.staff ?? [] };
  };
  // The lock file goes beside the book: a book that is not there is reported before it is made.
  if (!json && !existsSync(bookPath)) throw new FileUnusableError(bookPath, "missing");
  const done = json ? await work() : await withBookLock(bookPath, work);
  if (done.month === null) {
    if (done.first === null) {
      err(ct(lang, "report.no_history", { file: bookPath }));
      return 2;
    }
    // A book started mid-month: one line says when the first month will be complete (exit 0).
    if (json) out(`${JSON.stringify(noMonthJson(ct(lang, "report.no_month_json", { first: done.first })), null, 2)}\n`);
    else out(ct(lang, "report.no_month", { file: bookPath, first: done.first }));
    return 0;
  }
  const { month, f, beyond } = done;
  for (const u of f.unavailable) {
    err(
      ct(lang, "report.unavailable", {
        file: bookPath,
        month,
        figure: figureName(lang, u.figure),
        why: reportLabel(lang, `why.${u.reason}`, { day: u.day, accounts: u.accounts }),
      }),
    );
  }
  for (const u of beyond.unavailable) {
    err(
      ct(lang, "report.unavailable", { file: bookPath, month, figure: beyondFigureName(lang, u.figure), why: beyondReasonText(lang, u) }),
    );
  }
  if (json) out(`${JSON.stringify({ ...reportJsonOut(f), ...beyondJson(beyond) }, null, 2)}\n`);
  else {
    out(renderReport(lang, f, settings.baselines, ct(lang, "report.title", { file: bookPath, month }), done.staff));
    out(renderBeyond(lang, month, beyond, settings.baselines));
    out(ct(lang, "report.written", { file: bookPath, sheet: reportSheetName(month) }));
  }
  return 0;
}
