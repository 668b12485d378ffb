/**
 * Reading the store's ledger (SPEC §3): one row per loan under one header row.
 * Bad rows are kept out of every figure and reported with row, column and reason;
 * a missing required column stops the run.
 */
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT, readText } from "./cells";
import { type Day, isoDay } from "./days";
import { type FieldKey, type HeaderMapping, type MissingField, findHeaderRow, mapHeaders, type TableShape } from "./fields";
import { IdIndex } from "./idIndex";
import { type LedgerStatus, readStatus } from "./ledgerStatus";
import { problem, type RowProblem, RowReader, rowKind, type Slot } from "./rowReader";
import { type LedgerNote, ScheduleRollUp } from "./schedule";
import type { Settings } from "./settings";

export type { RowProblem } from "./rowReader";
export type { LedgerNote } from "./schedule";
export { type LedgerStatus, readStatus } from "./ledgerStatus";

/** A ledger as a table: the header row and the rows under it (row i is spreadsheet row i + 2). */
export interface Table {
  header: readonly Cell[];
  rows: readonly (readonly Cell[])[];
  /** Columns [from, to) (0-based) that are not the store's (Daihou's own): never read, and a row blank but for them is blank. */
  ignore?: { from: number; to: number };
}

/** One readable loan row. Dates are Days; amounts are numbers. */
export interface Account {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  loanId: string;
  customer: string;
  /**
   * The phone numbers as typed (text, trimmed): cleaned to digits (`readPhone`,
   * through `ownNumbers` in calls.ts) only where an account is dialled — on a
   * given day most accounts of a big ledger are not.
   */
  mobile: string;
  workPhone: string;
  homePhone: string;
  principal: number;
  oldestUnpaid: Day | null;
  /** DPD as the ledger states it, when it has a DPD column and no oldest-unpaid column. */
  statedDpd: number | null;
  dueDay: number | null;
  nextDueDate: Day | null;
  installment: number | null;
  /** The ledger's overdue amount (逾期金额) when it has that column (SPEC §3); null otherwise. */
  overdueAmount: number | null;
  disbursedOn: Day | null;
  firstDueDate: Day | null;
  status: LedgerStatus;
  manager: string;
  collector: string;
  preferredTime: string;
  m1Entries3m: number | null;
}

/** A ledger that cannot be used at all: required columns are missing. */
export class MissingColumnsError extends Error {
  constructor(readonly missing: MissingField[]) {
    super(`missing column(s): ${missing.map((m) => `${m.fields.join(" or ")} (looked for: ${m.lookedFor.join(", ")})`).join("; ")}`);
    this.name = "MissingColumnsError";
  }
}

/** What reading a ledger gives. */
export interface ParsedLedger {
  /** The readable accounts in ledger order. */
  accounts: Account[];
  /** The accounts' loan ids numbered in account order as they were read (account k is number k), when no id was repeated. */
  ids?: IdIndex;
  problems: RowProblem[];
  mapping: HeaderMapping;
  /** The header's spreadsheet row (1 unless title rows stand above it). */
  headerRow: number;
  /** One row per loan, or one per installment (a repayment schedule, rolled up per loan). */
  shape: TableShape;
  /** What is said once about the table: a totals row left out, what cannot be scheduled, a schedule's disagreements. */
  notes: LedgerNote[];
  /** A schedule's loans: each loan's other installment rows, by the loan's first row (the account's row). Empty for a ledger. */
  loanRows: ReadonlyMap<number, readonly number[]>;
}

/**
 * Reads every row of the ledger as of the end of day `asOf`. Throws
 * `MissingColumnsError` when a required field has no column.
 */
export function parseLedger(
  table: Table,
  settings: Settings,
  asOf: Day,
  ctx: CellContext = { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder },
): ParsedLedger {
  const ignore = table.ignore ?? { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  const ignored = (c: number) => c >= ignore.from && c < ignore.to;
  const { from: ignoreFrom, to: ignoreTo } = ignore;
  // The header is the row among the first ten naming the most known fields (SPEC §3); title rows above it are passed over.
  const ledgerRows = table.rows;
  const headerAt = headerIndexOf(table, settings);
  const header = headerAt === 0 ? table.header : ledgerRows[headerAt - 1];
  const mapping = mapHeaders(
    header.map((h, c) => (ignored(c) ? null : h)),
    settings.columnMapping,
  );
  if (mapping.missing.length > 0) throw new MissingColumnsError(mapping.missing);
  const cols = mapping.columns;
  const notes: LedgerNote[] = [];
  const idCol = cols.loan_id ?? 0;
  const totalsRows: number[] = [];
  let totalsText = "";
  /** Whether table row i holds data; a totals row is kept for the one note. */
  const isData = (cells: readonly Cell[], rowNo: number): boolean => {
    const kind = rowKind(cells, ignoreFrom, ignoreTo, idCol);
    if (kind === "totals") {
      if (totalsRows.length === 0) totalsText = readText(cells[cells.findIndex((c, k) => !ignored(k) && readText(c) !== "")]);
      totalsRows.push(rowNo);
    }
    return kind === "data";
  };
  const finishNotes = () => {
    if (headerAt > 0) notes.unshift({ key: "note.header_row", params: { row: headerAt + 1 } });
    if (totalsRows.length > 0) notes.push({ key: "note.totals_rows", params: { rows: totalsRows.join(", "), text: totalsText } });
  };
  const base = { mapping, headerRow: headerAt + 1, shape: mapping.shape, notes };
  if (mapping.shape === "schedule") {
    const rollUp = new ScheduleRollUp(mapping, asOf, ctx);
    for (let i = headerAt; i < ledgerRows.length; i++) if (isData(ledgerRows[i], i + 2)) rollUp.add(ledgerRows[i], i + 2);
    const rolled = rollUp.finish();
    notes.push({ key: "note.schedule", params: { rows: rolled.installmentRows, loans: rolled.accounts.length } }, ...rolled.notes);
    finishNotes();
    return { ...base, accounts: rolled.accounts, problems: rolled.problems, loanRows: rolled.loanRows };
  }
  if (cols.due_day === undefined && cols.next_due_date === undefined) {
    // A collections export (DPD only): what needs the due day is left out, said once (SPEC §3).
    notes.push({ key: cols.disbursed_on === undefined ? "note.no_due_dates_welcome" : "note.no_due_dates", params: {} });
  }
  const accounts: Account[] = [];
  const problems: RowProblem[] = [];
  // The readable rows' ids, numbered in account order (an id given again keeps its first number), and the ids of the unreadable rows.
  const ids = new IdIndex(table.rows.length);
  const unreadableIds: { id: string; row: number }[] = [];
  // The rows of each id given more than once (its first row first).
  const repeated = new Map<string, number[]>();

  // Each field's column, looked up once (not per cell).
  const slot = (field: FieldKey): Slot => ({ field, col: cols[field] ?? -1 });
  const F = {
    loan_id: slot("loan_id"),
    status: slot("status"),
    outstanding_principal: slot("outstanding_principal"),
    oldest_unpaid_due_date: slot("oldest_unpaid_due_date"),
    dpd: slot("dpd"),
    m1_entries_3m: slot("m1_entries_3m"),
    due_day: slot("due_day"),
    customer: slot("customer"),
    mobile: slot("mobile"),
    work_phone: slot("work_phone"),
    home_phone: slot("home_phone"),
    next_due_date: slot("next_due_date"),
    installment: slot("installment"),
    overdue_amount: slot("overdue_amount"),
    disbursed_on: slot("disbursed_on"),
    first_due_date: slot("first_due_date"),
    manager: slot("manager"),
    collector: slot("collector"),
    preferred_time: slot("preferred_time"),
  };
  // One reader and one problem list, reused row after row (a ledger can have 100,000 rows).
  const rowProblems: RowProblem[] = [];
  const reader = new RowReader(mapping.headers, rowProblems, ctx);
  for (let i = headerAt; i < ledgerRows.length; i++) {
    const cells = ledgerRows[i];
    const rowNo = i + 2;
    if (!isData(cells, rowNo)) continue;
    if (rowProblems.length > 0) rowProblems.length = 0;
    reader.start(cells, rowNo);
    const loanId = reader.text(F.loan_id);
    // An error value in the id column is already reported; only a truly empty id is "no id".
    if (loanId === "" && !rowProblems.some((p) => p.field === "loan_id")) {
      rowProblems.push(problem(rowNo, mapping, "loan_id", "reason.no_id", {}));
    }
    const status = F.status.col < 0 ? "active" : readStatus(reader.text(F.status));
    // A settled or written-off row may leave its principal blank: that reads as 0.
    const principal = reader.amount(F.outstanding_principal, status === "active");
    if (principal !== null && principal < 0) {
      rowProblems.push(problem(rowNo, mapping, "outstanding_principal", "reason.negative_principal", { text: principal }));
    }
    const oldestUnpaid = reader.date(F.oldest_unpaid_due_date);
    if (oldestUnpaid !== null && oldestUnpaid > asOf) {
      rowProblems.push(
        problem(rowNo, mapping, "oldest_unpaid_due_date", "reason.future_oldest_unpaid", {
          date: isoDay(oldestUnpaid),
          asOf: isoDay(asOf),
        }),
      );
    }
    const statedDpd = F.oldest_unpaid_due_date.col < 0 ? reader.whole(F.dpd) : null;
    if (statedDpd !== null && statedDpd < 0) rowProblems.push(problem(rowNo, mapping, "dpd", "reason.negative_dpd", { text: statedDpd }));
    const m1Entries3m = reader.whole(F.m1_entries_3m);
    if (m1Entries3m !== null && (m1Entries3m < 0 || m1Entries3m > 3)) {
      rowProblems.push(problem(rowNo, mapping, "m1_entries_3m", "reason.bad_m1_months", { text: m1Entries3m }));
    }
    const dueDay = reader.whole(F.due_day);
    if (dueDay !== null && (dueDay < 1 || dueDay > 31))
      rowProblems.push(problem(rowNo, mapping, "due_day", "reason.bad_due_day", { text: dueDay }));
    // A literal, not a class instance: V8 allocates objects from a literal that (nearly) all live on
    // straight into the old generation once it has seen that, instead of copying each one in young collections.
    const account: Account = {
      row: rowNo,
      loanId,
      customer: reader.text(F.customer),
      mobile: reader.text(F.mobile),
      workPhone: reader.text(F.work_phone),
      homePhone: reader.text(F.home_phone),
      principal: principal ?? 0,
      oldestUnpaid,
      statedDpd,
      dueDay,
      nextDueDate: reader.date(F.next_due_date),
      installment: reader.amount(F.installment, false),
      overdueAmount: reader.amount(F.overdue_amount, false),
      disbursedOn: reader.date(F.disbursed_on),
      firstDueDate: reader.date(F.first_due_date),
      status,
      manager: reader.text(F.manager),
      collector: reader.text(F.collector),
      preferredTime: reader.text(F.preferred_time),
      m1Entries3m,
    };
    // Every row with an id takes part in the duplicate check, readable or not.
    if (rowProblems.length > 0) {
      for (const p of rowProblems) problems.push(p);
      if (loanId !== "") unreadableIds.push({ id: loanId, row: rowNo });
      continue;
    }
    const n = ids.add(loanId);
    if (n === accounts.length) accounts.push(account);
    else {
      const rows = repeated.get(loanId);
      if (rows) rows.push(rowNo);
      else repeated.set(loanId, [accounts[n].row, rowNo]);
    }
  }
  // An unreadable row's id given on a readable row too, or on another unreadable row.
  const unreadableRows = new Map<string, number[]>();
  for (const { id, row } of unreadableIds) {
    const rows = repeated.get(id) ?? unreadableRows.get(id);
    if (rows) rows.push(row);
    else {
      const n = ids.get(id);
      if (n >= 0) repeated.set(id, [accounts[n].row, row]);
      else unreadableRows.set(id, [row]);
    }
  }
  for (const [id, rows] of unreadableRows) if (rows.length > 1) repeated.set(id, rows);

  for (const [id, rows] of repeated) {
    rows.sort((a, b) => a - b);
    for (const r of rows) problems.push(problem(r, mapping, "loan_id", "reason.duplicate_id", { id, rows: rows.join(", ") }));
  }
  problems.sort((a, b) => a.row - b.row);
  finishNotes();
  if (repeated.size === 0) return { ...base, accounts, ids, problems, loanRows: NO_LOAN_ROWS };
  return { ...base, accounts: accounts.filter((a) => !repeated.has(a.loanId)), problems, loanRows: NO_LOAN_ROWS };
}

const NO_LOAN_ROWS: ReadonlyMap<number, readonly number[]> = new Map();

/** The header row's index among the sheet's rows (0: the table's header, i: table row i − 1), Daihou's own columns left out. */
export function headerIndexOf(table: Table, settings: Pick<Settings, "columnMapping" | "headerRow">): number {
  const ignore = table.ignore;
  const own = (row: readonly Cell[]) => (ignore ? row.map((h, c) => (c >= ignore.from && c < ignore.to ? null : h)) : row);
  return findHeaderRow(
    (i) => {
      const row = i === 0 ? table.header : table.rows[i - 1];
      return row === undefined ? undefined : own(row);
    },
    settings.columnMapping,
    settings.headerRow,
  );
}

/**
 * The accounts' loan ids numbered in account order (account k is number k),
 * made now (`ParsedLedger.ids` is the one made as the ledger was read). Throws
 * when an id is given twice (`parseLedger` leaves such accounts out).
 */
export function accountIds(accounts: readonly Account[]): IdIndex {
  const ids = new IdIndex(accounts.length);
  accounts.forEach((a, k) => {
    if (ids.add(a.loanId) !== k) throw new Error(`row ${a.row}: loan id ${a.loanId} is not unique`);
  });
  return ids;
}
