/** The timeline codec: one account's month of observations as text (`day,oldest unpaid,principal,status;…`), the one encoder and decoder every path uses. */
import { type Day, type MonthKey, dayFromYmd, parseMonth, ymd } from "../days";

/** Status in history: A active, S settled (incl. principal 0), W written off, X not in the ledger (or unreadable) that day. */
export type HistoryStatus = "A" | "S" | "W" | "X";

/** An account as one run of the daily job saw it. */
export interface Observation {
  oldestUnpaid: Day | null;
  principal: number;
  status: HistoryStatus;
}

/** From run day `day` on, the account was `obs` (until the next entry). */
export interface TimelineEntry {
  day: Day;
  obs: Observation;
}

/** Not in the ledger (or unreadable) that day; also what a timeline holds before its first entry. */
export const ABSENT: Observation = { oldestUnpaid: null, principal: 0, status: "X" };

export function sameObservation(a: Observation, b: Observation): boolean {
  return a.oldestUnpaid === b.oldestUnpaid && a.principal === b.principal && a.status === b.status;
}

/** A date as the timeline writes it: yyyymmdd. */
function compactDate(d: Day): string {
  const { year, month, day } = ymd(d);
  return String(year * 10000 + month * 100 + day);
}

function parseCompactDate(s: string): Day {
  const n = Number(s);
  return dayFromYmd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

/** An observation as a timeline entry's text after the day: `oldest unpaid,principal,status`. */
function stateText(o: Observation): string {
  return `${o.oldestUnpaid === null ? "" : compactDate(o.oldestUnpaid)},${o.principal},${o.status}`;
}

/** The state text of "absent". */
const ABSENT_STATE = stateText(ABSENT);

/** Whether a timeline's last entry already holds `state` (an empty timeline holds "absent"). */
function endsWithState(text: string, state: string, absent: boolean): boolean {
  if (text === "") return absent;
  const comma = text.indexOf(",", text.lastIndexOf(";") + 1);
  if (comma < 0) return absent;
  return text.length - comma - 1 === state.length && text.endsWith(state);
}

/**
 * The encoder: a timeline with the observation of day of month `dom` (a day
 * after its last entry's) added — a new entry only when the account changed,
 * leading absence implicit. With `rerun`, day `dom` is the last day recorded
 * and its own entry (if it has one) is replaced.
 */
export function withObservation(text: string, dom: number, o: Observation, rerun = false): string {
  let out = text;
  if (rerun && out !== "") {
    const cut = out.lastIndexOf(";");
    if (out.startsWith(`${dom},`, cut + 1)) out = cut < 0 ? "" : out.slice(0, cut);
  }
  const state = o === ABSENT ? ABSENT_STATE : stateText(o);
  if (endsWithState(out, state, o.status === "X")) return out;
  return out === "" ? `${dom},${state}` : `${out};${dom},${state}`;
}

/** A timeline's text from the observation on each run day (the encoder applied day after day). */
export function timelineText(observations: readonly Observation[], runDays: readonly Day[]): string {
  let text = "";
  for (let i = 0; i < runDays.length; i++) text = withObservation(text, ymd(runDays[i]).day, observations[i]);
  return text;
}

const partsOfMonth = new Map<MonthKey, { year: number; month: number }>();
/** Year and month of a month key (parsed once). */
function monthParts(month: MonthKey): { year: number; month: number } {
  let p = partsOfMonth.get(month);
  if (!p) {
    p = parseMonth(month) ?? { year: Number.NaN, month: Number.NaN };
    if (partsOfMonth.size < 1000) partsOfMonth.set(month, p);
  }
  return p;
}

/** The decoder: a timeline's text as entries (days of `month`; a day the month does not have is NaN). */
export function decodeTimeline(month: MonthKey, text: string): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  if (text === "") return entries;
  const p = monthParts(month);
  for (const part of text.split(";")) {
    if (part === "") continue;
    const [d, u, principal, status] = part.split(",");
    entries.push({
      day: dayFromYmd(p.year, p.month, Number(d)),
      obs: {
        oldestUnpaid: u === "" || u === undefined ? null : parseCompactDate(u),
        principal: Number(principal),
        status: status as HistoryStatus,
      },
    });
  }
  return entries;
}

/**
 * The observation on each run day (ascending) from a timeline's entries: the
 * last entry on or before the day, absent before the first. The entries are
 * taken in their order; one whose day is not before the next run day (or is
 * not a day) stops the walk there.
 */
export function observationsOn(entries: readonly TimelineEntry[], runDays: readonly Day[]): Observation[] {
  const out: Observation[] = [];
  let e = -1;
  for (const r of runDays) {
    while (e + 1 < entries.length && entries[e + 1].day <= r) e++;
    out.push(e >= 0 ? entries[e].obs : ABSENT);
  }
  return out;
}

/** The observation on run day r from a timeline's entries (as `observationsOn`). */
export function observationOn(entries: readonly TimelineEntry[], r: Day): Observation {
  return observationsOn(entries, [r])[0];
}
