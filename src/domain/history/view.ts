/** `HistoryView`: several months of history read back — an account's observation on a run day, its state on any day, whether it was in M1 in a month. */
import { type Day, type MonthKey, monthBounds, monthOf } from "../days";
import type { IdIndex } from "../idIndex";
import type { MonthHistory, MonthRecord } from "./monthRecords";
import { ABSENT, type Observation, observationOn, observationsOn, sameObservation } from "./timeline";

/** The state of an account on a day, or why it is not known. */
export type StateOnDay = { known: true; obs: Observation; derived: boolean } | { known: false; reason: "not_run" | "changed_between" };

/**
 * A read-only view over several months of history, answering "what was this
 * account on day k?" for any day the history covers.
 */
export class HistoryView {
  private readonly runDays: Day[];
  private readonly byMonth: Map<MonthKey, MonthHistory>;

  constructor(months: readonly MonthHistory[]) {
    this.byMonth = new Map(months.map((m) => [m.month, m]));
    this.runDays = months.flatMap((m) => m.runDays).sort((a, b) => a - b);
  }

  /** Every day the job ran, ascending. */
  days(): readonly Day[] {
    return this.runDays;
  }

  /** True when the job ran on day d. */
  ran(d: Day): boolean {
    return this.byMonth.get(monthOf(d))?.runDays.includes(d) ?? false;
  }

  /** Loan ids seen in any loaded month. */
  loanIds(): Set<string> {
    const ids = new Set<string>();
    for (const m of this.byMonth.values()) for (const id of m.records.loanIds()) ids.add(id);
    return ids;
  }

  /** The account's record for a month, if any. */
  record(loanId: string, month: MonthKey): MonthRecord | undefined {
    return this.byMonth.get(month)?.records.get(loanId);
  }

  /** The observation on run day r (absent when not seen). */
  observed(loanId: string, r: Day): Observation {
    const records = this.byMonth.get(monthOf(r))?.records;
    const i = records ? records.indexOf(loanId) : -1;
    return records && i >= 0 ? observationOn(records.entries(i), r) : ABSENT;
  }

  /** The last run day ≤ d and the first ≥ d (undefined where none). */
  private around(d: Day): { before?: Day; after?: Day } {
    let lo = 0;
    let hi = this.runDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.runDays[mid] < d) lo = mid + 1;
      else hi = mid;
    }
    return { before: lo > 0 ? this.runDays[lo - 1] : undefined, after: lo < this.runDays.length ? this.runDays[lo] : undefined };
  }

  /**
   * The account's state on day k: observed when the job ran that day; derived
   * when the runs just before and after k saw the same oldest unpaid date,
   * principal and status (nothing can have changed between); else unknown.
   */
  stateOn(loanId: string, k: Day): StateOnDay {
    if (this.ran(k)) return { known: true, obs: this.observed(loanId, k), derived: false };
    const { before, after } = this.around(k);
    if (before === undefined || after === undefined) return { known: false, reason: "not_run" };
    const a = this.observed(loanId, before);
    const b = this.observed(loanId, after);
    return sameObservation(a, b) ? { known: true, obs: a, derived: true } : { known: false, reason: "changed_between" };
  }

  /**
   * Whether the account was in M1 or worse on any run day of `month`
   * (DPD ≥ m1Start while active); undefined when it was never seen that month.
   */
  wasInM1(loanId: string, month: MonthKey, graceDays: number, m1Start: number): boolean | undefined {
    const hist = this.byMonth.get(month);
    return hist ? this.m1At(hist, hist.records.indexOf(loanId), graceDays, m1Start) : undefined;
  }

  /** `wasInM1` for the account with id number n in `ids`, when every month of the view numbers its accounts in `ids`. */
  wasInM1Numbered(n: number, month: MonthKey, graceDays: number, m1Start: number): boolean | undefined {
    const hist = this.byMonth.get(month);
    return hist ? this.m1At(hist, hist.records.indexOfNumber(n), graceDays, m1Start) : undefined;
  }

  /** `wasInM1` for the account at index i of a month (-1: not in it). */
  private m1At(hist: MonthHistory, i: number, graceDays: number, m1Start: number): boolean | undefined {
    if (i < 0) return undefined;
    const on = observationsOn(hist.records.entries(i), hist.runDays);
    let seen = false;
    for (let j = 0; j < on.length; j++) {
      const o = on[j];
      if (o.status === "X") continue;
      seen = true;
      if (o.status === "A" && o.principal > 0 && o.oldestUnpaid !== null && hist.runDays[j] - o.oldestUnpaid - graceDays >= m1Start)
        return true;
    }
    return seen ? false : undefined;
  }

  /** True when every month of the view numbers its accounts in `ids`. */
  numbersIn(ids: IdIndex): boolean {
    for (const m of this.byMonth.values()) if (m.records.ids !== ids) return false;
    return true;
  }
}

/** The months whose sheets a view needs to answer questions about days in [from, to], plus one month each side. */
export function monthsAround(from: Day, to: Day): MonthKey[] {
  const months: MonthKey[] = [];
  let d = monthBounds(monthOf(from)).first - 1;
  const end = monthBounds(monthOf(to)).last + 1;
  while (d <= end) {
    const m = monthOf(d);
    if (!months.includes(m)) months.push(m);
    d = monthBounds(m).last + 1;
  }
  return months;
}
