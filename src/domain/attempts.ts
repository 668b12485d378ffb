/** What an account's contact attempts add up to (SPEC §4 "Numbers", SMS, lost contact), and the staff summary of a month (SPEC §6). */
import { bucketOf, daysPastDue } from "./classify";
import { type ContactEntry, REACHED, UNANSWERED, UNANSWERED_FOR_FAILED_NUMBER, isDial, newContactOf } from "./contacts";
import { type Day, type MonthKey, monthBounds } from "./days";
import type { Observation } from "./history";
import { type LedgerTimeline, promiseStatus } from "./promises";
import type { Settings } from "./settings";
import type { CallWindow, PhoneKind } from "./taskTypes";

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

/** Morning, afternoon and evening collection periods, alternated day by day. */
export const COLLECTION_PERIODS: readonly CallWindow[] = [
  { start: 9, end: 12 },
  { start: 14, end: 17 },
  { start: 19, end: 21 },
];

/**
 * The collection period of the next dial: while the customer is not answering,
 * the period least tried in this run of unanswered dials (ties: the one after
 * the latest dial's); once they answered, the period they answered in; with no
 * dials yet, alternating by `dayIndex`.
 */
export function nextPeriod(s: AttemptSummary, dayIndex: number): number {
  if (s.dials === 0 || s.lastPeriod === null) return dayIndex % COLLECTION_PERIODS.length;
  if (s.unansweredStreak === 0) return s.lastReachedPeriod ?? (s.lastPeriod + 1) % COLLECTION_PERIODS.length;
  let best = -1;
  for (let k = 1; k <= COLLECTION_PERIODS.length; k++) {
    const p = (s.lastPeriod + k) % COLLECTION_PERIODS.length;
    if (best < 0 || s.periods[p] < s.periods[best]) best = p;
  }
  return best;
}
