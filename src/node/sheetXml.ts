/**
 * A fast reader of worksheets' cell values (`<sheetData>`), for loading the
 * local book. ExcelJS builds several objects per cell and parses the XML
 * event by event, which made loading a 100,000-row book take over 20 s; this
 * reads the same values with a few regular expressions over the part's text.
 * ExcelJS still reads everything else of each sheet (column widths, frozen
 * rows, print set-up, conditional formats, data validations, merges): the
 * sheet is handed to it with its `<sheetData>` emptied.
 *
 * The values are ExcelJS's, cell for cell, as `cellOf` maps them (test/node/
 * sheetXml.test.ts compares the two on the same files): shared and inline
 * strings (rich text as its text, phonetic runs left out), numbers, numbers in
 * a date format as Dates (ExcelJS's test of a date format, its table of
 * built-in formats, 1904 dates), booleans, errors, formulas as their cached
 * result (or `=formula` when there is none), the cells covered by a merge
 * other than its first left out. A sheet this does not recognise (a prefixed
 * `<x:sheetData>`, two of them) is left to ExcelJS whole.
 */
import { columnNumber } from "../domain/a1";
import type { Cell } from "../domain/cells";

/** A sheet's values: sparse rows of sparse cells (0-based), and each numeric cell's number format. */
export interface SheetData {
  rows: Cell[][];
  /** Numeric cells (1-based) whose format is one of the formats asked for. */
  formatted: { row: number; column: number; numFmt: string }[];
}

/** What a workbook's sheets need to be read: its strings, its cell formats and date system. */
export interface WorkbookText {
  sharedStrings: string[];
  /** Number format code by cell style index (`s="3"`); undefined for General or an unknown id. */
  cellFormats: (string | undefined)[];
  date1904: boolean;
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Element text as an XML parser gives it: line ends normalised, entities and character references replaced. */
export function xmlText(raw: string): string {
  const text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_m, name?: string, dec?: string, hex?: string) =>
    name ? NAMED[name] : String.fromCodePoint(dec ? Number(dec) : Number.parseInt(hex as string, 16)),
  );
}

/** ExcelJS's second decoding of a formula's or `t="str"` cell's text (it decodes the five named entities again). */
function decodeAgain(text: string): string {
  return text.includes("&") ? text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, name: string) => NAMED[name]) : text;
}

/** `_x000D_` → "\r" (the escape OOXML uses in shared and rich strings). */
function unescapeX(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

const T_ELEMENT = /<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/g;

/**
 * The text of a string item (`<si>` or `<is>`): its `<t>` or its runs' `<t>`,
 * phonetic runs left out. ExcelJS undoes `_xHHHH_` escapes except in an inline
 * string's plain `<t>`.
 */
function itemText(inner: string, inline: boolean): string {
  const body = inner.includes("<rPh") ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : inner;
  if (inline && !body.includes("<r>") && !body.includes("<r ")) {
    const m = /<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/.exec(body);
    return m ? xmlText(m[1] ?? "") : "";
  }
  let out = "";
  for (const m of body.matchAll(T_ELEMENT)) out += unescapeX(xmlText(m[1] ?? ""));
  return out;
}

/** The shared strings part's strings, in order. */
export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(m[1] === undefined ? "" : itemText(m[1], false));
  return out;
}

const ATTRIBUTES = new Map<string, RegExp>();

function attribute(tag: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTES.set(name, re);
  }
  const m = re.exec(tag);
  return m ? xmlText(m[1] ?? m[2] ?? "") : undefined;
}

/** A cell's usual attributes, as ExcelJS, Excel and LibreOffice write them: ` r="B7" s="3" t="s"` (s and t optional). */
const PLAIN_CELL_ATTRIBUTES = /^ r="([A-Z]{1,3})(\d+)"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?\s*$/;

/** A cell's reference (column letters and row), style index and type. */
function cellAttributes(attrs: string): { letters?: string; row?: string; s?: string; t?: string } {
  const m = PLAIN_CELL_ATTRIBUTES.exec(attrs);
  if (m) return { letters: m[1], row: m[2], s: m[3], t: m[4] };
  const at = ADDRESS.exec(attribute(attrs, "r") ?? "");
  return { letters: at?.[1], row: at?.[2], s: attribute(attrs, "s"), t: attribute(attrs, "t") };
}

/** Each cell style's number format code (`cellXfs`), custom formats from `numFmts`, built-in ones from `builtIn`. */
export function cellFormats(stylesXml: string, builtIn: Record<number, { f?: string }>): (string | undefined)[] {
  const custom = new Map<number, string>();
  const numFmts = /<numFmts\b[^>]*>([\s\S]*?)<\/numFmts>/.exec(stylesXml)?.[1] ?? "";
  for (const m of numFmts.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attribute(m[0], "numFmtId"));
    const code = attribute(m[0], "formatCode");
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? "";
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attribute(m[0], "numFmtId") ?? 0);
    return id ? (custom.get(id) ?? builtIn[id]?.f) : undefined;
  });
}

/** ExcelJS's test of a date format: a date or time letter outside quotes and brackets. */
function isDateFormat(code: string | undefined): boolean {
  return code !== undefined && /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const ADDRESS = /^([A-Z]{1,3})(\d+)$/;
const SHEET_DATA_OPEN = "<sheetData>";
const SHEET_DATA_CLOSE = "</sheetData>";

/** Where the sheet's `<sheetData>…</sheetData>` is; null when there is none this reader recognises. */
function sheetDataSpan(xml: string): { start: number; end: number; inner: string } | null {
  const start = xml.indexOf(SHEET_DATA_OPEN);
  if (start < 0) {
    const empty = xml.indexOf("<sheetData/>");
    return empty >= 0 && xml.indexOf("<sheetData", empty + 1) < 0 ? { start: empty, end: empty + "<sheetData/>".length, inner: "" } : null;
  }
  const close = xml.indexOf(SHEET_DATA_CLOSE, start);
  if (close < 0 || (xml.indexOf("<sheetData", start + 1) >= 0 && xml.indexOf("<sheetData", start + 1) < close)) return null;
  if (xml.indexOf("<sheetData", close) >= 0) return null;
  return { start, end: close + SHEET_DATA_CLOSE.length, inner: xml.slice(start + SHEET_DATA_OPEN.length, close) };
}

/** The sheet's XML with `<sheetData>` emptied (for ExcelJS to read the rest); null when the reader does not recognise it. */
export function withoutSheetData(xml: string): string | null {
  const span = sheetDataSpan(xml);
  return span ? `${xml.slice(0, span.start)}<sheetData/>${xml.slice(span.end)}` : null;
}

const ROW_OR_CELL = /<row\b([^>]*)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const V_ELEMENT = /<v\b[^>]*>([^<]*)<\/v>/;
const F_ELEMENT = /<f\b([^>]*?)(?:\/>|>([^<]*)<\/f>)/;

/**
 * The values of a worksheet part; null when the reader does not recognise it
 * (ExcelJS reads it then). `formats` names the number formats whose numeric
 * cells are wanted in `formatted`.
 */
export function readSheetData(xml: string, book: WorkbookText, formats: ReadonlySet<string>): SheetData | null {
  const span = sheetDataSpan(xml);
  if (!span) return null;
  const rows: Cell[][] = [];
  const formatted: SheetData["formatted"] = [];
  const sharedMasters = new Map<string, string>();
  let row = 0;
  let col = 0;
  for (const m of span.inner.matchAll(ROW_OR_CELL)) {
    if (m[1] !== undefined) {
      const r = attribute(m[1], "r");
      row = r ? Number(r) : row + 1;
      col = 0;
      continue;
    }
    const { letters, row: rowText, s, t: type } = cellAttributes(m[2]);
    if (letters !== undefined && rowText !== undefined) {
      col = columnNumber(letters);
      row = Number(rowText);
    } else col++;
    const inner = m[3];
    if (inner === undefined || inner === "") continue;
    const numFmt = s ? book.cellFormats[Number(s)] : undefined;
    const value = cellValue(inner, type, numFmt, book, sharedMasters, `${letters}${rowText}`);
    if (value === null || value === "") continue;
    let cells = rows[row - 1];
    if (!cells) {
      cells = [];
      rows[row - 1] = cells;
    }
    cells[col - 1] = value;
    if (typeof value === "number" && numFmt !== undefined && formats.has(numFmt)) formatted.push({ row, column: col, numFmt });
  }
  removeMerged(xml.slice(span.end), rows);
  return { rows, formatted };
}

/** One cell's value as `cellOf` maps ExcelJS's. */
function cellValue(
  inner: string,
  type: string | undefined,
  numFmt: string | undefined,
  book: WorkbookText,
  sharedMasters: Map<string, string>,
  ref: string,
): Cell {
  // Most cells are a lone <v>.
  const v =
    inner.startsWith("<v>") && inner.endsWith("</v>") && inner.indexOf("<", 3) === inner.length - 4
      ? inner.slice(3, -4)
      : V_ELEMENT.exec(inner)?.[1];
  const raw = v === undefined || v === "" ? undefined : xmlText(v);
  const f = inner.includes("<f") ? F_ELEMENT.exec(inner) : null;
  if (f) {
    const formula = f[2] === undefined || f[2] === "" ? undefined : xmlText(f[2]);
    const fAttrs = f[1];
    if (attribute(fAttrs, "t") === "shared") {
      const si = attribute(fAttrs, "si") ?? "";
      if (attribute(fAttrs, "ref") !== undefined) sharedMasters.set(si, ref);
    }
    if (raw === undefined) {
      if (formula !== undefined) return `=${formula}`;
      const si = attribute(fAttrs, "si") ?? "";
      return attribute(fAttrs, "t") === "shared" ? `=${sharedMasters.get(si) ?? ""}` : null;
    }
    switch (type) {
      case "str":
        return decodeAgain(raw);
      case "b":
        return Number.parseInt(raw, 10) !== 0;
      case "e":
        return { error: raw };
      default: {
        const n = Number.parseFloat(raw);
        return isDateFormat(numFmt) ? excelDate(n, book.date1904) : n;
      }
    }
  }
  switch (type) {
    case "inlineStr": {
      const is = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1];
      return is === undefined ? (raw ?? null) : itemText(is, true);
    }
    case "s":
      if (raw === undefined) return null;
      return book.sharedStrings[Number.parseInt(raw, 10)] ?? null;
    case "str":
      return raw === undefined ? null : decodeAgain(raw);
    case "b":
      return raw === undefined ? null : Number.parseInt(raw, 10) !== 0;
    case "e":
      return raw === undefined ? null : { error: raw };
    default: {
      if (raw === undefined) return null;
      const n = Number.parseFloat(raw);
      return isDateFormat(numFmt) ? excelDate(n, book.date1904) : n;
    }
  }
}

/** Leaves out the values of cells a merge covers, but its first (top-left) cell's. */
function removeMerged(rest: string, rows: Cell[][]): void {
  const merges = /<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/.exec(rest)?.[1];
  if (!merges) return;
  for (const m of merges.matchAll(/<mergeCell\b[^>]*>/g)) {
    const [a, b] = (attribute(m[0], "ref") ?? "").split(":");
    const p = a ? ADDRESS.exec(a.replace(/\$/g, "")) : null;
    const q = b ? ADDRESS.exec(b.replace(/\$/g, "")) : null;
    if (!p || !q) continue;
    const top = Math.min(Number(p[2]), Number(q[2]));
    const bottom = Math.max(Number(p[2]), Number(q[2]));
    const left = Math.min(columnNumber(p[1]), columnNumber(q[1]));
    const right = Math.max(columnNumber(p[1]), columnNumber(q[1]));
    for (let r = top; r <= bottom; r++) {
      const cells = rows[r - 1];
      if (!cells) continue;
      for (let c = left; c <= right; c++) if (r !== top || c !== left) delete cells[c - 1];
    }
  }
}
