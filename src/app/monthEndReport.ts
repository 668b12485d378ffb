/**
 * The month-end report use case (SPEC §6): figures for a month from the book's
 * history, the latest complete month, the JSON `daihou report` prints, and the
 * report sheet both surfaces write.
 */
import { BUCKETS } from "../domain/classify";
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT } from "../domain/cells";
import { type Day, type MonthKey, addMonths, isoDay, monthBounds, monthOf } from "../domain/days";
import { HistoryView, emptyMonth, monthOfHistorySheet } from "../domain/history";
import type { Lang } from "../domain/i18n";
import {
  type MonthEndFigures,
  ROLL_TO,
  type RollTo,
  type Transition,
  type Unavailable,
  cured,
  monthEndFigures,
  monthEndTrend,
  monthTransitions,
  monthsForFigures,
  rolledWorse,
} from "../domain/monthEnd";
import { type StaffSummaryRow as DomainStaffSummaryRow, staffSummary as staffSummaryOf } from "../domain/attempts";
import { timelineOf } from "../domain/promises";
import { MissingColumnsError, parseLedger } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { readContactLog } from "./contactLog";
import { readHistory, readLedger } from "./dailyJob";
import { CONTACT_LOG_SHEET, reportSheetName } from "./names";
import type { BookPort, ChartSpec, NumberFormat, NumberFormatName } from "./port";
import { fillPlaceholders } from "../domain/template";
import type { BeyondResult } from "../domain/figures/beyond";
import { beyondFromBook } from "./beyondReport";
import { addBeyondSections } from "./beyondSheet";
import { beyondLabel } from "./beyondLabels";

/** The latest month whose last day the history reaches (the job ran on or after it); null when none. */
export function latestCompleteMonth(port: BookPort): MonthKey | null {
  const months = port
    .sheetNames()
    .map(monthOfHistorySheet)
    .filter((m): m is MonthKey => m !== null)
    .sort();
  if (months.length === 0) return null;
  const last = months[months.length - 1];
  const view = new HistoryView(readHistory(port, [last]));
  const days = view.days();
  if (days.length === 0) return addMonths(last, -1);
  const lastRun = days[days.length - 1];
  return lastRun >= monthBounds(monthOf(lastRun)).last ? monthOf(lastRun) : addMonths(monthOf(lastRun), -1);
}

/** Month-end figures of `month` from the book's history. */
export function monthEndFromBook(port: BookPort, month: MonthKey, settings: Settings): MonthEndFigures {
  return monthEndFigures(new HistoryView(readHistory(port, monthsForFigures(month))), month, settings);
}

/** The object `daihou report --json` prints (SPEC §7): unrounded fractions, null where unavailable. */
export function reportJson(f: MonthEndFigures): Omit<MonthEndFigures, "unavailable"> {
  const { unavailable: _, ...rest } = f;
  return rest;
}

// ---------------------------------------------------------------- the report sheet

/** What the report shows of one collector's month (SPEC §6's staff summary, 催收总结). */
export type StaffSummaryRow = Pick<DomainStaffSummaryRow, "staff" | "dials" | "reached" | "ptps" | "ptpsKept" | "cured">;

import type { Labels } from "./names";

/** Where the report finds the store's ledger (for each loan's installment, which judges promises as the daily job does). */
export interface ReportLedger {
  sheet: string;
  cellContext?: CellContext;
}

/**
 * The staff summary (催收总结) of a month from the book's contact log and history;
 * undefined when the book has no contact log yet. Promises are judged with each
 * loan's installment from the ledger when it is given and readable.
 */
export function staffSummaryFromBook(
  port: BookPort,
  month: MonthKey,
  settings: Settings,
  lang: Lang,
  view: HistoryView,
  ledger?: ReportLedger,
): StaffSummaryRow[] | undefined {
  const values = port.read(CONTACT_LOG_SHEET);
  if (values === null) return undefined;
  const ctx = ledger?.cellContext ?? { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder };
  const { entries } = readContactLog(values, lang, ctx);
  return staffSummaryOf(entries, month, timelineOf(view), settings, installmentsOf(port, ledger, settings, monthBounds(month).last, ctx));
}

/** Each loan's installment from the ledger; null for every loan when there is no readable ledger. */
function installmentsOf(
  port: BookPort,
  ledger: ReportLedger | undefined,
  settings: Settings,
  asOf: Day,
  ctx: CellContext,
): (loanId: string) => number | null {
  if (!ledger || port.read(ledger.sheet) === null) return () => null;
  try {
    const accounts = parseLedger(readLedger(port, ledger.sheet).table, settings, asOf, ctx).accounts;
    const byId = new Map(accounts.map((a) => [a.loanId, a.installment]));
    return (id) => byId.get(id) ?? null;
  } catch (e) {
    if (e instanceof MissingColumnsError) return () => null;
    throw e;
  }
}

import { RATIO_LABELS, REPORT_RATIOS, type ReportRatio, STATE_LABELS } from "./reportLabels";

export { RATIO_LABELS, REPORT_RATIOS, type ReportRatio, STATE_LABELS };

/** The trend table's columns after the month: the amount ratios, then the count ratios (one chart each). */
export const TREND_AMOUNT: readonly ReportRatio[] = ["m1_ratio_amount", "m2_ratio_amount", "m3plus_ratio_amount", "c_m1_rate_amount"];
export const TREND_COUNT: readonly ReportRatio[] = ["m1_ratio_count", "m2_ratio_count", "m3plus_ratio_count"];

/** Every label the report sheet shows, in both languages. */
export const REPORT_LABELS = {
  title: { zh: "月末报告 {month}", en: "Month-end report {month}" },
  period: { zh: "上月末 E′ = {prev}，本月末 E = {end}", en: "Previous month end E′ = {prev}, month end E = {end}" },
  figures: { zh: "月末指标", en: "Month-end figures" },
  figure: { zh: "指标", en: "Figure" },
  value: { zh: "数值", en: "Value" },
  baseline: { zh: "基准（上限）", en: "Baseline (maximum)" },
  status: { zh: "状态", en: "Status" },
  reason: { zh: "原因", en: "Reason" },
  over: { zh: "超标", en: "over" },
  within: { zh: "达标", en: "within" },
  unavailable: { zh: "无法计算", en: "unavailable" },
  "why.not_run": { zh: "{day} 前后没有运行每日作业", en: "the job has not run on or around {day}" },
  "why.changed_between": {
    zh: "{day} 没有运行每日作业，且有 {accounts} 户在前后两次运行之间发生了变化",
    en: "the job did not run on {day} and {accounts} accounts changed between the runs around it",
  },
  "why.no_base": { zh: "{day} 没有有效账户可作分母", en: "no active accounts on {day} to divide by" },
  "why.no_due_days": {
    zh: "台账没有还款日或下期还款日列，无法按还款日计算",
    en: "the ledger has no due day or next due date column, so it cannot be worked out by due day",
  },
  "why.due_day": { zh: "还款日 {day}：{why}", en: "due day {day}: {why}" },
  c_m1: { zh: "各还款日的 C-M1%", en: "C-M1% per due day" },
  c_m1_day: { zh: "C-M1%（还款日 {day}）", en: "C-M1% (due day {day})" },
  month_end: { zh: "月末指标与迁徙矩阵", en: "the month-end figures and roll matrix" },
  due_day: { zh: "还款日", en: "Due day" },
  trend: { zh: "趋势（历史覆盖的各月）", en: "Trend (the months the history covers)" },
  month: { zh: "月份", en: "Month" },
  chart_amount: { zh: "逾期占比趋势（金额）", en: "Overdue ratios by amount" },
  chart_count: { zh: "逾期占比趋势（户数）", en: "Overdue ratios by count" },
  roll_count: { zh: "迁徙矩阵：户数（行：上月末账龄；列：本月末）", en: "Roll matrix: accounts (rows: bucket at E′; columns: at E)" },
  roll_principal: { zh: "迁徙矩阵：上月末剩余本金合计", en: "Roll matrix: Σ principal at E′" },
  roll_corner: { zh: "上月末 \\ 本月末", en: "E′ \\ E" },
  m1_outcome: { zh: "M1 结果（上月末在 M1 的账户）", en: "M1 outcome (accounts in M1 at E′)" },
  outcome: { zh: "结果", en: "Outcome" },
  accounts: { zh: "户数", en: "Accounts" },
  share: { zh: "占比", en: "Share" },
  meaning: { zh: "含义", en: "Meaning" },
  one: { zh: "ONE 优秀", en: "ONE 优秀 (excellent)" },
  two: { zh: "TWO 能接受", en: "TWO 能接受 (acceptable)" },
  three: { zh: "THREE oh no!!!", en: "THREE oh no!!!" },
  "one.meaning": { zh: "回到 C 或结清", en: "back to C or settled" },
  "two.meaning": { zh: "仍在 M1", en: "still in M1" },
  "three.meaning": { zh: "M2 或更差，或核销", en: "M2 or worse, or written off" },
  staff: { zh: "催收总结", en: "Staff summary" },
  collector: { zh: "催收员", en: "Collector" },
  dials: { zh: "拨打", en: "Dials" },
  reached: { zh: "接通", en: "Reached" },
  ptps: { zh: "承诺还款", en: "PTPs" },
  ptps_kept: { zh: "兑现承诺", en: "PTPs kept" },
  cured: { zh: "治愈", en: "Cured" },
  nothing_recorded: { zh: "本月没有催收记录", en: "no calls recorded this month" },
  rolled_worse: { zh: "恶化账户（迁入更差账龄或核销）：{count} 户", en: "Rolled worse (to a worse bucket or written off): {count}" },
  cured_list: {
    zh: "治愈账户（上月末 M1 及以上，本月末 C 或结清）：{count} 户",
    en: "Cured (M1 or worse at E′, C or settled at E): {count}",
  },
  loan_id: { zh: "合同编号", en: "Loan ID" },
  at_prev: { zh: "上月末", en: "At E′" },
  at_end: { zh: "本月末", en: "At E" },
  principal_prev: { zh: "上月末本金", en: "Principal at E′" },
  none: { zh: "无", en: "none" },
} satisfies Labels<string>;
export type ReportLabel = keyof typeof REPORT_LABELS;

/** A report label in `lang` with `{name}` placeholders filled. */
export function reportLabel(lang: Lang, key: ReportLabel, params: Record<string, string | number> = {}): string {
  return fillPlaceholders(REPORT_LABELS[key][lang], params);
}

/** The name of a figure the history lacks (`month_end`, `c_m1_16`, a ratio's key), in words. */
export function figureName(lang: Lang, figure: string): string {
  const dueDay = /^c_m1_(\d+)$/.exec(figure);
  if (dueDay) return reportLabel(lang, "c_m1_day", { day: dueDay[1] });
  if ((REPORT_RATIOS as readonly string[]).includes(figure)) return RATIO_LABELS[figure as ReportRatio][lang];
  return reportLabel(lang, "month_end");
}

/** Why a figure is unavailable, as the report says it. */
export function unavailableText(lang: Lang, u: Unavailable): string {
  const why = reportLabel(lang, `why.${u.reason}`, { day: u.day, accounts: u.accounts });
  const dueDay = /^c_m1_(\d+)$/.exec(u.figure);
  return dueDay ? reportLabel(lang, "why.due_day", { day: dueDay[1], why }) : why;
}

/** Width of the report's columns A–H (characters) and where the charts go. */
const REPORT_WIDTHS = [30, 14, 18, 14, 14, 14, 14, 14];
const CHART_COLUMN = 10;
const CHART_WIDTH = 640;
const CHART_HEIGHT = 300;
/** Rows a chart covers (20-pixel rows), plus one between charts. */
const CHART_ROWS = Math.ceil(CHART_HEIGHT / 20) + 1;

/** What `writeMonthEndReport` wrote. */
export interface MonthEndReport {
  sheet: string;
  figures: MonthEndFigures;
  trend: MonthEndFigures[];
  transitions: Transition[] | null;
  /** The staff summary shown; undefined when the book has no contact log. */
  staff?: readonly StaffSummaryRow[];
  /** The figures beyond the ratios (SPEC §6) shown, with their drill-down. */
  beyond?: BeyondResult;
}

/**
 * Writes the month-end report sheet `月末报告 Report YYYY-MM` (SPEC §6): the
 * figures against their baselines, C-M1 per due day, the trend of every ratio
 * over the months the history covers (with two line charts), the roll matrix,
 * the M1 outcome, the staff summary when rows are given, and the accounts that
 * rolled worse or cured. Labels in `lang`; values are numbers (ratios shown as
 * percentages); an unavailable figure is left empty with the reason beside it.
 */
export function writeMonthEndReport(
  port: BookPort,
  month: MonthKey,
  settings: Settings,
  lang: Lang,
  staffSummary?: readonly StaffSummaryRow[],
  ledger?: ReportLedger,
): MonthEndReport {
  const historyMonths = port
    .sheetNames()
    .map(monthOfHistorySheet)
    .filter((m): m is MonthKey => m !== null);
  const needed = [...new Set([...historyMonths, ...monthsForFigures(month)])].sort();
  const history = readHistory(port, needed);
  const trend = monthEndTrend(
    history.filter((h) => historyMonths.includes(h.month)),
    settings,
    month,
  );
  const figures = trend[trend.length - 1];
  const byMonth = new Map(history.map((h) => [h.month, h]));
  const view = new HistoryView(monthsForFigures(month).map((m) => byMonth.get(m) ?? emptyMonth(m)));
  const transitions = monthTransitions(view, month, settings);
  const staff = staffSummary ?? staffSummaryFromBook(port, month, settings, lang, view, ledger);

  const L = (key: ReportLabel, params?: Record<string, string | number>) => reportLabel(lang, key, params);
  const rows: Cell[][] = [];
  const formats: NumberFormat[] = [];
  /** Adds a row; returns its 1-based number. */
  const add = (...cells: Cell[]): number => rows.push(cells);
  const format = (row: number, column: number, fmt: NumberFormatName, columns = 1, count = 1) =>
    formats.push({ row, column, rows: count, columns, format: fmt });
  const reasons = (pick: (u: Unavailable) => boolean) =>
    figures.unavailable
      .filter(pick)
      .map((u) => unavailableText(lang, u))
      .join("; ");

  add(L("title", { month }));
  add(L("period", { prev: isoDay(monthBounds(addMonths(month, -1)).last), end: isoDay(monthBounds(month).last) }));
  add();

  // Figures against their baselines.
  const figuresTop = add(L("figures"));
  add(L("figure"), L("value"), L("baseline"), L("status"), L("reason"));
  for (const key of REPORT_RATIOS) {
    const v = figures[key];
    const base = settings.baselines[key] ?? null;
    const status = v === null ? L("unavailable") : base !== null && v > base ? L("over") : L("within");
    const why = v === null ? reasons((u) => (key === "c_m1_rate_amount" ? u.figure.startsWith("c_m1_") : u.figure === "month_end")) : "";
    const r = add(RATIO_LABELS[key][lang], v, base, status, why);
    format(r, 2, "percent", 2);
  }
  add();

  // C-M1 per due day.
  add(L("c_m1"));
  add(L("due_day"), RATIO_LABELS.c_m1_rate_amount[lang], L("status"), L("reason"));
  for (const [day, v] of Object.entries(figures.c_m1_by_due_day)) {
    const r = add(Number(day), v, v === null ? L("unavailable") : "", v === null ? reasons((u) => u.figure === `c_m1_${day}`) : "");
    format(r, 2, "percent");
  }
  add();

  // Trend: one row per month, the amount ratios then the count ratios.
  add(L("trend"));
  const trendColumns = [...TREND_AMOUNT, ...TREND_COUNT];
  const trendHeader = add(L("month"), ...trendColumns.map((k) => RATIO_LABELS[k][lang]));
  for (const f of trend) add(f.month, ...trendColumns.map((k) => f[k]));
  const trendLast = rows.length;
  format(trendHeader + 1, 2, "percent", trendColumns.length, trend.length);
  add();

  // Roll matrix: counts, then Σ principal at E′; every cell.
  const rollUnavailable = figures.roll === null ? reasons((u) => u.figure === "month_end") : "";
  for (const part of ["count", "principal"] as const) {
    add(L(part === "count" ? "roll_count" : "roll_principal"));
    add(L("roll_corner"), ...ROLL_TO.map((to) => STATE_LABELS[to][lang]));
    const roll = figures.roll;
    if (roll === null) add(L("unavailable"), rollUnavailable);
    else
      for (const from of BUCKETS) {
        const r = add(from, ...ROLL_TO.map((to) => roll[from][to][part]));
        if (part === "principal") format(r, 2, "money", ROLL_TO.length);
      }
    add();
  }

  // M1 outcome.
  add(L("m1_outcome"));
  add(L("outcome"), L("accounts"), L("share"), L("meaning"));
  const outcome = figures.m1_outcome;
  if (outcome === null) add(L("unavailable"), rollUnavailable);
  else {
    const total = outcome.one + outcome.two + outcome.three;
    for (const k of ["one", "two", "three"] as const) {
      const r = add(L(k), outcome[k], total > 0 ? outcome[k] / total : null, L(`${k}.meaning`));
      format(r, 3, "percent");
    }
  }
  add();

  // Staff summary, when given.
  if (staff !== undefined) {
    add(L("staff"));
    add(L("collector"), L("dials"), L("reached"), L("ptps"), L("ptps_kept"), L("cured"));
    if (staff.length === 0) add(L("nothing_recorded"));
    for (const s of staff) add(s.staff, s.dials, s.reached, s.ptps, s.ptpsKept, s.cured);
    add();
  }

  // The accounts that rolled worse and those that cured, largest principal first.
  const lists = [
    { title: "rolled_worse" as const, pick: rolledWorse },
    { title: "cured_list" as const, pick: cured },
  ];
  for (const { title, pick } of lists) {
    const listed = (transitions ?? []).filter(pick).sort((a, b) => b.principal - a.principal || (a.loanId < b.loanId ? -1 : 1));
    add(L(title, { count: transitions === null ? "—" : listed.length }));
    add(L("loan_id"), L("at_prev"), L("at_end"), L("principal_prev"));
    if (transitions === null) add(L("unavailable"), rollUnavailable);
    else if (listed.length === 0) add(L("none"));
    for (const t of listed) {
      const r = add(t.loanId, STATE_LABELS[t.from][lang], STATE_LABELS[t.to][lang], t.principal);
      format(r, 4, "money");
    }
    add();
  }

  // The figures beyond the ratios, and the accounts behind them (beyondSheet.ts).
  const beyond = beyondFromBook(port, month, settings, lang);
  const vintage = addBeyondSections({ add, format }, lang, month, beyond, settings.baselines);

  const sheet = reportSheetName(month);
  port.write(sheet, rows, { freezeHeader: false, widths: REPORT_WIDTHS, numberFormats: formats, landscape: true });
  const chart = (title: string, first: number, count: number, at: number): ChartSpec => ({
    title,
    headerRow: trendHeader,
    firstRow: trendHeader + 1,
    lastRow: trendLast,
    categoryColumn: 1,
    firstSeriesColumn: first,
    lastSeriesColumn: first + count - 1,
    valueFormat: "percent",
    anchor: { row: at, column: CHART_COLUMN },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  port.setCharts(sheet, [
    chart(L("chart_amount"), 2, TREND_AMOUNT.length, figuresTop),
    chart(L("chart_count"), 2 + TREND_AMOUNT.length, TREND_COUNT.length, figuresTop + CHART_ROWS),
    ...(vintage === null
      ? []
      : [
          {
            ...vintage,
            title: beyondLabel(lang, "vintage_chart"),
            valueFormat: "percent" as const,
            anchor: { row: vintage.headerRow, column: Math.max(CHART_COLUMN, vintage.lastSeriesColumn + 2) },
            width: CHART_WIDTH,
            height: CHART_HEIGHT,
          },
        ]),
  ]);
  return { sheet, figures, trend, transitions, staff, beyond };
}
