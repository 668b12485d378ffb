/** Loading an .xlsx book into a LocalBook: cell values (sheetXml.ts), Daihou's own formatting back, the store's kept aside. */
import type { CellValue, ConditionalFormattingRule, DataValidation, Workbook, Worksheet } from "exceljs";
import {
  type Dropdown,
  NUMBER_FORMAT_PATTERNS,
  type NumberFormat,
  type NumberFormatName,
  type RowColourRule,
  type WriteOptions,
} from "../../app/port";
import type { Cell } from "../../domain/cells";
import { loadExcel, loadExcelNumberFormats } from "../excel";
import { type SheetData, type WorkbookText, cellFormats, readSheetData, sharedStrings, withoutSheetData } from "../sheetXml";
import { FileUnusableError, cellOf, readInputFile } from "../tableFile";
import { type XlsxParts, readCharts, sheetParts } from "../xlsxCharts";
import { readZip, writeZip } from "../zip";
import { columnNumber, hexOf, parseAddress, parseRange } from "./addresses";
import { DAIHOU_RULE_RE, DROPDOWN_MARK, type ForeignFormats, LocalBook, RULE_MARK_RE, extras } from "./localBook";

/**
 * Reads an .xlsx book. Throws `FileUnusableError` when the file cannot be used.
 *
 * The zip is opened with Node's zlib (ExcelJS would inflate it in JavaScript),
 * the sheets' cell values are read by sheetXml.ts, and ExcelJS reads the rest
 * from the parts handed to it stored, each sheet with its `<sheetData>` emptied.
 * A zip this cannot open goes to ExcelJS as it is (which reads it or says why
 * not); its charts are dropped then.
 */
export async function loadBook(path: string): Promise<LocalBook> {
  const bytes = await readInputFile(path);
  if (bytes.length === 0) throw new FileUnusableError(path, "empty");
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw new FileUnusableError(path, "corrupt", { kind: ".xlsx", detail: "not a zip archive" });
  let parts: XlsxParts | null;
  try {
    parts = new Map(readZip(bytes).map((e) => [e.name, e.data]));
  } catch {
    parts = null;
  }
  const { Workbook: WorkbookClass } = await loadExcel();
  const wb: Workbook = new WorkbookClass();
  let cells = new Map<string, SheetData>();
  try {
    let input: Buffer = bytes;
    if (parts) {
      const forExcelJs = new Map(parts);
      cells = readSheetCells(forExcelJs, await loadExcelNumberFormats());
      input = writeZip(
        [...forExcelJs].map(([name, data]) => ({ name, data })),
        0,
      );
    }
    await wb.xlsx.load(input as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw new FileUnusableError(path, "corrupt", { kind: ".xlsx", detail: e instanceof Error ? e.message.split("\n")[0] : String(e) });
  }
  const book = bookOf(wb, cells);
  try {
    for (const [name, charts] of readCharts(parts ?? new Map())) {
      const sheet = book.sheets.get(name);
      if (sheet) sheet.charts = charts;
    }
  } catch {
    // Charts that cannot be read are dropped, like the rest of the formatting Daihou does not own.
  }
  return book;
}

/**
 * The cell values of each sheet sheetXml.ts can read, by sheet name; in
 * `parts`, those sheets are left with an empty `<sheetData>` for ExcelJS.
 * Sheets it cannot read stay whole (ExcelJS reads them).
 */
function readSheetCells(parts: XlsxParts, builtInFormats: Record<number, { f?: string }>): Map<string, SheetData> {
  const out = new Map<string, SheetData>();
  const text = (path: string) => {
    const data = parts.get(path);
    return data === undefined || typeof data === "string" ? data : data.toString("utf8");
  };
  const workbook = text("xl/workbook.xml") ?? "";
  const book: WorkbookText = {
    // The part names ExcelJS reads its strings and styles from.
    sharedStrings: sharedStrings(text("xl/sharedStrings.xml") ?? ""),
    cellFormats: cellFormats(text("xl/styles.xml") ?? "", builtInFormats),
    date1904: /<workbookPr\b[^>]*\sdate1904\s*=\s*["'](1|true)["']/.test(workbook),
  };
  const wanted = new Set(FORMAT_NAMES.keys());
  for (const [name, path] of sheetParts(parts)) {
    // ExcelJS reads only worksheets under this name; a sheet elsewhere is left to it.
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue;
    const xml = text(path);
    if (xml === undefined) continue;
    const data = readSheetData(xml, book, wanted);
    const rest = data ? withoutSheetData(xml) : null;
    if (!data || rest === null) continue;
    out.set(name, data);
    parts.set(path, rest);
  }
  return out;
}

/** The MemoryBook of a loaded workbook; `cells` holds the values of the sheets read without ExcelJS, by name. */
export function bookOf(wb: Workbook, cells: ReadonlyMap<string, SheetData> = new Map()): LocalBook {
  const sheets = wb.worksheets;
  const contents = new Map(sheets.map((ws) => [ws.name, sheetContents(ws, cells.get(ws.name))]));
  // The lists sheet is the one Daihou's dropdowns refer to; it is re-made on save.
  const listSheets = new Set<string>();
  for (const ws of sheets) {
    for (const v of Object.values(extras(ws).dataValidations?.model ?? {})) {
      const ref = v && isDaihouValidation(v) ? listReference(String(v.formulae[0] ?? "")) : null;
      if (ref) listSheets.add(ref.sheet);
    }
  }
  const listValues = (sheet: string, col: number, top: number, bottom: number): string[] | null => {
    const values = contents.get(sheet)?.values;
    if (!values) return null;
    const out: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const v = values[r - 1]?.[col - 1] ?? null;
      out.push(v === null ? "" : typeof v === "object" && !(v instanceof Date) ? v.error : String(v));
    }
    return out;
  };

  const book = new LocalBook();
  for (const ws of sheets) {
    if (listSheets.has(ws.name) && ws.state !== "visible") continue;
    const { values, numberFormats } = contents.get(ws.name) as { values: Cell[][]; numberFormats: NumberFormat[] };
    const options = sheetOptions(ws);
    if (numberFormats.length > 0) options.numberFormats = numberFormats;
    const sheet = book.put(ws.name, values, options);
    const foreign: ForeignFormats = { conditionalFormattings: [], validations: {} };

    for (const cf of extras(ws).conditionalFormattings ?? []) {
      const theirs: ConditionalFormattingRule[] = [];
      for (const rule of cf.rules) {
        if (!isDaihouRule(rule)) {
          theirs.push(rule);
          continue;
        }
        const colour = daihouRuleOf(rule, cf.ref);
        if (colour) sheet.rowColours.push(colour);
      }
      if (theirs.length > 0) foreign.conditionalFormattings.push({ ref: cf.ref, rules: theirs });
    }

    const groups = new Map<string, Dropdown>();
    for (const [address, v] of Object.entries(extras(ws).dataValidations?.model ?? {})) {
      if (!v) continue;
      if (!isDaihouValidation(v)) {
        foreign.validations[address] = v;
        continue;
      }
      const at = parseAddress(address);
      const formula = String(v.formulae[0] ?? "");
      const values = at ? listOfFormula(formula, listValues) : null;
      if (!at || !values) continue;
      const key = `${at.col}\u0000${formula}`;
      const d = groups.get(key);
      if (d) d.lastRow = Math.max(d.lastRow, at.row);
      else groups.set(key, { column: at.col, lastRow: at.row, values });
    }
    sheet.dropdowns = [...groups.values()].sort((a, b) => a.column - b.column);
    if (foreign.conditionalFormattings.length > 0 || Object.keys(foreign.validations).length > 0) book.foreign.set(ws.name, foreign);
  }
  return book;
}

export const FORMAT_NAMES = new Map(Object.entries(NUMBER_FORMAT_PATTERNS).map(([name, pattern]) => [pattern, name as NumberFormatName]));

/**
 * Every value of a sheet as a rectangle, header row first, up to the last row
 * and column holding a value; and the cells holding a value in one of Daihou's
 * number formats, as blocks. From `data` when sheetXml.ts read the sheet, else
 * from ExcelJS's cells.
 */
function sheetContents(ws: Worksheet, data: SheetData | undefined): { values: Cell[][]; numberFormats: NumberFormat[] } {
  return contentsOf(data ?? excelJsCells(ws));
}

/** A sheet's values as a rectangle and its cells in Daihou's number formats as blocks (see `sheetContents`). */
export function contentsOf(data: SheetData): { values: Cell[][]; numberFormats: NumberFormat[] } {
  const { rows: sparse, formatted } = data;
  let height = 0;
  let width = 0;
  sparse.forEach((cells, r) => {
    let last = cells.length - 1;
    while (last >= 0 && (cells[last] === undefined || cells[last] === null || cells[last] === "")) last--;
    if (last >= 0) {
      height = r + 1;
      width = Math.max(width, last + 1);
    }
  });
  const rows: Cell[][] = [];
  for (let r = 0; r < height; r++) {
    const src = sparse[r] ?? [];
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = src[c] ?? null;
    rows.push(row);
  }
  return {
    values: rows,
    numberFormats: formatBlocks(
      formatted.map((f) => ({ row: f.row, column: f.column, format: FORMAT_NAMES.get(f.numFmt) as NumberFormatName })),
    ),
  };
}

/** A sheet's values as ExcelJS read them (when sheetXml.ts did not). */
function excelJsCells(ws: Worksheet): SheetData {
  const rows: Cell[][] = [];
  const formatted: SheetData["formatted"] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.master !== cell) return; // inside a merge: the value belongs to its first cell
      const v = cellOf(cell.value as CellValue);
      if (v === null || v === undefined || v === "") return;
      cells[c - 1] = v;
      if (typeof v === "number" && FORMAT_NAMES.has(cell.numFmt)) formatted.push({ row: r, column: c, numFmt: cell.numFmt });
    });
    if (cells.length > 0) rows[r - 1] = cells;
  });
  return { rows, formatted };
}

/** Formatted cells as blocks: runs down each column, then runs of columns with the same rows side by side. */
function formatBlocks(cells: { row: number; column: number; format: NumberFormatName }[]): NumberFormat[] {
  const byColumn = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: Required<NumberFormat>[] = [];
  for (const c of byColumn) {
    const last = runs[runs.length - 1];
    if (last && last.column === c.column && last.format === c.format && last.row + last.rows === c.row) last.rows++;
    else runs.push({ row: c.row, column: c.column, rows: 1, columns: 1, format: c.format });
  }
  const blocks: Required<NumberFormat>[] = [];
  for (const run of runs.sort((a, b) => a.row - b.row || a.rows - b.rows || a.column - b.column)) {
    const last = blocks[blocks.length - 1];
    if (last && last.row === run.row && last.rows === run.rows && last.format === run.format && last.column + last.columns === run.column)
      last.columns++;
    else blocks.push({ ...run });
  }
  return blocks;
}

/** The sheet's frozen header and column widths. */
function sheetOptions(ws: Worksheet): WriteOptions {
  const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
  const options: WriteOptions = { freezeHeader: view?.state === "frozen" && (view.ySplit ?? 0) >= 1 };
  const page = ws.pageSetup;
  if (page?.orientation === "landscape" && page.fitToPage && page.fitToWidth === 1) options.landscape = true;
  // The columns the file defines (its <cols>): a width is only ever on one of them. (ws.columnCount would walk every row.)
  const widths = (ws.columns ?? []).map((column) => column.width ?? 0);
  while (widths.length > 0 && widths[widths.length - 1] === 0) widths.pop();
  if (widths.some((w) => w > 0)) options.widths = widths;
  return options;
}

function isDaihouRule(rule: ConditionalFormattingRule): boolean {
  const formulae = (rule as { formulae?: unknown[] }).formulae ?? [];
  return rule.type === "expression" && formulae.some((f) => RULE_MARK_RE.test(String(f)));
}

/** A Daihou row-colour rule back from the file; null when it cannot be read (it is dropped then). */
function daihouRuleOf(rule: ConditionalFormattingRule, ref: string): RowColourRule | null {
  const m = DAIHOU_RULE_RE.exec(String((rule as { formulae?: unknown[] }).formulae?.[0] ?? "").trim());
  const range = parseRange(ref.split(/\s+/)[0] ?? "");
  if (!m || !range) return null;
  const fill = rule.style?.fill as { bgColor?: { argb?: string }; fgColor?: { argb?: string } } | undefined;
  const argb = fill?.bgColor?.argb ?? fill?.fgColor?.argb;
  if (!argb) return null;
  return {
    keyColumn: columnNumber(m[1]),
    equals: m[2].replace(/""/g, '"'),
    colour: hexOf(argb),
    lastRow: range.bottom,
    lastColumn: range.right,
  };
}

function isDaihouValidation(v: DataValidation): boolean {
  return v.type === "list" && v.errorTitle === DROPDOWN_MARK && Array.isArray(v.formulae) && v.formulae.length > 0;
}

/** `Lists!$A$1:$A$11` → the sheet and the cells; null for anything else. */
function listReference(formula: string): { sheet: string; col: number; top: number; bottom: number } | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(formula.trim());
  if (!m) return null;
  const col = columnNumber(m[3]);
  if (m[5] && columnNumber(m[5]) !== col) return null;
  const top = Number(m[4]);
  const bottom = m[6] ? Number(m[6]) : top;
  return { sheet: m[1] ? m[1].replace(/''/g, "'") : m[2], col, top: Math.min(top, bottom), bottom: Math.max(top, bottom) };
}

/** The values of a list validation's formula: inline `"a,b,c"` or a reference into the lists sheet. */
export function listOfFormula(
  formula: string,
  lookup: (sheet: string, col: number, top: number, bottom: number) => string[] | null,
): string[] | null {
  const f = formula.trim();
  const inline = /^"(.*)"$/s.exec(f);
  if (inline) return inline[1].replace(/""/g, '"').split(",");
  const ref = listReference(f);
  return ref ? lookup(ref.sheet, ref.col, ref.top, ref.bottom) : null;
}
