/** A month's accounts as read from (and written to) its history sheet: `MonthRecords` (columns of loan ids, due days, timeline texts) and `MonthHistory`. */
import type { Day, MonthKey } from "../days";
import { IdIndex } from "../idIndex";
import { type TimelineEntry, decodeTimeline } from "./timeline";

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

/** An empty month (its accounts numbered in `ids` when given, see `MonthRecords`). */
export function emptyMonth(month: MonthKey, ids?: IdIndex): MonthHistory {
  return { month, runDays: [], records: new MonthRecords(month, 8, ids) };
}
