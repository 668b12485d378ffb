/** Saving a MemoryBook as .xlsx: the workbook built with ExcelJS, Daihou's charts added, zipped, written to a temporary file and renamed over the book. */
import { open, rename, rm } from "node:fs/promises";
import type { CellValue, ConditionalFormattingRule, Style, Workbook, Worksheet } from "exceljs";
import type { MemoryBook } from "../../app/memoryBook";
import { NUMBER_FORMAT_PATTERNS, RULE_MARK } from "../../app/port";
import type { Cell } from "../../domain/cells";
import { loadExcel } from "../excel";
import { joinExcelXmlInChunks } from "../excelXml";
import { applyPrintLayout, printLayoutOf } from "../printLayout";
import { type XlsxParts, addCharts } from "../xlsxCharts";
import { readZip, writeZip } from "../zip";
import { argbOf, columnLetter, parseAddress, sheetRef } from "./addresses";
import { DROPDOWN_ERROR, DROPDOWN_MARK, INLINE_LIST_MAX, LISTS_SHEET, LocalBook, extras } from "./localBook";

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
    if (sheet.options.landscape)
      ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
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
