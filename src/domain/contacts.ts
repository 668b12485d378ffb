/**
 * Recording call outcomes and what they feed back (SPEC §5, §6): the contact
 * log's entry, the check of a filled call-sheet row, a promise's status judged
 * from the ledger's later state, what an account's attempts add up to, and the
 * staff summary of a month. Pure: the app reads and writes the sheets.
 */
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT, isBlank, isCellError, readAmount, readDate } from "./cells";
import type { PhoneKind, TaskType } from "./taskTypes";
import { bucketOf, daysPastDue } from "./classify";
import { type Day, type MonthKey, isoDay, monthBounds, ymd } from "./days";
import { HistoryView, type MonthHistory, type Observation } from "./history";
import { type Lang, t } from "./i18n";
import type { Settings } from "./settings";

/** Call outcomes (SPEC §5), in dropdown order. */
export const OUTCOMES = [
  "ptp",
  "says_paid",
  "hardship",
  "no_answer",
  "switched_off",
  "invalid_number",
  "rejected",
  "third_party",
  "message_left",
  "sms_sent",
  "new_contact",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Ways a customer says they will pay (the third of the three elements). */
export const PTP_METHODS = ["bank_transfer", "wechat", "alipay", "cash", "deduction"] as const;
export type PtpMethod = (typeof PTP_METHODS)[number];

/** Outcomes where the customer was reached. */
export const REACHED: ReadonlySet<Outcome> = new Set<Outcome>(["ptp", "says_paid", "hardship"]);
/** Outcomes where the dial did not reach the customer. */
export const UNANSWERED: ReadonlySet<Outcome> = new Set<Outcome>([
  "no_answer",
  "switched_off",
  "invalid_number",
  "rejected",
  "third_party",
  "message_left",
]);

/** A dial: every outcome but an SMS sent. */
export function isDial(o: Outcome): boolean {
  return o !== "sms_sent";
}

/** An SMS goes with the call after this many unanswered dials in a row. */
export const UNANSWERED_FOR_SMS = 3;
/** A number has failed after this many unanswered dials to it in a row (so the SMS comes first, lost contact later). */
export const UNANSWERED_FOR_FAILED_NUMBER = 5;

/** One entry of the contact log (催收记录): one worked call-sheet row. */
export interface ContactEntry {
  /** The call's date: the call sheet's date. */
  date: Day;
  /** `HH:MM` as staff typed it on the call sheet; "" when not given. */
  time: string;
  /** The task's window on the call sheet (`09:00-12:00`), "" when none. */
  window: string;
  staff: string;
  loanId: string;
  customer: string;
  task: TaskType | null;
  numberKind: PhoneKind | null;
  /** The number dialled, whole (masked wherever it is printed). */
  number: string;
  outcome: Outcome;
  ptpDate: Day | null;
  ptpAmount: number | null;
  /** A PtpMethod key when it is one of the list, else the text staff typed; "" when none. */
  ptpMethod: string;
  note: string;
  /** The call sheet's row the entry came from (the header is row 1). */
  sourceRow: number;
  /** When it was recorded (`YYYY-MM-DD HH:MM`), for the record; "" when not known. */
  recordedAt: string;
}

/** The key that makes recording idempotent: call-sheet date, row and loan. */
export function entryKey(e: Pick<ContactEntry, "date" | "sourceRow" | "loanId">): string {
  return `${isoDay(e.date)}|${e.sourceRow}|${e.loanId}`;
}

/** A number as it may be printed: `138****0001` (everything but the first 3 and last 4 digits hidden). */
export function maskNumber(n: string): string {
  if (n.length <= 4) return "*".repeat(n.length);
  if (n.length <= 7) return `${"*".repeat(n.length - 4)}${n.slice(-4)}`;
  return `${n.slice(0, 3)}${"*".repeat(n.length - 7)}${n.slice(-4)}`;
}

// ---------------------------------------------------------------- a filled call-sheet row

/** A call-sheet row that staff filled in, with labels already turned into keys by the app. */
export interface FilledCallRow {
  row: number;
  loanId: string;
  customer: string;
  staff: string;
  task: TaskType | null;
  window: string;
  numberKind: PhoneKind | null;
  number: string;
  time: Cell;
  /** The outcome as typed, and its key when it is one of the dropdown's values. */
  outcomeText: string;
  outcome: Outcome | null;
  ptpDate: Cell;
  ptpAmount: Cell;
  /** The method as typed, and its key when it is one of the dropdown's values. */
  ptpMethodText: string;
  ptpMethod: PtpMethod | null;
  note: string;
}

/** One of the three elements of a promise. */
export type PtpElement = "date" | "amount" | "method";

/** Why a row was not recorded. */
export type RefusalReason =
  | { code: "no_loan_id" }
  | { code: "no_outcome" }
  | { code: "unknown_outcome"; text: string }
  | { code: "ptp_missing"; missing: PtpElement[] }
  | { code: "ptp_bad_date"; text: string }
  | { code: "ptp_bad_amount"; text: string }
  | { code: "ptp_date_before_call"; date: string; callDate: string }
  | { code: "ptp_fields_without_promise"; outcome: string }
  | { code: "bad_time"; text: string }
  | { code: "new_contact_empty" };

/** A row left on the call sheet, and why. */
export interface Refusal {
  row: number;
  loanId: string;
  reasons: RefusalReason[];
}

export type RowCheck = { ok: true; entry: ContactEntry } | { ok: false; refusal: Refusal };

/** `HH:MM` of a typed time (`14:05`, `14：05`, `14点05`, `9点`, a spreadsheet time), "" when blank, null when unreadable. */
export function readTime(v: Cell): string | null {
  if (isBlank(v)) return "";
  const hhmm = (h: number, m: number) =>
    h >= 0 && h <= 23 && m >= 0 && m <= 59 ? `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}` : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : hhmm(v.getUTCHours(), v.getUTCMinutes());
  if (typeof v === "number") {
    if (!(v >= 0 && v < 1)) return null;
    const minutes = Math.round(v * 1440) % 1440;
    return hhmm(Math.floor(minutes / 60), minutes % 60);
  }
  const text = String(v).normalize("NFKC").trim();
  const m = /^(\d{1,2})\s*(?::|点|时)\s*(\d{1,2})?\s*分?(?::\d{2})?$/.exec(text);
  return m ? hhmm(Number(m[1]), m[2] === undefined ? 0 : Number(m[2])) : null;
}

/**
 * Checks a filled row: the outcome is needed once anything is filled; a promise
 * needs its date (not before the call), an amount above 0 and a method; PTP
 * fields only go with a promise or "says paid"; new contact info needs the
 * number or address in the note.
 */
export function checkCallRow(r: FilledCallRow, callDate: Day, recordedAt = "", ctx: CellContext = DEFAULT_CELL_CONTEXT): RowCheck {
  const reasons: RefusalReason[] = [];
  if (r.loanId === "") reasons.push({ code: "no_loan_id" });
  const time = readTime(r.time);
  if (time === null) reasons.push({ code: "bad_time", text: String(r.time) });
  if (r.outcome === null) reasons.push(r.outcomeText === "" ? { code: "no_outcome" } : { code: "unknown_outcome", text: r.outcomeText });

  let ptpDate: Day | null = null;
  let ptpAmount: number | null = null;
  const ptpFilled = !isBlank(r.ptpDate) || !isBlank(r.ptpAmount) || r.ptpMethodText !== "";
  if (!isBlank(r.ptpDate)) {
    const dte = readDate(r.ptpDate, ctx);
    if (isCellError(dte)) reasons.push({ code: "ptp_bad_date", text: dte.text });
    else ptpDate = dte;
  }
  if (!isBlank(r.ptpAmount)) {
    const amt = readAmount(r.ptpAmount);
    if (isCellError(amt)) reasons.push({ code: "ptp_bad_amount", text: amt.text });
    else ptpAmount = amt;
  }
  if (r.outcome === "ptp") {
    const missing: PtpElement[] = [];
    if (isBlank(r.ptpDate)) missing.push("date");
    if (isBlank(r.ptpAmount) || (ptpAmount !== null && ptpAmount <= 0)) missing.push("amount");
    if (r.ptpMethodText === "") missing.push("method");
    if (missing.length > 0) reasons.push({ code: "ptp_missing", missing });
    if (ptpDate !== null && ptpDate < callDate)
      reasons.push({ code: "ptp_date_before_call", date: isoDay(ptpDate), callDate: isoDay(callDate) });
  } else if (r.outcome !== null && r.outcome !== "says_paid" && ptpFilled) {
    reasons.push({ code: "ptp_fields_without_promise", outcome: r.outcomeText });
  }
  if (r.outcome === "new_contact" && r.note === "") reasons.push({ code: "new_contact_empty" });

  if (reasons.length > 0 || r.outcome === null || time === null) return { ok: false, refusal: { row: r.row, loanId: r.loanId, reasons } };
  return {
    ok: true,
    entry: {
      date: callDate,
      time,
      window: r.window,
      staff: r.staff,
      loanId: r.loanId,
      customer: r.customer,
      task: r.task,
      numberKind: r.numberKind,
      number: r.number,
      outcome: r.outcome,
      ptpDate,
      ptpAmount,
      ptpMethod: r.ptpMethod ?? r.ptpMethodText,
      note: r.note,
      sourceRow: r.row,
      recordedAt,
    },
  };
}

const ELEMENT_NAMES: Record<PtpElement, Record<Lang, string>> = {
  date: { zh: "还款日期", en: "date" },
  amount: { zh: "还款金额（大于 0）", en: "amount (above 0)" },
  method: { zh: "还款方式", en: "method" },
};

/** One reason a row was not recorded, in words (no row or loan named). */
export function reasonText(r: RefusalReason, lang: Lang, typed: "shown" | "left_out" = "shown"): string {
  // For a log (stderr), what staff typed in the cell is left out: it may be a phone number or a name.
  if (typed === "left_out" && "text" in r) r = { ...r, text: "…" };
  switch (r.code) {
    case "no_loan_id":
    case "no_outcome":
    case "new_contact_empty":
      return t(lang, `refusal.${r.code}`);
    case "unknown_outcome":
    case "ptp_bad_date":
    case "ptp_bad_amount":
    case "bad_time":
      return t(lang, `refusal.${r.code}`, { text: r.text });
    case "ptp_missing":
      return t(lang, "refusal.ptp_missing", { names: r.missing.map((m) => ELEMENT_NAMES[m][lang]).join(t(lang, "sep.list")) });
    case "ptp_date_before_call":
      return t(lang, "refusal.ptp_date_before_call", { date: r.date, callDate: r.callDate });
    case "ptp_fields_without_promise":
      return t(lang, "refusal.ptp_fields_without_promise", { outcome: r.outcome });
  }
}

/** The refusal in words that name the row: `row 5 (loan L2) not recorded: …`. */
export function refusalText(r: Refusal, lang: Lang, typed: "shown" | "left_out" = "shown"): string {
  const reasons = r.reasons.map((x) => reasonText(x, lang, typed));
  const params = { row: r.row, loan: r.loanId, reasons: reasons.join(t(lang, "sep.clauses")) };
  return t(lang, r.loanId === "" ? "refusal.row" : "refusal.row_loan", params);
}

// ---------------------------------------------------------------- new numbers

/** Numbers (or an address) given with a "new contact info" outcome: a mobile, and any other number or text. */
export function newContactOf(note: string): { mobile: string; other: string } {
  const text = note.normalize("NFKC");
  const mobileMatch = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})(?!\d)/.exec(text);
  const mobile = mobileMatch ? mobileMatch[1].replace(/[\s-]/g, "") : "";
  const rest = mobileMatch ? text.replace(mobileMatch[0], " ") : text;
  const phone = /(?<!\d)(0\d{2,3}[\s-]?\d{7,8}|\d{7,8})(?!\d)/.exec(rest);
  // Without any number, the note itself (an address) as staff typed it.
  const other = phone ? phone[1].replace(/[\s-]/g, "") : mobile === "" ? note.trim() : "";
  return { mobile, other };
}

// ---------------------------------------------------------------- the ledger's later state

/** What Daihou's history says about an account's state on a day (status X: not in the ledger that day). */
export interface LedgerTimeline {
  /** The state at the end of `day` when the history knows it (observed or derived); else null. */
  known(loanId: string, day: Day): Observation | null;
  /** The state at the end of `day`, or else at the first run after it (the earliest evidence); null when none. */
  atOrAfter(loanId: string, day: Day): Observation | null;
  /** The state before `day` began: at the end of day − 1, or else at the last run before `day`; null when none or not in the ledger. */
  before(loanId: string, day: Day): Observation | null;
}

/** A timeline over Daihou's history. */
export function timelineOf(view: HistoryView): LedgerTimeline {
  const days = view.days();
  const seen = (o: Observation): Observation | null => (o.status === "X" ? null : o);
  const known = (id: string, day: Day): Observation | null => {
    const s = view.stateOn(id, day);
    return s.known ? s.obs : null;
  };
  return {
    known,
    atOrAfter(id, day) {
      const s = view.stateOn(id, day);
      if (s.known) return s.obs;
      const next = days.find((r) => r > day);
      return next === undefined ? null : view.observed(id, next);
    },
    before(id, day) {
      const k = known(id, day - 1);
      if (k && k.status !== "X") return k;
      let last: Day | undefined;
      for (const r of days) if (r < day) last = r;
      return last === undefined ? null : seen(view.observed(id, last));
    },
  };
}

/**
 * A timeline that answers from the current month alone whenever it can — any
 * day after the month's first run (`firstRun`), where the months before change
 * nothing — and reads the months before (`all`: every month, the current one
 * included) only when asked of an earlier day. The daily job reads three past
 * months only when a promise needs them, and the current month (which it may
 * not have decoded) only when a promise is asked about.
 */
export function currentMonthFirst(firstRun: Day, current: () => MonthHistory, all: () => HistoryView): LedgerTimeline {
  let near: LedgerTimeline | undefined;
  let far: LedgerTimeline | undefined;
  // `before` and `atOrAfter` look at the day before too: the current month alone answers them only after its first run.
  const pick = (day: Day) => {
    if (day > firstRun) {
      near ??= timelineOf(new HistoryView([current()]));
      return near;
    }
    far ??= timelineOf(all());
    return far;
  };
  return {
    known: (id, day) => pick(day + 1).known(id, day),
    atOrAfter: (id, day) => pick(day).atOrAfter(id, day),
    before: (id, day) => pick(day).before(id, day),
  };
}

/** A promise's status: kept, partial, broken, or pending while its date has not passed. */
export type PtpStatus = "kept" | "partial" | "broken" | "pending";

/** Whole months from one due date to a later one (the installments that became paid between). */
function installmentsBetween(from: Day, to: Day): number {
  if (to <= from) return 0;
  const a = ymd(from);
  const b = ymd(to);
  return Math.max(1, b.year * 12 + b.month - (a.year * 12 + a.month));
}

/**
 * A promise judged from the ledger: `before` is the account's state before the
 * call (null when unknown), `after` its state at the end of the promised date.
 *
 * - kept: the account is settled (or gone from the ledger) or nothing due by the
 *   promised date is unpaid any more (the oldest unpaid date is blank or after it),
 *   or the amount paid reaches the promised amount;
 * - partial: something was paid, but less;
 * - broken: nothing was paid.
 *
 * The amount paid is the larger of the principal's drop (a lower bound: interest
 * and fees are not in the principal) and the installments the oldest unpaid date
 * moved past × the installment (when the ledger has one). Without a state before
 * the call, only "kept" or "broken" can be told apart.
 */
export function judgePromise(
  promise: { date: Day; amount: number },
  before: Observation | null,
  after: Observation,
  installment: number | null,
): Exclude<PtpStatus, "pending"> {
  if (after.status === "S" || after.status === "X" || after.principal <= 0) return "kept";
  if (after.status === "A" && (after.oldestUnpaid === null || after.oldestUnpaid > promise.date)) return "kept";
  const base = before && before.status !== "X" ? before : null;
  const drop = base ? Math.max(0, Math.round((base.principal - after.principal) * 100) / 100) : 0;
  const cleared =
    base?.oldestUnpaid != null && after.oldestUnpaid !== null ? installmentsBetween(base.oldestUnpaid, after.oldestUnpaid) : 0;
  const paid = Math.max(drop, installment !== null && installment > 0 ? cleared * installment : 0);
  if (paid > 0 && paid >= promise.amount - 0.005) return "kept";
  if (paid > 0 || cleared > 0) return "partial";
  return "broken";
}

/**
 * The status of a promise entry on day t: pending until its date has passed;
 * then judged from the state before the call and at the end of the promised
 * date (or the first run after it; `today` when the history has nothing later).
 */
export function promiseStatus(
  e: ContactEntry,
  t: Day,
  timeline: LedgerTimeline | undefined,
  installment: number | null,
  today?: Observation,
): PtpStatus {
  if (e.outcome !== "ptp" || e.ptpDate === null || e.ptpAmount === null) return "pending";
  if (e.ptpDate >= t) return "pending";
  const after = timeline?.atOrAfter(e.loanId, e.ptpDate) ?? today ?? null;
  if (after === null) return "pending";
  const before = timeline?.before(e.loanId, e.date) ?? null;
  return judgePromise({ date: e.ptpDate, amount: e.ptpAmount }, before, after, installment);
}

// ---------------------------------------------------------------- attempts

/** Entries in the order they happened: date, then time (or the window's start), then call-sheet row. */
export function compareEntries(a: ContactEntry, b: ContactEntry): number {
  return a.date - b.date || minuteOf(a) - minuteOf(b) || a.sourceRow - b.sourceRow;
}

function minuteOf(e: ContactEntry): number {
  const m = /^(\d{2}):(\d{2})$/.exec(e.time);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  const w = /^(\d{2}):(\d{2})/.exec(e.window);
  return w ? Number(w[1]) * 60 + Number(w[2]) : 0;
}

/** Each account's entries, in order. */
export function groupByLoan(entries: readonly ContactEntry[]): Map<string, ContactEntry[]> {
  const by = new Map<string, ContactEntry[]>();
  for (const e of entries) {
    const list = by.get(e.loanId);
    if (list) list.push(e);
    else by.set(e.loanId, [e]);
  }
  for (const list of by.values()) list.sort(compareEntries);
  return by;
}

/** The collection period (0 morning, 1 afternoon, 2 evening) an attempt fell in: by its time, else its window; null when neither is known. */
export function periodOf(e: ContactEntry): number | null {
  const m = /^(\d{2}):\d{2}/.exec(e.time) ?? /^(\d{2}):\d{2}/.exec(e.window);
  if (!m) return null;
  const h = Number(m[1]);
  return h < 13 ? 0 : h < 18 ? 1 : 2;
}

/** What an account's contact attempts add up to on day t. */
export interface AttemptSummary {
  /** Dials since the delinquency began (`since`). */
  dials: number;
  /** Unanswered dials in a row, counted back from the latest. */
  unansweredStreak: number;
  /** Unanswered dials since the last SMS was sent (or ever). */
  unansweredSinceSms: number;
  /** Unanswered dials to the mobile in a row, counted back from the latest dial. */
  failedMobileStreak: number;
  /** The number kind of the latest dial. */
  lastDialKind: PhoneKind | null;
  /** Unanswered dials on day t, by number. */
  unansweredToday: Map<string, number>;
  /** Numbers marked invalid (and not answered since). */
  invalid: Set<string>;
  /** Numbers whose last dials (at least 5) all went unanswered. */
  failed: Set<string>;
  /** Dials per period (morning, afternoon, evening) in the current unanswered streak. */
  periods: [number, number, number];
  /** The period of the latest dial, and of the latest dial that reached the customer. */
  lastPeriod: number | null;
  lastReachedPeriod: number | null;
  /** The latest promise, if any. */
  latestPromise: ContactEntry | null;
  /** The latest dial's date. */
  lastDialDate: Day | null;
  /** The latest new numbers given: a mobile and another number (or an address). */
  newMobile: string;
  newOther: string;
}

/** Sums up an account's entries (in order) up to day t; `since` is the first day of its delinquency. */
export function summarizeAttempts(entries: readonly ContactEntry[], t: Day, since: Day): AttemptSummary {
  const s: AttemptSummary = {
    dials: 0,
    unansweredStreak: 0,
    unansweredSinceSms: 0,
    failedMobileStreak: 0,
    lastDialKind: null,
    unansweredToday: new Map(),
    invalid: new Set(),
    failed: new Set(),
    periods: [0, 0, 0],
    lastPeriod: null,
    lastReachedPeriod: null,
    latestPromise: null,
    lastDialDate: null,
    newMobile: "",
    newOther: "",
  };
  const perNumber = new Map<string, number>(); // unanswered streak per number
  for (const e of entries) {
    if (e.date > t) continue;
    if (e.outcome === "ptp") s.latestPromise = e;
    if (e.outcome === "new_contact") {
      const c = newContactOf(e.note);
      if (c.mobile) s.newMobile = c.mobile;
      if (c.other) s.newOther = c.other;
    }
    if (!isDial(e.outcome)) {
      s.unansweredSinceSms = 0;
      continue;
    }
    if (e.date >= since) s.dials++;
    s.lastDialDate = e.date;
    s.lastDialKind = e.numberKind;
    const p = periodOf(e);
    s.lastPeriod = p ?? s.lastPeriod;
    const unanswered = UNANSWERED.has(e.outcome);
    if (unanswered) {
      s.unansweredStreak++;
      s.unansweredSinceSms++;
      if (p !== null) s.periods[p]++;
      s.failedMobileStreak = e.numberKind === "mobile" ? s.failedMobileStreak + 1 : 0;
    } else {
      s.unansweredStreak = 0;
      s.unansweredSinceSms = 0;
      s.periods = [0, 0, 0];
      s.failedMobileStreak = 0;
      if (REACHED.has(e.outcome)) s.lastReachedPeriod = p;
    }
    if (e.number !== "") {
      if (e.outcome === "invalid_number") s.invalid.add(e.number);
      else if (!unanswered) s.invalid.delete(e.number);
      perNumber.set(e.number, unanswered ? (perNumber.get(e.number) ?? 0) + 1 : 0);
      if (unanswered && e.date === t) s.unansweredToday.set(e.number, (s.unansweredToday.get(e.number) ?? 0) + 1);
    }
  }
  for (const [n, streak] of perNumber) if (streak >= UNANSWERED_FOR_FAILED_NUMBER) s.failed.add(n);
  return s;
}

/** True when every one of the numbers has failed or is invalid (or there is none). */
export function allNumbersFailed(s: AttemptSummary, numbers: readonly string[]): boolean {
  return numbers.every((n) => s.failed.has(n) || s.invalid.has(n));
}

// ---------------------------------------------------------------- staff summary (SPEC §6)

/** One collector's month. */
export interface StaffSummaryRow {
  staff: string;
  /** Dials (every outcome but an SMS sent). */
  dials: number;
  /** Dials that reached the customer (promise, says paid, hardship or refusal). */
  reached: number;
  ptps: number;
  /** Promises judged kept; those whose date the history has not reached yet are `ptpsPending`. */
  ptpsKept: number;
  ptpsPending: number;
  /** Accounts cured: see `staffSummary`. */
  cured: number;
  /** Accounts that might be cured but whose state at the month end the history does not know. */
  curedUnknown: number;
}

/**
 * The staff summary (催收总结) of month M, per collector (the staff named on
 * the contact log's entries):
 * dials, reached, promises made in the month and how many were kept (judged as
 * `promiseStatus` does, at the end of each promised date), and accounts cured —
 * accounts the collector dialled in M while they were in M1 or M2 that were back
 * in C, or settled (or gone from the ledger), at M's last day. An account dialled
 * by several collectors is credited to the one who dialled it last in M.
 */
export function staffSummary(
  entries: readonly ContactEntry[],
  month: MonthKey,
  timeline: LedgerTimeline,
  settings: Pick<Settings, "bucketStarts" | "graceDays">,
  installmentOf: (loanId: string) => number | null = () => null,
): StaffSummaryRow[] {
  const { first, last } = monthBounds(month);
  const rows = new Map<string, StaffSummaryRow>();
  const row = (staff: string) => {
    let r = rows.get(staff);
    if (!r) {
      r = { staff, dials: 0, reached: 0, ptps: 0, ptpsKept: 0, ptpsPending: 0, cured: 0, curedUnknown: 0 };
      rows.set(staff, r);
    }
    return r;
  };
  const inM = entries.filter((e) => e.date >= first && e.date <= last).sort(compareEntries);
  const lastDialler = new Map<string, string>();
  const bucketOn = (o: Observation, day: Day) => bucketOf(daysPastDue(o.oldestUnpaid, day, settings.graceDays), settings.bucketStarts);
  for (const e of inM) {
    const r = row(e.staff);
    if (!isDial(e.outcome)) continue;
    r.dials++;
    if (REACHED.has(e.outcome)) r.reached++;
    if (e.outcome === "ptp") {
      r.ptps++;
      // Judged as far as the history reaches: a date it has not passed is pending.
      const status =
        e.ptpDate !== null && timeline.atOrAfter(e.loanId, e.ptpDate) !== null
          ? promiseStatus(e, e.ptpDate + 1, timeline, installmentOf(e.loanId))
          : "pending";
      if (status === "kept") r.ptpsKept++;
      else if (status === "pending") r.ptpsPending++;
    }
    const then = timeline.known(e.loanId, e.date) ?? timeline.before(e.loanId, e.date);
    if (then && then.status === "A" && then.principal > 0) {
      const b = bucketOn(then, e.date);
      if (b === "M1" || b === "M2") lastDialler.set(e.loanId, e.staff);
    }
  }
  for (const [loanId, staff] of lastDialler) {
    const end = timeline.known(loanId, last);
    const r = row(staff);
    if (end === null) {
      r.curedUnknown++;
      continue;
    }
    const settled = end.status === "S" || end.principal <= 0;
    if (settled || (end.status === "A" && bucketOn(end, last) === "C")) r.cured++;
  }
  return [...rows.values()].sort((a, b) => (a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : 0));
}
