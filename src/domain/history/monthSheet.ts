/** The month-sheet layout: one history sheet per month, its header row and one row of 4 cells per account (`encodeMonth`, `decodeMonth`). */
import { type Cell, cellText } from "../cells";
import { type Day, type MonthKey, dayFromYmd, parseMonth, ymd } from "../days";
import type { IdIndex } from "../idIndex";
import { isM1Flags, m1Header, readM1Header } from "./carriedM1";
import { type MonthHistory, MonthRecords } from "./monthRecords";

/*
 * Daihou's history (SPEC §6): what each account looked like on each day the
 * daily job ran, kept compact enough for 20,000 accounts × 36 months.
 *
 * Layout: one sheet per month (`历史 History YYYY-MM`), one row per account in
 * loan-id order, 4 cells a row — loan id, due day, the account's timeline (see
 * ./timeline.ts: a new entry only when its oldest unpaid date, principal or
 * status changed), and whether the account was in M1 in each of the three
 * months before (carried so that a day's run need not read them; the fourth
 * header cell says what they were worked out from, and fingerprints the
 * sheet's own content: ./carriedM1.ts). The header row lists the days the job
 * ran in that month (after `runs:` in the third header cell). So an account
 * costs 4 cells a month whatever the number of runs, re-running a day replaces
 * that day's observation, and the state on any day is either known (a run day,
 * or between two runs that saw the same state) or explicitly unknown.
 */

/** Cells per account per month in the history layout. */
export const HISTORY_CELLS_PER_ACCOUNT_MONTH = 4;

/** The history sheet's name for a month. */
export function historySheetName(month: MonthKey): string {
  return `历史 History ${month}`;
}

/** The month of a history sheet name, or null when it is not one. */
export function monthOfHistorySheet(name: string): MonthKey | null {
  const m = /^历史 History (\d{4}-\d{2})$/.exec(name);
  return m ? m[1] : null;
}

const RUNS_MARK = "runs:";
/** Column C's header: the timeline's format, then the days of the month the job ran. */
const TIMELINE_HEADER = `timeline (day,oldest unpaid,principal,status;…) ${RUNS_MARK}`;

/** The accounts' indices in ascending loan-id order (a month decoded from its sheet is already in order but for the accounts new today). */
function indicesByLoanId(records: MonthRecords): number[] {
  const n = records.size;
  const id = (i: number) => records.loanId(i);
  // The accounts read from the sheet were checked in order as they were read; the check goes on from there.
  let k = Math.min(Math.max(1, records.sortedPrefix), n);
  while (k < n && id(k - 1) < id(k)) k++;
  const out: number[] = new Array(k);
  for (let i = 0; i < k; i++) out[i] = i;
  if (k >= n) return out;
  const tail: number[] = [];
  for (let i = k; i < n; i++) tail.push(i);
  tail.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  // Each of the few accounts after the ordered head goes where a binary search of the head puts it.
  const at = tail.map((t) => {
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (id(mid) < id(t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
  const merged: number[] = [];
  let i = 0;
  for (let j = 0; j < tail.length; j++) {
    while (i < at[j]) merged.push(i++);
    merged.push(tail[j]);
  }
  while (i < k) merged.push(i++);
  return merged;
}

/** Encodes a month as sheet rows: header (with the run days) then one row per account, sorted by loan id. */
export function encodeMonth(hist: MonthHistory): Cell[][] {
  const records = hist.records;
  const rows: Cell[][] = [monthHeader(hist.runDays, hist.m1From ?? "", hist.content ?? "")];
  for (const i of indicesByLoanId(records)) rows.push([records.loanId(i), records.dueDay(i) ?? "", records.text(i), records.m1Before(i)]);
  return rows;
}

/** A month sheet's header row: the run days (third cell), and what the flags were made from and the fingerprint (fourth). */
export function monthHeader(runDays: readonly Day[], m1From: string, content: string): Cell[] {
  return ["loan_id", "due_day", `${TIMELINE_HEADER}${runDays.map((d) => ymd(d).day).join(",")}`, m1Header(m1From, content)];
}

/** True when a string starts and ends with a visible ASCII character (so trimming would not change it). */
export function visibleAsciiEnds(s: string): boolean {
  if (s.length === 0) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/** Decodes a month sheet's values (as `encodeMonth` wrote them); timelines are decoded when first asked for; accounts are numbered in `ids` when given. Throws on a malformed sheet. */
export function decodeMonth(month: MonthKey, values: readonly (readonly Cell[])[], ids?: IdIndex): MonthHistory {
  const header = values[0] ?? [];
  const runDays = runDaysOfHeader(month, header);
  const records = new MonthRecords(month, values.length, ids);
  let previous = "";
  let inOrder = true;
  for (let i = 1; i < values.length; i++) {
    const row = values[i];
    const first = row[0];
    const id = typeof first === "string" && visibleAsciiEnds(first) ? first : cellText(first).trim();
    if (id === "") continue;
    // Checked here, while the ids are at hand: the sheet was written in order (a hand edit may have changed that).
    if (inOrder) {
      if (records.size > 0 && !(previous < id)) {
        inOrder = false;
        records.sortedPrefix = records.size;
      }
      previous = id;
    }
    const due = row[1];
    const dueDay =
      typeof due === "number"
        ? due
        : (() => {
            const text = cellText(due).trim();
            return text === "" ? null : Number(text);
          })();
    const timeline = row[2];
    const k = records.put(id, dueDay, typeof timeline === "string" ? timeline : cellText(timeline));
    const flags = row[3];
    if (typeof flags === "string" && isM1Flags(flags)) records.setM1Before(k, flags);
  }
  if (inOrder) records.sortedPrefix = records.size;
  const m1 = readM1Header(header);
  return { month, runDays, records, m1From: m1.from, content: m1.content ?? "" };
}

/** The days the job ran in a month, from its sheet's header row (after `runs:` in the third cell). */
export function runDaysOfHeader(month: MonthKey, header: readonly Cell[]): Day[] {
  const p = parseMonth(month);
  if (!p) throw new Error(`bad month ${month}`);
  const headText = cellText(header[2]);
  const at = headText.indexOf(RUNS_MARK);
  const runText = at < 0 ? "" : headText.slice(at + RUNS_MARK.length).trim();
  return runText === "" ? [] : runText.split(",").map((s) => dayFromYmd(p.year, p.month, Number(s)));
}
