/**
 * Names of the sheets and columns Daihou owns. Sheet names carry both
 * languages so a mixed team finds them whatever its language; column headers
 * follow the chosen language and are recognised in either.
 */
import type { ReminderClass } from "../domain/classify";
import type { PhoneKind, TaskType } from "../domain/calls";
import { OUTCOMES, type Outcome, PTP_METHODS, type PtpMethod } from "../domain/contacts";
import { type Day, isoDay, parseIsoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";

export const LEDGER_SHEET = "台账 Ledger";
export const CONTACT_LOG_SHEET = "催收记录 Contact log";

/** The call sheet of a date. */
export function callSheetName(t: Day): string {
  return `呼叫表 Calls ${isoDay(t)}`;
}

/** The date of a call sheet name, or null. */
export function dateOfCallSheet(name: string): Day | null {
  const m = /^呼叫表 Calls (\d{4}-\d{2}-\d{2})$/.exec(name);
  return m ? parseIsoDay(m[1]) : null;
}

/** The month-end report sheet of a month. */
export function reportSheetName(month: string): string {
  return `月末报告 Report ${month}`;
}

export type Labels<K extends string> = Record<K, Record<Lang, string>>;

/**
 * Daihou's owned ledger columns, left to right. The contact columns after the
 * first six (from `latest_contact` on) are filled from the contact log; they are
 * left out only where a store's column already sits in their place.
 */
export const OWNED_LEDGER_COLUMNS = [
  "dpd",
  "bucket",
  "class",
  "oldest_unpaid",
  "grace_days",
  "why",
  "latest_contact",
  "new_mobile",
  "new_contact",
] as const;
export type OwnedLedgerColumn = (typeof OWNED_LEDGER_COLUMNS)[number];
/** How many of the owned columns every daily job writes; the contact columns follow them. */
export const BASE_OWNED_COLUMNS = 6;

export const OWNED_LEDGER_HEADERS: Labels<OwnedLedgerColumn> = {
  dpd: { zh: "Daihou·逾期天数", en: "Daihou·DPD" },
  bucket: { zh: "Daihou·账龄", en: "Daihou·Bucket" },
  class: { zh: "Daihou·提醒类别", en: "Daihou·Reminder class" },
  oldest_unpaid: { zh: "Daihou·最早未还款日", en: "Daihou·Oldest unpaid" },
  grace_days: { zh: "Daihou·宽限天数", en: "Daihou·Grace days" },
  why: { zh: "Daihou·说明", en: "Daihou·Why" },
  latest_contact: { zh: "Daihou·最近联系", en: "Daihou·Latest contact" },
  new_mobile: { zh: "Daihou·新手机", en: "Daihou·New mobile" },
  new_contact: { zh: "Daihou·新联系方式", en: "Daihou·New contact info" },
};

/** True when a header is one of Daihou's owned ledger columns (either language). */
export function isOwnedLedgerHeader(h: unknown): boolean {
  const text = String(h ?? "");
  return text.startsWith("Daihou·");
}

/** Call sheet columns, left to right. */
export const CALL_COLUMNS = [
  "owner",
  "window",
  "task",
  "customer",
  "loan_id",
  "bucket",
  "class",
  "amount_due",
  "amount_overdue",
  "due_date",
  "number",
  "number_kind",
  "talking_points",
  "flag",
  "outcome",
  "ptp_date",
  "ptp_amount",
  "ptp_method",
  "note",
  "call_time",
] as const;
export type CallColumn = (typeof CALL_COLUMNS)[number];

export const CALL_HEADERS: Labels<CallColumn> = {
  owner: { zh: "负责人", en: "Owner" },
  window: { zh: "时段", en: "Window" },
  task: { zh: "任务", en: "Task" },
  customer: { zh: "客户", en: "Customer" },
  loan_id: { zh: "合同编号", en: "Loan ID" },
  bucket: { zh: "账龄", en: "Bucket" },
  class: { zh: "类别", en: "Class" },
  amount_due: { zh: "应还金额", en: "Amount due" },
  amount_overdue: { zh: "逾期金额", en: "Amount overdue" },
  due_date: { zh: "应还日期", en: "Due date" },
  number: { zh: "拨打号码", en: "Number to dial" },
  number_kind: { zh: "号码类型", en: "Number type" },
  talking_points: { zh: "话术要点", en: "Talking points" },
  flag: { zh: "提示", en: "Flag" },
  outcome: { zh: "结果", en: "Outcome" },
  ptp_date: { zh: "承诺日期", en: "PTP date" },
  ptp_amount: { zh: "承诺金额", en: "PTP amount" },
  ptp_method: { zh: "还款方式", en: "PTP method" },
  note: { zh: "备注", en: "Note" },
  call_time: { zh: "通话时间", en: "Call time" },
};

/** The call sheet's capacity lines and carried rows (SPEC §4 "Capacity"). */
export const CAPACITY_LABELS: Labels<"line" | "figures" | "figures_uncapped" | "carried_heading" | "carried_task" | "carried_flag"> = {
  line: { zh: "当日容量", en: "Capacity today" },
  figures: { zh: "任务 {tasks} · 容量 {capacity} · 顺延 {carried}", en: "{tasks} tasks · capacity {capacity} · {carried} carried" },
  figures_uncapped: { zh: "任务 {tasks} · 不限容量", en: "{tasks} tasks · no capacity limit" },
  carried_heading: { zh: "以下超出当日容量，顺延至明天", en: "Carried to tomorrow (over capacity)" },
  carried_task: { zh: "顺延", en: "Carried" },
  carried_flag: { zh: "超出当日容量，顺延", en: "over capacity: carry to tomorrow" },
};

/** The call-sheet columns staff fill in: a row with any of them filled is recorded (or refused). */
export const CALL_INPUT_COLUMNS: readonly CallColumn[] = ["outcome", "ptp_date", "ptp_amount", "ptp_method", "note", "call_time"];

export const TASK_LABELS: Labels<TaskType> = {
  welcome: { zh: "放款回访", en: "Welcome call" },
  reminder: { zh: "温馨提醒", en: "Reminder" },
  first_reminder: { zh: "首期提醒", en: "First-installment reminder" },
  confirm: { zh: "电话确认", en: "Confirmation" },
  collection: { zh: "催收", en: "Collection" },
  sms: { zh: "短信", en: "SMS" },
  broken_promise: { zh: "违约承诺", en: "Broken promise" },
  lost_contact: { zh: "失联上报", en: "Lost contact" },
  handover: { zh: "移交后线", en: "Handover to back office" },
};

export const PHONE_LABELS: Labels<PhoneKind> = {
  mobile: { zh: "手机", en: "Mobile" },
  work: { zh: "单位电话", en: "Work phone" },
  home: { zh: "家庭电话", en: "Home phone" },
};

/** Call outcomes (SPEC §5), in dropdown order (the keys live in the domain). */
export { OUTCOMES, type Outcome };

export const OUTCOME_LABELS: Labels<Outcome> = {
  ptp: { zh: "已联系-承诺还款", en: "Reached – promise to pay" },
  says_paid: { zh: "已联系-称已还款", en: "Reached – says paid" },
  hardship: { zh: "已联系-困难或拒绝(注明原因)", en: "Reached – hardship or refuses (reason)" },
  no_answer: { zh: "无人接听", en: "No answer" },
  switched_off: { zh: "关机", en: "Switched off" },
  invalid_number: { zh: "号码无效", en: "Number invalid" },
  rejected: { zh: "拒接", en: "Rejected" },
  third_party: { zh: "第三方接听", en: "Third party" },
  message_left: { zh: "已留言", en: "Message left" },
  sms_sent: { zh: "已发短信", en: "SMS sent" },
  new_contact: { zh: "获得新联系方式", en: "New contact info" },
};

export { PTP_METHODS, type PtpMethod };
export const PTP_METHOD_LABELS: Labels<PtpMethod> = {
  bank_transfer: { zh: "银行转账", en: "Bank transfer" },
  wechat: { zh: "微信", en: "WeChat Pay" },
  alipay: { zh: "支付宝", en: "Alipay" },
  cash: { zh: "门店现金", en: "Cash at the store" },
  deduction: { zh: "账户代扣", en: "Account deduction" },
};

export const CLASS_LABELS: Labels<ReminderClass> = {
  A: { zh: "A", en: "A" },
  B: { zh: "B", en: "B" },
  C: { zh: "C", en: "C" },
  NEW: { zh: "新客户", en: "NEW" },
};

/** Reverse lookup: the key whose label (in either language) is `text`. */
export function keyOfLabel<K extends string>(labels: Labels<K>, text: unknown): K | null {
  const s = String(text ?? "").trim();
  for (const key of Object.keys(labels) as K[]) if (labels[key].zh === s || labels[key].en === s || key === s) return key;
  return null;
}

/** The contact log's columns (催收记录, one row per worked call-sheet row), left to right. */
export const CONTACT_LOG_COLUMNS = [
  "date",
  "time",
  "window",
  "staff",
  "loan_id",
  "customer",
  "task",
  "number_kind",
  "number",
  "outcome",
  "ptp_date",
  "ptp_amount",
  "ptp_method",
  "note",
  "source_row",
  "recorded_at",
] as const;
export type ContactLogColumn = (typeof CONTACT_LOG_COLUMNS)[number];

export const CONTACT_LOG_HEADERS: Labels<ContactLogColumn> = {
  date: { zh: "日期", en: "Date" },
  time: { zh: "时间", en: "Time" },
  window: { zh: "时段", en: "Window" },
  staff: { zh: "催收员", en: "Staff" },
  loan_id: { zh: "合同编号", en: "Loan ID" },
  customer: { zh: "客户", en: "Customer" },
  task: { zh: "任务", en: "Task" },
  number_kind: { zh: "号码类型", en: "Number type" },
  number: { zh: "号码", en: "Number" },
  outcome: { zh: "结果", en: "Outcome" },
  ptp_date: { zh: "承诺日期", en: "PTP date" },
  ptp_amount: { zh: "承诺金额", en: "PTP amount" },
  ptp_method: { zh: "还款方式", en: "PTP method" },
  note: { zh: "备注", en: "Note" },
  source_row: { zh: "呼叫表行号", en: "Call sheet row" },
  recorded_at: { zh: "记录时间", en: "Recorded at" },
};

/**
 * The 0-based index of each column in a header row, matching labels in either
 * language; a column whose header is not found falls back to its position in
 * `columns` when that cell is blank or unrecognised (sheets written before a column was added).
 */
export function columnIndexes<K extends string>(columns: readonly K[], labels: Labels<K>, header: readonly unknown[]): Record<K, number> {
  const found = new Map<K, number>();
  header.forEach((h, i) => {
    const key = keyOfLabel(labels, h);
    if (key !== null && !found.has(key)) found.set(key, i);
  });
  const out = {} as Record<K, number>;
  for (const [i, c] of columns.entries()) {
    const at = found.get(c);
    out[c] = at ?? (found.size === 0 || keyOfLabel(labels, header[i]) === null ? i : -1);
  }
  return out;
}
