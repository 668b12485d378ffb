/**
 * The one port both surfaces implement: a spreadsheet-like book Daihou reads
 * and writes. Google Sheets (src/sheets) and the local .xlsx book (src/node)
 * are its two adapters; the use cases in src/app know nothing else.
 */
import type { Cell } from "../domain/cells";

/**
 * Marks Daihou's own conditional-format rules (the same formula fragment in the
 * Sheets adapter and the local book), so a re-run replaces them and leaves the store's alone.
 */
export const RULE_MARK = 'N("Daihou")=0';

/** A conditional-format rule colouring whole rows when a column holds a value. */
export interface RowColourRule {
  /** 1-based column whose value decides (Daihou's bucket column). */
  keyColumn: number;
  equals: string;
  colour: string;
  /** Rows 2…lastRow and columns 1…lastColumn are coloured. */
  lastRow: number;
  lastColumn: number;
}

/** A dropdown (data validation list) on one column, rows 2…lastRow. */
export interface Dropdown {
  column: number;
  lastRow: number;
  values: string[];
}

/** The number formats Daihou writes, by name; `NUMBER_FORMAT_PATTERNS` gives the pattern both spreadsheets take. */
export type NumberFormatName = "percent" | "money";

export const NUMBER_FORMAT_PATTERNS: Record<NumberFormatName, string> = {
  percent: "0.00%",
  money: "#,##0.00",
};

/** A number format on a block of cells (1-based; one cell when rows and columns are left out). */
export interface NumberFormat {
  row: number;
  column: number;
  rows?: number;
  columns?: number;
  format: NumberFormatName;
}

/** How a sheet Daihou owns is laid out when written. */
export interface WriteOptions {
  /** Freeze the header row (default true). */
  freezeHeader?: boolean;
  /** Column widths in characters, by 0-based column. */
  widths?: number[];
  /** Number formats; when given, the sheet's other cells are left unformatted. */
  numberFormats?: NumberFormat[];
  /** Print the sheet landscape, one page wide (a report). Only the local book prints. */
  landscape?: boolean;
  /** How a work list prints (a call sheet): landscape, one page wide, its header on every page. */
  print?: PrintLayout;
}

/**
 * A printable work list: landscape and fitted to one page's width, the first
 * `titleRows` rows repeated on every page, a new page before each row of
 * `breaksBefore` (1-based; one page group per owner), and the `wrapColumns`
 * (1-based) wrapped so long text stays in its column. Google Sheets' script
 * API sets none of the page settings (see docs/DECISIONS.md, issue 16): there
 * the columns are wrapped and the frozen header repeats when printed.
 */
export interface PrintLayout {
  titleRows: number;
  breaksBefore: number[];
  wrapColumns: number[];
}

/**
 * A line chart over a table of the sheet it sits on: the categories (x axis)
 * in one column, one line per series column, the series' names in the header
 * row above the data.
 */
export interface ChartSpec {
  title: string;
  /** The row naming the series (1-based). */
  headerRow: number;
  /** The data rows, 1-based and inclusive. */
  firstRow: number;
  lastRow: number;
  /** The column of the categories (1-based). */
  categoryColumn: number;
  /** The series' columns, 1-based and inclusive: one line each. */
  firstSeriesColumn: number;
  lastSeriesColumn: number;
  /** The format of the value axis. */
  valueFormat?: NumberFormatName;
  /** The cell at the chart's top-left corner (1-based). */
  anchor: { row: number; column: number };
  /** Size in pixels. */
  width: number;
  height: number;
}

/** A book of named sheets holding cell values. */
export interface BookPort {
  /** Names of the sheets, in order. */
  sheetNames(): string[];
  /** Every value of a sheet, header row first; null when there is no such sheet. One read. */
  read(sheet: string): readonly (readonly Cell[])[] | null;
  /** The first row of a sheet; null when there is no such sheet. One small read (a history month's fingerprint is in its header). */
  readHeader(sheet: string): readonly Cell[] | null;
  /**
   * Replaces a sheet Daihou owns with these rows (creating it when missing), in
   * one write. Text is always written as text: nothing becomes a formula.
   */
  write(sheet: string, rows: Cell[][], options?: WriteOptions): void;
  /**
   * Writes a block of columns into a store's sheet, from row 1 at 1-based `firstColumn`; the cells left of it are never touched.
   * Rows that are alike may be one array given more than once: a port never changes the rows it is given.
   */
  writeColumns(sheet: string, firstColumn: number, rows: Cell[][]): void;
  /** Replaces Daihou's own conditional-format rules on a sheet; the store's rules stay. */
  setRowColours(sheet: string, rules: RowColourRule[]): void;
  /** Sets dropdowns on a sheet Daihou owns. */
  setDropdowns(sheet: string, dropdowns: Dropdown[]): void;
  /** Replaces Daihou's charts on a sheet Daihou owns with these (none removes them). */
  setCharts(sheet: string, charts: ChartSpec[]): void;
  /** Deletes a sheet Daihou owns. */
  deleteSheet(sheet: string): void;
}
