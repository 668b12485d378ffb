/**
 * Reading one row of the store's table field by field (SPEC §3): each
 * unreadable cell becomes a problem naming the row and the column by its header.
 * Shared by the ledger (one row per loan) and the repayment schedule (one row per installment).
 */
import {
  type Cell,
  type CellError,
  type CellContext,
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
import type { Day } from "./days";
import { type FieldKey, type HeaderMapping, isTotalsText } from "./fields";
import type { MessageKey } from "./i18n";

/** A row that could not be read, in words a store can act on. */
export interface RowProblem {
  row: number;
  /** The column's header as the store typed it (empty when the problem is the whole row). */
  column: string;
  field: FieldKey | null;
  reason: MessageKey;
  params: Record<string, string | number>;
}

/** True when every cell outside the ignored columns [from, to) is blank. */
export function blankRow(cells: readonly Cell[], from: number, to: number): boolean {
  for (let c = 0; c < cells.length; c++) if ((c < from || c >= to) && !isBlank(cells[c])) return false;
  return true;
}

/** A cheap first look: could this text say "totals"? */
const MAYBE_TOTALS = /^[\s\u3000]*[合小总共TtＴｔ]/;

/**
 * What a row of the table holds: nothing ("blank", passed over silently), a
 * totals row ("totals": 合计/小计/总计/Total in the loan id or first non-empty
 * cell, SPEC §3), or data. Columns [from, to) are Daihou's own and not looked at.
 */
export function rowKind(cells: readonly Cell[], from: number, to: number, idCol: number): "blank" | "totals" | "data" {
  for (let c = 0; c < cells.length; c++) {
    if ((c >= from && c < to) || isBlank(cells[c])) continue;
    const first = cells[c];
    if (typeof first === "string" && MAYBE_TOTALS.test(first) && isTotalsText(first)) return "totals";
    const id = cells[idCol];
    return typeof id === "string" && MAYBE_TOTALS.test(id) && isTotalsText(id) ? "totals" : "data";
  }
  return "blank";
}

export function problem(
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
export interface Slot {
  field: FieldKey;
  col: number;
}

/** Reads one row's fields, collecting a problem per unreadable cell. */
export class RowReader {
  private cells: readonly Cell[] = [];
  private rowNo = 0;

  constructor(
    private readonly headers: string[],
    private readonly out: RowProblem[],
    private readonly ctx: CellContext,
  ) {}

  /** The spreadsheet row being read. */
  get rowNumber(): number {
    return this.rowNo;
  }

  /** Moves the reader to another row. */
  start(cells: readonly Cell[], rowNo: number): void {
    this.cells = cells;
    this.rowNo = rowNo;
  }

  private cell(s: Slot): Cell {
    return s.col < 0 ? null : this.cells[s.col];
  }

  private fail(s: Slot, e: CellError): null {
    this.out.push({
      row: this.rowNo,
      column: this.headers[s.col],
      field: s.field,
      reason: `reason.${e.code}` as MessageKey,
      params: { text: e.text },
    });
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
      if (required)
        this.out.push({ row: this.rowNo, column: this.headers[s.col], field: s.field, reason: "reason.blank_required", params: {} });
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
