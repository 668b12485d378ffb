/**
 * The fast path of the local book (issue 18): a book opened part by part. Its
 * sheets are parsed only when the job reads them (a history month's header
 * alone when only its fingerprint is wanted), and saving rewrites only the
 * sheets the job wrote, deleted or added (sheetWriter.ts) and the index parts
 * that list the sheets (workbook, its relationships, content types, defined
 * names, docProps/app.xml, styles when a style was added). Every other part —
 * older history months and call sheets, reports, charts, the store's sheets,
 * the shared strings — is copied as the zip held it, compressed bytes and all.
 * A book the fast path cannot handle raises `FastPathUnavailable`, and
 * `updateBook` runs the work again on the slow path (load.ts/save.ts, ExcelJS).
 */
import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import type { MemorySheet } from "../../app/memoryBook";
import type { ChartSpec, Dropdown, RowColourRule, WriteOptions } from "../../app/port";
import type { Cell } from "../../domain/cells";
import { loadExcelNumberFormats } from "../excel";
import { type WorkbookText, cellFormats, sharedStrings, xmlText } from "../sheetXml";
import { FileUnusableError, readInputFile } from "../tableFile";
import { loadBook } from "./load";
import { LocalBook } from "./localBook";
import { saveBook } from "./save";
import { readHeaderRow, readSheetPart } from "./sheetReader";
import { FastPathUnavailable, type RawFormats, sheetXml } from "./sheetWriter";
import { StyleTable } from "./styleTable";
import { type RawEntry, inflateEntry, readRawZip } from "../zip";
import { packEntry, writeRawZip } from "./zipParts";

const WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
/** Zip level of the parts the fast path writes (as save.ts: Node's zlib at its fastest). */
const LEVEL = 1;

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlText(m[1] ?? m[2] ?? "") : undefined;
}

function escAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A sheet as the workbook lists it. */
interface SheetEntry {
  name: string;
  path: string;
  tag: string;
}

/** The opened file: its parts (compressed) and the index parts read. */
interface Package {
  entries: Map<string, RawEntry>;
  workbook: string;
  rels: string;
  contentTypes: string;
  sheets: SheetEntry[];
  styles: StyleTable;
  text: WorkbookText;
}

const relsPathOf = (path: string) => `${path.slice(0, path.lastIndexOf("/"))}/_rels/${path.slice(path.lastIndexOf("/") + 1)}.rels`;

/** The sheets in the workbook's order, each loaded when first asked for. */
class LazySheets extends Map<string, MemorySheet> {
  private order: string[] = [];
  private readonly loaded = new Map<string, MemorySheet>();
  private loader: (name: string, values: boolean) => MemorySheet = () => {
    throw new Error("no loader");
  };

  init(order: readonly string[], loader: (name: string, values: boolean) => MemorySheet): void {
    this.order = order.slice();
    this.loader = loader;
  }
  isLoaded(name: string): boolean {
    return this.loaded.has(name);
  }
  /** Loads a sheet's formatting only (its values are about to be replaced). */
  loadShell(name: string): void {
    if (this.order.includes(name) && !this.loaded.has(name)) this.loaded.set(name, this.loader(name, false));
  }
  override get(name: string): MemorySheet | undefined {
    if (!this.order.includes(name)) return undefined;
    let sheet = this.loaded.get(name);
    if (!sheet) {
      sheet = this.loader(name, true);
      this.loaded.set(name, sheet);
    }
    return sheet;
  }
  override has(name: string): boolean {
    return this.order.includes(name);
  }
  override set(name: string, sheet: MemorySheet): this {
    if (!this.order.includes(name)) this.order.push(name);
    this.loaded?.set(name, sheet);
    return this;
  }
  override delete(name: string): boolean {
    const i = this.order.indexOf(name);
    if (i < 0) return false;
    this.order.splice(i, 1);
    this.loaded.delete(name);
    return true;
  }
  override clear(): void {
    this.order = [];
    this.loaded.clear();
  }
  override get size(): number {
    return this.order?.length ?? 0;
  }
  override keys(): MapIterator<string> {
    return this.order.slice()[Symbol.iterator]() as MapIterator<string>;
  }
  override *values(): MapIterator<MemorySheet> {
    for (const name of this.order.slice()) yield this.get(name) as MemorySheet;
  }
  override *entries(): MapIterator<[string, MemorySheet]> {
    for (const name of this.order.slice()) yield [name, this.get(name) as MemorySheet];
  }
  override [Symbol.iterator](): MapIterator<[string, MemorySheet]> {
    return this.entries();
  }
  override forEach(fn: (value: MemorySheet, key: string, map: Map<string, MemorySheet>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/** A book opened part by part (see the module's comment). */
export class FastBook extends LocalBook {
  declare readonly sheets: LazySheets;
  /** Sheets written (or made) by this run: these are rewritten on save. */
  readonly dirty = new Set<string>();
  /** The store's formats on the sheets loaded, as the file had them. */
  readonly rawForeign = new Map<string, RawFormats>();
  /** Sheets linking to other parts (drawings, comments): the fast path does not rewrite these. */
  readonly linked = new Set<string>();
  /** The sheets parsed (a test sees which were). */
  readonly parsed: string[] = [];

  constructor(readonly pkg: Package) {
    super();
    const sheets = new LazySheets();
    (this as { sheets: Map<string, MemorySheet> }).sheets = sheets;
    sheets.init(
      pkg.sheets.map((s) => s.name),
      (name, values) => this.loadSheet(name, values),
    );
  }

  /** A sheet's part as text; with `shell`, its cells left out (only the bytes around them are decoded). */
  private part(name: string, shell = false): string {
    const entry = this.pkg.sheets.find((s) => s.name === name);
    const raw = entry ? this.pkg.entries.get(entry.path) : undefined;
    if (!raw) throw new FastPathUnavailable(`no part for sheet ${name}`);
    const bytes = inflateEntry(raw);
    if (shell) {
      const start = bytes.indexOf("<sheetData>");
      const end = start < 0 ? -1 : bytes.indexOf("</sheetData>", start);
      if (start >= 0 && end > start)
        return `${bytes.toString("utf8", 0, start)}<sheetData/>${bytes.toString("utf8", end + "</sheetData>".length)}`;
    }
    return bytes.toString("utf8");
  }

  private loadSheet(name: string, values: boolean): MemorySheet {
    const xml = this.part(name, !values);
    if (values) this.parsed.push(name);
    const read = readSheetPart(name, xml, this.pkg.text, this.pkg.styles);
    this.rawForeign.set(name, read.foreign);
    if (read.linksParts) this.linked.add(name);
    return read.sheet;
  }

  override readHeader(sheet: string): Cell[] | null {
    if (!this.sheets.has(sheet) || this.sheets.isLoaded(sheet) || !this.pkg.sheets.some((s) => s.name === sheet))
      return super.readHeader(sheet);
    this.count("readHeader");
    const row = readHeaderRow(this.part(sheet), this.pkg.text);
    if (row === null) throw new FastPathUnavailable(`sheet ${sheet} is not one the fast reader recognises`);
    return row;
  }

  override put(name: string, values: readonly (readonly Cell[])[], options: WriteOptions = {}): MemorySheet {
    this.sheets.loadShell(name);
    this.dirty.add(name);
    return super.put(name, values, options);
  }
  override write(sheet: string, rows: Cell[][], options: WriteOptions = {}): void {
    this.sheets.loadShell(sheet);
    this.dirty.add(sheet);
    super.write(sheet, rows, options);
  }
  override writeColumns(sheet: string, firstColumn: number, rows: Cell[][]): void {
    this.dirty.add(sheet);
    super.writeColumns(sheet, firstColumn, rows);
  }
  override setRowColours(sheet: string, rules: RowColourRule[]): void {
    this.dirty.add(sheet);
    super.setRowColours(sheet, rules);
  }
  override setDropdowns(sheet: string, dropdowns: Dropdown[]): void {
    this.dirty.add(sheet);
    super.setDropdowns(sheet, dropdowns);
  }
  override setCharts(sheet: string, charts: ChartSpec[]): void {
    this.dirty.add(sheet);
    super.setCharts(sheet, charts);
  }
  override deleteSheet(sheet: string): void {
    super.deleteSheet(sheet);
    this.dirty.delete(sheet);
    this.rawForeign.delete(sheet);
  }
}

/**
 * Opens a book for the fast path; null when it is not one the fast path handles
 * (a hidden sheet — Daihou's dropdown lists —, a chart sheet, a sheet part
 * elsewhere than xl/worksheets/, a zip it cannot read, no styles part).
 */
export async function openFastBook(path: string): Promise<FastBook | null> {
  const bytes = await readInputFile(path);
  if (bytes.length === 0) throw new FileUnusableError(path, "empty");
  let entries: Map<string, RawEntry>;
  try {
    entries = new Map(readRawZip(bytes).map((e) => [e.name, e]));
  } catch {
    return null;
  }
  const text = (name: string) => {
    const e = entries.get(name);
    return e ? inflateEntry(e).toString("utf8") : undefined;
  };
  try {
    const workbook = text("xl/workbook.xml");
    const rels = text("xl/_rels/workbook.xml.rels");
    const contentTypes = text("[Content_Types].xml");
    const stylesXml = text("xl/styles.xml");
    if (!workbook || !rels || !contentTypes || !stylesXml) return null;
    const targets = new Map<string, { type: string; target: string }>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], "Id");
      const target = attr(m[0], "Target");
      if (id && target)
        targets.set(id, { type: attr(m[0], "Type") ?? "", target: target.startsWith("/") ? target.slice(1) : `xl/${target}` });
    }
    const sheets: SheetEntry[] = [];
    for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
      const name = attr(m[0], "name");
      const rel = targets.get(attr(m[0], "r:id") ?? "");
      const state = attr(m[0], "state");
      if (name === undefined || !rel || rel.type !== WORKSHEET_TYPE || !/^xl\/worksheets\/[^/]+\.xml$/.test(rel.target)) return null;
      if (!entries.has(rel.target) || (state !== undefined && state !== "visible")) return null;
      sheets.push({ name, path: rel.target, tag: m[0] });
    }
    if (sheets.length === 0 || /<(x:|\w+:)?sheets\b[^>]*>[\s\S]*<\/\1?sheets>[\s\S]*<sheets\b/.test(workbook)) return null;
    const styles = new StyleTable(stylesXml);
    if (!styles.usable) return null;
    const strings = entries.has("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : undefined;
    const pkg: Package = {
      entries,
      workbook,
      rels,
      contentTypes,
      sheets,
      styles,
      text: {
        sharedStrings: [],
        cellFormats: cellFormats(stylesXml, await loadExcelNumberFormats()),
        date1904: /<workbookPr\b[^>]*\sdate1904\s*=\s*["'](1|true)["']/.test(workbook),
      },
    };
    // The shared strings are read when a sheet first needs them (the sheets Daihou rewrites hold their text inline).
    let shared: string[] | undefined;
    Object.defineProperty(pkg.text, "sharedStrings", {
      get: () => (shared ??= strings === undefined ? [] : sharedStrings(text(strings) ?? "")),
    });
    return new FastBook(pkg);
  } catch {
    return null;
  }
}

/** The parts of the book as this run leaves it, in the file's order (new sheets after the last kept one). */
export function fastBookParts(book: FastBook): RawEntry[] {
  const { pkg } = book;
  const names = [...book.sheets.keys()];
  const byName = new Map(pkg.sheets.map((s) => [s.name, s]));
  const kept = new Set(names);
  const deleted = pkg.sheets.filter((s) => !kept.has(s.name));
  const out = new Map(pkg.entries);
  for (const s of deleted) {
    if (pkg.entries.has(relsPathOf(s.path))) throw new FastPathUnavailable(`sheet ${s.name} links to other parts`);
    out.delete(s.path);
  }

  // New parts' names and relationship ids, after the highest in use.
  let sheetNumber = Math.max(0, ...[...pkg.entries.keys()].map((p) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p)?.[1] ?? 0)));
  let relNumber = Math.max(0, ...[...pkg.rels.matchAll(/\sId="rId(\d+)"/g)].map((m) => Number(m[1])));
  let sheetId = Math.max(0, ...pkg.sheets.map((s) => Number(attr(s.tag, "sheetId") ?? 0)));
  const tags: string[] = [];
  const newRels: string[] = [];
  const newTypes: string[] = [];
  const printTitles = new Map<number, string>();
  const written = new Map<string, RawEntry>();
  names.forEach((name, index) => {
    const old = byName.get(name);
    let path = old?.path;
    if (!old) {
      path = `xl/worksheets/sheet${++sheetNumber}.xml`;
      const rid = `rId${++relNumber}`;
      tags.push(`<sheet name="${escAttr(name)}" sheetId="${++sheetId}" r:id="${rid}"/>`);
      newRels.push(`<Relationship Id="${rid}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${sheetNumber}.xml"/>`);
      newTypes.push(`<Override PartName="/${path}" ContentType="${WORKSHEET_CONTENT}"/>`);
    } else tags.push(old.tag);
    if (!old || book.dirty.has(name)) {
      if (book.linked.has(name)) throw new FastPathUnavailable(`sheet ${name} links to other parts`);
      const { xml, printTitles: titles } = sheetXml(book.sheets.get(name) as MemorySheet, pkg.styles, book.rawForeign.get(name));
      written.set(path as string, packEntry(path as string, xml, LEVEL));
      out.delete(relsPathOf(path as string));
      if (titles) printTitles.set(index, `${sheetRefOf(name)}!${titles}`);
    } else if (old) {
      // A kept sheet keeps its print titles (renumbered below).
    }
  });

  // The workbook: its sheets, their print titles and other sheet-local names renumbered, the active tab kept in range.
  const oldIndex = new Map(pkg.sheets.map((s, i) => [s.name, i]));
  const newIndexOfOld = new Map<number, number>();
  names.forEach((name, i) => {
    const o = oldIndex.get(name);
    if (o !== undefined) newIndexOfOld.set(o, i);
  });
  const definedNames: string[] = [];
  const namesXml = /<definedNames>([\s\S]*?)<\/definedNames>/.exec(pkg.workbook)?.[1] ?? "";
  for (const m of namesXml.matchAll(/<definedName\b[^>]*?(?:\/>|>[\s\S]*?<\/definedName>)/g)) {
    const local = attr(m[0], "localSheetId");
    if (local === undefined) {
      definedNames.push(m[0]);
      continue;
    }
    const now = newIndexOfOld.get(Number(local));
    if (now === undefined) continue;
    if (attr(m[0], "name") === "_xlnm.Print_Titles" && book.dirty.has(names[now])) continue;
    definedNames.push(m[0].replace(/\slocalSheetId="\d+"/, ` localSheetId="${now}"`));
  }
  for (const [i, ref] of printTitles)
    definedNames.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escAttr(ref)}</definedName>`);
  let workbook = pkg.workbook.replace(/<sheets>[\s\S]*?<\/sheets>/, () => `<sheets>${tags.join("")}</sheets>`);
  const definedXml = definedNames.length > 0 ? `<definedNames>${definedNames.join("")}</definedNames>` : "";
  workbook = /<definedNames>[\s\S]*?<\/definedNames>/.test(workbook)
    ? workbook.replace(/<definedNames>[\s\S]*?<\/definedNames>/, () => definedXml)
    : workbook.replace("</sheets>", () => `</sheets>${definedXml}`);
  workbook = workbook.replace(/(<workbookView\b[^>]*?\s)(activeTab|firstSheet)="(\d+)"/g, (all, head: string, key: string, n: string) =>
    Number(n) < names.length ? all : `${head}${key}="0"`,
  );

  const deletedPaths = new Set(deleted.map((s) => s.path));
  const deletedRel = (tag: string) => {
    const target = attr(tag, "Target") ?? "";
    return deletedPaths.has(target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  };
  const rels = pkg.rels
    .replace(/<Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/Relationship>)/g, (tag) => (deletedRel(tag) ? "" : tag))
    .replace("</Relationships>", () => `${newRels.join("")}</Relationships>`);
  const types = pkg.contentTypes
    .replace(/<Override\b[^>]*?\/>/g, (tag) => (deletedPaths.has((attr(tag, "PartName") ?? "").replace(/^\//, "")) ? "" : tag))
    .replace("</Types>", () => `${newTypes.join("")}</Types>`);

  const changed = new Map<string, string>([
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", rels],
    ["[Content_Types].xml", types],
  ]);
  if (pkg.styles.changed) changed.set("xl/styles.xml", pkg.styles.xml());
  const appEntry = pkg.entries.get("docProps/app.xml");
  if (appEntry && (deleted.length > 0 || names.some((n) => !byName.has(n))))
    changed.set("docProps/app.xml", appXml(inflateEntry(appEntry).toString("utf8"), names));

  const parts: RawEntry[] = [];
  let lastSheet = -1;
  for (const [name, entry] of out) {
    const text = changed.get(name);
    parts.push(text !== undefined ? packEntry(name, text, LEVEL) : (written.get(name) ?? entry));
    written.delete(name);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) lastSheet = parts.length - 1;
  }
  parts.splice(lastSheet + 1, 0, ...written.values());
  return parts;
}

/** docProps/app.xml with the sheets' titles; its lists left out when they hold more than the sheets (they are optional). */
function appXml(xml: string, names: readonly string[]): string {
  const heading = /<HeadingPairs>[\s\S]*?<\/HeadingPairs>/.exec(xml)?.[0] ?? "";
  const onlySheets = (heading.match(/<vt:lpstr>/g) ?? []).length === 1 && heading.includes("<vt:lpstr>Worksheets</vt:lpstr>");
  if (!onlySheets) return xml.replace(/<HeadingPairs>[\s\S]*?<\/HeadingPairs>/, "").replace(/<TitlesOfParts>[\s\S]*?<\/TitlesOfParts>/, "");
  return xml
    .replace(
      /(<vt:lpstr>Worksheets<\/vt:lpstr><\/vt:variant><vt:variant><vt:i4>)\d+(<\/vt:i4>)/,
      (_a, h: string, t: string) => `${h}${names.length}${t}`,
    )
    .replace(
      /<TitlesOfParts>[\s\S]*?<\/TitlesOfParts>/,
      () =>
        `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${escAttr(n)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>`,
    );
}

function sheetRefOf(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Saves a book opened by `openFastBook`: its parts to `path.tmp`, flushed, then renamed over the book. */
export async function saveFastBook(book: FastBook, path: string, afterPart?: (index: number, name: string) => void): Promise<void> {
  const parts = fastBookParts(book);
  const tmp = `${path}.tmp`;
  try {
    await writeRawZip(tmp, parts, afterPart);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Which path a run takes: `DAIHOU_BOOK_IO=exceljs` keeps every run on the slow path (to compare the two). */
function fastPathWanted(): boolean {
  return process.env.DAIHOU_BOOK_IO !== "exceljs";
}

/**
 * Opens the book at `path` (a new LocalBook when there is none), runs `work` on
 * it and saves it when `work` says so: on the fast path when the book is one it
 * handles, else — or when the fast path meets something it does not handle,
 * reading or saving — on the slow path, the work run again on the book loaded
 * whole (nothing was saved in between).
 */
export async function updateBook<T>(path: string, work: (book: LocalBook) => { result: T; save: boolean }): Promise<T> {
  if (existsSync(path) && fastPathWanted()) {
    const fast = await openFastBook(path);
    if (fast) {
      try {
        const { result, save } = work(fast);
        if (save) await saveFastBook(fast, path);
        return result;
      } catch (e) {
        if (!(e instanceof FastPathUnavailable)) throw e;
      }
    }
  }
  const book = existsSync(path) ? await loadBook(path) : new LocalBook();
  const { result, save } = work(book);
  if (save) await saveBook(book, path);
  return result;
}
