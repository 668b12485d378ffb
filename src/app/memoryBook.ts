/**
 * A BookPort held in memory: the local .xlsx book loads into it and saves from
 * it, and tests use it directly. It counts calls so tests can check that the
 * job's service calls do not grow with the ledger.
 */
import type { Cell } from "../domain/cells";
import type { BookPort, ChartSpec, Dropdown, RowColourRule, WriteOptions } from "./port";

/** One sheet's contents and Daihou's formatting on it. */
export interface MemorySheet {
  name: string;
  values: Cell[][];
  rowColours: RowColourRule[];
  dropdowns: Dropdown[];
  /** Daihou's charts (kept when the sheet's values are written again, as in Sheets). */
  charts: ChartSpec[];
  options: WriteOptions;
}

/** An in-memory book. */
export class MemoryBook implements BookPort {
  readonly sheets = new Map<string, MemorySheet>();
  /** Calls made through the port, by method. */
  readonly calls: Record<string, number> = {};

  /** Counts a call through the port. */
  protected count(method: string): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
  }

  /** Adds or replaces a sheet directly (loading a file, test set-up); not counted. */
  put(name: string, values: readonly (readonly Cell[])[], options: WriteOptions = {}): MemorySheet {
    const old = this.sheets.get(name);
    const sheet: MemorySheet = {
      name,
      values: values.map((r) => r.slice()),
      rowColours: old?.rowColours ?? [],
      dropdowns: old?.dropdowns ?? [],
      charts: old?.charts ?? [],
      options,
    };
    this.sheets.set(name, sheet);
    return sheet;
  }

  sheetNames(): string[] {
    this.count("sheetNames");
    return [...this.sheets.keys()];
  }

  read(sheet: string): Cell[][] | null {
    this.count("read");
    const s = this.sheets.get(sheet);
    // The book's own rows, not a copy (a 100,000-row ledger is read on every run): the port's
    // type makes them read-only to callers, and every write below replaces rows rather than change them.
    return s ? s.values : null;
  }

  readHeader(sheet: string): Cell[] | null {
    this.count("readHeader");
    const s = this.sheets.get(sheet);
    return s ? (s.values[0] ?? []) : null;
  }

  write(sheet: string, rows: Cell[][], options: WriteOptions = {}): void {
    this.count("write");
    const old = this.sheets.get(sheet);
    this.sheets.set(sheet, {
      name: sheet,
      values: rows.map((r) => r.slice()),
      rowColours: old?.rowColours ?? [],
      dropdowns: [],
      charts: old?.charts ?? [],
      options,
    });
  }

  writeColumns(sheet: string, firstColumn: number, rows: Cell[][]): void {
    this.count("writeColumns");
    const s = this.sheets.get(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const from = firstColumn - 1;
    for (let i = 0; i < rows.length; i++) {
      const cells = rows[i];
      const row = s.values[i] ? s.values[i].slice() : [];
      s.values[i] = row;
      while (row.length < from) row.push(null);
      for (let j = 0; j < cells.length; j++) row[from + j] = cells[j];
    }
  }

  setRowColours(sheet: string, rules: RowColourRule[]): void {
    this.count("setRowColours");
    const s = this.sheets.get(sheet);
    if (s) s.rowColours = rules.slice();
  }

  setDropdowns(sheet: string, dropdowns: Dropdown[]): void {
    this.count("setDropdowns");
    const s = this.sheets.get(sheet);
    if (s) s.dropdowns = dropdowns.slice();
  }

  setCharts(sheet: string, charts: ChartSpec[]): void {
    this.count("setCharts");
    const s = this.sheets.get(sheet);
    if (s) s.charts = charts.map((c) => structuredClone(c));
  }

  deleteSheet(sheet: string): void {
    this.count("deleteSheet");
    this.sheets.delete(sheet);
  }
}
