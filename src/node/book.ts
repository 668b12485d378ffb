/**
 * The local book: an .xlsx file with the same sheets the add-in makes, loaded
 * into a MemoryBook, worked on by the use cases, and saved back whole.
 *
 * Loading keeps every sheet's values (dates as dates, formulas as their cached
 * result, rich text as text) and the formatting Daihou needs to write the book
 * again: its own row-colour rules and dropdowns (recognised by a marker) and,
 * untouched, the store's own conditional formats and data validations; also
 * Daihou's number formats (percent, money), its landscape print set-up and its
 * charts (see xlsxCharts.ts). Other
 * formatting is dropped; saving re-creates Daihou's own. Saving writes a
 * temporary file and renames it over the book, so a crash never leaves a
 * half-written book. For speed on big books the zip is Node's zlib (zip.ts) and
 * cell values are read by sheetXml.ts (docs/DECISIONS.md, "The local book's file I/O").
 */
import { open, readFile, rename, rm, stat } from "node:fs/promises";
import type { CellValue, ConditionalFormattingOptions, ConditionalFormattingRule, DataValidation, Style, Workbook, Worksheet } from "exceljs";
import { type Dropdown, NUMBER_FORMAT_PATTERNS, type NumberFormat, type NumberFormatName, type RowColourRule, type WriteOptions } from "../app/port";
import { MemoryBook } from "../app/memoryBook";
import type { Cell } from "../domain/cells";
import { loadExcel, loadExcelNumberFormats } from "./excel";
import { applyPrintLayout, printLayoutOf } from "./printLayout";
import { type SheetData, type WorkbookText, cellFormats, readSheetData, sharedStrings, withoutSheetData } from "./sheetXml";
import { FileUnusableError, cellOf, readInputFile } from "./tableFile";
import { type XlsxParts, addCharts, readCharts, sheetParts } from "./xlsxCharts";
import { joinExcelXmlInChunks } from "./excelXml";
import { readZip, writeZip } from "./zip";

/**
 * Marks Daihou's own conditional-format rules (the same formula shape as the
 * Sheets adapter writes), so a re-run replaces them and leaves the store's alone.
 */
export const RULE_MARK = 'N("Daihou")=0';
const RULE_MARK_RE = /N\(\s*"Daihou"\s*\)\s*=\s*0/i;
const DAIHOU_RULE_RE = /^=?AND\(\$([A-Z]{1,3})2\s*=\s*"((?:[^"]|"")*)"\s*,\s*N\(\s*"Daihou"\s*\)\s*=\s*0\s*\)$/i;

/** Marks Daihou's dropdowns: the title of the message shown when a value is not in the list. */
export const DROPDOWN_MARK = "Daihou";
const DROPDOWN_ERROR = "请从下拉列表中选择。Choose a value from the list.";

/** The hidden sheet holding dropdown lists too long (or too awkward) to write inline. */
export const LISTS_SHEET = "Lists";
/** Excel's limit on an inline list's formula, quotes included. */
const INLINE_LIST_MAX = 255;

/** The store's own formatting on a sheet, kept as loaded and written back on save. */
export interface ForeignFormats {
  conditionalFormattings: ConditionalFormattingOptions[];
  /** Data validations by cell address. */
  validations: Record<string, DataValidation>;
}

/** A MemoryBook loaded from a file: it also carries the store's own formatting, by sheet. */
export class LocalBook extends MemoryBook {
  readonly foreign = new Map<string, ForeignFormats>();

  override deleteSheet(sheet: string): void {
    super.deleteSheet(sheet);
    this.foreign.delete(sheet);
  }
}

/** What ExcelJS has on a worksheet that its typings leave out. */
interface SheetExtras {
  conditionalFormattings?: ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, DataValidation | undefined> };
}
const extras = (ws: Worksheet): SheetExtras => ws as unknown as SheetExtras;

// ---------------------------------------------------------------- addresses

/** A column number as letters (1 → A, 28 → AB). */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Letters as a column number (A → 1, AB → 28). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseAddress(text: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(text.trim());
  return m ? { col: columnNumber(m[1]), row: Number(m[2]) } : null;
}

/** `A2:F40` → its corners; a single cell is its own range. */
function parseRange(text: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b = a] = text.trim().split(":");
  const p = parseAddress(a);
  const q = parseAddress(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** A sheet name as a formula must write it. */
function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `#FFF59D` → `FFFFF59D` (ARGB); `FFFFF59D` → `#FFF59D`. */
function argbOf(colour: string): string {
  let hex = colour.replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{3}$/.test(hex)) hex = [...hex].map((h) => h + h).join("");
  return /^[0-9A-F]{6}$/.test(hex) ? `FF${hex}` : /^[0-9A-F]{8}$/.test(hex) ? hex : "FFFFFF00";
}
function hexOf(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}

// ---------------------------------------------------------------- load

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

const FORMAT_NAMES = new Map(Object.entries(NUMBER_FORMAT_PATTERNS).map(([name, pattern]) => [pattern, name as NumberFormatName]));

/**
 * Every value of a sheet as a rectangle, header row first, up to the last row
 * and column holding a value; and the cells holding a value in one of Daihou's
 * number formats, as blocks. From `data` when sheetXml.ts read the sheet, else
 * from ExcelJS's cells.
 */
function sheetContents(ws: Worksheet, data: SheetData | undefined): { values: Cell[][]; numberFormats: NumberFormat[] } {
  const { rows: sparse, formatted } = data ?? excelJsCells(ws);
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
    numberFormats: formatBlocks(formatted.map((f) => ({ row: f.row, column: f.column, format: FORMAT_NAMES.get(f.numFmt) as NumberFormatName }))),
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
    if (last && last.row === run.row && last.rows === run.rows && last.format === run.format && last.column + last.columns === run.column) last.columns++;
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
function listOfFormula(
  formula: string,
  lookup: (sheet: string, col: number, top: number, bottom: number) => string[] | null,
): string[] | null {
  const f = formula.trim();
  const inline = /^"(.*)"$/s.exec(f);
  if (inline) return inline[1].replace(/""/g, '"').split(",");
  const ref = listReference(f);
  return ref ? lookup(ref.sheet, ref.col, ref.top, ref.bottom) : null;
}

// ---------------------------------------------------------------- save

const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
/** Text that a spreadsheet would turn into a formula, number, date or boolean when retyped: kept as text by the Text format. */
const TEXT_AT_RISK = /^\s*[=+\-@]|^[\s\d.,:/%-]+$|^\s*(true|false)\s*$/i;
const DATE_FORMAT = "yyyy-mm-dd";
const TEXT_FORMAT = "@";

/** A cell as ExcelJS writes it, and the number format it needs, if any. */
function excelValue(c: Cell): { value: CellValue; numFmt?: string } | null {
  if (c === null || c === undefined || c === "") return null;
  if (typeof c === "string") return TEXT_AT_RISK.test(c) ? { value: c, numFmt: TEXT_FORMAT } : { value: c };
  if (typeof c === "number") return Number.isFinite(c) ? { value: c } : { value: String(c), numFmt: TEXT_FORMAT };
  if (typeof c === "boolean") return { value: c };
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return null;
    // Before 1900 a spreadsheet has no date: the day as text.
    return c.getUTCFullYear() < 1900 ? { value: c.toISOString().slice(0, 10), numFmt: TEXT_FORMAT } : { value: c, numFmt: DATE_FORMAT };
  }
  const text = String(c.error);
  return EXCEL_ERRORS.has(text.toUpperCase())
    ? { value: { error: text.toUpperCase() } as CellValue }
    : { value: text, numFmt: TEXT_FORMAT };
}

/** The lists written to the hidden sheet, one column each. */
class ListColumns {
  readonly columns: string[][] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly sheet: string) {}

  /** The absolute reference of this list, adding it when new. */
  ref(values: readonly string[]): string {
    const key = values.join("\u0000");
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.columns.push(values.slice()) - 1;
      this.index.set(key, i);
    }
    const col = columnLetter(i + 1);
    return `${sheetRef(this.sheet)}!$${col}$1:$${col}$${Math.max(1, values.length)}`;
  }
}

/** The list validation formula: inline when it fits, else a reference into the lists sheet. */
function listFormula(values: readonly string[], lists: ListColumns): string {
  const inline = `"${values.join(",")}"`;
  const safe = values.every((v) => !v.includes(",") && !v.includes('"'));
  return safe && inline.length <= INLINE_LIST_MAX ? inline : lists.ref(values);
}

/** Builds the workbook of a MemoryBook (all sheets, in the book's order). */
export async function workbookOf(book: MemoryBook): Promise<Workbook> {
  const { Workbook: WorkbookClass } = await loadExcel();
  const wb: Workbook = new WorkbookClass();
  wb.creator = "Daihou";
  wb.created = new Date();
  wb.modified = wb.created;
  if (book.sheets.size === 0) throw new Error("the book has no sheets");
  let listsName = LISTS_SHEET;
  for (let i = 2; book.sheets.has(listsName); i++) listsName = `${LISTS_SHEET} (Daihou ${i})`;
  const lists = new ListColumns(listsName);
  const styles = new SharedStyles();

  for (const sheet of book.sheets.values()) {
    const ws = wb.addWorksheet(sheet.name);
    writeValues(ws, sheet.values, styles);
    if (sheet.options.freezeHeader !== false) ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }];
    sheet.options.widths?.forEach((w, i) => {
      if (w > 0) ws.getColumn(i + 1).width = w;
    });
    for (const f of sheet.options.numberFormats ?? []) {
      for (let r = f.row; r < f.row + (f.rows ?? 1); r++) {
        for (let c = f.column; c < f.column + (f.columns ?? 1); c++) ws.getCell(r, c).style = styles.of(NUMBER_FORMAT_PATTERNS[f.format]);
      }
    }
    if (sheet.options.landscape) ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    const print = printLayoutOf(sheet.name, sheet.values, sheet.options);
    if (print) applyPrintLayout(ws, print, sheet.values.length);
    const foreign = book instanceof LocalBook ? book.foreign.get(sheet.name) : undefined;

    // The store's conditional formats first (they keep their priority), then Daihou's row colours.
    let priority = 0;
    for (const cf of foreign?.conditionalFormattings ?? []) {
      const copy = structuredClone(cf);
      for (const rule of copy.rules) priority = Math.max(priority, rule.priority ?? 0);
      ws.addConditionalFormatting(copy);
    }
    const byRange = new Map<string, ConditionalFormattingRule[]>();
    for (const rule of sheet.rowColours) {
      const ref = `A2:${columnLetter(Math.max(1, rule.lastColumn))}${Math.max(2, rule.lastRow)}`;
      const argb = argbOf(rule.colour);
      const rules = byRange.get(ref) ?? [];
      rules.push({
        type: "expression",
        priority: ++priority,
        formulae: [`AND($${columnLetter(rule.keyColumn)}2="${rule.equals.replace(/"/g, '""')}",${RULE_MARK})`],
        style: { fill: { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } } },
      });
      byRange.set(ref, rules);
    }
    for (const [ref, rules] of byRange) ws.addConditionalFormatting({ ref, rules });

    // Daihou's dropdowns, then the store's validations on the cells they leave free.
    const model = extras(ws).dataValidations.model;
    const covered = (col: number, row: number) =>
      sheet.dropdowns.some((d) => d.column === col && row >= 2 && row <= Math.max(2, d.lastRow));
    for (const d of sheet.dropdowns) {
      const col = columnLetter(d.column);
      model[`${col}2:${col}${Math.max(2, d.lastRow)}`] = {
        type: "list",
        allowBlank: true,
        formulae: [listFormula(d.values, lists)],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: DROPDOWN_MARK,
        error: DROPDOWN_ERROR,
      };
    }
    for (const [address, v] of Object.entries(foreign?.validations ?? {})) {
      const at = parseAddress(address);
      if (at && covered(at.col, at.row)) continue;
      model[address] = structuredClone(v);
    }
  }

  if (lists.columns.length > 0) {
    const ws = wb.addWorksheet(listsName, { state: "hidden" });
    lists.columns.forEach((values, i) => {
      values.forEach((v, r) => {
        const cell = ws.getCell(r + 1, i + 1);
        cell.value = v;
        cell.style = styles.of(TEXT_FORMAT);
      });
    });
  }
  return wb;
}

/**
 * One style object per number format, shared by every cell that has it: ExcelJS
 * recognises a style object it has seen (by identity) instead of serialising it
 * again for each cell. Never changed once made.
 */
class SharedStyles {
  private readonly byFormat = new Map<string, Partial<Style>>();
  readonly none: Partial<Style> = Object.freeze({}) as Partial<Style>;

  of(numFmt: string | undefined): Partial<Style> {
    if (numFmt === undefined) return this.none;
    let style = this.byFormat.get(numFmt);
    if (!style) {
      style = Object.freeze({ numFmt }) as Partial<Style>;
      this.byFormat.set(numFmt, style);
    }
    return style;
  }
}

function writeValues(ws: Worksheet, values: readonly (readonly Cell[])[], styles: SharedStyles): void {
  values.forEach((cells, r) => {
    let row: ReturnType<Worksheet["getRow"]> | undefined;
    cells.forEach((c, j) => {
      const v = excelValue(c);
      if (!v) return;
      if (!row) {
        row = ws.getRow(r + 1);
        (row as unknown as { style: Partial<Style> }).style = styles.none;
      }
      const cell = row.getCell(j + 1);
      cell.value = v.value;
      cell.style = styles.of(v.numFmt);
    });
  });
}

/** Zip compression of a saved book: Node's zlib at its fastest level (about a fifth larger than level 6, several times faster). */
const BOOK_ZIP_LEVEL = 1;

/** The parts ExcelJS writes for a workbook, by path, without zipping them. */
async function workbookParts(wb: Workbook): Promise<XlsxParts> {
  const parts: XlsxParts = new Map();
  const xlsx = wb.xlsx as unknown as ExcelJsWriter;
  if (!WRITE_STEPS.every((step) => typeof xlsx[step] === "function") || typeof xlsx.prepareModel !== "function") {
    // Not the ExcelJS this was written for: its own zip, stored, then read back.
    const stored = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as Parameters<typeof wb.xlsx.writeBuffer>[0]));
    for (const e of readZip(stored)) parts.set(e.name, e.data);
    return parts;
  }
  // ExcelJS's own `write`, step by step, collecting the parts instead of handing them to JSZip.
  await joinExcelXmlInChunks();
  const zip = {
    append(data: string | Buffer, options: { name: string; base64?: boolean }) {
      parts.set(options.name, options.base64 ? Buffer.from(String(data), "base64") : data);
    },
  };
  const model = (wb as unknown as { model: unknown }).model;
  xlsx.prepareModel(model, {});
  for (const step of WRITE_STEPS) await xlsx[step](zip, model);
  return parts;
}

/** The steps of ExcelJS 4's `XLSX.write` after `prepareModel`, in its order. */
const WRITE_STEPS = [
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addWorksheets",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;
type ExcelJsWriter = { prepareModel(model: unknown, options: object): void } & Record<
  (typeof WRITE_STEPS)[number],
  (zip: { append(data: string | Buffer, options: { name: string; base64?: boolean }): void }, model: unknown) => Promise<void>
>;

/** The book as .xlsx bytes: ExcelJS's parts, Daihou's charts added, zipped with Node's zlib. */
export async function bookBytes(book: MemoryBook): Promise<Buffer> {
  const parts = await workbookParts(await workbookOf(book));
  const withCharts = [...book.sheets.values()].filter((s) => s.charts.length > 0);
  if (withCharts.length > 0)
    addCharts(
      parts,
      withCharts.map((s) => ({ name: s.name, charts: s.charts, values: s.values, widths: s.options.widths })),
    );
  return writeZip(
    [...parts].map(([name, data]) => ({ name, data })),
    BOOK_ZIP_LEVEL,
  );
}

/** Writes the book to `path`: first to `path.tmp`, flushed to disk, then renamed over the old book. */
export async function saveBook(book: MemoryBook, path: string): Promise<void> {
  const buffer = await bookBytes(book);
  const tmp = `${path}.tmp`;
  try {
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(buffer);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------- lock

/** A lock file with no pid older than this is taken to be left by a crash. */
const STALE_EMPTY_LOCK_MS = 10_000;

/**
 * Runs `fn` holding the book's lock file (`path.lock`, holding the process id),
 * so two daily jobs never work on one book at once. A lock left by a process
 * that no longer runs is taken over.
 */
export async function withBookLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lock, "wx");
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (attempt > 0) throw new FileUnusableError(path, "locked", { lock });
      const pid = Number((await readFile(lock, "utf8").catch(() => "")).trim());
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) throw new FileUnusableError(path, "locked", { lock });
      // No pid yet: another run may have just created the lock and not written its pid. Only an
      // old pid-less lock is stale.
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? 0);
      if (!(Number.isInteger(pid) && pid > 0) && age < STALE_EMPTY_LOCK_MS) throw new FileUnusableError(path, "locked", { lock });
      await rm(lock, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
