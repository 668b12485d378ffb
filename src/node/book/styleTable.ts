/**
 * The book's styles part (xl/styles.xml) as the fast path uses it: the cell
 * styles and the conditional-format fills Daihou's sheets need, found among
 * those already there or appended (never reordered, so the kept sheets'
 * style numbers stay right), and the fill colour of a conditional format.
 */
import { xmlText } from "../sheetXml";

/** Built-in number format ids of the formats Daihou writes (the rest are custom, from 164 on). */
const BUILT_IN: Record<string, number> = { General: 0, "0.00%": 10, "#,##0.00": 4, "@": 49 };

export type Alignment = "wrap" | "top" | undefined;

function escAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The items of a list element (`<cellXfs count="n">…</cellXfs>`), each as its XML. */
function items(xml: string, list: string, item: string): { span: [number, number] | null; items: string[] } {
  const open = new RegExp(`<${list}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${list}>)`).exec(xml);
  if (!open) return { span: null, items: [] };
  const inner = open[1] ?? "";
  const re = new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, "g");
  return { span: [open.index, open.index + open[0].length], items: [...inner.matchAll(re)].map((m) => m[0]) };
}

export class StyleTable {
  private readonly numFmts: Map<string, number>;
  private readonly xfs: string[];
  private readonly dxfs: string[];
  private readonly addedNumFmts: string[] = [];
  private readonly startXfs: number;
  private readonly startDxfs: number;
  private readonly cache = new Map<string, number>();

  constructor(private readonly original: string) {
    this.numFmts = new Map();
    for (const m of items(original, "numFmts", "numFmt").items) {
      const id = /\snumFmtId="(\d+)"/.exec(m)?.[1];
      const code = /\sformatCode="([^"]*)"/.exec(m)?.[1];
      if (id !== undefined && code !== undefined) this.numFmts.set(xmlText(code), Number(id));
    }
    this.xfs = items(original, "cellXfs", "xf").items;
    this.dxfs = items(original, "dxfs", "dxf").items;
    this.startXfs = this.xfs.length;
    this.startDxfs = this.dxfs.length;
  }

  /** True when the part has what this needs to add to (cell formats). */
  get usable(): boolean {
    return this.xfs.length > 0 && /<cellXfs\b/.test(this.original);
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = Math.max(163, ...this.numFmts.values()) + 1;
      this.numFmts.set(code, id);
      this.addedNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escAttr(code)}"/>`);
    }
    return id;
  }

  /** The cell style index of a number format and alignment (0, the default, for neither). */
  cellStyle(numFmt: string | undefined, align: Alignment): number {
    const key = `${numFmt ?? ""}\u0000${align ?? ""}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const id = numFmt === undefined ? 0 : this.numFmtId(numFmt);
    let index = 0;
    if (id !== 0 || align) {
      const apply = `${id ? ' applyNumberFormat="1"' : ""}${align ? ' applyAlignment="1"' : ""}`;
      const head = `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${apply}`;
      const xf = align ? `${head}><alignment vertical="top"${align === "wrap" ? ' wrapText="1"' : ""}/></xf>` : `${head}/>`;
      index = this.xfs.indexOf(xf);
      if (index < 0) index = this.xfs.push(xf) - 1;
    }
    this.cache.set(key, index);
    return index;
  }

  /** The conditional-format style filling a row with this colour (ARGB). */
  fill(argb: string): number {
    const dxf = `<dxf><fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor rgb="${argb}"/></patternFill></fill></dxf>`;
    const i = this.dxfs.indexOf(dxf);
    return i >= 0 ? i : this.dxfs.push(dxf) - 1;
  }

  /** The fill colour (ARGB) of a conditional-format style; undefined when it has none. */
  fillColour(dxfId: number): string | undefined {
    const dxf = this.dxfs[dxfId];
    if (!dxf) return undefined;
    return /<bgColor\b[^>]*\srgb="([0-9A-Fa-f]{6,8})"/.exec(dxf)?.[1] ?? /<fgColor\b[^>]*\srgb="([0-9A-Fa-f]{6,8})"/.exec(dxf)?.[1];
  }

  /** True when styles were added. */
  get changed(): boolean {
    return this.xfs.length > this.startXfs || this.dxfs.length > this.startDxfs || this.addedNumFmts.length > 0;
  }

  /** The styles part with what was added (the original text when nothing was). */
  xml(): string {
    if (!this.changed) return this.original;
    let xml = this.original;
    if (this.dxfs.length > this.startDxfs) {
      const list = `<dxfs count="${this.dxfs.length}">${this.dxfs.join("")}</dxfs>`;
      const at = items(xml, "dxfs", "dxf").span;
      if (at) xml = xml.slice(0, at[0]) + list + xml.slice(at[1]);
      else {
        // After cellStyles (or cellXfs), where the schema puts it.
        const after = /<\/cellStyles>|<cellStyles\b[^>]*\/>/.exec(xml) ?? /<\/cellXfs>/.exec(xml);
        if (!after) throw new Error("styles: no place for dxfs");
        const i = after.index + after[0].length;
        xml = xml.slice(0, i) + list + xml.slice(i);
      }
    }
    if (this.xfs.length > this.startXfs) {
      const at = items(xml, "cellXfs", "xf").span as [number, number];
      xml = `${xml.slice(0, at[0])}<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>${xml.slice(at[1])}`;
    }
    if (this.addedNumFmts.length > 0) {
      const at = items(xml, "numFmts", "numFmt");
      if (at.span) {
        const all = [...at.items, ...this.addedNumFmts];
        xml = `${xml.slice(0, at.span[0])}<numFmts count="${all.length}">${all.join("")}</numFmts>${xml.slice(at.span[1])}`;
      } else {
        const i =
          (/<styleSheet\b[^>]*>/.exec(xml) as RegExpExecArray).index + (/<styleSheet\b[^>]*>/.exec(xml) as RegExpExecArray)[0].length;
        xml = `${xml.slice(0, i)}<numFmts count="${this.addedNumFmts.length}">${this.addedNumFmts.join("")}</numFmts>${xml.slice(i)}`;
      }
    }
    return xml;
  }
}
