/**
 * Reading the store's ledger (SPEC §3): one row per loan under one header row.
 * Bad rows are kept out of every figure and reported with row, column and reason;
 * a missing required column stops the run.
 */
import {
  type Cell,
  type CellContext,
  type CellError,
  DEFAULT_CELL_CONTEXT,
  errorOf,
  isBlank,
  isCellError,
  isPlainText,
  plainCents,
  plainIsoDate,
  plainWhole,
  readAmount,
  readDate,
  readText,
  readWholeNumber,
} from "./cells";
import { type Day, isoDay } from "./days";
import { type FieldKey, type HeaderMapping, type MissingField, mapHeaders } from "./fields";
import { IdIndex } from "./idIndex";
import type { MessageKey } from "./i18n";
import type { Settings } from "./settings";

/** A ledger as a table: the header row and the rows under it (row i is spreadsheet row i + 2). */
export interface Table {
  header: readonly Cell[];
  rows: readonly (readonly Cell[])[];
  /** Columns [from, to) (0-based) that are not the store's (Daihou's own): never read, and a row blank but for them is blank. */
  ignore?: { from: number; to: number };
}

/** Account status as the ledger says it. */
export type LedgerStatus = "active" | "settled" | "written_off";

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

/** A row that could not be read, in words a store can act on. */
export interface RowProblem {
  row: number;
  /** The column's header as the store typed it (empty when the problem is the whole row). */
  column: string;
  field: FieldKey | null;
  reason: MessageKey;
  params: Record<string, string | number>;
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
  /** The readable accounts in ledger order; never changed in place (`accountIds` keeps their numbering beside them). */
  accounts: Account[];
  problems: RowProblem[];
  mapping: HeaderMapping;
}

const STATUS_WORDS: Record<string, LedgerStatus> = {
  结清: "settled",
  已结清: "settled",
  提前结清: "settled",
  settled: "settled",
  closed: "settled",
  paidoff: "settled",
  核销: "written_off",
  已核销: "written_off",
  writtenoff: "written_off",
  writeoff: "written_off",
  chargedoff: "written_off",
};

/** Reads a status cell; anything not saying settled or written off (正常, 逾期, blank …) is active. */
export function readStatus(v: Cell): LedgerStatus {
  const text = readText(v);
  let status = statusCache.get(text);
  if (status === undefined) {
    const key = text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s_-]+/g, "");
    status = STATUS_BY_WORD.get(key) ?? "active";
    if (statusCache.size < 1000) statusCache.set(text, status);
  }
  return status;
}

const STATUS_BY_WORD = new Map(Object.entries(STATUS_WORDS));

/** Status texts already read (a ledger uses a handful of words). */
const statusCache = new Map<string, LedgerStatus>();

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
  const mapping = mapHeaders(
    table.header.map((h, c) => (ignored(c) ? null : h)),
    settings.columnMapping,
  );
  if (mapping.missing.length > 0) throw new MissingColumnsError(mapping.missing);
  const cols = mapping.columns;
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
  const ledgerRows = table.rows;
  for (let i = 0; i < ledgerRows.length; i++) {
    const cells = ledgerRows[i];
    if (blankRow(cells, ignoreFrom, ignoreTo)) continue;
    const rowNo = i + 2;
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
  if (repeated.size === 0) {
    accountNumbers.set(accounts, ids);
    return { accounts, problems, mapping };
  }
  return { accounts: accounts.filter((a) => !repeated.has(a.loanId)), problems, mapping };
}

/** The numbering of each accounts array `parseLedger` returned with its ids made as it read them (when no id was repeated). */
const accountNumbers = new WeakMap<readonly Account[], IdIndex>();

/**
 * The accounts' loan ids numbered in account order (account k is number k):
 * the index made as the ledger was read when these are the accounts it
 * returned, else made now. Throws when an id is given twice (`parseLedger`
 * leaves such accounts out).
 */
export function accountIds(accounts: readonly Account[]): IdIndex {
  const made = accountNumbers.get(accounts);
  if (made !== undefined && made.size === accounts.length) return made;
  const ids = new IdIndex(accounts.length);
  accounts.forEach((a, k) => {
    if (ids.add(a.loanId) !== k) throw new Error(`row ${a.row}: loan id ${a.loanId} is not unique`);
  });
  return ids;
}

/** True when every cell outside the ignored columns [from, to) is blank. */
function blankRow(cells: readonly Cell[], from: number, to: number): boolean {
  for (let c = 0; c < cells.length; c++) if ((c < from || c >= to) && !isBlank(cells[c])) return false;
  return true;
}

function problem(
  row: number,
  mapping: HeaderMapping,
  field: FieldKey,
  reason: MessageKey,
  params: Record<string, string | number>,
): RowProblem {
  const col = mapping.columns[field];
  return { row, column: col === undefined ? "" : mapping.headers[col], field, reason, params };
}

/** A field and its column (-1 when the ledger has none). */
interface Slot {
  field: FieldKey;
  col: number;
}

/** Reads one row's fields, collecting a problem per unreadable cell. */
class RowReader {
  private cells: readonly Cell[] = [];
  private rowNo = 0;

  constructor(
    private readonly headers: string[],
    private readonly out: RowProblem[],
    private readonly ctx: CellContext,
  ) {}

  /** Moves the reader to another row. */
  start(cells: readonly Cell[], rowNo: number): void {
    this.cells = cells;
    this.rowNo = rowNo;
  }

  private cell(s: Slot): Cell {
    return s.col < 0 ? null : this.cells[s.col];
  }

  private fail(s: Slot, e: CellError): null {
    this.out.push({ row: this.rowNo, column: this.headers[s.col], field: s.field, reason: `reason.${e.code}` as MessageKey, params: { text: e.text } });
    return null;
  }

  /** Text of a field; an error value (`#N/A` …) makes the row unreadable (SPEC §3) and reads as "". */
  text(s: Slot): string {
    const v = this.cell(s);
    // Fast path: nothing to trim and no error value.
    if (typeof v === "string" && isPlainText(v)) return v;
    const e = errorOf(v);
    if (e) {
      this.fail(s, e);
      return "";
    }
    return readText(v);
  }

  date(s: Slot): Day | null {
    const v = this.cell(s);
    // Fast path: `yyyy-mm-dd`.
    if (typeof v === "string") {
      const d = plainIsoDate(v);
      if (d !== undefined) return typeof d === "number" ? d : this.fail(s, d);
    }
    if (isBlank(v)) return null;
    const d = readDate(v, this.ctx);
    return isCellError(d) ? this.fail(s, d) : d;
  }

  amount(s: Slot, required: boolean): number | null {
    const v = this.cell(s);
    // Fast path: digits and a point.
    if (typeof v === "string") {
      const n = plainCents(v);
      if (!Number.isNaN(n)) return n;
    }
    if (isBlank(v)) {
      if (required) this.out.push({ row: this.rowNo, column: this.headers[s.col], field: s.field, reason: "reason.blank_required", params: {} });
      return null;
    }
    const n = readAmount(v);
    return isCellError(n) ? this.fail(s, n) : n;
  }

  whole(s: Slot): number | null {
    const v = this.cell(s);
    // Fast path: digits only.
    if (typeof v === "string") {
      const n = plainWhole(v);
      if (n >= 0) return n;
    }
    if (isBlank(v)) return null;
    const n = readWholeNumber(v);
    return isCellError(n) ? this.fail(s, n) : n;
  }
}
