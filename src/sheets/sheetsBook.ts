/**
 * The BookPort on Google Sheets: a fixed number of service calls per sheet,
 * whatever the row count (one getValues per read, one setValues per write).
 */
import type { BookPort, Dropdown, RowColourRule, WriteOptions } from "../app/port";
import type { Cell } from "../domain/cells";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Marks Daihou's own conditional-format rules, so re-runs replace them and leave the store's alone. */
export const RULE_MARK = 'N("Daihou")=0';

/**
 * A cell as Sheets must receive it so that text stays text: strings that would
 * become a formula (= + - @) or be coerced to a number or date get a leading
 * apostrophe, which Sheets stores as "plain text" and does not show.
 */
export function asSheetValue(c: Cell): string | number | boolean | Date {
  if (c === null || c === undefined) return "";
  if (typeof c === "object" && !(c instanceof Date)) return c.error;
  if (typeof c === "string" && (/^[=+\-@]/.test(c) || /^[\d\s.,:/]+$/.test(c.trim()) && c.trim() !== "")) return `'${c}`;
  return c as string | number | boolean | Date;
}

/** A column number as letters (1 → A, 28 → AB). */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
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

  write(name: string, rows: Cell[][], options: WriteOptions = {}): void {
    const sheet = this.sheet(name) ?? this.ss.insertSheet(name);
    const width = Math.max(1, ...rows.map((r) => r.length));
    const height = Math.max(1, rows.length);
    const values = rows.map((r) => {
      const out = r.map(asSheetValue);
      while (out.length < width) out.push("");
      return out;
    });
    // Size the grid to the data (every cell of a sheet counts against the spreadsheet's
    // limit), keeping one spare row: Sheets cannot delete every row under a frozen header.
    // The new values are written before anything old is removed, so a run cut off
    // halfway leaves the sheet's previous or new contents, never an empty sheet.
    const maxRows = sheet.getMaxRows();
    const maxCols = sheet.getMaxColumns();
    if (maxRows < height) sheet.insertRowsAfter(maxRows, height - maxRows);
    if (maxCols < width) sheet.insertColumnsAfter(maxCols, width - maxCols);
    if (values.length > 0) sheet.getRange(1, 1, values.length, width).setValues(values);
    else sheet.getRange(1, 1, 1, width).clearContent();
    if (maxRows > height + 1) sheet.deleteRows(height + 2, maxRows - height - 1);
    if (maxCols > width) sheet.deleteColumns(width + 1, maxCols - width);
    if (maxRows > height) sheet.getRange(height + 1, 1, 1, width).clearContent();
    if (options.freezeHeader !== false) sheet.setFrozenRows(1);
  }

  writeColumns(name: string, firstColumn: number, rows: Cell[][]): void {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const width = Math.max(1, ...rows.map((r) => r.length));
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

  deleteSheet(name: string): void {
    const sheet = this.sheet(name);
    if (sheet) this.ss.deleteSheet(sheet);
  }
}
