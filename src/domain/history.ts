/**
 * Daihou's history (SPEC §6): what each account looked like on each day the
 * daily job ran, kept compact enough for 20,000 accounts × 36 months.
 *
 * Layout: one sheet per month (`历史 History YYYY-MM`), one row per account,
 * 4 cells a row — loan id, due day, a run-length-encoded timeline of
 * observations (a new entry only when the account's oldest unpaid date,
 * principal or status changed), and whether the account was in M1 in each of
 * the three months before (carried so that a day's run need not read them; the
 * fourth header cell says what they were worked out from, and fingerprints the
 * sheet's own content). The header row lists the days the job ran in
 * that month (after `runs:` in the third header cell). So an account costs 4 cells a month whatever the number of runs,
 * re-running a day replaces that day's observation, and the state on any day is
 * either known (a run day, or between two runs that saw the same state) or
 * explicitly unknown.
 */
import { type Cell, cellText } from "./cells";
import { IdIndex } from "./idIndex";
import { type Day, type MonthKey, dayFromYmd, monthBounds, monthOf, parseMonth, ymd } from "./days";

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

/** One account's month: its due day and its timeline, as text and as entries. */
export interface MonthRecord {
  loanId: string;
  dueDay: number | null;
  /** `day,oldest unpaid (yyyymmdd),principal,status;…`, a new entry only on change; leading absence implicit. */
  text: string;
  entries: TimelineEntry[];
}

/**
 * A month's accounts, kept as columns (loan ids, due days, timeline texts)
 * straight from the sheet's rows: a big store has 100,000 accounts a month,
 * and most questions need one account's text, not an object per account.
 * Timelines are decoded into entries only when something asks.
 *
 * Accounts are found by their number in an `IdIndex`: the month's own, or one
 * shared with the ledger and the other months of a run, so that the daily job
 * hashes each loan id once and then finds it in every month by number.
 */
export class MonthRecords {
  private readonly dueDays: (number | null)[] = [];
  private readonly texts: string[] = [];
  private readonly decoded: (TimelineEntry[] | undefined)[] = [];
  /** Whether the account was in M1 in each of the three months before, as carried in the sheet ("" when not worked out; see `M1Carried`). */
  private readonly m1Flags: string[] = [];
  /** The id number (in `ids`) of each account, in the order added. */
  private readonly numbers: number[] = [];
  /** How many accounts, from the first, are known to be in ascending loan-id order (as read from the sheet). */
  sortedPrefix = 0;
  /** Id number → the account's index + 1 (0: not in the month). */
  private indexByNumber: Int32Array;
  readonly ids: IdIndex;

  constructor(
    readonly month: MonthKey,
    expected = 8,
    ids?: IdIndex,
  ) {
    this.ids = ids ?? new IdIndex(expected);
    this.indexByNumber = new Int32Array(Math.max(16, this.ids.size + expected));
  }

  /** Accounts in the month. */
  get size(): number {
    return this.numbers.length;
  }

  /** The loan ids, in the order they were added (the sheet's order, then the new ones). */
  loanIds(): readonly string[] {
    return this.numbers.map((n) => this.ids.id(n));
  }

  /** The loan id of the account at index i. */
  loanId(i: number): string {
    return this.ids.id(this.numbers[i]);
  }

  /** The account's index, or -1. */
  indexOf(loanId: string): number {
    const n = this.ids.get(loanId);
    return n < 0 ? -1 : this.indexOfNumber(n);
  }

  /** The index of the account with id number n (in `ids`), or -1. */
  indexOfNumber(n: number): number {
    return n < this.indexByNumber.length ? this.indexByNumber[n] - 1 : -1;
  }

  /** Adds an account, or replaces what a loan id already has; returns its index. */
  put(loanId: string, dueDay: number | null, text: string): number {
    return this.putNumber(this.ids.add(loanId), dueDay, text);
  }

  /** `put` for the account with id number n (in `ids`). */
  putNumber(n: number, dueDay: number | null, text: string): number {
    const i = this.indexOfNumber(n);
    if (i >= 0) {
      this.dueDays[i] = dueDay;
      this.setText(i, text);
      return i;
    }
    if (n >= this.indexByNumber.length) {
      const grown = new Int32Array(Math.max(n + 1, this.indexByNumber.length * 2));
      grown.set(this.indexByNumber);
      this.indexByNumber = grown;
    }
    this.numbers.push(n);
    this.dueDays.push(dueDay);
    this.texts.push(text);
    this.decoded.push(undefined);
    this.m1Flags.push("");
    this.indexByNumber[n] = this.numbers.length;
    return this.numbers.length - 1;
  }

  /** The id number (in `ids`) of the account at index i. */
  numberAt(i: number): number {
    return this.numbers[i];
  }

  /** The account's "in M1 in each of the three months before" flags as carried in the sheet ("" when none). */
  m1Before(i: number): string {
    return this.m1Flags[i];
  }

  setM1Before(i: number, flags: string): void {
    this.m1Flags[i] = flags;
  }

  dueDay(i: number): number | null {
    return this.dueDays[i];
  }

  setDueDay(i: number, dueDay: number | null): void {
    this.dueDays[i] = dueDay;
  }

  text(i: number): string {
    return this.texts[i];
  }

  setText(i: number, text: string): void {
    if (text === this.texts[i]) return;
    this.texts[i] = text;
    this.decoded[i] = undefined;
  }

  /** The account's timeline entries (decoded on first use). */
  entries(i: number): TimelineEntry[] {
    let e = this.decoded[i];
    if (e === undefined) {
      e = decodeTimeline(this.month, this.texts[i]);
      this.decoded[i] = e;
    }
    return e;
  }

  /** The account's record, or undefined when it is not in the month. */
  get(loanId: string): MonthRecord | undefined {
    const i = this.indexOf(loanId);
    return i < 0 ? undefined : { loanId, dueDay: this.dueDays[i], text: this.texts[i], entries: this.entries(i) };
  }
}

/** One month of history. */
export interface MonthHistory {
  month: MonthKey;
  runDays: Day[];
  records: MonthRecords;
  /** What the accounts' carried M1 flags were worked out from (`m1Provenance`), as read from the sheet ("" when none). */
  m1From?: string;
  /**
   * A fingerprint of the month's content (ids, due days, timelines, run days)
   * as read from its sheet: "" or missing once the content changed (or when the
   * sheet had none); see `fingerprintedHeaderCell`.
   */
  content?: string;
}

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

const ABSENT: Observation = { oldestUnpaid: null, principal: 0, status: "X" };

/** An empty month (its accounts numbered in `ids` when given, see `MonthRecords`). */
export function emptyMonth(month: MonthKey, ids?: IdIndex): MonthHistory {
  return { month, runDays: [], records: new MonthRecords(month, 8, ids) };
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

/** An observation as a timeline entry's text after the day: `oldest unpaid,principal,status` (`date`: the oldest unpaid date's compact text, when already made). */
function stateText(o: Observation, date = o.oldestUnpaid === null ? "" : compactDate(o.oldestUnpaid)): string {
  return `${date},${o.principal},${o.status}`;
}

/** The state text of "absent". */
const ABSENT_STATE = stateText(ABSENT);

/** The day of the month of a day in `month` (1–31). */
function dayOfMonth(d: Day): number {
  return ymd(d).day;
}

/** Decodes a timeline's text into entries (days of `month`). */
function decodeTimeline(month: MonthKey, text: string): TimelineEntry[] {
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

/** The observation on each run day (absent before the first entry), from a record's entries. */
function expand(entries: readonly TimelineEntry[], runDays: readonly Day[]): Observation[] {
  const out: Observation[] = [];
  let e = -1;
  for (const r of runDays) {
    while (e + 1 < entries.length && entries[e + 1].day <= r) e++;
    out.push(e >= 0 ? entries[e].obs : ABSENT);
  }
  return out;
}

/** Entries and text from the observation on each run day: a new entry only on change, leading absence implicit. */
function compress(observations: readonly Observation[], runDays: readonly Day[]): { entries: TimelineEntry[]; text: string } {
  const entries: TimelineEntry[] = [];
  const parts: string[] = [];
  let prev: Observation | null = null;
  observations.forEach((o, i) => {
    if (prev === null ? o.status === "X" : sameObservation(prev, o)) return;
    entries.push({ day: runDays[i], obs: o });
    parts.push(`${dayOfMonth(runDays[i])},${stateText(o)}`);
    prev = o;
  });
  return { entries, text: parts.join(";") };
}

/** Whether a timeline's last entry already holds `state` (an empty timeline holds "absent"), so that appending it would change nothing. */
function endsWithState(text: string, state: string, absent: boolean): boolean {
  if (text === "") return absent;
  const comma = text.indexOf(",", text.lastIndexOf(";") + 1);
  if (comma < 0) return absent;
  return text.length - comma - 1 === state.length && text.endsWith(state);
}

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
  // Updated in place: the caller has just decoded this month and writes it back.
  const records = hist.records;
  // Marks the accounts already in the month that are seen today (the new ones are seen by definition).
  const before = records.size;
  const seenAt = new Uint8Array(before);
  if (t >= latestBefore) {
    // The daily case (a new last day) and a re-run of the last day: only the timelines' ends change.
    const dom = dayOfMonth(t);
    const rerun = t === latestBefore;
    const ownEntry = `;${dom},`;
    const append = (i: number, o: Observation) => {
      const state = o === ABSENT ? ABSENT_STATE : stateText(o);
      let text = records.text(i);
      // A re-run replaces the last day's own entry.
      if (rerun && text !== "") {
        const cut = text.lastIndexOf(";");
        if (cut < 0 ? text.startsWith(`${dom},`) : text.startsWith(ownEntry, cut)) text = cut < 0 ? "" : text.slice(0, cut);
      }
      if (!endsWithState(text, state, o.status === "X")) text = appended(text, dom, state);
      records.setText(i, text);
    };
    for (let k = 0; k < numbers.length; k++) {
      let i = records.indexOfNumber(numbers[k]);
      if (i < 0) i = records.putNumber(numbers[k], dueDays[k], "");
      else records.setDueDay(i, dueDays[k]);
      if (i < before) seenAt[i] = 1;
      append(i, observations[k]);
    }
    for (let i = 0; i < before; i++) if (!seenAt[i]) append(i, ABSENT);
    if (!rerun) hist.runDays = [...hist.runDays, t];
    // The content changed: its fingerprint is worked out again when the month is encoded.
    hist.content = "";
    return hist;
  }
  const runDays = hist.runDays.includes(t) ? hist.runDays : [...hist.runDays, t].sort((a, b) => a - b);
  const at = runDays.indexOf(t);
  const rederive = (i: number, o: Observation) => {
    const expanded = expand(records.entries(i), hist.runDays);
    if (runDays.length > hist.runDays.length) expanded.splice(at, 0, o);
    else expanded[at] = o;
    records.setText(i, compress(expanded, runDays).text);
  };
  for (let k = 0; k < numbers.length; k++) {
    let i = records.indexOfNumber(numbers[k]);
    if (i < 0) i = records.putNumber(numbers[k], dueDays[k], "");
    if (i < before) seenAt[i] = 1;
    rederive(i, observations[k]);
  }
  for (let i = 0; i < before; i++) if (!seenAt[i]) rederive(i, ABSENT);
  hist.runDays = runDays;
  // Worked out from the whole content when the month is encoded.
  hist.content = "";
  return hist;
}

/** The observation on run day r in a timeline's entries (absent when it was not seen by then). */
function observationOn(entries: readonly TimelineEntry[], r: Day): Observation {
  let found = ABSENT;
  for (const e of entries) {
    if (e.day > r) break;
    found = e.obs;
  }
  return found;
}

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
function monthHeader(runDays: readonly Day[], m1From: string, content: string): Cell[] {
  return ["loan_id", "due_day", `${TIMELINE_HEADER}${runDays.map(dayOfMonth).join(",")}`, m1Header(m1From, content)];
}

/** Column D's header cell: what the flags were made from, and the sheet's fingerprint ("" when not known yet). */
function m1Header(from: string, content: string): string {
  return `${M1_HEADER} ${M1_FROM_MARK}${from} ${CONTENT_MARK}${content}`;
}

/**
 * A month sheet's header cell D1 with the fingerprint of its content (from its
 * values, as read), for a sheet whose header has none: the daily job writes the
 * current month without one (its content changes every day) and fingerprints a
 * month the first time it reads it as a month before.
 */
export function fingerprintedHeaderCell(values: readonly (readonly Cell[])[]): string {
  return m1Header(readM1Header(values[0] ?? []).from, contentOfRows(values));
}

/** The fingerprint of a month's content from its rows (columns A–C and the run days): one tight pass over the texts. */
function contentOfRows(rows: readonly (readonly Cell[])[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let j = r === 0 ? 2 : 0; j < 3; j++) {
      const v = row[j];
      const text = typeof v === "string" ? v : typeof v === "number" ? String(v) : cellText(v);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = (Math.imul(b ^ c, 0x5bd1e995) + 0x27d4eb2d) | 0;
      }
      // A separator after each cell, so that moving text between cells changes the fingerprint.
      a = Math.imul(a ^ 0x1f, 0x01000193);
      b = (Math.imul(b ^ 0x1f, 0x5bd1e995) + 0x27d4eb2d) | 0;
    }
  }
  return hexPair(a, b);
}

/** Two 32-bit numbers as 16 hex digits. */
function hexPair(a: number, b: number): string {
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** Column D's header: what the carried flags are, what they were worked out from, and this sheet's content fingerprint. */
const M1_HEADER = "m1 before (3 months before this one: 1 in M1, 0 not, - unseen)";
const M1_FROM_MARK = "from:";
const CONTENT_MARK = "content:";

/** Column D's header cell read back: what the flags were made from ("" when none) and the fingerprint (null when none). */
function readM1Header(header: readonly Cell[]): { from: string; content: string | null } {
  const text = cellText(header[3]);
  const from = text.indexOf(M1_FROM_MARK);
  const at = text.lastIndexOf(CONTENT_MARK);
  return {
    from: from < 0 || at < from ? "" : text.slice(from + M1_FROM_MARK.length, at).trim(),
    content: at < 0 ? null : text.slice(at + CONTENT_MARK.length).trim() || null,
  };
}

/** A history sheet's content fingerprint from its header row; null when it has none (not yet worked out, or an older Daihou's sheet). */
export function contentOfHeader(header: readonly Cell[]): string | null {
  return readM1Header(header).content;
}

/**
 * What a month's carried M1 flags are worked out from: the settings that decide
 * M1 and the content of each of the three months before (from their header
 * rows; null header = no sheet). Null when a month's sheet has no fingerprint
 * (written before Daihou kept one): its flags cannot be trusted later.
 */
export function m1Provenance(
  months: readonly MonthKey[],
  headers: readonly (readonly Cell[] | null)[],
  graceDays: number,
  m1Start: number,
): string | null {
  const parts = [`grace=${graceDays}`, `m1=${m1Start}`];
  for (let j = 0; j < months.length; j++) {
    const header = headers[j];
    const content = header === null ? "none" : contentOfHeader(header);
    if (content === null) return null;
    parts.push(`${months[j]}=${content}`);
  }
  return parts.join(",");
}

/** An account's carried flags for three months: "1" in M1, "0" seen and not, "-" not seen. */
export function m1FlagsText(values: readonly (boolean | undefined)[]): string {
  return values.map((v) => (v === undefined ? "-" : v ? "1" : "0")).join("");
}

/** True for three carried flags ("1", "0" or "-" each). */
function isM1Flags(text: string): boolean {
  if (text.length !== 3) return false;
  for (let j = 0; j < 3; j++) {
    const c = text.charCodeAt(j);
    if (c !== 48 && c !== 49 && c !== 45) return false;
  }
  return true;
}

/** One carried flag (j = 0, 1, 2 for the oldest to the latest month) as `wasInM1` answers it. */
export function m1FlagAt(flags: string, j: number): boolean | undefined {
  const c = flags.charCodeAt(j);
  return c === 49 /* 1 */ ? true : c === 48 /* 0 */ ? false : undefined;
}

/** True when a string starts and ends with a visible ASCII character (so trimming would not change it). */
function visibleAsciiEnds(s: string): boolean {
  if (s.length === 0) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/** A record made from the account's observation on each of the month's run days (absent ones included). */
export function monthRecordOf(
  loanId: string,
  dueDay: number | null,
  runDays: readonly Day[],
  observationOnDay: (r: Day) => Observation,
): MonthRecord {
  const { entries, text } = compress(runDays.map(observationOnDay), runDays);
  return { loanId, dueDay, text, entries };
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
function runDaysOfHeader(month: MonthKey, header: readonly Cell[]): Day[] {
  const p = parseMonth(month);
  if (!p) throw new Error(`bad month ${month}`);
  const headText = cellText(header[2]);
  const at = headText.indexOf(RUNS_MARK);
  const runText = at < 0 ? "" : headText.slice(at + RUNS_MARK.length).trim();
  return runText === "" ? [] : runText.split(",").map((s) => dayFromYmd(p.year, p.month, Number(s)));
}

/**
 * A month's sheet as read for a run on a day after all its run days, its
 * accounts found by their numbers in the run's `IdIndex` without decoding the
 * month (see `appendDayToSheet`).
 */
export interface MonthSheet {
  month: MonthKey;
  values: readonly (readonly Cell[])[];
  runDays: Day[];
  /** As in `MonthHistory`. */
  m1From: string;
  content: string;
  /** The sheet row (index in `values`) of the account with each number in the index; 0 when it is not in the sheet. */
  rowOf: Int32Array;
  /** The number in the index of the account in each sheet row; -1 when the index has no such id. */
  numberOfRow: Int32Array;
}

/**
 * Finds the accounts of `ids` in a month's sheet as read (without adding to
 * `ids`), for a run on day t. Null when the month has a run day on or after t
 * (a re-run), or unless every row is exactly as `encodeMonth` writes it: four
 * cells, a loan id of plain text in strictly ascending order, a due day that
 * is a number or blank, a timeline of text, carried flags blank or in their
 * form. A sheet changed by hand is decoded instead (`decodeMonth`).
 */
export function indexMonthSheet(month: MonthKey, values: readonly (readonly Cell[])[], ids: IdIndex, t: Day): MonthSheet | null {
  const header = values[0] ?? [];
  const runDays = runDaysOfHeader(month, header);
  if (runDays.some((d) => !(d < t))) return null;
  const rowOf = new Int32Array(ids.size);
  const numberOfRow = new Int32Array(values.length).fill(-1);
  let previous = "";
  // The number the next row's id most likely has (see `IdIndex.getNear`).
  let guess = 0;
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (row.length !== HISTORY_CELLS_PER_ACCOUNT_MONTH) return null;
    const id = row[0];
    if (typeof id !== "string" || !visibleAsciiEnds(id) || (r > 1 && !(previous < id))) return null;
    previous = id;
    const due = row[1];
    const flags = row[3];
    if ((typeof due !== "number" && due !== "") || typeof row[2] !== "string" || typeof flags !== "string") return null;
    if (flags !== "" && !isM1Flags(flags)) return null;
    const n = ids.getNear(id, guess);
    if (n >= 0) {
      rowOf[n] = r;
      numberOfRow[r] = n;
      guess = n + 1;
    }
  }
  const m1 = readM1Header(header);
  return { month, values, runDays, rowOf, numberOfRow, m1From: m1.from, content: m1.content ?? "" };
}

/**
 * `encodeMonth(recordDayOf(decodeMonth(...), t, ...))` in one pass over the
 * sheet as read, for the daily case: t after every run day so far, account k
 * of the run has number k in the sheet's index, and the carried flags stay as
 * they are (an account new to the month has none). A row whose account's
 * timeline, due day and flags are unchanged is the row as read, not a copy.
 */
export function appendDayToSheet(
  sheet: MonthSheet,
  t: Day,
  ids: IdIndex,
  observations: readonly Observation[],
  dueDays: readonly (number | null)[],
): Cell[][] {
  if (monthOf(t) !== sheet.month) throw new Error(`day ${t} is not in ${sheet.month}`);
  if (sheet.runDays.some((d) => d >= t)) throw new Error(`day ${t} is not after the month's run days`);
  const runDays = [...sheet.runDays, t];
  const dom = dayOfMonth(t);
  const { values, numberOfRow, rowOf } = sheet;
  const rows: Cell[][] = [monthHeader(runDays, sheet.m1From, "")];
  // The compact text of each oldest unpaid date (a ledger has a few hundred).
  const dates = new Map<Day, string>();
  const dateText = (d: Day | null): string => {
    if (d === null) return "";
    let text = dates.get(d);
    if (text === undefined) {
      text = compactDate(d);
      dates.set(d, text);
    }
    return text;
  };
  const n = observations.length;
  // The accounts not in the sheet yet, in loan-id order, go between its rows.
  const fresh: number[] = [];
  for (let k = 0; k < n; k++) if (k >= rowOf.length || rowOf[k] === 0) fresh.push(k);
  fresh.sort((a, b) => (ids.id(a) < ids.id(b) ? -1 : 1));
  let f = 0;
  const addFresh = (k: number) => {
    const o = observations[k];
    rows.push([ids.id(k), dueDays[k] ?? "", o.status === "X" ? "" : appended("", dom, stateText(o, dateText(o.oldestUnpaid))), ""]);
  };
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    const id = row[0] as string;
    while (f < fresh.length && ids.id(fresh[f]) < id) addFresh(fresh[f++]);
    const text = row[2] as string;
    const k = numberOfRow[r];
    if (k < 0) {
      // Not in the ledger today: absent.
      if (endsWithState(text, ABSENT_STATE, true)) rows.push(row as Cell[]);
      else rows.push([id, row[1], appended(text, dom, ABSENT_STATE), row[3]]);
      continue;
    }
    const o = observations[k];
    const due = dueDays[k] ?? "";
    const date = dateText(o.oldestUnpaid);
    if (endsWithObservation(text, date, o)) rows.push(due === row[1] ? (row as Cell[]) : [id, due, text, row[3]]);
    else rows.push([id, due, appended(text, dom, stateText(o, date)), row[3]]);
  }
  while (f < fresh.length) addFresh(fresh[f++]);
  return rows;
}

/** A timeline with an entry for day of month `dom` appended. */
function appended(text: string, dom: number, state: string): string {
  return text === "" ? `${dom},${state}` : `${text};${dom},${state}`;
}

/** `endsWithState(text, stateText(o), o.status === "X")` without making the state's text: `date` is the oldest unpaid date's compact text. */
function endsWithObservation(text: string, date: string, o: Observation): boolean {
  if (text === "") return o.status === "X";
  const comma = text.indexOf(",", text.lastIndexOf(";") + 1);
  if (comma < 0) return o.status === "X";
  let at = comma + 1;
  if (!text.startsWith(date, at)) return false;
  at += date.length;
  if (text.charCodeAt(at) !== 44) return false;
  at = numberTextEnd(text, at + 1, o.principal);
  return at >= 0 && text.length === at + 2 && text.charCodeAt(at) === 44 && text.charCodeAt(at + 1) === o.status.charCodeAt(0);
}

/** Where `String(n)` ends when the text has it at `at`; -1 when it has not. A whole number is compared digit by digit (no text made). */
function numberTextEnd(text: string, at: number, n: number): number {
  if (Number.isInteger(n) && n >= 0 && n < 1e15) {
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    const end = at + digits;
    if (end > text.length) return -1;
    let rest = n;
    for (let i = end - 1; i >= at; i--) {
      if (text.charCodeAt(i) !== 48 + (rest % 10)) return -1;
      rest = Math.floor(rest / 10);
    }
    return end;
  }
  const s = String(n);
  return text.startsWith(s, at) ? at + s.length : -1;
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

  /** `wasInM1` for the account at index i of a month (-1: not in it), read from its timeline's text. */
  private m1At(hist: MonthHistory, i: number, graceDays: number, m1Start: number): boolean | undefined {
    return i < 0 ? undefined : m1InTimeline(hist.records.text(i), hist.runDays, this.firstDayOf(hist.month), graceDays, m1Start);
  }

  /** True when every month of the view numbers its accounts in `ids`. */
  numbersIn(ids: IdIndex): boolean {
    for (const m of this.byMonth.values()) if (m.records.ids !== ids) return false;
    return true;
  }

  private readonly firstDays = new Map<MonthKey, Day>();
  /** The first day of a month (NaN for a malformed key). */
  private firstDayOf(month: MonthKey): Day {
    let d = this.firstDays.get(month);
    if (d === undefined) {
      const p = monthParts(month);
      d = dayFromYmd(p.year, p.month, 1);
      this.firstDays.set(month, d);
    }
    return d;
  }

  /** `wasInM1` over the decoded entries (the definition `m1InTimeline` must agree with; tests compare the two). */
  wasInM1Decoded(loanId: string, month: MonthKey, graceDays: number, m1Start: number): boolean | undefined {
    const hist = this.byMonth.get(month);
    const i = hist ? hist.records.indexOf(loanId) : -1;
    if (!hist || i < 0) return undefined;
    const entries = hist.records.entries(i);
    let seen = false;
    let e = -1;
    for (const r of hist.runDays) {
      while (e + 1 < entries.length && entries[e + 1].day <= r) e++;
      if (e < 0) continue;
      const o = entries[e].obs;
      if (o.status === "X") continue;
      seen = true;
      if (o.status === "A" && o.principal > 0 && o.oldestUnpaid !== null && r - o.oldestUnpaid - graceDays >= m1Start) return true;
    }
    return seen ? false : undefined;
  }
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

/** A whole number written in text[from, to) (digits only), or NaN. */
function digitsAt(text: string, from: number, to: number): number {
  if (to <= from) return Number.NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * `HistoryView.wasInM1` straight from a timeline's text, without decoding it
 * (classification asks this of every account in C for each of three months),
 * for a month whose first day is `first`: entries' days are compared as days of
 * the month. Same answer as walking the decoded entries over the run days.
 */
function m1InTimeline(text: string, runDays: readonly Day[], first: Day, graceDays: number, m1Start: number): boolean | undefined {
  const n = text.length;
  if (n === 0 || Number.isNaN(first)) return undefined;
  const last = first + 30;
  // The entry in force: where its fields start and its status character (-1: none yet).
  let curStatus = -1;
  let curFrom = 0;
  // The next entry: where it starts (n: none) and its day of the month.
  let at = skipSeparators(text, 0);
  let nextDom = at < n ? entryDayOfMonth(text, at) : Number.NaN;
  let seen = false;
  for (const r of runDays) {
    // Days of the month compare as the days themselves would (a run day is always in its month; this keeps the order for any other).
    const dom = r < first ? Number.NEGATIVE_INFINITY : r > last ? Number.POSITIVE_INFINITY : r - first + 1;
    while (at < n && nextDom <= dom && first + nextDom - 1 === dayFromYmdChecked(first, nextDom)) {
      const end = text.indexOf(";", at);
      const stop = end < 0 ? n : end;
      curFrom = text.indexOf(",", at) + 1;
      curStatus = text.charCodeAt(stop - 1);
      at = skipSeparators(text, stop);
      nextDom = at < n ? entryDayOfMonth(text, at) : Number.NaN;
    }
    if (curStatus < 0 || curStatus === 88 /* X */) continue;
    seen = true;
    if (curStatus !== 65 /* A */) continue;
    const uEnd = text.indexOf(",", curFrom);
    if (uEnd === curFrom) continue; // no oldest unpaid date
    const u = digitsAt(text, curFrom, uEnd);
    const oldestUnpaid = dayFromYmd(Math.floor(u / 10000), Math.floor(u / 100) % 100, u % 100);
    if (!(r - oldestUnpaid - graceDays >= m1Start)) continue;
    const pEnd = text.indexOf(",", uEnd + 1);
    if (Number(text.slice(uEnd + 1, pEnd)) > 0) return true;
  }
  return seen ? false : undefined;
}

/** The day `first + dom - 1` when day `dom` exists in the month starting on `first`, else NaN. */
function dayFromYmdChecked(first: Day, dom: number): Day {
  if (dom < 1 || dom > 28) {
    const { year, month } = ymd(first);
    return dayFromYmd(year, month, dom);
  }
  return first + dom - 1;
}

/** The first position at or after `from` that is not an entry separator (";"). */
function skipSeparators(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) === 59) i++;
  return i;
}

/** The day of the month of the timeline entry starting at `at` (NaN when it has none). */
function entryDayOfMonth(text: string, at: number): number {
  const comma = text.indexOf(",", at);
  return comma < 0 ? Number.NaN : digitsAt(text, at, comma);
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
