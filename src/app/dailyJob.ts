/**
 * The daily job (每日作业, SPEC §4) as one use case over the BookPort: read the
 * ledger once, classify, record history, write the owned ledger columns, the
 * row colours and the call sheet.
 */
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT } from "../domain/cells";
import { type CallTask, type ContactHistory, buildTasks, resolveTeam } from "../domain/calls";
import { BUCKETS, type Bucket, type ClassResult, type Classification, classify, observationOf } from "../domain/classify";
import { type ContactEntry, type PtpStatus, currentMonthFirst, entryKey, groupByLoan, promiseStatus } from "../domain/contacts";
import { type Day, type MonthKey, addMonths, isoDay, monthOf, ymd } from "../domain/days";
import {
  HistoryView,
  type MonthHistory,
  appendDayToSheet,
  decodeMonth,
  emptyMonth,
  indexMonthSheet,
  type Observation,
  contentOfHeader,
  encodeMonth,
  fingerprintedHeaderCell,
  historySheetName,
  m1FlagAt,
  m1FlagsText,
  m1Provenance,
  recordDayOf,
} from "../domain/history";
import type { IdIndex } from "../domain/idIndex";
import { type Lang, t as msg } from "../domain/i18n";
import { type Account, type LedgerNote, type ParsedLedger, type RowProblem, accountIds, parseLedger } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { WorkCalendar } from "../domain/workdays";
import { type LedgerRead, readLedger } from "./ledgerSheet";
import { callColumnsOf, callSheetLayout, isFilledRow, mergeCallSheet, writeCallSheetRows } from "./callSheet";
import { contactColumnValues, readContactLog } from "./contactLog";
import {
  BASE_OWNED_COLUMNS,
  CONTACT_LOG_SHEET,
  OWNED_LEDGER_COLUMNS,
  OWNED_LEDGER_HEADERS,
  callSheetName,
  dateOfCallSheet,
} from "./names";
import type { BookPort } from "./port";

/** What the daily job needs besides the book. */
export interface DailyJobOptions {
  t: Day;
  settings: Settings;
  lang: Lang;
  ledgerSheet: string;
  cellContext?: CellContext;
  /** Call sheets older than this many days are removed (default 31). */
  keepCallSheetDays?: number;
}

/** Count and Σ principal. */
export interface Tally {
  count: number;
  principal: number;
}

/** What a run did, for the summary a person reads. */
export interface DailyJobResult {
  t: Day;
  rows: number;
  active: number;
  byBucket: Record<Bucket, Tally>;
  problems: RowProblem[];
  /** What is said once about the ledger (a totals row, what cannot be scheduled, a schedule read). */
  notes: LedgerNote[];
  tasks: CallTask[];
  callSheet: string;
}

export { type LedgerRead, readLedger } from "./ledgerSheet";

/**
 * The ledger's contact columns (header first, one row per ledger row): the
 * cells worked out afresh (`freshContactCells`) where there are any, else the
 * cells already there.
 */
export function contactColumnsBlock(ledger: LedgerRead, fresh: ReadonlyMap<number, Cell[]>, lang: Lang): Cell[][] {
  const rows: Cell[][] = [contactHeaders(lang)];
  for (let r = 2; r <= ledger.values.length; r++) rows.push(fresh.get(r) ?? keptContactCells(ledger, r));
  return rows;
}

/** The contact columns' headers. */
function contactHeaders(lang: Lang): Cell[] {
  return OWNED_LEDGER_COLUMNS.slice(BASE_OWNED_COLUMNS).map((k) => OWNED_LEDGER_HEADERS[k][lang]);
}

/** The contact cells already in ledger row r (1-based), or blanks where Daihou has no contact columns yet. */
function keptContactCells(ledger: LedgerRead, r: number): Cell[] {
  const cells = new Array<Cell>(OWNED_LEDGER_COLUMNS.length - BASE_OWNED_COLUMNS);
  for (let j = 0; j < cells.length; j++) cells[j] = keptContactCell(ledger, r - 1, j);
  return cells;
}

/** Contact cell j already in the ledger's row at index i (the header's is 0), or "" where Daihou has no contact columns yet. */
function keptContactCell(ledger: LedgerRead, i: number, j: number): Cell {
  return ledger.contactColumns === "present" ? (ledger.values[i][ledger.ownedStart - 1 + BASE_OWNED_COLUMNS + j] ?? "") : "";
}

/**
 * The contact cells worked out afresh from the log, by ledger row (1-based):
 * each account of `loanAtRow` with log entries gets its latest contact, new
 * mobile and new contact info; a cell the log says nothing of keeps what is there.
 */
export function freshContactCells(
  ledger: LedgerRead,
  loanAtRow: ReadonlyMap<number, string>,
  byLoan: ReadonlyMap<string, readonly ContactEntry[]>,
  status: (e: ContactEntry) => PtpStatus | null,
  lang: Lang,
): Map<number, Cell[]> {
  const out = new Map<number, Cell[]>();
  for (const [r, id] of loanAtRow) {
    const entries = byLoan.get(id);
    if (!entries || entries.length === 0) continue;
    const kept = keptContactCells(ledger, r);
    out.set(
      r,
      contactColumnValues(entries, status, lang).map((v, j) => (v === "" ? kept[j] : v)),
    );
  }
  return out;
}

/** Reads the history sheets of the given months (missing months are empty), their accounts numbered in `ids` when given. */
export function readHistory(port: BookPort, months: readonly string[], ids?: IdIndex): MonthHistory[] {
  return months.map((m) => {
    const values = port.read(historySheetName(m));
    return values ? decodeMonth(m, values, ids) : emptyMonth(m, ids);
  });
}

/** The parsed ledger's loan ids numbered in account order (account k is number k): ids are unique once duplicates are left out. */
export function numberAccounts(parsed: ParsedLedger): IdIndex {
  const ids = accountIds(parsed.accounts);
  numberedLedgers.set(ids, parsed);
  return ids;
}

/** Which parsed ledger each `numberAccounts` index numbers. */
const numberedLedgers = new WeakMap<IdIndex, ParsedLedger>();

/** "Was the account in M1" for the three months before, as carried in the current month's sheet (valid while `m1Provenance` still matches). */
export interface M1Carried {
  /** The three months, oldest first. */
  months: readonly MonthKey[];
  /** The flags of the account with this number ("" when the sheet has none for it). */
  flagsOf(n: number): string;
}

/**
 * Classifies the parsed ledger on t with reminder classes from the history of
 * the 3 months before. With `ids` from `numberAccounts` (and the months read
 * with them) each account is found in each month by its number, not its id,
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
  const numbered = ids !== undefined && numberedLedgers.get(ids) === parsed;
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

/** Runs the daily job for date t. */
export function runDailyJob(port: BookPort, options: DailyJobOptions): DailyJobResult {
  const { t, settings, lang } = options;
  const ctx = options.cellContext ?? { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder };
  const ledger = readLedger(port, options.ledgerSheet);
  const parsed = parseLedger(ledger.table, settings, t, ctx);

  const month = monthOf(t);
  const months = [addMonths(month, -3), addMonths(month, -2), addMonths(month, -1), month];
  // One numbering of the loan ids for the ledger and the four months: each id is hashed once per sheet.
  const ids = numberAccounts(parsed);
  const past = months.slice(0, 3);
  // The daily case (a day after the month's run days, on a sheet as Daihou wrote it): the month is
  // not decoded, only its accounts found; otherwise it is decoded (see `indexMonthSheet`).
  const currentValues = port.read(historySheetName(month));
  const sheet = currentValues ? indexMonthSheet(month, currentValues, ids, t) : null;
  let decoded: MonthHistory | undefined;
  const decodedMonth = (): MonthHistory => {
    decoded ??= currentValues ? decodeMonth(month, currentValues, ids) : emptyMonth(month, ids);
    return decoded;
  };
  const current = sheet ?? decodedMonth();
  // This month's sheet carries each account's "in M1" for the three months before, worked out once from
  // those months' content: while that content (a fingerprint in each header) and the M1 settings are what
  // they were, the three months are not read at all. Otherwise, or for an account without flags, they are.
  const g = settings.graceDays;
  const m1Start = settings.bucketStarts[0];
  const headers = past.map((m) => port.readHeader(historySheetName(m)));
  let provenance = m1Provenance(past, headers, g, m1Start);
  const carried: M1Carried | undefined =
    provenance !== null && current.m1From === provenance
      ? {
          months: past,
          flagsOf: sheet
            ? (k) => (k < sheet.rowOf.length && sheet.rowOf[k] > 0 ? (sheet.values[sheet.rowOf[k]][3] as string) : "")
            : (k) => {
                const records = decodedMonth().records;
                const i = records.indexOfNumber(k);
                return i < 0 ? "" : records.m1Before(i);
              },
        }
      : undefined;
  let pastMonths: MonthHistory[] | undefined;
  const readPast = () => {
    if (pastMonths === undefined) {
      pastMonths = readMonthsBefore(port, past, ids, headers);
      provenance = m1Provenance(past, headers, g, m1Start);
    }
    return pastMonths;
  };
  let pastView: HistoryView | undefined;
  const pastHistory = () => {
    pastView ??= new HistoryView(readPast());
    return pastView;
  };
  const items = classifyWithHistory(parsed, t, settings, pastHistory, ids, carried);

  // History: today's observation of every readable account (account k is number k).
  const n = parsed.accounts.length;
  const observations = new Array<Observation>(n);
  const dueDays = new Array<number | null>(n);
  const numbers = new Int32Array(n);
  // In the same pass: the tallies by bucket for the summary, and the collectors the ledger names.
  const byBucket = Object.fromEntries(BUCKETS.map((b) => [b, { count: 0, principal: 0 }])) as Record<Bucket, Tally>;
  let active = 0;
  const collectors = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const a = parsed.accounts[k];
    observations[k] = observationOf(a, t, settings.graceDays);
    dueDays[k] = dueDayOf(a);
    numbers[k] = k;
    collectors[k] = a.collector;
    const c = items[k];
    if (c.active) {
      active++;
      const tally = byBucket[c.bucket];
      tally.count++;
      tally.principal += a.principal;
    }
  }
  // This month, updated. In the daily case (the flags as they were) it is written straight from the sheet
  // as read, and decoded again only if a promise asks; else it is decoded, recorded and encoded.
  let updatedMonth: () => MonthHistory;
  let firstRun: Day;
  if (sheet && pastMonths === undefined) {
    const written = appendDayToSheet(sheet, t, ids, observations, dueDays);
    port.write(historySheetName(month), written);
    let updated: MonthHistory | undefined;
    updatedMonth = () => {
      updated ??= decodeMonth(month, written, ids);
      return updated;
    };
    firstRun = sheet.runDays.length > 0 ? sheet.runDays[0] : t;
  } else {
    const updated = recordDayOf(decodedMonth(), t, numbers, observations, dueDays);
    if (pastMonths !== undefined) {
      // The three months were read: every account's flags are worked out again, from what they hold now.
      const view = pastHistory();
      const records = updated.records;
      for (let i = 0; i < records.size; i++) {
        const number = records.numberAt(i);
        records.setM1Before(i, m1FlagsText(past.map((m) => view.wasInM1Numbered(number, m, g, m1Start))));
      }
      updated.m1From = provenance ?? "";
    }
    port.write(historySheetName(month), encodeMonth(updated));
    updatedMonth = () => updated;
    firstRun = updated.runDays[0];
  }

  // The contact log (one read) feeds promises, SMS, lost contact and the dials back into today's tasks.
  const log = readContactLog(port.read(CONTACT_LOG_SHEET), lang, ctx);
  const contacts: ContactHistory = {
    byLoan: groupByLoan(log.entries),
    timeline: currentMonthFirst(firstRun, updatedMonth, () => new HistoryView([...readPast(), updatedMonth()])),
  };
  // Only promises need an account by its loan id: the index is made on the first one.
  let byId: Map<string, number> | undefined;
  const accountIndex = (id: string) => {
    byId ??= new Map(parsed.accounts.map((a, i) => [a.loanId, i]));
    return byId.get(id);
  };
  const status = (e: ContactEntry) => {
    if (e.outcome !== "ptp") return null;
    const i = accountIndex(e.loanId);
    return promiseStatus(
      e,
      t,
      contacts.timeline,
      i === undefined ? null : parsed.accounts[i].installment,
      i === undefined ? undefined : observations[i],
    );
  };
  // The contact columns follow the first six, unless a store's column already sits there.
  // Only the rows of accounts with log entries are worked out afresh; the others keep their cells.
  let loanAtRow = new Map<number, string>();
  if (contacts.byLoan.size > 0)
    loanAtRow = new Map(parsed.accounts.filter((a) => contacts.byLoan.has(a.loanId)).map((a) => [a.row, a.loanId]));
  const contactCells = ledger.contactColumns !== "taken" ? freshContactCells(ledger, loanAtRow, contacts.byLoan, status, lang) : null;
  writeOwnedColumns(port, options.ledgerSheet, ledger, parsed, items, settings, lang, contactCells);

  const calendar = new WorkCalendar(settings.holidays, settings.makeupWorkdays);
  const team = resolveTeam(settings, collectors);
  const tasks = buildTasks(items, { t, settings, calendar, team, contacts });
  const callSheet = callSheetName(t);
  // Re-running a date whose sheet staff have started to fill in keeps what they typed.
  writeCallSheetRows(port, callSheet, mergeCallSheet(port.read(callSheet), callSheetLayout(tasks, lang), lang), lang);
  pruneCallSheets(port, t, options.keepCallSheetDays ?? 31, new Set(log.entries.map(entryKey)));

  return { t, rows: ledger.values.length - 1, active, byBucket, problems: parsed.problems, notes: parsed.notes, tasks, callSheet };
}

/** The account's due day: the ledger's, or the day of its next due date. */
export function dueDayOf(a: Account): number | null {
  if (a.dueDay !== null) return a.dueDay;
  if (a.nextDueDate !== null) return ymd(a.nextDueDate).day;
  return null;
}

/** Writes DPD, bucket, class and why-this-bucket beside the store's columns, and the bucket colours. */
function writeOwnedColumns(
  port: BookPort,
  sheet: string,
  ledger: LedgerRead,
  parsed: ParsedLedger,
  items: readonly Classification[],
  settings: Settings,
  lang: Lang,
  contactCells: ReadonlyMap<number, Cell[]> | null,
): void {
  const contactWidth = OWNED_LEDGER_COLUMNS.length - BASE_OWNED_COLUMNS;
  // The rows below are written out at that width.
  if (contactWidth !== 3) throw new Error(`writeOwnedColumns writes 3 contact columns, not ${contactWidth}`);
  const contactHeader = contactHeaders(lang);
  const rows = new Array<Cell[]>(ledger.values.length);
  // Each row made at its full width (Daihou's six columns, then the contact block's), cell by cell.
  // Whether row i's contact block comes out blank (no fresh cells, nothing kept): such rows alike can be one array.
  const blankContacts = (i: number): boolean => {
    if (!contactCells || ledger.contactColumns !== "present") return true;
    if (contactCells.has(i + 1)) return false;
    for (let j = 0; j < contactWidth; j++) if (keptContactCell(ledger, i, j) !== "") return false;
    return true;
  };
  const row = (i: number, dpd: Cell, bucket: Cell, cls: Cell, oldestUnpaid: Cell, grace: Cell, why: Cell) => {
    // Literals, at full width (V8 then allocates these rows, which live to the end of the run, straight into the old generation).
    if (!contactCells) {
      rows[i] = [dpd, bucket, cls, oldestUnpaid, grace, why];
      return;
    }
    // The contact cells: the header's own; else worked out afresh; else what the row already holds (or blanks).
    const fresh = i === headerAt ? contactHeader : contactCells.get(i + 1);
    const contact = (j: number): Cell => (fresh ? fresh[j] : keptContactCell(ledger, i, j));
    rows[i] = [dpd, bucket, cls, oldestUnpaid, grace, why, contact(0), contact(1), contact(2)];
  };
  const problems = parsed.problems;
  // Daihou's header on the ledger's header row; title rows above it are left blank (the loop at the end).
  const headerAt = parsed.headerRow - 1;
  const header = OWNED_LEDGER_COLUMNS.slice(0, BASE_OWNED_COLUMNS).map((k) => OWNED_LEDGER_HEADERS[k][lang]);
  row(headerAt, header[0], header[1], header[2], header[3], header[4], header[5]);
  const notCounted = {
    written_off: msg(lang, "ledger.written_off"),
    settled: msg(lang, "ledger.settled"),
  };
  // Most rows of a big ledger are alike (an account in C with nothing unpaid, a settled one, no contacts):
  // one array stands for all rows alike, made once (a port never changes the rows it is given), found
  // by kind (in C with nothing unpaid, by class cell; not counted, by why-text; blank) and key.
  const alikeInC = new Map<string, Cell[]>();
  const alikeNotCounted = new Map<string, Cell[]>();
  const alikeBlank = new Map<string, Cell[]>();
  /** Row i from the array of rows alike (true), when its contact block is blank and there is one; else false. */
  const sharedRow = (i: number, alike: Map<string, Cell[]>, key: string): boolean => {
    const r = alike.get(key);
    if (r === undefined || !blankContacts(i)) return false;
    rows[i] = r;
    return true;
  };
  /** Keeps row i as the array of rows alike when its contact block is blank. */
  const keepAlike = (i: number, alike: Map<string, Cell[]>, key: string): void => {
    if (blankContacts(i)) alike.set(key, rows[i]);
  };
  // The class cell of each (shared) class result.
  const classCells = new Map<ClassResult, string>();
  const classCell = (r: ClassResult | null): string => {
    if (r === null) return "";
    let text = classCells.get(r);
    if (text === undefined) {
      text = r.reminderClass + (r.provisional ? "*" : "");
      classCells.set(r, text);
    }
    return text;
  };
  // An overdue account's why-text and oldest unpaid date depend on that date alone (t and the grace days are the run's).
  const byOldestUnpaid = new Map<number, [string, string]>();
  for (let k = 0; k < items.length; k++) {
    const c = items[k];
    const a = c.account;
    const i = a.row - 1;
    if (c.active) {
      const cls = classCell(c.reminder);
      if (a.statedDpd === null && a.oldestUnpaid !== null) {
        let texts = byOldestUnpaid.get(a.oldestUnpaid);
        if (texts === undefined) {
          texts = [isoDay(a.oldestUnpaid), whyText(c, settings, lang)];
          byOldestUnpaid.set(a.oldestUnpaid, texts);
        }
        row(i, c.dpd, c.bucket, cls, texts[0], settings.graceDays, texts[1]);
      } else if (a.statedDpd !== null) {
        row(i, c.dpd, c.bucket, cls, "", settings.graceDays, whyText(c, settings, lang));
      } else if (!sharedRow(i, alikeInC, cls)) {
        // Nothing unpaid: DPD 0, in C, the same why-text; only the class differs.
        row(i, c.dpd, c.bucket, cls, "", settings.graceDays, whyText(c, settings, lang));
        keepAlike(i, alikeInC, cls);
      }
    } else {
      const why = a.status === "written_off" && a.principal > 0 ? notCounted.written_off : notCounted.settled;
      if (!sharedRow(i, alikeNotCounted, why)) {
        row(i, "", "", "", "", "", why);
        keepAlike(i, alikeNotCounted, why);
      }
    }
  }
  // A schedule's loan: its figures on its first installment row; its other rows carry the bucket (so the
  // colour covers the whole loan) and say where its figures are (DECISIONS, issue 15).
  if (parsed.loanRows.size > 0) {
    for (const c of items) {
      if (!c.active) continue;
      const first = c.account.row;
      const see = msg(lang, "ledger.see_row", { row: first });
      for (const r of parsed.loanRows.get(first) ?? []) row(r - 1, "", c.bucket, "", "", "", see);
    }
  }
  const byRow = new Map<number, RowProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  for (const [r, list] of byRow) {
    const text = list.map((p) => `${p.column ? `“${p.column}”: ` : ""}${msg(lang, p.reason, p.params)}`).join("; ");
    row(r - 1, "", "", "", "", "", msg(lang, "ledger.not_counted", { text }));
  }
  // Rows that hold no account: blank rows (and the title rows above the header).
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] !== undefined || sharedRow(i, alikeBlank, "")) continue;
    row(i, "", "", "", "", "", "");
    keepAlike(i, alikeBlank, "");
  }
  port.writeColumns(sheet, ledger.ownedStart, rows);
  const lastRow = Math.max(2, ledger.values.length);
  const lastColumn = ledger.ownedStart + rows[0].length - 1;
  const keyColumn = ledger.ownedStart + 1;
  port.setRowColours(
    sheet,
    (["M1", "M2", "M3", "M3+"] as const).map((b) => ({ keyColumn, equals: b, colour: settings.bucketColours[b], lastRow, lastColumn })),
  );
}

/** Why an account is in its bucket, in words that settle a dispute on the spot. */
export function whyText(c: Classification, settings: Settings, lang: Lang): string {
  const a = c.account;
  const g = settings.graceDays;
  if (a.oldestUnpaid === null) {
    if (a.statedDpd !== null) return msg(lang, "why.stated_dpd", { dpd: a.statedDpd, bucket: c.bucket });
    return msg(lang, "why.nothing_unpaid");
  }
  return msg(lang, "why.oldest_unpaid", { date: isoDay(a.oldestUnpaid), grace: g, dpd: c.dpd, bucket: c.bucket });
}

/** Removes call sheets older than `keepDays` before t — but never one with a filled row not yet in the contact log. */
function pruneCallSheets(port: BookPort, t: Day, keepDays: number, recorded: ReadonlySet<string>): void {
  for (const name of port.sheetNames()) {
    const d = dateOfCallSheet(name);
    if (d === null || d >= t - keepDays) continue;
    const values = port.read(name) ?? [];
    const at = callColumnsOf(values);
    const unrecorded = values.some(
      (r, i) =>
        i > 0 && isFilledRow(r, at) && !recorded.has(entryKey({ date: d, sourceRow: i + 1, loanId: String(r[at.loan_id] ?? "").trim() })),
    );
    if (!unrecorded) port.deleteSheet(name);
  }
}
