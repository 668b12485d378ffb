/** A1 addresses: cell and range references, sheet names in formulas, colours (column letters: domain/a1.ts). */
import { columnNumber } from "../../domain/a1";

export { columnLetter, columnNumber } from "../../domain/a1";

export function parseAddress(text: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(text.trim());
  return m ? { col: columnNumber(m[1]), row: Number(m[2]) } : null;
}

/** `A2:F40` → its corners; a single cell is its own range. */
export function parseRange(text: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b = a] = text.trim().split(":");
  const p = parseAddress(a);
  const q = parseAddress(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** A sheet name as a formula must write it. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `#FFF59D` → `FFFFF59D` (ARGB); `FFFFF59D` → `#FFF59D`. */
export function argbOf(colour: string): string {
  let hex = colour.replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{3}$/.test(hex)) hex = [...hex].map((h) => h + h).join("");
  return /^[0-9A-F]{6}$/.test(hex) ? `FF${hex}` : /^[0-9A-F]{8}$/.test(hex) ? hex : "FFFFFF00";
}
export function hexOf(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}
