/**
 * A work list's print settings in the .xlsx (ExcelJS): landscape, one page
 * wide and as many pages tall as it takes, the header rows repeated on every
 * page, a page break before each owner's rows, long text wrapped at the top of
 * its cell. LibreOffice and Excel both print from these.
 */
import type { Style, Worksheet } from "exceljs";
import { dateOfCallSheet } from "../app/names";
import { callSheetPrint } from "../app/callSheet";
import type { PrintLayout, WriteOptions } from "../app/port";
import type { Cell } from "../domain/cells";
import { displayWidth } from "./text";

const WRAP: Partial<Style> = Object.freeze({ alignment: Object.freeze({ wrapText: true, vertical: "top" }) }) as Partial<Style>;

/** The print layout of a sheet: its own, else a call sheet's (sheets kept from an earlier run print the same). */
export function printLayoutOf(name: string, values: readonly (readonly Cell[])[], options: WriteOptions): PrintLayout | undefined {
  return options.print ?? (dateOfCallSheet(name) !== null ? callSheetPrint(values) : undefined);
}

/** Sets the page setup, print titles, row breaks and wrapped columns of `ws` (its values already written). */
export function applyPrintLayout(ws: Worksheet, layout: PrintLayout, rowCount: number): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: "landscape",
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(layout.titleRows > 0 ? { printTitlesRow: `1:${layout.titleRows}` } : {}),
  };
  for (const row of layout.breaksBefore) if (row > 1) ws.getRow(row - 1).addPageBreak();
  const lines = new Array<number>(rowCount + 1).fill(1);
  for (const column of layout.wrapColumns) {
    const width = Math.max(4, (ws.getColumn(column).width ?? 10) - 1);
    for (let r = 1; r <= rowCount; r++) {
      const cell = ws.getCell(r, column);
      // Wrapped text with the cell's own number format kept (the shared styles are frozen: a new object).
      cell.style = cell.style?.numFmt ? { ...WRAP, numFmt: cell.style.numFmt } : WRAP;
      const text = cell.value === null || cell.value === undefined ? "" : String(cell.value);
      lines[r] = Math.max(lines[r], Math.ceil(displayWidth(text) / width));
    }
  }
  // Every other cell of a data row at the top, beside the wrapped text.
  const wrapped = new Set(layout.wrapColumns);
  const top = new Map<string, Partial<Style>>();
  const topOf = (numFmt: string | undefined) => {
    const key = numFmt ?? "";
    let style = top.get(key);
    if (!style) {
      style = Object.freeze({ alignment: Object.freeze({ vertical: "top" }), ...(numFmt ? { numFmt } : {}) }) as Partial<Style>;
      top.set(key, style);
    }
    return style;
  };
  for (let r = 2; r <= rowCount; r++) {
    if (lines[r] <= 1) continue;
    ws.getRow(r).eachCell((cell, column) => {
      if (!wrapped.has(column)) cell.style = topOf(cell.style?.numFmt);
    });
  }
  // Row heights for the wrapped lines: spreadsheets do not all size rows to wrapped text when they open a file.
  for (let r = 2; r <= rowCount; r++) if (lines[r] > 1) ws.getRow(r).height = LINE_HEIGHT * lines[r] + 2;
}

/** Points per line of wrapped text (11-point type). */
const LINE_HEIGHT = 15;
