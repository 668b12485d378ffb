/**
 * Daihou's history (SPEC §6): what each account looked like on each day the
 * daily job ran, kept compact enough for 20,000 accounts × 36 months.
 *
 * Layout: one sheet per month (`历史 History YYYY-MM`), one row per account,
 * 3 cells a row — loan id, due day, and a run-length-encoded timeline of
 * observations (a new entry only when the account's oldest unpaid date,
 * principal or status changed). The header row lists the days the job ran in
 * that month (after `runs:` in the third header cell). So an account costs 3 cells a month whatever the number of runs,
 * re-running a day replaces that day's observation, and the state on any day is
 * either known (a run day, or between two runs that saw the same state) or
 * explicitly unknown.
 */
import { type Cell, cellText } from "./cells";
import { type Day, type MonthKey, dayFromYmd, monthBounds, monthOf, parseMonth, ymd } from "./days";

/** Status in history: A active, S settled (incl. principal 0), W written off, X not in the ledger (or unreadable) that day. */
export type HistoryStatus = "A" | "S" | "W" | "X";

/** An account as one run of the daily job saw it. */
export interface Observation {
  oldestUnpaid: Day | null;
  principal: number;
  status: HistoryStatus;
}

/** One account's month: its due day and its observation on each run day. */
export interface MonthRecord {
  loanId: string;
  dueDay: number | null;
  /** Observation per run day (only days the account was seen or explicitly absent). */
  obs: Map<Day, Observation>;
}

/** One month of history. */
export interface MonthHistory {
  month: MonthKey;
  runDays: Day[];
  records: Map<string, MonthRecord>;
}

/** Cells per account per month in the history layout. */
export const HISTORY_CELLS_PER_ACCOUNT_MONTH = 3;

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

const ABSENT: Observation = { oldestUnpaid: null, principal: 0, status: "X" };

/** An empty month. */
export function emptyMonth(month: MonthKey): MonthHistory {
  return { month, runDays: [], records: new Map() };
}

function sameObservation(a: Observation, b: Observation): boolean {
  return a.oldestUnpaid === b.oldestUnpaid && a.principal === b.principal && a.status === b.status;
}

function compactDate(d: Day): string {
  const { year, month, day } = ymd(d);
  return String(year * 10000 + month * 100 + day);
}

function parseCompactDate(s: string): Day {
  const n = Number(s);
  return dayFromYmd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

/** Records day t's observations (updating `hist` in place and returning it): every account seen today, and "absent" for those seen earlier this month but not today. */
export function recordDay(
  hist: MonthHistory,
  t: Day,
  seen: ReadonlyMap<string, { obs: Observation; dueDay: number | null }>,
): MonthHistory {
  if (monthOf(t) !== hist.month) throw new Error(`day ${t} is not in ${hist.month}`);
  const latestBefore = hist.runDays.length ? hist.runDays[hist.runDays.length - 1] : -Infinity;
  const runDays = hist.runDays.includes(t) ? hist.runDays : [...hist.runDays, t].sort((a, b) => a - b);
  // Updated in place: the caller has just decoded this month and writes it back.
  const records = hist.records;
  for (const [id, s] of seen) {
    let rec = records.get(id);
    if (!rec) {
      rec = { loanId: id, dueDay: s.dueDay, obs: new Map() };
      records.set(id, rec);
    } else if (t >= latestBefore) {
      rec.dueDay = s.dueDay;
    }
    rec.obs.set(t, s.obs);
  }
  for (const [id, rec] of records) if (!seen.has(id)) rec.obs.set(t, ABSENT);
  hist.runDays = runDays;
  return hist;
}

/** The observation of a record on run day r (absent when it was not seen by then). */
function observationOn(rec: MonthRecord, r: Day): Observation {
  return rec.obs.get(r) ?? ABSENT;
}

/** Encodes a month as sheet rows: header (with the run days) then one row per account, sorted by loan id. */
export function encodeMonth(hist: MonthHistory): Cell[][] {
  const days = hist.runDays.map((d) => ymd(d).day).join(",");
  const rows: Cell[][] = [["loan_id", "due_day", `${TIMELINE_HEADER}${days}`]];
  const ids = [...hist.records.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) {
    const rec = hist.records.get(id) as MonthRecord;
    const parts: string[] = [];
    let prev: Observation | null = null;
    for (const r of hist.runDays) {
      const o = observationOn(rec, r);
      // Leading absences are implicit; after that only changes are written.
      if (prev === null ? o.status === "X" : sameObservation(prev, o)) continue;
      parts.push(`${ymd(r).day},${o.oldestUnpaid === null ? "" : compactDate(o.oldestUnpaid)},${o.principal},${o.status}`);
      prev = o;
    }
    rows.push([id, rec.dueDay ?? "", parts.join(";")]);
  }
  return rows;
}

/** Decodes a month sheet's values (as `encodeMonth` wrote them). Throws on a malformed sheet. */
export function decodeMonth(month: MonthKey, values: readonly Cell[][]): MonthHistory {
  const p = parseMonth(month);
  if (!p) throw new Error(`bad month ${month}`);
  const header = values[0] ?? [];
  const headText = cellText(header[2]);
  const at = headText.indexOf(RUNS_MARK);
  const runText = at < 0 ? "" : headText.slice(at + RUNS_MARK.length).trim();
  const runDays = runText === "" ? [] : runText.split(",").map((s) => dayFromYmd(p.year, p.month, Number(s)));
  const records = new Map<string, MonthRecord>();
  for (let i = 1; i < values.length; i++) {
    const row = values[i];
    const id = cellText(row[0]).trim();
    if (id === "") continue;
    const dueText = cellText(row[1]).trim();
    const entries = cellText(row[2])
      .split(";")
      .filter((s) => s !== "")
      .map((s) => {
        const [d, u, principal, status] = s.split(",");
        return {
          day: dayFromYmd(p.year, p.month, Number(d)),
          obs: { oldestUnpaid: u === "" ? null : parseCompactDate(u), principal: Number(principal), status: status as HistoryStatus },
        };
      });
    const obs = new Map<Day, Observation>();
    let e = -1;
    for (const r of runDays) {
      while (e + 1 < entries.length && entries[e + 1].day <= r) e++;
      if (e >= 0) obs.set(r, entries[e].obs);
    }
    records.set(id, { loanId: id, dueDay: dueText === "" ? null : Number(dueText), obs });
  }
  return { month, runDays, records };
}

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
    for (const m of this.byMonth.values()) for (const id of m.records.keys()) ids.add(id);
    return ids;
  }

  /** The account's record for a month, if any. */
  record(loanId: string, month: MonthKey): MonthRecord | undefined {
    return this.byMonth.get(month)?.records.get(loanId);
  }

  /** The observation on run day r (absent when not seen). */
  observed(loanId: string, r: Day): Observation {
    const rec = this.record(loanId, monthOf(r));
    return rec ? observationOn(rec, r) : ABSENT;
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
    const rec = hist?.records.get(loanId);
    if (!hist || !rec) return undefined;
    let seen = false;
    for (const r of hist.runDays) {
      const o = observationOn(rec, r);
      if (o.status === "X") continue;
      seen = true;
      if (o.status === "A" && o.principal > 0 && o.oldestUnpaid !== null && r - o.oldestUnpaid - graceDays >= m1Start) return true;
    }
    return seen ? false : undefined;
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
