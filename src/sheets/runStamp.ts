/**
 * The run stamp the figure formulas depend on (SPEC §7). Sheets recalculates a
 * custom function only when one of its arguments changes, so each finished run
 * of today's work writes its date and a new stamp into two named ranges on a
 * small sheet of Daihou's own:
 *
 * - `Daihou_AsOf` — the run's date (a date cell), the as-of date for DPD,
 *   BUCKET's inputs and REMINDER_CLASS;
 * - `Daihou_Run` — a text that changes with every run; the history functions
 *   take it as their last argument (`=M1_RATIO("2026-10", "$", Daihou_Run)`).
 *
 * The sheet is made on the first run with a few live figures that pass
 * Daihou_Run (the formulas Daihou inserts); later runs write only the two cells.
 */
import type { Day } from "../domain/days";
import { isoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { ui } from "../domain/messages/sheets";
import { asSheetValue } from "./sheetsBook";

/** Daihou's own sheet holding the stamp. */
export const RUN_SHEET = "Daihou";
/** The named range of the last run's date. */
export const AS_OF_NAME = "Daihou_AsOf";
/** The named range of the last run's stamp. */
export const RUN_NAME = "Daihou_Run";

/** The live figures on the run sheet: a label and the formula Daihou inserts (every one passes Daihou_Run). */
export const RUN_SHEET_FIGURES: readonly (readonly [string, string])[] = [
  ["M1% ($)", `=M1_RATIO(, "$", ${RUN_NAME})`],
  ["M1% (#)", `=M1_RATIO(, "#", ${RUN_NAME})`],
  ["M2% ($)", `=M2_RATIO(, "$", ${RUN_NAME})`],
  ["M3+% ($)", `=M3PLUS_RATIO(, "$", ${RUN_NAME})`],
  ["C-M1% ($)", `=CM1_RATE(, ${RUN_NAME})`],
];
/** The roll matrix (counts) under the figures. */
export const RUN_SHEET_MATRIX = `=ROLL_MATRIX(, "#", ${RUN_NAME})`;
/** The first row of the figures block. */
export const FIGURES_ROW = 5;

type Spreadsheet = Pick<
  GoogleAppsScript.Spreadsheet.Spreadsheet,
  "getSheetByName" | "insertSheet" | "getSheets" | "getActiveSheet" | "getNamedRanges" | "setNamedRange"
>;

/** The stamp of a run: its local finish time and the spreadsheet's run count (unique even for two runs in one second). */
export function runStamp(localTime: string, seq: number): string {
  return `${localTime} #${seq}`;
}

/** Makes the run sheet: labels, the two cells, the live figures and the roll matrix. */
function makeRunSheet(ss: Spreadsheet, lang: Lang): GoogleAppsScript.Spreadsheet.Sheet {
  const before = ss.getActiveSheet();
  const sheet = ss.insertSheet(RUN_SHEET, ss.getSheets().length);
  const figures = RUN_SHEET_FIGURES.length;
  sheet.getRange(1, 1, 3, 1).setValues([[ui(lang, "stamp.as_of")], [ui(lang, "stamp.run")], [ui(lang, "stamp.note")]]);
  sheet.getRange(1, 2).setNumberFormat("yyyy-mm-dd");
  sheet.getRange(2, 2).setNumberFormat("@");
  sheet.getRange(FIGURES_ROW - 1, 1).setValue(ui(lang, "stamp.figures"));
  sheet.getRange(FIGURES_ROW, 1, figures, 2).setValues(RUN_SHEET_FIGURES.map(([label, formula]) => [label, formula]));
  sheet.getRange(FIGURES_ROW, 2, figures, 1).setNumberFormat("0.00%");
  sheet.getRange(FIGURES_ROW + figures + 1, 1).setFormula(RUN_SHEET_MATRIX);
  // Making a sheet activates it: the user stays where they were.
  before?.activate();
  return sheet;
}

/**
 * Writes the run's date and stamp (making the sheet and the named ranges when
 * missing: the first run, or after someone deleted them). A fixed handful of
 * service calls whatever the ledger's size.
 */
export function writeRunStamp(ss: Spreadsheet, day: Day, stamp: string, lang: Lang): void {
  const sheet = ss.getSheetByName(RUN_SHEET) ?? makeRunSheet(ss, lang);
  const cells = sheet.getRange(1, 2, 2, 1);
  // The ISO date as typed: Sheets makes it a date cell in every locale.
  cells.setValues([[isoDay(day)], [asSheetValue(stamp)]]);
  const named = new Set(ss.getNamedRanges().map((r) => r.getName()));
  if (!named.has(AS_OF_NAME)) ss.setNamedRange(AS_OF_NAME, sheet.getRange(1, 2));
  if (!named.has(RUN_NAME)) ss.setNamedRange(RUN_NAME, sheet.getRange(2, 2));
}
