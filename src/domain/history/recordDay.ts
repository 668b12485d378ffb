/** The day's records: a run's observations recorded into a month's history (`recordDay`, `recordDayOf`), through the timeline codec. */
import { type Day, monthOf, ymd } from "../days";
import type { MonthHistory, MonthRecord } from "./monthRecords";
import { ABSENT, type Observation, decodeTimeline, observationsOn, timelineText, withObservation } from "./timeline";

/**
 * Records day t's observations (updating `hist` in place and returning it):
 * every account seen today, and "absent" for those seen earlier this month but
 * not today. A day after every run day so far (the daily case) only appends to
 * the timelines' text; any other day re-derives the affected timelines.
 */
export function recordDay(
  hist: MonthHistory,
  t: Day,
  seen: Iterable<readonly [string, { obs: Observation; dueDay: number | null }]>,
): MonthHistory {
  const numbers: number[] = [];
  const observations: Observation[] = [];
  const dueDays: (number | null)[] = [];
  for (const [id, s] of seen) {
    numbers.push(hist.records.ids.add(id));
    observations.push(s.obs);
    dueDays.push(s.dueDay);
  }
  return recordDayOf(hist, t, numbers, observations, dueDays);
}

/**
 * `recordDay` with the accounts seen given as columns: account k has id number
 * `numbers[k]` in the month's `ids`, observation `observations[k]` and due day
 * `dueDays[k]` (the daily job's form: no pair per account).
 */
export function recordDayOf(
  hist: MonthHistory,
  t: Day,
  numbers: ArrayLike<number>,
  observations: readonly Observation[],
  dueDays: readonly (number | null)[],
): MonthHistory {
  if (monthOf(t) !== hist.month) throw new Error(`day ${t} is not in ${hist.month}`);
  const latestBefore = hist.runDays.length ? hist.runDays[hist.runDays.length - 1] : -Infinity;
  // A new last day (the daily case) or a re-run of the last day: only the timelines' ends change.
  const atEnd = t >= latestBefore;
  const rerun = t === latestBefore;
  const dom = ymd(t).day;
  const runDays = hist.runDays.includes(t) ? hist.runDays : atEnd ? [...hist.runDays, t] : [...hist.runDays, t].sort((a, b) => a - b);
  const at = runDays.indexOf(t);
  // Updated in place: the caller has just decoded this month and writes it back.
  const records = hist.records;
  const record = (i: number, o: Observation) => {
    if (atEnd) {
      records.setText(i, withObservation(records.text(i), dom, o, rerun));
      return;
    }
    // Any other day: the account's observation on each run day, with day t's put in, encoded again.
    const on = observationsOn(records.entries(i), hist.runDays);
    if (runDays.length > hist.runDays.length) on.splice(at, 0, o);
    else on[at] = o;
    records.setText(i, timelineText(on, runDays));
  };
  // Marks the accounts already in the month that are seen today (the new ones are seen by definition).
  const before = records.size;
  const seenAt = new Uint8Array(before);
  for (let k = 0; k < numbers.length; k++) {
    let i = records.indexOfNumber(numbers[k]);
    if (i < 0) i = records.putNumber(numbers[k], dueDays[k], "");
    else if (atEnd) records.setDueDay(i, dueDays[k]);
    if (i < before) seenAt[i] = 1;
    record(i, observations[k]);
  }
  for (let i = 0; i < before; i++) if (!seenAt[i]) record(i, ABSENT);
  hist.runDays = runDays;
  // The content changed: its fingerprint is worked out again when the month is encoded.
  hist.content = "";
  return hist;
}

/** A record made from the account's observation on each of the month's run days (absent ones included). */
export function monthRecordOf(
  loanId: string,
  dueDay: number | null,
  runDays: readonly Day[],
  observationOnDay: (r: Day) => Observation,
): MonthRecord {
  const text = timelineText(runDays.map(observationOnDay), runDays);
  return { loanId, dueDay, text, entries: runDays.length === 0 ? [] : decodeTimeline(monthOf(runDays[0]), text) };
}
