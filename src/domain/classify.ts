/**
 * DPD, bucket, activity, due dates and reminder class of an account on date t
 * (SPEC §2–3).
 */
import { type Day, addMonths, monthBounds, monthOf, nextDayOfMonth, ymd } from "./days";
import type { Account } from "./ledger";
import type { Settings } from "./settings";
import type { Observation } from "./history";

/** An account's age bucket (账龄). */
export type Bucket = "C" | "M1" | "M2" | "M3" | "M3+";

export const BUCKETS: readonly Bucket[] = ["C", "M1", "M2", "M3", "M3+"];

/** Reminder class of an account in C (SPEC §2). */
export type ReminderClass = "A" | "B" | "C" | "NEW";

/** Days past due on `t`: t − u − g for the oldest unpaid due date u < t; never below 0. */
export function daysPastDue(oldestUnpaid: Day | null, t: Day, graceDays: number): number {
  if (oldestUnpaid === null || oldestUnpaid >= t) return 0;
  return Math.max(0, t - oldestUnpaid - graceDays);
}

/** The bucket of a DPD given the first DPD of M1, M2, M3 and M3+. */
export function bucketOf(dpd: number, starts: readonly number[]): Bucket {
  if (dpd >= starts[3]) return "M3+";
  if (dpd >= starts[2]) return "M3";
  if (dpd >= starts[1]) return "M2";
  if (dpd >= starts[0]) return "M1";
  return "C";
}

/** Reminder class from the number of the last 3 months spent in M1 or worse. */
export function classFromM1Months(months: number): "A" | "B" | "C" {
  return months <= 0 ? "A" : months === 1 ? "B" : "C";
}

/** Active: not settled, not written off, principal above 0. */
export function isActive(a: Account): boolean {
  return a.status === "active" && a.principal > 0;
}

/** The account's state as the store sees it at the end of a day, when it is not active. */
export function closedState(a: Account): "settled" | "written_off" {
  return a.status === "written_off" && a.principal > 0 ? "written_off" : "settled";
}

/** First due date: given, or the first date with the due day at least `firstDueMinDays` after disbursement. */
export function firstDueDate(a: Account, settings: Settings): Day | null {
  if (a.firstDueDate !== null) return a.firstDueDate;
  const dueDay = a.dueDay ?? (a.nextDueDate !== null ? ymd(a.nextDueDate).day : null);
  if (a.disbursedOn === null || dueDay === null) return null;
  return nextDayOfMonth(a.disbursedOn + settings.firstDueMinDays, dueDay);
}

/** Next due date on t: given, or the first date ≥ t with the due day, never before the first due date. */
export function nextDueDate(a: Account, t: Day, settings: Settings): Day | null {
  return nextDueFrom(a, t, a.nextDueDate === null && a.dueDay !== null ? firstDueDate(a, settings) : null);
}

let dueDaysFrom: Day = Number.NaN;
const nextByDueDay: (Day | undefined)[] = [];
/** `nextDayOfMonth(t, dueDay)`, remembered for the 31 due days of one t (classification asks it of every account). */
function nextDueDayFrom(t: Day, dueDay: number): Day {
  if (!(Number.isInteger(dueDay) && dueDay >= 1 && dueDay <= 31)) return nextDayOfMonth(t, dueDay);
  if (t !== dueDaysFrom) {
    nextByDueDay.length = 0;
    dueDaysFrom = t;
  }
  let d = nextByDueDay[dueDay];
  if (d === undefined) {
    d = nextDayOfMonth(t, dueDay);
    nextByDueDay[dueDay] = d;
  }
  return d;
}

/** `nextDueDate` given the account's first due date. */
function nextDueFrom(a: Account, t: Day, first: Day | null): Day | null {
  if (a.nextDueDate !== null) return a.nextDueDate;
  if (a.dueDay === null) return null;
  const next = nextDueDayFrom(t, a.dueDay);
  return first !== null && next < first ? first : next;
}

/**
 * Whether an account was in M1 or worse in a month: true / false, or undefined
 * when nothing is known of that month.
 */
export type M1MonthLookup = (loanId: string, month: string) => boolean | undefined;

/** The three calendar months before t's month, oldest first. */
export function lastThreeMonths(t: Day): string[] {
  const m = monthOf(t);
  return [addMonths(m, -3), addMonths(m, -2), addMonths(m, -1)];
}

let cachedFor: Day = Number.NaN;
let cachedMonths: { month: string; last: Day }[] = [];

/** The last three months and their last days, computed once per date (classification runs per account). */
function lastThreeMonthsWithEnds(t: Day): { month: string; last: Day }[] {
  if (t !== cachedFor) {
    cachedMonths = lastThreeMonths(t).map((month) => ({ month, last: monthBounds(month).last }));
    cachedFor = t;
  }
  return cachedMonths;
}

/** An account's reminder class and how sure it is. */
export interface ClassResult {
  reminderClass: ReminderClass;
  /** Months of the three that were known (3 = final). */
  knownMonths: number;
  provisional: boolean;
  /** Where it came from: the ledger's column, the history, or NEW. */
  source: "ledger" | "history" | "new";
}

/**
 * Reminder class for an account in C on t: NEW before the first due date; else
 * the ledger's 近三月入M1次数 when present; else the history (months before
 * disbursement count as not in M1); with under 3 months known it is provisional.
 */
export function reminderClass(a: Account, t: Day, settings: Settings, history?: M1MonthLookup): ClassResult {
  return reminderClassFrom(a, t, firstDueDate(a, settings), history);
}

/** The few different class results, made once and shared (classification runs per account), by class, known months and source. */
const CLASS_RESULTS: ClassResult[] = [];
const CLASS_INDEX: Record<ReminderClass, number> = { A: 0, B: 1, C: 2, NEW: 3 };
const SOURCE_INDEX: Record<ClassResult["source"], number> = { ledger: 0, history: 1, new: 2 };
/** The shared result for these values (known months 0 to 3). */
function classResult(reminderClass: ReminderClass, knownMonths: number, source: ClassResult["source"]): ClassResult {
  const key = (CLASS_INDEX[reminderClass] * 4 + knownMonths) * 3 + SOURCE_INDEX[source];
  let r = CLASS_RESULTS[key];
  if (r === undefined) {
    r = Object.freeze({ reminderClass, knownMonths, provisional: knownMonths < 3, source });
    CLASS_RESULTS[key] = r;
  }
  return r;
}

/** `reminderClass` given the account's first due date. */
function reminderClassFrom(a: Account, t: Day, first: Day | null, history?: M1MonthLookup): ClassResult {
  if (first !== null && t < first) return classResult("NEW", 3, "new");
  if (a.m1Entries3m !== null) return classResult(classFromM1Months(a.m1Entries3m), 3, "ledger");
  let known = 0;
  let inM1 = 0;
  for (const { month, last } of lastThreeMonthsWithEnds(t)) {
    if (a.disbursedOn !== null && last < a.disbursedOn) {
      known++;
      continue;
    }
    const v = history?.(a.loanId, month);
    if (v === undefined) continue;
    known++;
    if (v) inM1++;
  }
  return classResult(classFromM1Months(inM1), known, "history");
}

/** Everything Daihou works out about one account on t. */
export interface Classification {
  account: Account;
  active: boolean;
  dpd: number;
  bucket: Bucket;
  /** Null unless active and in C. */
  reminder: ClassResult | null;
  nextDue: Day | null;
  firstDue: Day | null;
}

/** Classifies one account on t. */
export function classify(a: Account, t: Day, settings: Settings, history?: M1MonthLookup): Classification {
  const active = isActive(a);
  const dpd = a.statedDpd ?? daysPastDue(a.oldestUnpaid, t, settings.graceDays);
  const bucket = bucketOf(dpd, settings.bucketStarts);
  const firstDue = firstDueDate(a, settings);
  return {
    account: a,
    active,
    dpd,
    bucket,
    reminder: active && bucket === "C" ? reminderClassFrom(a, t, firstDue, history) : null,
    nextDue: nextDueFrom(a, t, firstDue),
    firstDue,
  };
}

/** What the history records of an account on day t (and what promises are judged against today). */
export function observationOf(a: Account, t: Day, graceDays: number): Observation {
  const status = a.principal <= 0 || a.status === "settled" ? "S" : a.status === "written_off" ? "W" : "A";
  // A ledger that states DPD instead of the oldest unpaid date: the equivalent date.
  const oldestUnpaid = a.oldestUnpaid ?? (a.statedDpd !== null && a.statedDpd > 0 ? t - a.statedDpd - graceDays : null);
  return { oldestUnpaid, principal: a.principal, status };
}
