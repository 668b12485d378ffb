/** Shared helpers of the history tests: days and observations in short, a month run day by day through its sheet, and `wasInM1` by its definition over decoded entries. */
import { type Day, type MonthKey, monthOf, parseIsoDay } from "../../../src/domain/days";
import {
  type HistoryView,
  type MonthHistory,
  type Observation,
  decodeMonth,
  emptyMonth,
  encodeMonth,
  recordDay,
} from "../../../src/domain/history";

export const d = (s: string): Day => parseIsoDay(s);
export const A = (u: string | null, principal: number): Observation => ({ oldestUnpaid: u === null ? null : d(u), principal, status: "A" });
export const seen = (entries: Record<string, Observation>, dueDay = 16) =>
  new Map(Object.entries(entries).map(([id, obs]) => [id, { obs, dueDay }]));

/** Runs days in order on an empty November 2026, going through the sheet encoding each time (as the job does). */
export function run(days: [string, Record<string, Observation>][], month = "2026-11"): MonthHistory {
  let h = emptyMonth(month);
  for (const [t, obs] of days) h = decodeMonth(month, encodeMonth(recordDay(h, d(t), seen(obs))));
  return h;
}

/**
 * `HistoryView.wasInM1` by its definition, walking the account's decoded
 * entries over the month's run days: M1 or worse (active, principal > 0, DPD ≥
 * m1Start) on any run day; undefined when never seen that month.
 */
export function wasInM1Decoded(
  view: HistoryView,
  loanId: string,
  month: MonthKey,
  graceDays: number,
  m1Start: number,
): boolean | undefined {
  const record = view.record(loanId, month);
  if (!record) return undefined;
  const entries = record.entries;
  let seenInMonth = false;
  let e = -1;
  for (const r of view.days().filter((day) => monthOf(day) === month)) {
    while (e + 1 < entries.length && entries[e + 1].day <= r) e++;
    if (e < 0) continue;
    const o = entries[e].obs;
    if (o.status === "X") continue;
    seenInMonth = true;
    if (o.status === "A" && o.principal > 0 && o.oldestUnpaid !== null && r - o.oldestUnpaid - graceDays >= m1Start) return true;
  }
  return seenInMonth ? false : undefined;
}
