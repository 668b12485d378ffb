/**
 * Each customer's best time to call (SPEC §6 contact rate): the collection
 * period (morning 9–12, afternoon 14–17, evening 19–21, SPEC §4's alternation)
 * in which most of their dials so far reached them. It places the customer's
 * collection call; with no reached dial in the log the alternation stands.
 */
import { type AttemptSummary, COLLECTION_PERIODS, nextPeriod, periodOf } from "../attempts";
import { type ContactEntry, REACHED, isDial } from "../contacts";
import type { CallWindow } from "../taskTypes";
import type { Day } from "../days";

/**
 * The period (0, 1, 2) with the most reached dials on or before t; a tie goes
 * to the period of the latest of those reached dials. Null when none reached.
 */
export function bestPeriod(entries: readonly ContactEntry[], t: Day): number | null {
  const reached = [0, 0, 0];
  const latest = [-1, -1, -1];
  entries.forEach((e, i) => {
    if (e.date > t || !isDial(e.outcome) || !REACHED.has(e.outcome)) return;
    const p = periodOf(e);
    if (p === null) return;
    reached[p]++;
    latest[p] = i;
  });
  let best: number | null = null;
  for (let p = 0; p < reached.length; p++) {
    if (reached[p] === 0) continue;
    if (best === null || reached[p] > reached[best] || (reached[p] === reached[best] && latest[p] > latest[best])) best = p;
  }
  return best;
}

/**
 * The period of the next collection dial: the customer's best period, unless
 * they are not answering and it was already tried in this run of unanswered
 * dials (then the least-tried period, as before); without a best period, the
 * alternation of `nextPeriod`.
 */
export function placePeriod(s: AttemptSummary, best: number | null, dayIndex: number): number {
  if (best === null) return nextPeriod(s, dayIndex);
  if (s.unansweredStreak === 0 || s.periods[best] === 0) return best;
  return nextPeriod(s, dayIndex);
}

/** The best window as the call sheet writes windows ("19:00-21:00"); "" when there is none. */
export function bestWindowText(entries: readonly ContactEntry[], t: Day): string {
  const p = bestPeriod(entries, t);
  if (p === null) return "";
  const w: CallWindow = COLLECTION_PERIODS[p];
  const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
  return `${hh(w.start)}-${hh(w.end)}`;
}
