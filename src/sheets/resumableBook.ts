/**
 * A run of the daily job that stops before Apps Script's 6-minute limit and
 * resumes later (the continuation). A BookPort around the Sheets book: reads
 * pass straight through; every write-type call is a numbered step. Before step
 * i the book
 *
 * - skips it when an earlier, stopped execution for the same date did step i
 *   with the same content (a cheap FNV-1a hash of the sheet name and the cells:
 *   no service call), so resuming never writes a million cells twice;
 * - else stops — writes nothing more — when the time used so far plus this
 *   step's estimate (its cells × the rate measured on this execution's earlier
 *   writes, or a conservative default) would pass the budget. Each execution
 *   does at least one step unless the budget is already spent, so every
 *   continuation gets further.
 *
 * After a stop the job runs on to its end without writing, so the book knows
 * how many steps there are ("3 of 7"). Resuming is simply running the job for
 * the same date again: it is idempotent (re-running a date replaces that date),
 * and the steps whose content is unchanged are skipped.
 */
import type { BookPort, ChartSpec, Dropdown, RowColourRule, WriteOptions } from "../app/port";
import type { Cell } from "../domain/cells";
import { FNV_OFFSET, fnv1a } from "../domain/hash";

/** The part of Apps Script's 6-minute execution limit a run may use before it stops; the rest is margin for the last step and the summary. */
export const TIME_BUDGET_MS = 270_000;
/** Time allowed for a step besides its cells (a service round trip, rules, a sheet deleted). */
export const STEP_MS = 2_000;
/** Milliseconds per cell written until this execution has measured its own rate (50 s a million cells: slower than Sheets usually is). */
export const DEFAULT_MS_PER_CELL = 0.05;
/** Cells an execution must have written before its measured rate replaces the default. */
export const MIN_MEASURED_CELLS = 10_000;

/** What a step does, for "how far it got" (sheet names, rows and columns only: never a cell's content). */
export interface StepLabel {
  op: "write" | "columns" | "colours" | "dropdowns" | "charts" | "delete";
  sheet: string;
  /** Rows written (write, columns). */
  rows?: number;
  /** 1-based first and last columns written (columns). */
  firstColumn?: number;
  lastColumn?: number;
}

/** A step done: its content hash and what it did. */
export interface StepRecord {
  hash: string;
  label: StepLabel;
}

/** The clock and budget of one execution. */
export interface StepClock {
  now: () => number;
  /** When the execution started (the top-level function's first line). */
  startedAt: number;
  budgetMs?: number;
}

/** FNV-1a, 32 bits, over text, continued from `h`. */
const fnv = (h: number, text: string): number => fnv1a(text, h);

/** A cell as hashed text: its type and value, so 1 and "1" differ. */
function cellKey(c: Cell): string {
  if (c === null || c === undefined || c === "") return "";
  if (typeof c === "string") return `s${c}`;
  if (typeof c === "number") return `n${c}`;
  if (typeof c === "boolean") return c ? "T" : "F";
  if (c instanceof Date) return `d${c.getTime()}`;
  return `e${c.error}`;
}

/** The content hash of a step: what it does, to which sheet, with which cells (separators keep [["ab"]] and [["a","b"]] apart). */
export function stepHash(label: StepLabel, extra: unknown, rows: readonly Cell[][] = []): string {
  let h = fnv(FNV_OFFSET, `${label.op}\u0000${label.sheet}\u0000${JSON.stringify(extra) ?? ""}\u0000`);
  for (const row of rows) {
    for (const c of row) h = fnv(h, `${cellKey(c)}\u0001`);
    h = fnv(h, "\u0002");
  }
  return `${(h >>> 0).toString(16)}.${rows.length}`;
}

/** Cells of a block of rows (rows × widest row). */
function cellsOf(rows: readonly Cell[][]): number {
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  return rows.length * width;
}

/** The BookPort of a run that may stop before the time limit and resume. */
export class ResumableBook implements BookPort {
  /** Every step of this run, in order (after a stop: with an empty hash). */
  readonly steps: StepRecord[] = [];
  /** The index of the first step not done, once the run has stopped. */
  stoppedAt: number | null = null;
  /** Steps written by this execution, and steps skipped because an earlier one did them. */
  executed = 0;
  skipped = 0;
  private readonly touched = new Set<string>();
  private readonly missing = new Set<string>();
  private measuredCells = 0;
  private measuredMs = 0;

  constructor(
    private readonly inner: BookPort,
    private readonly clock: StepClock,
    /** The steps an earlier execution of the same run did. */
    private readonly previous: readonly StepRecord[] = [],
  ) {}

  /** True once the run has stopped (the rest is for a later execution). */
  get stopped(): boolean {
    return this.stoppedAt !== null;
  }

  /** The steps done, by this execution or earlier ones, in order. */
  done(): StepRecord[] {
    return this.steps.slice(0, this.stoppedAt ?? this.steps.length);
  }

  sheetNames(): string[] {
    return this.inner.sheetNames();
  }

  read(sheet: string): readonly (readonly Cell[])[] | null {
    const values = this.inner.read(sheet);
    // A sheet found missing now was not written by an earlier execution, whatever its progress says.
    if (values === null) this.missing.add(sheet);
    return values;
  }

  readHeader(sheet: string): readonly Cell[] | null {
    return this.inner.readHeader(sheet);
  }

  write(sheet: string, rows: Cell[][], options?: WriteOptions): void {
    const label: StepLabel = { op: "write", sheet, rows: rows.length };
    this.step(
      label,
      cellsOf(rows),
      () => stepHash(label, options ?? null, rows),
      () => this.inner.write(sheet, rows, options),
    );
  }

  writeColumns(sheet: string, firstColumn: number, rows: Cell[][]): void {
    const cells = cellsOf(rows);
    const width = rows.length > 0 ? cells / rows.length : 0;
    const label: StepLabel = { op: "columns", sheet, rows: rows.length, firstColumn, lastColumn: firstColumn + Math.max(1, width) - 1 };
    this.step(
      label,
      cells,
      () => stepHash(label, firstColumn, rows),
      () => this.inner.writeColumns(sheet, firstColumn, rows),
    );
  }

  setRowColours(sheet: string, rules: RowColourRule[]): void {
    const label: StepLabel = { op: "colours", sheet };
    this.step(
      label,
      0,
      () => stepHash(label, rules),
      () => this.inner.setRowColours(sheet, rules),
    );
  }

  setDropdowns(sheet: string, dropdowns: Dropdown[]): void {
    const label: StepLabel = { op: "dropdowns", sheet };
    const cells = dropdowns.reduce((n, d) => n + d.lastRow, 0);
    this.step(
      label,
      cells,
      () => stepHash(label, dropdowns),
      () => this.inner.setDropdowns(sheet, dropdowns),
    );
  }

  setCharts(sheet: string, charts: ChartSpec[]): void {
    const label: StepLabel = { op: "charts", sheet };
    this.step(
      label,
      0,
      () => stepHash(label, charts),
      () => this.inner.setCharts(sheet, charts),
    );
  }

  deleteSheet(sheet: string): void {
    const label: StepLabel = { op: "delete", sheet };
    this.step(
      label,
      0,
      () => stepHash(label, null),
      () => this.inner.deleteSheet(sheet),
    );
  }

  private step(label: StepLabel, cells: number, hash: () => string, run: () => void): void {
    const i = this.steps.length;
    if (this.stoppedAt !== null) {
      // Stopped: only counted, so the summary can say "of N".
      this.steps.push({ hash: "", label });
      return;
    }
    const record = { hash: hash(), label };
    this.steps.push(record);
    const before = this.previous[i];
    // Done before with this very content, on a sheet this execution has not changed and found where it was left.
    if (before && before.hash === record.hash && !this.touched.has(label.sheet) && !this.missing.has(label.sheet)) {
      this.skipped++;
      return;
    }
    const started = this.clock.now();
    const elapsed = started - this.clock.startedAt;
    const budget = this.clock.budgetMs ?? TIME_BUDGET_MS;
    if (elapsed >= budget || (this.executed > 0 && elapsed + this.estimate(cells) > budget)) {
      this.stoppedAt = i;
      return;
    }
    run();
    this.touched.add(label.sheet);
    this.executed++;
    if (cells > 0) {
      this.measuredCells += cells;
      this.measuredMs += this.clock.now() - started;
    }
  }

  /** How long a step of `cells` cells should take. */
  private estimate(cells: number): number {
    // Until enough cells are measured, the slower of the default and what was seen.
    const measured = this.measuredCells > 0 ? this.measuredMs / this.measuredCells : 0;
    const rate = this.measuredCells >= MIN_MEASURED_CELLS ? measured : Math.max(DEFAULT_MS_PER_CELL, measured);
    return STEP_MS + cells * rate;
  }
}
