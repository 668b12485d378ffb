/**
 * "Insert a sample store": a generated ledger (invented names and numbers) in
 * a new sheet `台账 Ledger`, so a store can try Daihou before using its own.
 * An existing sheet of that name is never overwritten.
 */
import { LEDGER_SHEET } from "../app/names";
import { generateLoans, sampleLedger } from "../app/sampleStore";
import type { Cell } from "../domain/cells";
import type { Day } from "../domain/days";
import { asSheetValue } from "./sheetsBook";

/** Loans in the sample store. */
export const SAMPLE_LOANS = 200;
/** The sample's loans are disbursed over this many days before today. */
export const SAMPLE_DAYS = 540;

type Spreadsheet = Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, "getSheetByName" | "insertSheet">;

/** A sample cell as Sheets should receive it: ISO dates as typed (Sheets makes them date cells), other text kept as text. */
export function sampleCell(c: Cell): string | number | boolean | Date {
  if (typeof c === "string" && /^\d{4}-\d{2}-\d{2}$/.test(c)) return c;
  return asSheetValue(c);
}

/** The sample ledger on day `today`. */
export function sampleRows(today: Day): Cell[][] {
  return sampleLedger(generateLoans({ loans: SAMPLE_LOANS, from: today - SAMPLE_DAYS, to: today - 1 }), today);
}

/** Writes the sample ledger as `台账 Ledger` unless that sheet exists; false when it exists (nothing written). */
export function insertSampleStore(ss: Spreadsheet, today: Day): { inserted: boolean; loans: number } {
  if (ss.getSheetByName(LEDGER_SHEET)) return { inserted: false, loans: 0 };
  const rows = sampleRows(today);
  const width = rows[0].length;
  const sheet = ss.insertSheet(LEDGER_SHEET);
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  if (maxRows < rows.length) sheet.insertRowsAfter(maxRows, rows.length - maxRows);
  if (maxCols < width) sheet.insertColumnsAfter(maxCols, width - maxCols);
  sheet.getRange(1, 1, rows.length, width).setValues(rows.map((r) => r.map(sampleCell)));
  sheet.setFrozenRows(1);
  return { inserted: true, loans: rows.length - 1 };
}
