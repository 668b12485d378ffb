/**
 * Recording call outcomes (SPEC §5): the outcomes, the contact log's entry, the
 * check of a filled call-sheet row and its refusals in words, new numbers from a
 * note. What they feed back is in promises.ts (a promise's status) and
 * attempts.ts (an account's attempts, the staff summary). Pure: the app reads
 * and writes the sheets.
 */
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT, isBlank, isCellError, readAmount, readDate } from "./cells";
import type { PhoneKind, TaskType } from "./taskTypes";
import { type Day, isoDay } from "./days";
import { type Lang, t } from "./i18n";

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
