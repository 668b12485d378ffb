/**
 * Sheets' recalculation of custom functions, as the fake models it: a formula
 * cell calling a custom function is computed when it is first seen and then
 * ONLY when the value of one of its arguments changes — never because the data
 * the function reads by itself (Daihou's history) changed, nor because a day
 * passed (Google's custom-functions guide). `recalculate()` plays one round of
 * Sheets recalculating the fake spreadsheet through the loaded script's
 * functions.
 *
 * Formulas understood: `=NAME(arg, …)` with arguments that are blank, "text",
 * numbers, a named range (Daihou_Run), or a range (`A2:A9`, `'Sheet'!K2:K50`).
 */
import type { FakeSheet, FakeSpreadsheetApp } from "./fakeSpreadsheet";

type Fn = (...args: unknown[]) => unknown;

/** One argument as written. */
type ArgExpr = { blank: true } | { text: string } | { number: number } | { name: string } | { sheet: string | null; a1: string };

/** "A" → 1, "AB" → 28. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Splits `a, "b, c", d` at top-level commas. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted: string | null = null;
  for (const ch of text) {
    if (quoted) {
      cur += ch;
      if (ch === quoted) quoted = null;
    } else if (ch === '"' || ch === "'") {
      quoted = ch;
      cur += ch;
    } else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((a) => a.trim());
}

/** A formula's function and arguments; null when it is not one call of a function. */
export function parseFormula(formula: string): { name: string; args: ArgExpr[] } | null {
  const m = /^=\s*([A-Z_][A-Z0-9_]*)\s*\((.*)\)\s*$/is.exec(formula);
  if (!m) return null;
  const inner = m[2].trim();
  const args =
    inner === ""
      ? []
      : splitArgs(inner).map((a): ArgExpr => {
          if (a === "") return { blank: true };
          if (a.startsWith('"')) return { text: a.slice(1, -1).replace(/""/g, '"') };
          if (/^-?\d+(\.\d+)?$/.test(a)) return { number: Number(a) };
          const range = /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/i.exec(a);
          if (range && /\d/.test(range[3]))
            return { sheet: (range[1] ?? range[2] ?? null)?.replace(/''/g, "'") ?? null, a1: range[3].replace(/\$/g, "") };
          return { name: a };
        });
  return { name: m[1].toUpperCase(), args };
}

/** Sheets' recalculation of the custom-function cells of a fake spreadsheet. */
export class Recalc {
  /** Per formula cell ("sheet!row,col"): the argument values it was computed with, and its result. */
  private readonly computed = new Map<string, { formula: string; key: string; value: unknown }>();
  /** Executions of custom functions, by function name. */
  readonly executions = new Map<string, number>();

  constructor(
    private readonly app: FakeSpreadsheetApp,
    private readonly fn: (name: string) => Fn,
  ) {}

  /** The value of an argument as Sheets passes it: one value for one cell, else rows of values. */
  private argValue(a: ArgExpr, home: FakeSheet): unknown {
    if ("blank" in a) return "";
    if ("text" in a) return a.text;
    if ("number" in a) return a.number;
    const ss = this.app.spreadsheet;
    let values: unknown[][];
    if ("name" in a) {
      const r = ss.getRangeByName(a.name);
      if (!r) return `#NAME? ${a.name}`;
      values = r.getValues();
    } else {
      const sheet = a.sheet === null ? home : ss.sheet(a.sheet);
      const [from, to = from] = a.a1.toUpperCase().split(":");
      const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(from) as RegExpExecArray;
      const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(to) as RegExpExecArray;
      const row = Number(r1);
      const col = columnNumber(c1);
      values = sheet.readArea({ row, col, rows: Number(r2) - row + 1, cols: columnNumber(c2) - col + 1 });
    }
    return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
  }

  /** One round of recalculation (of one sheet's cells when `only` names it); returns how many cells were computed (the rest kept their cached results). */
  recalculate(only?: string): number {
    let executed = 0;
    for (const sheet of this.app.spreadsheet.sheets) {
      if (only !== undefined && sheet.getName() !== only) continue;
      for (const [cell, formula] of sheet.formulas) {
        const parsed = parseFormula(formula);
        if (!parsed) continue;
        const id = `${sheet.getName()}!${cell}`;
        const args = parsed.args.map((a) => this.argValue(a, sheet));
        const key = JSON.stringify(args, (_k, v) =>
          v instanceof this.app.dateConstructor || v instanceof Date ? { date: (v as Date).getTime() } : v,
        );
        const known = this.computed.get(id);
        if (known && known.formula === formula && known.key === key) continue;
        let value: unknown;
        try {
          value = this.fn(parsed.name)(...args);
        } catch (e) {
          value = `#ERROR! ${e instanceof Error ? e.message : String(e)}`;
        }
        this.executions.set(parsed.name, (this.executions.get(parsed.name) ?? 0) + 1);
        executed++;
        this.computed.set(id, { formula, key, value });
      }
    }
    return executed;
  }

  /** The value a formula cell shows (1-based row and column); a range result as rows. */
  value(sheet: string, row: number, col: number): unknown {
    return this.computed.get(`${sheet}!${row},${col}`)?.value;
  }
}
