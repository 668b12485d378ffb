/** A promise's status judged from the ledger's later state (SPEC §5): the ledger's timeline in Daihou's history, and kept, partial, broken or pending. */
import type { ContactEntry } from "./contacts";
import { type Day, ymd } from "./days";
import { HistoryView, type MonthHistory, type Observation } from "./history";

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
