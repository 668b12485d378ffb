/**
 * The history as the daily job reads and writes it (SPEC §5): the month sheets
 * through the one timeline codec (src/domain/history/), the accounts numbered
 * once for the ledger and every month, and the reminder classes worked out from
 * the three months before. `MonthStore` says which sheets a run reads, and when.
 */
import type { Cell } from "../domain/cells";
import { type Classification, classify } from "../domain/classify";
import { type LedgerTimeline, currentMonthFirst } from "../domain/promises";
import { type Day, type MonthKey, addMonths, monthOf, ymd } from "../domain/days";
import {
  HistoryView,
  type MonthHistory,
  type MonthSheet,
  type Observation,
  appendDayToSheet,
  contentOfHeader,
  decodeMonth,
  emptyMonth,
  encodeMonth,
  fingerprintedHeaderCell,
  historySheetName,
  indexMonthSheet,
  m1FlagAt,
  m1FlagsText,
  m1Provenance,
  recordDayOf,
} from "../domain/history";
import type { IdIndex } from "../domain/idIndex";
import { type Account, type ParsedLedger, accountIds } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import type { BookPort } from "./port";

/** Reads the history sheets of the given months (missing months are empty), their accounts numbered in `ids` when given. */
export function readHistory(port: BookPort, months: readonly string[], ids?: IdIndex): MonthHistory[] {
  return months.map((m) => {
    const values = port.read(historySheetName(m));
    return values ? decodeMonth(m, values, ids) : emptyMonth(m, ids);
  });
}

/** True when `ids` numbers exactly these accounts in their order (account k is number k). */
function numbersInOrder(ids: IdIndex, accounts: readonly Account[]): boolean {
  if (ids.size !== accounts.length) return false;
  for (let k = 0; k < accounts.length; k++) if (ids.id(k) !== accounts[k].loanId) return false;
  return true;
}

/** The parsed ledger's loan ids numbered in account order (account k is number k): ids are unique once duplicates are left out. */
export function numberAccounts(parsed: ParsedLedger): IdIndex {
  return parsed.ids !== undefined && numbersInOrder(parsed.ids, parsed.accounts) ? parsed.ids : accountIds(parsed.accounts);
}

/** "Was the account in M1" for the three months before, as carried in the current month's sheet (valid while `m1Provenance` still matches). */
export interface M1Carried {
  /** The three months, oldest first. */
  months: readonly MonthKey[];
  /** The flags of the account with this number ("" when the sheet has none for it). */
  flagsOf(n: number): string;
}

/**
 * Classifies the parsed ledger on t with reminder classes from the history of
 * the 3 months before. With `ids` numbering the accounts in order (`numberAccounts`;
 * checked, not assumed) and the months read with them, each account is found in each month by its number, not its id,
 * and `carried` flags answer first; the history (a view, or a function making
 * it) is read only for what they do not answer.
 */
export function classifyWithHistory(
  parsed: ParsedLedger,
  t: Day,
  settings: Settings,
  history: HistoryView | (() => HistoryView),
  ids?: IdIndex,
  carried?: M1Carried,
): Classification[] {
  const g = settings.graceDays;
  const m1Start = settings.bucketStarts[0];
  const numbered = ids !== undefined && numbersInOrder(ids, parsed.accounts);
  let view: HistoryView | undefined;
  let byNumber = false;
  // The history is made (when given as a function) on the first account that needs it.
  const open = (): HistoryView => {
    if (view === undefined) {
      view = typeof history === "function" ? history() : history;
      byNumber = numbered && view.numbersIn(ids as IdIndex);
    }
    return view;
  };
  // The account being classified (its number is its index when `numbered`).
  let k = 0;
  // The flags of account k, looked up once for its three months.
  let flagsFor = -1;
  let flags = "";
  const lookup = (id: string, month: string) => {
    if (carried && numbered) {
      if (flagsFor !== k) {
        flags = carried.flagsOf(k);
        flagsFor = k;
      }
      const j = flags === "" ? -1 : carried.months.indexOf(month);
      if (j >= 0) return m1FlagAt(flags, j);
    }
    const v = open();
    return byNumber ? v.wasInM1Numbered(k, month, g, m1Start) : v.wasInM1(id, month, g, m1Start);
  };
  const out = new Array<Classification>(parsed.accounts.length);
  for (k = 0; k < out.length; k++) out[k] = classify(parsed.accounts[k], t, settings, lookup);
  return out;
}

/**
 * Reads the months before (accounts numbered in `ids`). A month whose header
 * has no fingerprint yet — read as a month before for the first time since it
 * was written — gets one in its header (one cell), and `headers` is updated to match.
 */
function readMonthsBefore(port: BookPort, months: readonly MonthKey[], ids: IdIndex, headers: (readonly Cell[] | null)[]): MonthHistory[] {
  return months.map((m, j) => {
    const name = historySheetName(m);
    const values = port.read(name);
    if (!values) return emptyMonth(m, ids);
    if (contentOfHeader(values[0] ?? []) === null) {
      const cell = fingerprintedHeaderCell(values);
      port.writeColumns(name, 4, [[cell]]);
      headers[j] = [...(values[0] ?? []).slice(0, 3), cell];
    }
    return decodeMonth(m, values, ids);
  });
}

/** The account's due day: the ledger's, or the day of its next due date. */
export function dueDayOf(a: Account): number | null {
  if (a.dueDay !== null) return a.dueDay;
  if (a.nextDueDate !== null) return ymd(a.nextDueDate).day;
  return null;
}

/**
 * The four month sheets a run works with (the three months before t and t's
 * own), read when first needed and at most once:
 * - this month's sheet is always read; in the daily case (a day after the
 *   month's run days, on a sheet as Daihou wrote it) it is only indexed, not
 *   decoded (`indexMonthSheet`);
 * - the three months before are read only when this month's carried "in M1"
 *   flags no longer match their content (a fingerprint in each header) and the
 *   M1 settings, or for an account without flags, or for a promise's timeline.
 */
export class MonthStore {
  readonly month: MonthKey;
  /** The three months before, oldest first. */
  readonly past: readonly MonthKey[];
  private readonly values: readonly (readonly Cell[])[] | null;
  /** This month's sheet, indexed (the daily case), or null. */
  private readonly sheet: MonthSheet | null;
  private decoded: MonthHistory | undefined;
  private pastMonths: MonthHistory[] | undefined;
  private pastView: HistoryView | undefined;
  private readonly headers: (readonly Cell[] | null)[];
  private provenance: string | null;
  private readonly g: number;
  private readonly m1Start: number;

  constructor(
    private readonly port: BookPort,
    t: Day,
    settings: Settings,
    private readonly ids: IdIndex,
  ) {
    this.month = monthOf(t);
    this.past = [addMonths(this.month, -3), addMonths(this.month, -2), addMonths(this.month, -1)];
    this.values = port.read(historySheetName(this.month));
    this.sheet = this.values ? indexMonthSheet(this.month, this.values, ids, t) : null;
    this.g = settings.graceDays;
    this.m1Start = settings.bucketStarts[0];
    this.headers = this.past.map((m) => port.readHeader(historySheetName(m)));
    this.provenance = m1Provenance(this.past, this.headers, this.g, this.m1Start);
  }

  /** This month decoded (on first need). */
  decodedMonth(): MonthHistory {
    this.decoded ??= this.values ? decodeMonth(this.month, this.values, this.ids) : emptyMonth(this.month, this.ids);
    return this.decoded;
  }

  /** Each account's "in M1" for the three months before as this month's sheet carries them, while still valid. */
  carried(): M1Carried | undefined {
    const current = this.sheet ?? this.decodedMonth();
    if (this.provenance === null || current.m1From !== this.provenance) return undefined;
    const sheet = this.sheet;
    return {
      months: this.past,
      flagsOf: sheet
        ? (k) => (k < sheet.rowOf.length && sheet.rowOf[k] > 0 ? (sheet.values[sheet.rowOf[k]][3] as string) : "")
        : (k) => {
            const records = this.decodedMonth().records;
            const i = records.indexOfNumber(k);
            return i < 0 ? "" : records.m1Before(i);
          },
    };
  }

  /** The three months before, read (and fingerprinted where their header has none yet) on first need. */
  readPast(): MonthHistory[] {
    if (this.pastMonths === undefined) {
      this.pastMonths = readMonthsBefore(this.port, this.past, this.ids, this.headers);
      this.provenance = m1Provenance(this.past, this.headers, this.g, this.m1Start);
    }
    return this.pastMonths;
  }

  /** The three months before as one view. */
  pastHistory(): HistoryView {
    this.pastView ??= new HistoryView(this.readPast());
    return this.pastView;
  }

  /**
   * Records day t's observations (account k is number k) in this month's sheet
   * and writes it. In the daily case (the flags as they were) it is written
   * straight from the sheet as read, and decoded again only if asked; else it is
   * decoded, recorded (every account's flags worked out again when the months
   * before were read) and encoded.
   */
  recordDay(t: Day, observations: readonly Observation[], dueDays: readonly (number | null)[]): RecordedDay {
    const name = historySheetName(this.month);
    if (this.sheet && this.pastMonths === undefined) {
      const written = appendDayToSheet(this.sheet, t, this.ids, observations, dueDays);
      this.port.write(name, written);
      let updated: MonthHistory | undefined;
      return {
        firstRun: this.sheet.runDays.length > 0 ? this.sheet.runDays[0] : t,
        month: () => {
          updated ??= decodeMonth(this.month, written, this.ids);
          return updated;
        },
      };
    }
    const numbers = new Int32Array(observations.length);
    for (let k = 0; k < numbers.length; k++) numbers[k] = k;
    const updated = recordDayOf(this.decodedMonth(), t, numbers, observations, dueDays);
    if (this.pastMonths !== undefined) {
      const view = this.pastHistory();
      const records = updated.records;
      for (let i = 0; i < records.size; i++) {
        const number = records.numberAt(i);
        records.setM1Before(i, m1FlagsText(this.past.map((m) => view.wasInM1Numbered(number, m, this.g, this.m1Start))));
      }
      updated.m1From = this.provenance ?? "";
    }
    this.port.write(name, encodeMonth(updated));
    return { firstRun: updated.runDays[0], month: () => updated };
  }

  /** All four months as they are in the book (this month not yet recorded today), as one view. */
  allMonths(): HistoryView {
    return new HistoryView([...this.readPast(), this.decodedMonth()]);
  }

  /** The ledger's timeline for the contacts: this month first, the months before read only if a promise reaches back. */
  timeline(recorded: RecordedDay): LedgerTimeline {
    return currentMonthFirst(recorded.firstRun, recorded.month, () => new HistoryView([...this.readPast(), recorded.month()]));
  }
}

/** This month after the day was recorded: its first run day, and its history (decoded on first need). */
export interface RecordedDay {
  firstRun: Day;
  month: () => MonthHistory;
}
