/**
 * Reading a ledger file (.csv or .xlsx) into a `Table` of cell values (SPEC §3).
 * Files are only ever read: the bytes are loaded with a read-only open and
 * parsed in memory.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { CellValue, Workbook, Worksheet } from "exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { Cell } from "../domain/cells";
import type { Table } from "../domain/ledger";
import { loadExcel } from "./excel";

/** Why a file cannot be used at all; keys the CLI's messages (`file.<reason>`). */
export type FileProblem =
  | "missing"
  | "not_a_file"
  | "unreadable"
  | "unsupported"
  | "old_xls"
  | "corrupt"
  | "not_utf8"
  | "unclosed_quote"
  | "empty"
  | "no_sheet"
  | "locked";

/** A file that cannot be read as a ledger. `file` is the path as given. */
export class FileUnusableError extends Error {
  constructor(
    readonly file: string,
    readonly reason: FileProblem,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${file}: ${describe(reason, params)}`);
    this.name = "FileUnusableError";
  }
}

function describe(reason: FileProblem, params: Record<string, string | number>): string {
  switch (reason) {
    case "missing":
      return "no such file";
    case "not_a_file":
      return "this is a folder, not a file";
    case "unreadable":
      return `the file cannot be opened (${params.detail})`;
    case "unsupported":
      return "not a .csv or .xlsx file";
    case "old_xls":
      return "an old-style .xls workbook; save it as .xlsx";
    case "corrupt":
      return `the file is damaged or is not really a ${params.kind} file (${params.detail})`;
    case "not_utf8":
      return "the file is neither UTF-8 nor GB18030/GBK text";
    case "unclosed_quote":
      return `a quoted cell starting on data row ${params.row} is never closed`;
    case "empty":
      return "the file is empty (there is no header row)";
    case "no_sheet":
      return "the workbook has no worksheet";
    case "locked":
      return `another daihou run is using this book (lock file ${params.lock})`;
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Reads a file's bytes, read-only; a file that cannot be read throws `FileUnusableError` naming it and why. */
export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path, { flag: "r" });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new FileUnusableError(path, "missing");
    if (code === "EISDIR") throw new FileUnusableError(path, "not_a_file");
    throw new FileUnusableError(path, "unreadable", { detail: code ?? String(e) });
  }
}

/** Reads a .csv or .xlsx ledger. Throws `FileUnusableError` when the file cannot be used. */
export async function readTableFile(path: string): Promise<Table> {
  const bytes = await readInputFile(path);
  const ext = extname(path).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm" || (ext !== ".csv" && startsWith(bytes, ZIP_MAGIC))) return readXlsx(path, bytes);
  if (ext === ".xls" || startsWith(bytes, OLE_MAGIC)) throw new FileUnusableError(path, "old_xls");
  if (ext === ".csv" || ext === ".txt") return parseCsv(path, bytes);
  throw new FileUnusableError(path, "unsupported");
}

// ---------------------------------------------------------------- CSV

/**
 * CSV bytes as text (SPEC §3): UTF-8 when they are valid UTF-8 (a leading BOM
 * dropped), else GB18030 — which GBK and GB2312 are subsets of, what Excel on a
 * Chinese Windows saves as "CSV". Bytes that are neither are not text.
 */
export function decodeCsvBytes(path: string, bytes: Uint8Array): string {
  try {
    // ignoreBOM: false → the decoder drops a leading UTF-8 BOM.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8: GB18030, where a byte sequence it does not define decodes to U+FFFD.
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
  if (text.includes("\uFFFD")) throw new FileUnusableError(path, "not_utf8");
  return text;
}

/** Parses CSV bytes (UTF-8 with or without BOM, or GB18030/GBK; RFC 4180 quoting, CRLF or LF); every value stays a string. */
export function parseCsv(path: string, bytes: Uint8Array): Table {
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new FileUnusableError(path, startsWith(bytes, ZIP_MAGIC) ? "corrupt" : "not_utf8", { kind: "CSV", detail: "binary content" });
  }
  const text = decodeCsvBytes(path, bytes);
  if (text.trim() === "") throw new FileUnusableError(path, "empty");
  const result = Papa.parse<string[]>(text, {
    delimiter: ",",
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const unclosed = result.errors.find((e) => e.code === "MissingQuotes");
  if (unclosed) throw new FileUnusableError(path, "unclosed_quote", { row: (unclosed.row ?? 0) + 1 });
  const data = result.data;
  // A final line break leaves one empty record behind.
  const last = data[data.length - 1];
  if (data.length > 1 && last.length === 1 && last[0] === "") data.pop();
  const [header, ...rows] = data;
  return { header: [...header], rows: rows.map((r) => pad(r, header.length)) };
}

function pad(row: Cell[], width: number): Cell[] {
  if (row.length >= width) return row;
  const out = row.slice();
  while (out.length < width) out.push(null);
  return out;
}

// ---------------------------------------------------------------- xlsx

/** Worksheet names that say "this is the ledger". */
const LEDGER_SHEET = /台账|^\s*ledger\s*$|loan\s*ledger/i;

async function readXlsx(path: string, bytes: Buffer): Promise<Table> {
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new FileUnusableError(path, bytes.length === 0 ? "empty" : "corrupt", { kind: ".xlsx", detail: "not a zip archive" });
  }
  const { Workbook: WorkbookClass } = await loadExcel();
  const workbook: Workbook = new WorkbookClass();
  try {
    // ExcelJS's typings predate Buffer's generic parameter; the value is a plain Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    throw new FileUnusableError(path, "corrupt", { kind: ".xlsx", detail: e instanceof Error ? e.message.split("\n")[0] : String(e) });
  }
  const sheet = ledgerSheet(workbook);
  if (!sheet) throw new FileUnusableError(path, "no_sheet");
  return sheetTable(sheet);
}

/** The worksheet named like a ledger (台账, Ledger), else the first one. */
export function ledgerSheet(workbook: Workbook): Worksheet | undefined {
  const sheets = workbook.worksheets;
  return sheets.find((s) => LEDGER_SHEET.test(s.name)) ?? sheets[0];
}

/** Row 1 is the header; the table is as wide as the last non-blank header cell. */
export function sheetTable(sheet: Worksheet): Table {
  const headerRow = sheet.getRow(1);
  let width = 0;
  for (let c = 1; c <= headerRow.cellCount; c++) {
    const v = cellOf(headerRow.getCell(c).value);
    if (v !== null && !(typeof v === "string" && v.trim() === "")) width = c;
  }
  const header: Cell[] = [];
  for (let c = 1; c <= width; c++) header.push(cellOf(headerRow.getCell(c).value));
  const rows: Cell[][] = [];
  const lastRow = sheet.rowCount;
  for (let r = 2; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    const n = Math.max(width, row.cellCount);
    const cells: Cell[] = [];
    for (let c = 1; c <= n; c++) cells.push(cellOf(row.getCell(c).value));
    rows.push(cells);
  }
  return { header, rows };
}

/** Maps an ExcelJS value to a Cell: dates stay Dates, numbers stay numbers, formulas give their cached result. */
export function cellOf(v: CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v !== "object") return String(v);
  if ("error" in v) return { error: String(v.error) };
  if ("richText" in v) return v.richText.map((part) => part.text).join("");
  if ("formula" in v || "sharedFormula" in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) {
      // No cached value (a file written by a program that does not calculate):
      // hand over the formula as text, which the ledger reader reports.
      const formula = (v as { formula?: string }).formula ?? (v as { sharedFormula?: string }).sharedFormula ?? "";
      return `=${formula}`;
    }
    return cellOf(result as CellValue);
  }
  if ("hyperlink" in v) {
    const text = (v as { text?: unknown }).text;
    return text === undefined || text === null ? String(v.hyperlink) : cellOf(text as CellValue);
  }
  if ("text" in v) return String((v as { text: unknown }).text);
  return null;
}
