/**
 * Daihou's line charts in an .xlsx file. ExcelJS neither writes nor keeps
 * charts, so its parts are added to before they are zipped: per sheet with charts, one
 * drawing part (`xl/drawings/drawingN.xml`, a two-cell anchor per chart)
 * and one chart part per chart (`xl/charts/chartN.xml`, a `c:lineChart` with a
 * `c:ser` per series column whose `c:cat`/`c:val` refer to the sheet's cells
 * and carry the values as a cache), with their relationships and content
 * types. Loading reads Daihou's charts (named `Daihou chart …`) back into
 * ChartSpecs, so a book saved again has each chart once.
 */
import type { ChartSpec, NumberFormatName } from "../app/port";
import { columnLetter, columnNumber } from "../domain/a1";
import { type Cell, cellText } from "../domain/cells";

/** The name every chart Daihou draws carries (the drawing's `cNvPr name`). */
export const CHART_NAME_MARK = "Daihou chart";

const NS = {
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  pkgRels: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

const EMU_PER_PIXEL = 9525;
const DEFAULT_COLUMN_PIXELS = 64;
const ROW_PIXELS = 20;
const SERIES_COLOURS = ["1F77B4", "D62728", "FF7F0E", "2CA02C", "9467BD", "8C564B", "E377C2"];
const AXIS_FORMATS: Record<NumberFormatName, string> = { percent: "0%", money: "#,##0" };

/** What a sheet with charts needs for them to be written. */
export interface SheetCharts {
  name: string;
  charts: readonly ChartSpec[];
  /** The sheet's values (the charts' caches). */
  values: readonly (readonly Cell[])[];
  /** Column widths in characters, by 0-based column (for the anchors' far corner). */
  widths?: readonly number[];
}

/** The parts of an .xlsx file by path (`xl/workbook.xml` …), text or bytes, in the zip's order. */
export type XlsxParts = Map<string, string | Buffer>;

/** A part as text; undefined when there is no such part. */
function text(parts: XlsxParts, path: string): string | undefined {
  const data = parts.get(path);
  return typeof data === "string" || data === undefined ? data : data.toString("utf8");
}

// ---------------------------------------------------------------- small XML helpers

/** Text for an element or a double-quoted attribute (so `'Sheet'!$A$1` stays as Excel writes it). */
function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unesc(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[name.toLowerCase()] ?? m;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unesc(m[2] ?? m[3] ?? "") : null;
}

/** The relationships of a part: id → {type, target} (target resolved against the part's folder). */
function parseRels(xml: string, folder: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const type = attr(m[0], "Type");
    const target = attr(m[0], "Target");
    if (id && type && target && attr(m[0], "TargetMode") !== "External") out.set(id, { type, target: resolvePath(folder, target) });
  }
  return out;
}

function resolvePath(folder: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = folder === "" ? [] : folder.split("/");
  for (const p of target.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

const folderOf = (path: string) => path.slice(0, path.lastIndexOf("/") + 1).replace(/\/$/, "");
const relsPathOf = (path: string) => `${folderOf(path)}/_rels/${path.slice(path.lastIndexOf("/") + 1)}.rels`;
/** `target` as a relative path from `fromFolder`. */
function relative(fromFolder: string, target: string): string {
  const from = fromFolder.split("/");
  const to = target.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

/** Each sheet's name and its part's path. */
export function sheetParts(parts: XlsxParts): Map<string, string> {
  const workbook = text(parts, "xl/workbook.xml");
  const relsXml = text(parts, "xl/_rels/workbook.xml.rels");
  const out = new Map<string, string>();
  if (!workbook || !relsXml) return out;
  const rels = parseRels(relsXml, "xl");
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const rid = attr(m[0], "r:id");
    const rel = rid ? rels.get(rid) : undefined;
    if (name !== null && rel) out.set(name, rel.target);
  }
  return out;
}

// ---------------------------------------------------------------- addresses

const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const cellRef = (sheet: string, row: number, col: number) => `${quoted(sheet)}!$${columnLetter(col)}$${row}`;
const columnRef = (sheet: string, col: number, top: number, bottom: number) =>
  `${cellRef(sheet, top, col)}:$${columnLetter(col)}$${bottom}`;

/** `'Sheet'!$B$3:$B$9` → sheet, column and rows; null for anything else. */
function parseRef(f: string): { sheet: string; col: number; top: number; bottom: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(f.trim());
  if (!m) return null;
  const col = columnNumber(m[3]);
  if (m[5] && columnNumber(m[5]) !== col) return null;
  return { sheet: m[1] ? m[1].replace(/''/g, "'") : m[2], col, top: Number(m[4]), bottom: m[6] ? Number(m[6]) : Number(m[4]) };
}

// ---------------------------------------------------------------- write

function columnPixels(widths: readonly number[] | undefined, col: number): number {
  const w = widths?.[col - 1] ?? 0;
  return w > 0 ? Math.trunc(((256 * w + Math.trunc(128 / 7)) / 256) * 7) : DEFAULT_COLUMN_PIXELS;
}

/** The cell (0-based) and offset (EMU) where a chart of the spec's size ends. */
function farCorner(spec: ChartSpec, widths: readonly number[] | undefined): { col: number; colOff: number; row: number; rowOff: number } {
  let col = spec.anchor.column;
  let x = spec.width;
  while (x >= columnPixels(widths, col)) x -= columnPixels(widths, col++);
  const rows = Math.floor(spec.height / ROW_PIXELS);
  return {
    col: col - 1,
    colOff: x * EMU_PER_PIXEL,
    row: spec.anchor.row - 1 + rows,
    rowOff: (spec.height - rows * ROW_PIXELS) * EMU_PER_PIXEL,
  };
}

function strCache(texts: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${texts.length}"/>${texts.map((t, i) => `<c:pt idx="${i}"><c:v>${esc(t)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: readonly Cell[], formatCode: string): string {
  const pts = values.map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:numCache><c:formatCode>${esc(formatCode)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

/** One chart part: a line chart of the spec's block of `sheet`. */
export function chartXml(sheet: string, spec: ChartSpec, values: readonly (readonly Cell[])[]): string {
  const at = (row: number, col: number): Cell => values[row - 1]?.[col - 1] ?? null;
  const rows: number[] = [];
  for (let r = spec.firstRow; r <= spec.lastRow; r++) rows.push(r);
  const categories = rows.map((r) => cellText(at(r, spec.categoryColumn)));
  const formatCode = spec.valueFormat === "percent" ? "0.00%" : spec.valueFormat === "money" ? "#,##0.00" : "General";
  const series: string[] = [];
  for (let col = spec.firstSeriesColumn, i = 0; col <= spec.lastSeriesColumn; col++, i++) {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    series.push(
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${esc(cellRef(sheet, spec.headerRow, col))}</c:f>${strCache([cellText(at(spec.headerRow, col))])}</c:strRef></c:tx>` +
        `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr></c:marker>` +
        `<c:cat><c:strRef><c:f>${esc(columnRef(sheet, spec.categoryColumn, spec.firstRow, spec.lastRow))}</c:f>${strCache(categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${esc(columnRef(sheet, col, spec.firstRow, spec.lastRow))}</c:f>${numCache(
          rows.map((r) => at(r, col)),
          formatCode,
        )}</c:numRef></c:val>` +
        `<c:smooth val="0"/></c:ser>`,
    );
  }
  const axisFormat = spec.valueFormat ? AXIS_FORMATS[spec.valueFormat] : "General";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:r><a:rPr sz="1400" b="1"/><a:t>${esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join("")}<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${esc(axisFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`
  );
}

/** One drawing part: a two-cell anchor per chart, the n-th referring to relationship `rIdN`. */
export function drawingXml(charts: readonly ChartSpec[], widths: readonly number[] | undefined): string {
  const anchors = charts.map((spec, i) => {
    const to = farCorner(spec, widths);
    return (
      `<xdr:twoCellAnchor editAs="oneCell">` +
      `<xdr:from><xdr:col>${spec.anchor.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${spec.anchor.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>${to.colOff}</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>${to.rowOff}</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${CHART_NAME_MARK} ${i + 1}" title="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${spec.width * EMU_PER_PIXEL}" cy="${spec.height * EMU_PER_PIXEL}"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.main}">${anchors.join("")}</xdr:wsDr>`;
}

function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRels}">${rels
    .map((r) => `<Relationship Id="${esc(r.id)}" Type="${esc(r.type)}" Target="${esc(r.target)}"/>`)
    .join("")}</Relationships>`;
}

/** The first `prefix{n}.xml` not in the zip. */
function freePart(parts: XlsxParts, prefix: string): string {
  for (let n = 1; ; n++) if (!parts.has(`${prefix}${n}.xml`)) return `${prefix}${n}.xml`;
}

/** Elements a worksheet may hold after `<drawing>` (CT_Worksheet's order). */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Adds these sheets' charts to the parts of an .xlsx file (sheets without charts are skipped). */
export function addCharts(parts: XlsxParts, sheets: readonly SheetCharts[]): void {
  const sheetPaths = sheetParts(parts);
  let types = text(parts, "[Content_Types].xml") ?? "";
  for (const sheet of sheets) {
    const sheetPath = sheetPaths.get(sheet.name);
    if (sheet.charts.length === 0 || !sheetPath) continue;
    let sheetXml = text(parts, sheetPath) ?? "";
    if (sheetXml === "" || /<drawing\b/.test(sheetXml)) continue;

    const drawingPath = freePart(parts, "xl/drawings/drawing");
    const chartRels: { id: string; type: string; target: string }[] = [];
    sheet.charts.forEach((spec, i) => {
      const chartPath = freePart(parts, "xl/charts/chart");
      parts.set(chartPath, chartXml(sheet.name, spec, sheet.values));
      types = addOverride(types, chartPath, CHART_TYPE);
      chartRels.push({ id: `rId${i + 1}`, type: NS.chartRel, target: relative("xl/drawings", chartPath) });
    });
    parts.set(drawingPath, drawingXml(sheet.charts, sheet.widths));
    parts.set(relsPathOf(drawingPath), relsXml(chartRels));
    types = addOverride(types, drawingPath, DRAWING_TYPE);

    // The sheet's relationship to its drawing, and the <drawing> element in its place.
    const sheetRelsPath = relsPathOf(sheetPath);
    const oldRels = text(parts, sheetRelsPath) ?? "";
    const ids = [...oldRels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => attr(m[0], "Id"));
    let rid = "rIdDaihouDrawing";
    for (let n = 1; ids.includes(rid); n++) rid = `rIdDaihouDrawing${n}`;
    const relTags = [...oldRels.matchAll(/<Relationship\b[^>]*\/?>(?:<\/Relationship>)?/g)].map((m) => m[0]);
    relTags.push(`<Relationship Id="${rid}" Type="${NS.drawingRel}" Target="${esc(relative(folderOf(sheetPath), drawingPath))}"/>`);
    parts.set(
      sheetRelsPath,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRels}">${relTags.join("")}</Relationships>`,
    );

    if (!/<worksheet\b[^>]*\sxmlns:r=/.test(sheetXml)) sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.rel}"`);
    const element = `<drawing r:id="${rid}"/>`;
    const before = AFTER_DRAWING.map((name) => sheetXml.search(new RegExp(`<${name}\\b`))).filter((i) => i >= 0);
    const at = before.length > 0 ? Math.min(...before) : sheetXml.lastIndexOf("</worksheet>");
    sheetXml = sheetXml.slice(0, at) + element + sheetXml.slice(at);
    parts.set(sheetPath, sheetXml);
  }
  parts.set("[Content_Types].xml", types);
}

function addOverride(types: string, path: string, contentType: string): string {
  const part = `/${path}`;
  if (types.includes(`PartName="${part}"`)) return types;
  return types.replace("</Types>", `<Override PartName="${part}" ContentType="${contentType}"/></Types>`);
}

// ---------------------------------------------------------------- read

/** Daihou's charts in the parts of an .xlsx file, by sheet name. Charts that are not Daihou's, or that cannot be read, are left out. */
export function readCharts(parts: XlsxParts): Map<string, ChartSpec[]> {
  const out = new Map<string, ChartSpec[]>();
  if (![...parts.keys()].some((path) => path.startsWith("xl/drawings/"))) return out;
  for (const [sheetName, sheetPath] of sheetParts(parts)) {
    // The sheet's relationships name its drawing: a sheet without one (most of them, and the big ones) is not read.
    const sheetRels = text(parts, relsPathOf(sheetPath));
    if (!sheetRels?.includes(NS.drawingRel)) continue;
    const sheetXml = text(parts, sheetPath);
    const drawingTag = sheetXml ? /<drawing\b[^>]*>/.exec(sheetXml) : null;
    const drawingRid = drawingTag ? attr(drawingTag[0], "r:id") : null;
    const drawingPath = drawingRid && sheetRels ? parseRels(sheetRels, folderOf(sheetPath)).get(drawingRid)?.target : undefined;
    const drawing = drawingPath ? text(parts, drawingPath) : undefined;
    if (!drawingPath || !drawing) continue;
    const drawingRels = parseRels(text(parts, relsPathOf(drawingPath)) ?? "", folderOf(drawingPath));
    const charts: ChartSpec[] = [];
    for (const m of drawing.matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
      const anchor = m[0];
      const nv = /<xdr:cNvPr\b[^>]*>/.exec(anchor);
      if (!nv || !(attr(nv[0], "name") ?? "").startsWith(CHART_NAME_MARK)) continue;
      const from = /<xdr:from>[\s\S]*?<xdr:col>(\d+)<\/xdr:col>[\s\S]*?<xdr:row>(\d+)<\/xdr:row>/.exec(anchor);
      const ext = /<a:ext\b[^>]*>/.exec(anchor);
      const chartTag = /<c:chart\b[^>]*>/.exec(anchor);
      const chartPath = chartTag ? drawingRels.get(attr(chartTag[0], "r:id") ?? "")?.target : undefined;
      const chart = chartPath ? text(parts, chartPath) : undefined;
      if (!from || !ext || !chart) continue;
      const spec = chartSpecOf(sheetName, chart, {
        row: Number(from[2]) + 1,
        column: Number(from[1]) + 1,
        width: Math.round(Number(attr(ext[0], "cx")) / EMU_PER_PIXEL),
        height: Math.round(Number(attr(ext[0], "cy")) / EMU_PER_PIXEL),
      });
      if (spec) charts.push(spec);
    }
    if (charts.length > 0) out.set(sheetName, charts);
  }
  return out;
}

/** A ChartSpec back from a chart part Daihou wrote; null when it does not read as one. */
function chartSpecOf(sheet: string, xml: string, at: { row: number; column: number; width: number; height: number }): ChartSpec | null {
  const titleXml = /<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? "";
  const title = [...titleXml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unesc(m[1])).join("");
  const formula = (block: string, tag: string) => {
    const inner = new RegExp(`<c:${tag}>[\\s\\S]*?<c:f>([^<]*)</c:f>`).exec(block)?.[1];
    return inner === undefined ? null : parseRef(unesc(inner));
  };
  const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => ({
    tx: formula(m[1], "tx"),
    cat: formula(m[1], "cat"),
    val: formula(m[1], "val"),
  }));
  if (series.length === 0) return null;
  const first = series[0];
  if (!first.tx || !first.cat || !first.val) return null;
  const columns: number[] = [];
  for (const s of series) {
    if (!s.tx || !s.cat || !s.val) return null;
    const refs = [s.tx, s.cat, s.val];
    if (
      refs.some((r) => r.sheet !== sheet) ||
      s.cat.col !== first.cat.col ||
      s.val.top !== first.cat.top ||
      s.val.bottom !== first.cat.bottom
    )
      return null;
    columns.push(s.val.col);
  }
  const axisFormat = /<c:valAx>[\s\S]*?<c:numFmt\b[^>]*formatCode="([^"]*)"/.exec(xml)?.[1];
  const valueFormat: NumberFormatName | undefined = axisFormat?.includes("%")
    ? "percent"
    : axisFormat?.includes("#,##0")
      ? "money"
      : undefined;
  return {
    title,
    headerRow: first.tx.top,
    firstRow: first.cat.top,
    lastRow: first.cat.bottom,
    categoryColumn: first.cat.col,
    firstSeriesColumn: Math.min(...columns),
    lastSeriesColumn: Math.max(...columns),
    ...(valueFormat ? { valueFormat } : {}),
    anchor: { row: at.row, column: at.column },
    width: at.width,
    height: at.height,
  };
}
