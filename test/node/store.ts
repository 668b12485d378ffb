/** A small generated store's ledger written as files, and reading a book's sheets back with ExcelJS. */
import { writeFileSync } from "node:fs";
import { Workbook } from "exceljs";
import Papa from "papaparse";
import type { Cell } from "../../src/domain/cells";
import { cellOf } from "../../src/node/tableFile";

/** Writes ledger values as a UTF-8 CSV with a BOM and CRLF line ends, as a spreadsheet exports it. */
export function writeCsv(path: string, values: readonly Cell[][]): void {
  const text = Papa.unparse(
    values.map((r) => r.map((c) => (c === null || c === undefined ? "" : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)))),
    { newline: "\r\n" },
  );
  writeFileSync(path, `\uFEFF${text}\r\n`);
}

/** Every sheet's values as ExcelJS reads them from the file (not through Daihou's loader). */
export async function sheetsOf(path: string): Promise<Map<string, Cell[][]>> {
  const wb = new Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, Cell[][]>();
  for (const ws of wb.worksheets) {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cellOf(cell.value);
      });
      rows[r - 1] = Array.from(cells, (c) => c ?? null);
    });
    out.set(
      ws.name,
      Array.from(rows, (r) => r ?? []),
    );
  }
  return out;
}
