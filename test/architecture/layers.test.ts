/**
 * The layers, enforced (docs/ARCHITECTURE.md): every import in src/ is read from
 * the source text, and
 * - domain imports nothing above it (only domain; no Node APIs, no Apps Script);
 * - app imports only domain and app;
 * - ui, sheets and node (the adapters) import domain and app, and the ui's bridge
 *   types; sheets and node never import each other;
 * - no circle of value imports (type-only imports are erased by the compiler and
 *   may point anywhere allowed above).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(__dirname, "../../src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

interface Import {
  /** The module imported: a path under src/ (no extension), or a package name. */
  target: string;
  /** Only types: `import type …`, `export type …`, or every name marked `type`. */
  typeOnly: boolean;
}

const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*["']([^"']+)["']/gm;
const SIDE_EFFECT_RE = /^\s*import\s+["']([^"']+)["']/gm;
const DYNAMIC_RE = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** A relative specifier as the file it names, relative to src/ and without extension. */
function resolveTarget(from: string, spec: string): string {
  if (!spec.startsWith(".")) return spec;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return relative(SRC, candidate).replace(/\.ts$/, "");
    } catch {
      // not this one
    }
  }
  return relative(SRC, base);
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const names = m[3];
    const braces = /^\{([\s\S]*)\}$/.exec(names.trim());
    const listed = braces
      ? braces[1]
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    const allTypes = listed.length > 0 && listed.every((s) => s.startsWith("type "));
    out.push({ target: resolveTarget(file, m[4]), typeOnly: m[2] !== undefined || allTypes });
  }
  for (const m of text.matchAll(SIDE_EFFECT_RE)) out.push({ target: resolveTarget(file, m[1]), typeOnly: false });
  for (const m of text.matchAll(DYNAMIC_RE)) out.push({ target: resolveTarget(file, m[1]), typeOnly: false });
  return out;
}

const files = filesUnder(SRC);
const graph = new Map(files.map((f) => [relative(SRC, f).replace(/\.ts$/, ""), importsOf(f)]));
const layerOf = (module: string) => module.split("/")[0];
const LOCAL = new Set(["domain", "app", "sheets", "ui", "node"]);

/** The layers each layer may import (its own included). */
const ALLOWED: Record<string, readonly string[]> = {
  domain: ["domain"],
  app: ["domain", "app"],
  ui: ["domain", "app", "ui"],
  sheets: ["domain", "app", "ui", "sheets"],
  node: ["domain", "app", "ui", "node"],
};

describe("the layers", () => {
  it("reads every module of src/", () => {
    expect(graph.size).toBeGreaterThan(50);
    for (const layer of LOCAL) expect([...graph.keys()].some((m) => layerOf(m) === layer)).toBe(true);
  });

  it("each layer imports only the layers below it (and the adapters only the ui's bridge types)", () => {
    const wrong: string[] = [];
    for (const [module, imports] of graph) {
      const layer = layerOf(module);
      for (const { target, typeOnly } of imports) {
        const to = layerOf(target);
        if (!LOCAL.has(to)) continue;
        if (!ALLOWED[layer].includes(to)) wrong.push(`${module} → ${target}`);
        // An adapter reaches into the ui only for the bridge's types (the ui's code runs in the browser).
        else if (to === "ui" && layer !== "ui" && !typeOnly) wrong.push(`${module} → ${target} (a value from the ui)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the domain uses no Node API and no Apps Script service", () => {
    const wrong: string[] = [];
    for (const [module, imports] of graph) {
      if (layerOf(module) !== "domain") continue;
      for (const { target } of imports)
        if (target.startsWith("node:") || ["fs", "path", "os", "crypto"].includes(target)) wrong.push(`${module} → ${target}`);
      const text = readFileSync(join(SRC, `${module}.ts`), "utf8");
      if (/\b(SpreadsheetApp|PropertiesService|ScriptApp|HtmlService|Utilities)\./.test(text)) wrong.push(`${module} uses Apps Script`);
    }
    expect(wrong).toEqual([]);
  });

  it("no circle of value imports", () => {
    const values = new Map(
      [...graph].map(([m, imports]) => [m, imports.filter((i) => !i.typeOnly && graph.has(i.target)).map((i) => i.target)]),
    );
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (m: string) => {
      state.set(m, "open");
      stack.push(m);
      for (const next of values.get(m) ?? []) {
        if (state.get(next) === "open") circles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(m, "done");
    };
    for (const m of values.keys()) if (!state.has(m)) visit(m);
    expect(circles).toEqual([]);
  });
});

describe("the modules", () => {
  it("are each at most 500 lines (the course text aside)", () => {
    const long = files
      .filter((f) => !f.endsWith(join("domain", "guidance.ts")))
      .map((f) => [relative(SRC, f), readFileSync(f, "utf8").split("\n").length - 1] as const)
      .filter(([, lines]) => lines > 500);
    expect(long).toEqual([]);
  });
});
