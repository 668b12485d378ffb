/**
 * The BookPort on Google Sheets: a fixed number of service calls per sheet,
 * whatever the row count (one getValues per read, one setValues per write).
 */
import {
  type BookPort,
  type ChartSpec,
  type Dropdown,
  NUMBER_FORMAT_PATTERNS,
  RULE_MARK,
  type RowColourRule,
  type WriteOptions,
} from "../app/port";
import { columnLetter } from "../domain/a1";
import type { Cell } from "../domain/cells";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export { RULE_MARK } from "../app/port";
export { columnLetter } from "../domain/a1";

/**
 * A cell as Sheets must receive it so that text stays text: strings that would
 * become a formula (= + - @) or be coerced to a number or date get a leading
 * apostrophe, which Sheets stores as "plain text" and does not show.
 */
export function asSheetValue(c: Cell): string | number | boolean | Date {
  if (c === null || c === undefined) return "";
  if (typeof c === "object" && !(c instanceof Date)) return c.error;
  if (typeof c === "string" && wouldBeCoerced(c)) return `'${c}`;
  return c as string | number | boolean | Date;
}

/**
 * True when Sheets would not keep this text as typed: a formula or sign lead
 * (= + - @), something it parses as a number, date or time (`0012`, `1e5`,
 * `2026-11`, `11/1`, `12:30`, `50%`), or a boolean word.
 */
export function wouldBeCoerced(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  if (/^[=+\-@]/.test(text)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  return /\d/.test(t) && /^[\d\s.,:/\-eE%$¥￥年月日()]+$/.test(t);
}

/** The widest row's length, at least 1 (a loop: spreading 100,000+ rows into Math.max overflows the stack). */
function widthOf(rows: readonly (readonly Cell[])[]): number {
  let width = 1;
  for (const r of rows) if (r.length > width) width = r.length;
  return width;
}

/** The BookPort over a spreadsheet. */
export class SheetsBook implements BookPort {
  constructor(
    private readonly ss: Spreadsheet,
    private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  ) {}

  private sheet(name: string): Sheet | null {
    return this.ss.getSheetByName(name);
  }

  sheetNames(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  read(name: string): Cell[][] | null {
    const sheet = this.sheet(name);
    if (!sheet) return null;
    return sheet.getDataRange().getValues() as Cell[][];
  }

  readHeader(name: string): Cell[] | null {
    const sheet = this.sheet(name);
    if (!sheet) return null;
    const width = sheet.getLastColumn();
    return width < 1 ? [] : (sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[]);
  }

  write(name: string, rows: Cell[][], options: WriteOptions = {}): void {
    const sheet = this.sheet(name) ?? this.ss.insertSheet(name);
    const width = widthOf(rows);
    const height = Math.max(1, rows.length);
    const values = rows.map((r) => {
      const out = r.map(asSheetValue);
      while (out.length < width) out.push("");
      return out;
    });
    // Size the grid to the data (every cell of a sheet counts against the spreadsheet's
    // limit) plus one blank spare row: Sheets cannot delete every row under a frozen
    // header. The new values are written before anything old is removed, so a run cut
    // off halfway leaves the sheet's previous or new contents, never an empty sheet.
    const rowsWanted = height + 1;
    const maxRows = sheet.getMaxRows();
    const maxCols = sheet.getMaxColumns();
    if (maxRows < rowsWanted) sheet.insertRowsAfter(maxRows, rowsWanted - maxRows);
    if (maxCols < width) sheet.insertColumnsAfter(maxCols, width - maxCols);
    if (values.length > 0) sheet.getRange(1, 1, values.length, width).setValues(values);
    else sheet.getRange(1, 1, 1, width).clearContent();
    if (maxRows > rowsWanted) sheet.deleteRows(rowsWanted + 1, maxRows - rowsWanted);
    if (maxCols > width) sheet.deleteColumns(width + 1, maxCols - width);
    sheet.getRange(rowsWanted, 1, 1, width).clearContent();
    if (options.freezeHeader !== false) sheet.setFrozenRows(1);
    if (options.numberFormats) {
      sheet.getRange(1, 1, height, width).clearFormat();
      for (const f of options.numberFormats)
        sheet.getRange(f.row, f.column, f.rows ?? 1, f.columns ?? 1).setNumberFormat(NUMBER_FORMAT_PATTERNS[f.format]);
    }
    // A work list (a call sheet): long text wrapped. Page settings are not in the script API; the frozen header repeats in print.
    for (const column of options.print?.wrapColumns ?? []) if (height > 0) sheet.getRange(1, column, height, 1).setWrap(true);
  }

  writeColumns(name: string, firstColumn: number, rows: Cell[][]): void {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const width = widthOf(rows);
    const maxCols = sheet.getMaxColumns();
    if (maxCols < firstColumn + width - 1) sheet.insertColumnsAfter(maxCols, firstColumn + width - 1 - maxCols);
    const values = rows.map((r) => {
      const out = r.map(asSheetValue);
      while (out.length < width) out.push("");
      return out;
    });
    sheet.getRange(1, firstColumn, values.length, width).setValues(values);
  }

  setRowColours(name: string, rules: RowColourRule[]): void {
    const sheet = this.sheet(name);
    if (!sheet) return;
    const kept = sheet.getConditionalFormatRules().filter((r) => {
      const criteria = r.getBooleanCondition();
      const values = criteria ? criteria.getCriteriaValues() : [];
      return !values.some((v) => String(v).includes(RULE_MARK));
    });
    const added = rules.map((rule) =>
      this.app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND($${columnLetter(rule.keyColumn)}2="${rule.equals}",${RULE_MARK})`)
        .setBackground(rule.colour)
        .setRanges([sheet.getRange(2, 1, Math.max(1, rule.lastRow - 1), rule.lastColumn)])
        .build(),
    );
    sheet.setConditionalFormatRules(kept.concat(added));
  }

  setDropdowns(name: string, dropdowns: Dropdown[]): void {
    const sheet = this.sheet(name);
    if (!sheet) return;
    for (const d of dropdowns) {
      const rule = this.app.newDataValidation().requireValueInList(d.values, true).setAllowInvalid(false).build();
      sheet.getRange(2, d.column, Math.max(1, d.lastRow - 1), 1).setDataValidation(rule);
    }
  }

  /** Daihou's charts on a sheet it owns are those drawing only on that sheet's cells: they are removed, then these built. */
  setCharts(name: string, charts: ChartSpec[]): void {
    const sheet = this.sheet(name);
    if (!sheet) return;
    for (const old of sheet.getCharts()) if (old.getRanges().every((r) => r.getSheet().getName() === name)) sheet.removeChart(old);
    for (const c of charts) {
      const rows = c.lastRow - c.headerRow + 1;
      const builder = sheet
        .newChart()
        .asLineChart()
        .addRange(sheet.getRange(c.headerRow, c.categoryColumn, rows, 1))
        .addRange(sheet.getRange(c.headerRow, c.firstSeriesColumn, rows, c.lastSeriesColumn - c.firstSeriesColumn + 1))
        .setNumHeaders(1)
        .setOption("title", c.title)
        .setOption("width", c.width)
        .setOption("height", c.height)
        .setPosition(c.anchor.row, c.anchor.column, 0, 0);
      if (c.valueFormat) builder.setOption("vAxis.format", NUMBER_FORMAT_PATTERNS[c.valueFormat]);
      sheet.insertChart(builder.build());
    }
  }

  deleteSheet(name: string): void {
    const sheet = this.sheet(name);
    if (sheet) this.ss.deleteSheet(sheet);
  }
}
