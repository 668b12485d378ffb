/**
 * A worksheet part written as XML text, for the fast path (fastBook.ts): the
 * values (strings inline, so the shared strings part never changes), Daihou's
 * number formats, frozen header, column widths, row colours (conditional
 * formats), dropdowns (list validations), print set-up (landscape, one page
 * wide, wrapped columns, row breaks; the print titles go in the workbook's
 * defined names) and the store's own conditional formats and validations kept
 * as the file had them. What save.ts writes with ExcelJS, in the same shape.
 */
import type { MemorySheet } from "../../app/memoryBook";
import { NUMBER_FORMAT_PATTERNS } from "../../app/port";
import type { Cell } from "../../domain/cells";
import { printLayoutOf } from "../printLayout";
import { displayWidth } from "../text";
import { argbOf, columnLetter } from "./addresses";
import { DROPDOWN_ERROR, DROPDOWN_MARK, INLINE_LIST_MAX, RULE_MARK } from "./localBook";
import type { Alignment, StyleTable } from "./styleTable";

/** Something the fast path does not write: the book is saved the slow way (ExcelJS) instead. */
export class FastPathUnavailable extends Error {
  constructor(reason: string) {
    super(`fast path unavailable: ${reason}`);
    this.name = "FastPathUnavailable";
  }
}

/** The store's own conditional formats and validations on a sheet, as the file had them (XML elements). */
export interface RawFormats {
  conditionalFormattings: string[];
  dataValidations: string[];
}

const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
const TEXT_AT_RISK = /^\s*[=+\-@]|^[\s\d.,:/%-]+$|^\s*(true|false)\s*$/i;
const DATE_FORMAT = "yyyy-mm-dd";
const TEXT_FORMAT = "@";
const LINE_HEIGHT = 15;
const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot hold are left out
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escText(text: string): string {
  let t = text;
  if (/[&<>]/.test(t)) t = t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return NOT_XML.test(t) ? t.replace(NOT_XML, "") : t;
}

function escAttr(text: string): string {
  return escText(text).replace(/"/g, "&quot;");
}

/** A cell's XML body and type, and the number format its value needs. */
function cellParts(c: Cell): { t?: string; body: string; numFmt?: string } | null {
  if (c === null || c === undefined || c === "") return null;
  if (typeof c === "string") {
    const body = `<is><t xml:space="preserve">${escText(c)}</t></is>`;
    return TEXT_AT_RISK.test(c) ? { t: "inlineStr", body, numFmt: TEXT_FORMAT } : { t: "inlineStr", body };
  }
  if (typeof c === "number")
    return Number.isFinite(c) ? { body: `<v>${c}</v>` } : { t: "inlineStr", body: `<is><t>${String(c)}</t></is>`, numFmt: TEXT_FORMAT };
  if (typeof c === "boolean") return { t: "b", body: `<v>${c ? 1 : 0}</v>` };
  if (c instanceof Date) {
    const ms = c.getTime();
    if (Number.isNaN(ms)) return null;
    if (c.getUTCFullYear() < 1900) return { t: "inlineStr", body: `<is><t>${c.toISOString().slice(0, 10)}</t></is>`, numFmt: TEXT_FORMAT };
    return { body: `<v>${25569 + ms / 86_400_000}</v>`, numFmt: DATE_FORMAT };
  }
  const text = String(c.error);
  return EXCEL_ERRORS.has(text.toUpperCase())
    ? { t: "e", body: `<v>${escText(text.toUpperCase())}</v>` }
    : { t: "inlineStr", body: `<is><t xml:space="preserve">${escText(text)}</t></is>`, numFmt: TEXT_FORMAT };
}

/** The text ExcelJS measures a wrapped cell by (its value as a string). */
function measured(c: Cell): string {
  return c === null || c === undefined ? "" : String(c);
}

/** The worksheet part of a sheet, and the rows its print titles repeat (`$1:$1`) when it prints as a work list. */
export function sheetXml(sheet: MemorySheet, styles: StyleTable, foreign?: RawFormats): { xml: string; printTitles?: string } {
  if (sheet.charts.length > 0) throw new FastPathUnavailable(`charts on ${sheet.name}`);
  const { values, options } = sheet;
  const out: string[] = [WORKSHEET_OPEN];
  const print = printLayoutOf(sheet.name, values, options);
  const fit = print !== undefined || options.landscape === true;

  // Number formats by cell: Daihou's blocks first, they override the value's own.
  const blockFormat = new Map<number, Map<number, string>>();
  let formattedRows = 0;
  let formattedCols = 0;
  for (const f of options.numberFormats ?? []) {
    const pattern = NUMBER_FORMAT_PATTERNS[f.format];
    for (let r = f.row; r < f.row + (f.rows ?? 1); r++) {
      let row = blockFormat.get(r);
      if (!row) {
        row = new Map();
        blockFormat.set(r, row);
      }
      for (let c = f.column; c < f.column + (f.columns ?? 1); c++) row.set(c, pattern);
      formattedRows = Math.max(formattedRows, r);
      formattedCols = Math.max(formattedCols, f.column + (f.columns ?? 1) - 1);
    }
  }

  // Wrapped columns and the lines each row needs (as printLayout.ts works them out).
  const wrapColumns = new Set(print?.wrapColumns ?? []);
  const widths = options.widths ?? [];
  const lines = new Array<number>(values.length + 1).fill(1);
  if (print) {
    for (const column of print.wrapColumns) {
      const width = Math.max(4, (widths[column - 1] || 10) - 1);
      for (let r = 1; r <= values.length; r++)
        lines[r] = Math.max(lines[r], Math.ceil(displayWidth(measured(values[r - 1]?.[column - 1] ?? null)) / width));
    }
  }
  const rowCount = Math.max(values.length, formattedRows);
  let width = formattedCols;
  for (const row of values) width = Math.max(width, row.length);
  for (const c of wrapColumns) width = Math.max(width, c);

  if (fit) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="A1:${columnLetter(Math.max(1, width))}${Math.max(1, rowCount)}"/>`);
  out.push(
    options.freezeHeader !== false
      ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  );
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  const cols = widths.map((w, i) => (w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : "")).join("");
  if (cols) out.push(`<cols>${cols}</cols>`);

  out.push("<sheetData>");
  // Pieces gathered and joined in chunks (one string per cell would be much garbage on a 20,000-row ledger).
  let pieces: string[] = [];
  const letters = Array.from({ length: width }, (_, i) => columnLetter(i + 1));
  const styleAttr = new Map<string | undefined, Map<Alignment, string>>();
  const attrOf = (numFmt: string | undefined, align: Alignment): string => {
    let byAlign = styleAttr.get(numFmt);
    if (!byAlign) {
      byAlign = new Map();
      styleAttr.set(numFmt, byAlign);
    }
    let a = byAlign.get(align);
    if (a === undefined) {
      const s = styles.cellStyle(numFmt, align);
      a = s ? ` s="${s}"` : "";
      byAlign.set(align, a);
    }
    return a;
  };
  for (let r = 1; r <= rowCount; r++) {
    const row = values[r - 1] ?? [];
    const formats = blockFormat.get(r);
    const tall = print !== undefined && r >= 2 && lines[r] > 1;
    const last = Math.max(row.length, formats ? width : 0, print && wrapColumns.size > 0 ? width : 0);
    const rowText = String(r);
    const mark = pieces.length;
    pieces.push(`<row r="${rowText}"${tall ? ` ht="${LINE_HEIGHT * lines[r] + 2}" customHeight="1"` : ""}>`);
    let any = tall;
    for (let c = 1; c <= last; c++) {
      const parts = cellParts(row[c - 1] ?? null);
      const blockFmt = formats?.get(c);
      const wrap = wrapColumns.has(c);
      if (!parts && blockFmt === undefined && !wrap) continue;
      any = true;
      const align: Alignment = wrap ? "wrap" : tall && parts ? "top" : undefined;
      pieces.push('<c r="', letters[c - 1], rowText, '"', attrOf(blockFmt ?? parts?.numFmt, align));
      if (parts) pieces.push(parts.t ? ` t="${parts.t}">` : ">", parts.body, "</c>");
      else pieces.push("/>");
    }
    if (!any) pieces.length = mark;
    else pieces.push("</row>");
    if (pieces.length > 1 << 18) {
      out.push(pieces.join(""));
      pieces = [];
    }
  }
  out.push(pieces.join(""), "</sheetData>");

  // The store's conditional formats first (they keep their priority), then Daihou's row colours.
  let priority = 0;
  for (const cf of foreign?.conditionalFormattings ?? []) {
    for (const m of cf.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
    out.push(cf);
  }
  const byRange = new Map<string, string[]>();
  for (const rule of sheet.rowColours) {
    const ref = `A2:${columnLetter(Math.max(1, rule.lastColumn))}${Math.max(2, rule.lastRow)}`;
    const formula = `AND($${columnLetter(rule.keyColumn)}2="${rule.equals.replace(/"/g, '""')}",${RULE_MARK})`;
    const rules = byRange.get(ref) ?? [];
    rules.push(
      `<cfRule type="expression" dxfId="${styles.fill(argbOf(rule.colour))}" priority="${++priority}"><formula>${escAttr(formula)}</formula></cfRule>`,
    );
    byRange.set(ref, rules);
  }
  for (const [ref, rules] of byRange) out.push(`<conditionalFormatting sqref="${ref}">${rules.join("")}</conditionalFormatting>`);

  const validations: string[] = [];
  for (const d of sheet.dropdowns) {
    const col = columnLetter(d.column);
    const inline = `"${d.values.join(",")}"`;
    if (d.values.some((v) => v.includes(",") || v.includes('"')) || inline.length > INLINE_LIST_MAX)
      throw new FastPathUnavailable(`a dropdown list on ${sheet.name} needs the lists sheet`);
    validations.push(
      `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop" errorTitle="${escAttr(DROPDOWN_MARK)}" error="${escAttr(DROPDOWN_ERROR)}" sqref="${col}2:${col}${Math.max(2, d.lastRow)}"><formula1>${escAttr(inline)}</formula1></dataValidation>`,
    );
  }
  validations.push(...(foreign?.dataValidations ?? []));
  if (validations.length > 0) out.push(`<dataValidations count="${validations.length}">${validations.join("")}</dataValidations>`);

  if (print) {
    out.push('<printOptions horizontalCentered="1"/>');
    out.push('<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>');
    out.push('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    const breaks = print.breaksBefore.filter((row) => row > 1);
    if (breaks.length > 0)
      out.push(
        `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((row) => `<brk id="${row - 1}" max="16383" man="1"/>`).join("")}</rowBreaks>`,
      );
  } else {
    out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    if (options.landscape) out.push('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  }
  out.push("</worksheet>");
  return { xml: out.join(""), printTitles: print && print.titleRows > 0 ? `$1:$${print.titleRows}` : undefined };
}
