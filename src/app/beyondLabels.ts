/**
 * Every word the report says about the figures beyond the month-end ratios
 * (SPEC §6), in Chinese and English: section titles, column heads, why a
 * figure is unavailable, and the forecast's sentence.
 */
import type { BeyondReason, BeyondUnavailable, ForecastKey } from "../domain/figures/beyond";
import { type MonthKey, addMonths, parseMonth } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { fillPlaceholders } from "../domain/template";

type Labels<K extends string> = Record<K, Record<Lang, string>>;

export const BEYOND_LABELS = {
  forecast: { zh: "下月预测（按本月迁徙率）", en: "Next month's forecast (at this month's roll rates)" },
  forecast_month: { zh: "预测月份 {month}", en: "Forecast for {month}" },
  forecast_sentence_over: {
    zh: "按本月的迁徙率，{month}的 M1% 约为 {value}，超过 {baseline} 的基准。",
    en: "At this month's roll rates, {month}'s M1% will be about {value}, over the {baseline} baseline.",
  },
  forecast_sentence_within: {
    zh: "按本月的迁徙率，{month}的 M1% 约为 {value}，在 {baseline} 的基准以内。",
    en: "At this month's roll rates, {month}'s M1% will be about {value}, within the {baseline} baseline.",
  },
  forecast_sentence: {
    zh: "按本月的迁徙率，{month}的 M1% 约为 {value}。",
    en: "At this month's roll rates, {month}'s M1% will be about {value}.",
  },
  forecast_rates: { zh: "预测所用迁徙率（本月末账龄 → 下月末）", en: "Roll rates the forecast used (bucket at E → next month end)" },
  from_bucket: { zh: "本月末账龄", en: "Bucket at E" },
  at_end_count: { zh: "本月末户数", en: "Accounts at E" },
  at_end_principal: { zh: "本月末本金", en: "Principal at E" },
  to_m1: { zh: "→M1（户数）", en: "→M1 (#)" },
  to_m2: { zh: "→M2（户数）", en: "→M2 (#)" },
  to_m3plus: { zh: "→M3+（户数）", en: "→M3+ (#)" },
  to_m1_amount: { zh: "→M1（金额）", en: "→M1 ($)" },
  vintage: { zh: "账龄分析（Vintage：按放款月，曾入 M1 及以上的占比）", en: "Vintage (by disbursement month: share ever in M1 or worse)" },
  vintage_m2: { zh: "账龄分析（曾入 M2 及以上的占比）", en: "Vintage (share ever in M2 or worse)" },
  vintage_chart: { zh: "Vintage：曾入 M1 及以上（按放款后月数）", en: "Vintage: ever M1 or worse (by months on book)" },
  cohort: { zh: "放款月", en: "Cohort" },
  loans: { zh: "笔数", en: "Loans" },
  mob: { zh: "第 {k} 月", en: "MOB {k}" },
  cure: { zh: "治愈率", en: "Cure rates" },
  cure_m1: { zh: "M1 治愈率", en: "M1 cure rate" },
  cure_m2: { zh: "M2 治愈率", en: "M2 cure rate" },
  self_cure_m1: { zh: "M1 自愈率（当月未接通即治愈）", en: "M1 self-cure rate (cured with no reached contact)" },
  promise_kept: { zh: "承诺兑现率", en: "Promise-kept rate" },
  store: { zh: "全店", en: "Store" },
  contact: { zh: "接通率", en: "Contact rate" },
  hour: { zh: "时段", en: "Hour" },
  number_type: { zh: "号码类型", en: "Number type" },
  mobile: { zh: "手机", en: "mobile" },
  work: { zh: "单位电话", en: "work" },
  home: { zh: "家庭电话", en: "home" },
  collected: { zh: "入 M1 后回收（上月入 M1 的账户）", en: "Collected after M1 (accounts that entered M1 last month)" },
  d30: { zh: "30 天内", en: "within 30 days" },
  d60: { zh: "60 天内", en: "within 60 days" },
  d90: { zh: "90 天内", en: "within 90 days" },
  drill: { zh: "明细：每个指标背后的账户", en: "Drill-down: the accounts behind each figure" },
  drill_cures: { zh: "上月末在 M1/M2 的账户（是否治愈、当月是否接通）", en: "Accounts in M1/M2 at E′ (cured? reached this month?)" },
  drill_cohorts: { zh: "各放款月曾入 M1 及以上的账户", en: "Cohort members that went M1 or worse" },
  drill_promises: { zh: "本月的还款承诺", en: "Promises made this month" },
  drill_entries: { zh: "上月入 M1 的账户与回收", en: "Accounts that entered M1 last month, and what they paid down" },
  loan_id: { zh: "合同编号", en: "Loan ID" },
  from: { zh: "上月末", en: "At E′" },
  to: { zh: "本月末", en: "At E" },
  principal: { zh: "本金", en: "Principal" },
  cured: { zh: "治愈", en: "Cured" },
  reached: { zh: "当月接通", en: "Reached" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  first_m1: { zh: "首次入 M1 月", en: "First M1 month" },
  first_m2: { zh: "首次入 M2+ 月", en: "First M2+ month" },
  staff: { zh: "催收员", en: "Collector" },
  date: { zh: "承诺日", en: "Made on" },
  ptp_date: { zh: "约定还款日", en: "Promised for" },
  amount: { zh: "金额", en: "Amount" },
  status: { zh: "结果", en: "Outcome" },
  "status.kept": { zh: "兑现", en: "kept" },
  "status.partial": { zh: "部分兑现", en: "partial" },
  "status.broken": { zh: "未兑现", en: "broken" },
  "status.pending": { zh: "未到期", en: "pending" },
  entered_on: { zh: "入 M1 日", en: "Entered M1" },
  principal_at_entry: { zh: "入 M1 时本金", en: "Principal at entry" },
  unavailable: { zh: "无法计算", en: "unavailable" },
  none: { zh: "无", en: "none" },
  best_window: { zh: "最佳联系时段", en: "Best time to call" },
  "why.ends_unknown": { zh: "历史无法确定上月末或本月末的账户状态", en: "the history cannot tell the accounts' states at E′ or E" },
  "why.no_active_at_end": { zh: "本月末没有有效账户", en: "no active accounts at E" },
  "why.no_contact_log": { zh: "账簿没有催收记录", en: "the book has no contact log" },
  "why.no_disbursed_on": { zh: "台账没有放款日期", en: "the ledger gives no disbursement dates" },
  "why.no_full_cohort": { zh: "历史没有从某个放款月的第一天起覆盖", en: "the history covers no disbursement month from its first day" },
  "why.nobody_in_bucket": { zh: "上月末该账龄没有账户", en: "no account was in that bucket at E′" },
  "why.no_promise_due": { zh: "本月没有已到期的还款承诺", en: "no promise made this month has come due" },
  "why.no_dials": { zh: "本月没有拨打记录", en: "no dials this month" },
  "why.no_m1_entry": { zh: "上月没有账户进入 M1", en: "no account entered M1 last month" },
  "why.past_history": { zh: "历史还没有到达入 M1 后的该天数", en: "the history does not reach that many days after entry yet" },
  "name.forecast": { zh: "下月预测", en: "forecast" },
  "name.vintage": { zh: "Vintage", en: "vintage" },
  "name.cure_rate": { zh: "治愈率", en: "cure rate" },
  "name.promise_kept_rate": { zh: "承诺兑现率", en: "promise-kept rate" },
  "name.contact_rate": { zh: "接通率", en: "contact rate" },
  "name.collected_after_m1": { zh: "入 M1 后回收", en: "collected after M1" },
} satisfies Labels<string>;
export type BeyondLabel = keyof typeof BEYOND_LABELS;

/** A label in `lang` with `{name}` placeholders filled. */
export function beyondLabel(lang: Lang, key: BeyondLabel, params: Record<string, string | number> = {}): string {
  return fillPlaceholders(BEYOND_LABELS[key][lang], params);
}

/** The figure's name in words (`cure_rate.m2` → "cure rate (m2)"). */
export function beyondFigureName(lang: Lang, figure: string): string {
  const [head, part] = figure.split(".");
  const name = beyondLabel(lang, `name.${head}` as BeyondLabel);
  return part ? `${name} (${part})` : name;
}

export function beyondReasonText(lang: Lang, u: BeyondUnavailable): string {
  return beyondLabel(lang, `why.${u.reason satisfies BeyondReason}`);
}

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A month in words: "November" / "11月" (with the year when it is not `month`'s year). */
function monthWords(lang: Lang, month: MonthKey, from: MonthKey): string {
  const p = parseMonth(month);
  const q = parseMonth(from);
  if (!p || !q) return month;
  const sameYear = p.year === q.year;
  if (lang === "zh") return sameYear ? `${p.month}月` : `${p.year}年${p.month}月`;
  return sameYear ? EN_MONTHS[p.month - 1] : `${EN_MONTHS[p.month - 1]} ${p.year}`;
}

/** A fraction as a short percentage: 0.0623 → "6.2%", 0.03 → "3%". */
export function shortPercent(x: number): string {
  return `${Number((x * 100).toFixed(1))}%`;
}

/** "At this month's roll rates, November's M1% will be about 6.2%, over the 3% baseline." (null when there is no forecast of M1%). */
export function forecastSentence(
  lang: Lang,
  month: MonthKey,
  forecast: Record<ForecastKey, number | null> | null,
  baseline: number | undefined,
  key: ForecastKey = "m1_ratio_amount",
): string | null {
  const v = forecast?.[key] ?? null;
  if (v === null) return null;
  const params = {
    month: monthWords(lang, addMonths(month, 1), month),
    value: shortPercent(v),
    baseline: baseline === undefined ? "" : shortPercent(baseline),
  };
  if (baseline === undefined) return beyondLabel(lang, "forecast_sentence", params);
  return beyondLabel(lang, v > baseline ? "forecast_sentence_over" : "forecast_sentence_within", params);
}
