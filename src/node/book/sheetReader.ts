/**
 * A worksheet part read for the fast path (fastBook.ts) without ExcelJS: its
 * values (sheetXml.ts), Daihou's number formats, frozen header, column widths
 * and landscape set-up, Daihou's row colours and dropdowns, and the store's
 * own conditional formats and validations kept as XML (written back as they
 * were). What load.ts reads through ExcelJS, from the same parts.
 */
import type { MemorySheet } from "../../app/memoryBook";
import type { Dropdown, RowColourRule, WriteOptions } from "../../app/port";
import { type WorkbookText, readSheetData, withoutSheetData, xmlText } from "../sheetXml";
import { columnNumber, hexOf, parseRange } from "./addresses";
import { FORMAT_NAMES, contentsOf, listOfFormula } from "./load";
import { DAIHOU_RULE_RE, DROPDOWN_MARK, RULE_MARK_RE } from "./localBook";
import { FastPathUnavailable, type RawFormats } from "./sheetWriter";
import type { StyleTable } from "./styleTable";

const WANTED = new Set(FORMAT_NAMES.keys());

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlText(m[1] ?? m[2] ?? "") : undefined;
}

/** A sheet read from its part: its MemorySheet, the store's formats kept as XML, and whether it links to other parts (drawings, comments). */
export interface ReadSheet {
  sheet: MemorySheet;
  foreign: RawFormats;
  linksParts: boolean;
}

/** Reads a worksheet part; throws `FastPathUnavailable` when it is not one this reader recognises. */
export function readSheetPart(name: string, xml: string, book: WorkbookText, styles: StyleTable): ReadSheet {
  const data = readSheetData(xml, book, WANTED);
  const rest = data ? withoutSheetData(xml) : null;
  if (!data || rest === null) throw new FastPathUnavailable(`sheet ${name} is not one the fast reader recognises`);
  const { values, numberFormats } = contentsOf(data);
  const options = optionsOf(rest);
  if (numberFormats.length > 0) options.numberFormats = numberFormats;
  const foreign: RawFormats = { conditionalFormattings: [], dataValidations: [] };
  const rowColours: RowColourRule[] = [];
  for (const m of rest.matchAll(/(<conditionalFormatting\b[^>]*>)([\s\S]*?)<\/conditionalFormatting>/g)) {
    const ref = attr(m[1], "sqref") ?? "";
    const theirs: string[] = [];
    for (const r of m[2].matchAll(/<cfRule\b[^>]*?(?:\/>|>[\s\S]*?<\/cfRule>)/g)) {
      const formula = xmlText(/<formula>([\s\S]*?)<\/formula>/.exec(r[0])?.[1] ?? "");
      if (attr(r[0], "type") !== "expression" || !RULE_MARK_RE.test(formula)) {
        theirs.push(r[0]);
        continue;
      }
      const rule = daihouRule(formula, ref, styles.fillColour(Number(attr(r[0], "dxfId") ?? -1)));
      if (rule) rowColours.push(rule);
    }
    if (theirs.length > 0) foreign.conditionalFormattings.push(`${m[1]}${theirs.join("")}</conditionalFormatting>`);
  }
  const groups = new Map<string, Dropdown>();
  for (const m of rest.matchAll(/<dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/dataValidation>)/g)) {
    const open = /<dataValidation\b[^>]*>/.exec(m[0])?.[0] ?? "";
    const raw = /<formula1>([\s\S]*?)<\/formula1>/.exec(m[0])?.[1];
    if (attr(open, "type") !== "list" || attr(open, "errorTitle") !== DROPDOWN_MARK || raw === undefined) {
      foreign.dataValidations.push(m[0]);
      continue;
    }
    const formula = xmlText(raw);
    const values = listOfFormula(formula, () => null);
    if (!values) throw new FastPathUnavailable(`a dropdown on ${name} refers to the lists sheet`);
    for (const part of (attr(open, "sqref") ?? "").split(/\s+/)) {
      const range = parseRange(part);
      if (!range) continue;
      for (let col = range.left; col <= range.right; col++) {
        const key = `${col}\u0000${formula}`;
        const d = groups.get(key);
        if (d) d.lastRow = Math.max(d.lastRow, range.bottom);
        else groups.set(key, { column: col, lastRow: range.bottom, values });
      }
    }
  }
  return {
    sheet: {
      name,
      values,
      rowColours,
      dropdowns: [...groups.values()].sort((a, b) => a.column - b.column),
      charts: [],
      options,
    },
    foreign,
    linksParts: /<(drawing|legacyDrawing|legacyDrawingHF|tableParts|picture|oleObjects|controls)\b/.test(rest),
  };
}

/** The sheet's frozen header, landscape set-up and column widths. */
function optionsOf(rest: string): WriteOptions {
  const pane = /<pane\b[^>]*>/.exec(rest)?.[0];
  const options: WriteOptions = {
    freezeHeader: pane !== undefined && attr(pane, "state") === "frozen" && Number(attr(pane, "ySplit") ?? 0) >= 1,
  };
  const page = /<pageSetup\b[^>]*>/.exec(rest)?.[0];
  const fitToPage = /<pageSetUpPr\b[^>]*\sfitToPage\s*=\s*["'](1|true)["']/.test(rest);
  if (page && attr(page, "orientation") === "landscape" && fitToPage && Number(attr(page, "fitToWidth") ?? 1) === 1)
    options.landscape = true;
  const widths: number[] = [];
  for (const m of rest.matchAll(/<col\b[^>]*>/g)) {
    const min = Number(attr(m[0], "min"));
    const max = Number(attr(m[0], "max"));
    const width = Number(attr(m[0], "width"));
    if (!Number.isInteger(min) || !Number.isInteger(max) || !(width > 0) || max - min > 256) continue;
    for (let c = min; c <= max; c++) widths[c - 1] = width;
  }
  const filled = Array.from(widths, (w) => w ?? 0);
  if (filled.some((w) => w > 0)) options.widths = filled;
  return options;
}

function daihouRule(formula: string, ref: string, argb: string | undefined): RowColourRule | null {
  const m = DAIHOU_RULE_RE.exec(formula.trim());
  const range = parseRange(ref.split(/\s+/)[0] ?? "");
  if (!m || !range || !argb) return null;
  return {
    keyColumn: columnNumber(m[1]),
    equals: m[2].replace(/""/g, '"'),
    colour: hexOf(argb),
    lastRow: range.bottom,
    lastColumn: range.right,
  };
}

/** The first row of a worksheet part, read alone (a history month's header holds its fingerprint). */
export function readHeaderRow(xml: string, book: WorkbookText): MemorySheet["values"][number] | null {
  const start = xml.indexOf("<sheetData>");
  if (start < 0) return null;
  const rowStart = xml.indexOf("<row", start);
  const dataEnd = xml.indexOf("</sheetData>", start);
  if (rowStart < 0 || dataEnd < 0 || rowStart > dataEnd) return [];
  const rowEnd = xml.indexOf("</row>", rowStart);
  const open = xml.slice(rowStart, xml.indexOf(">", rowStart) + 1);
  if (attr(open, "r") !== undefined && attr(open, "r") !== "1") return [];
  if (open.endsWith("/>")) return [];
  const data = readSheetData(`<sheetData>${xml.slice(rowStart, rowEnd + 6)}</sheetData>`, book, WANTED);
  if (!data) return null;
  const cells = data.rows[0] ?? [];
  return Array.from(cells, (c) => c ?? null);
}
