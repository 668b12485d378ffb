/**
 * Builds the Apps Script project in build/ (pushed by `clasp push`, see .clasp.json):
 *
 * - build/Code.js: src/sheets/entry.ts bundled by esbuild as one minified IIFE assigned
 *   to the global `Daihou`, followed by one top-level stub per exported function of the
 *   entry, with that function's JSDoc copied verbatim — Apps Script only sees top-level
 *   functions (triggers, menu handlers, custom functions and their autocomplete help).
 *   Minified because Sheets loads the whole file on every custom-function call;
 *   `node scripts/build.mjs --no-minify` builds a readable bundle for debugging.
 * - build/appsscript.json: a copy of the manifest at the project root.
 * - build/Sidebar.html and build/Settings.html: src/ui/page.html.tmpl with src/ui/page.css
 *   and the client code (src/ui/client.ts, bundled by esbuild for the browser)
 *   inlined, served by HtmlService.createTemplateFromFile; the template's one
 *   scriptlet `<?!= boot ?>` receives the page's start data as JSON.
 *
 * Fails when the entry exports anything but documented functions with plain
 * parameters, or when the bundle holds anything Apps Script cannot run
 * (require, module.exports, process.*, import/export statements).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import * as esbuild from "esbuild";
import ts from "typescript";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = join(ROOT, "src/sheets/entry.ts");
const OUT_DIR = join(ROOT, "build");
const OUT = join(OUT_DIR, "Code.js");
const GLOBAL_NAME = "Daihou";

class BuildError extends Error {}

/** The exported functions of the entry: name, parameter names and JSDoc text. */
function publicFunctions(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const where = (node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const found = [];
  for (const stmt of source.statements) {
    if (ts.isExportDeclaration(stmt) || ts.isExportAssignment(stmt)) {
      throw new BuildError(`${where(stmt)}: export only function declarations from the entry (no re-exports or default exports)`);
    }
    const exported = ts.canHaveModifiers(stmt) && (ts.getModifiers(stmt) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (!ts.isFunctionDeclaration(stmt) || !stmt.name || !stmt.body) {
      throw new BuildError(`${where(stmt)}: the entry may export only named function declarations`);
    }
    if ((ts.getModifiers(stmt) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword || m.kind === ts.SyntaxKind.AsyncKeyword)) {
      throw new BuildError(`${where(stmt)}: ${stmt.name.text} must be a plain (not default, not async) function`);
    }
    const params = stmt.parameters.map((p) => {
      if (!ts.isIdentifier(p.name) || p.dotDotDotToken) {
        throw new BuildError(`${where(p)}: parameters of ${stmt.name.text} must be plain names (no destructuring or rest)`);
      }
      return p.name.text;
    });
    const docs = (ts.getLeadingCommentRanges(text, stmt.pos) ?? []).map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith("/**"));
    if (docs.length === 0) throw new BuildError(`${where(stmt)}: ${stmt.name.text} needs a JSDoc comment`);
    found.push({ name: stmt.name.text, params, jsdoc: docs[docs.length - 1] });
  }
  if (found.length === 0) throw new BuildError(`${relative(ROOT, file)} exports no functions`);
  return found;
}

/** The top-level stubs that hand each call to the bundle. */
function stubs(functions) {
  return functions
    .map(({ name, params, jsdoc }) => {
      const list = params.join(", ");
      return `${jsdoc}\nfunction ${name}(${list}) {\n  return ${GLOBAL_NAME}.${name}(${list});\n}\n`;
    })
    .join("\n");
}

const FORBIDDEN = [
  [/\brequire\s*\(/, "require("],
  [/\bmodule\.exports\b/, "module.exports"],
  [/\bexports\.[A-Za-z_$]/, "exports.*"],
  [/\bprocess\.[A-Za-z_$]/, "process.*"],
  [/^\s*export\s+(?:\{|\*|default\b|const\b|let\b|var\b|function\b|class\b|async\b)/m, "an ES export statement"],
  [/^\s*import\s+(?:[\w$*{]|["'])/m, "an ES import statement"],
  [/\bimport\s*\(/, "a dynamic import("],
];

/** Throws when the code holds something Apps Script cannot run. */
function checkAppsScriptSafe(code) {
  for (const [pattern, what] of FORBIDDEN) {
    const m = pattern.exec(code);
    if (m) {
      const line = code.slice(0, m.index).split("\n").length;
      throw new BuildError(`build/Code.js line ${line} holds ${what}, which Apps Script cannot run: ${code.split("\n")[line - 1].trim()}`);
    }
  }
}

/** Loads the bundle in a bare context (no Apps Script services) and checks `Daihou` has every public function. */
function checkGlobals(code, functions) {
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: "Code.js" });
  const missing = functions.filter(({ name }) => typeof context[GLOBAL_NAME]?.[name] !== "function" || typeof context[name] !== "function");
  if (missing.length > 0) throw new BuildError(`build/Code.js does not define ${missing.map((f) => f.name).join(", ")}`);
}

const UI_ENTRY = join(ROOT, "src/ui/client.ts");
const UI_PAGES = ["Sidebar", "Settings"];

/** The sidebar's HTML: the page template with its style and bundled client code inlined. */
async function buildPage() {
  const result = await esbuild.build({
    entryPoints: [UI_ENTRY],
    bundle: true,
    format: "iife",
    target: "es2019",
    platform: "browser",
    charset: "utf8",
    legalComments: "none",
    minify: !process.argv.includes("--no-minify"),
    write: false,
    logLevel: "warning",
  });
  // Inline code must not end its <script> early nor open an Apps Script scriptlet.
  const js = new TextDecoder()
    .decode(result.outputFiles[0].contents)
    .trimEnd()
    .replace(/<\/(script)/gi, "<\\/$1")
    .replace(/<!--/g, "<\\!--");
  const css = readFileSync(join(ROOT, "src/ui/page.css"), "utf8");
  for (const [what, text] of [
    ["src/ui/client.ts (bundled)", js],
    ["src/ui/page.css", css],
  ]) {
    if (/<\?|\?>/.test(text)) throw new BuildError(`${what} holds "<?" or "?>", which HtmlService would read as a scriptlet`);
  }
  const page = readFileSync(join(ROOT, "src/ui/page.html.tmpl"), "utf8");
  return page.replace("/*CSS*/", () => css).replace("/*JS*/", () => js);
}

async function main() {
  const entryText = readFileSync(ENTRY, "utf8");
  const functions = publicFunctions(ENTRY, entryText);
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "iife",
    globalName: GLOBAL_NAME,
    target: "es2020",
    platform: "neutral",
    charset: "utf8",
    legalComments: "none",
    minify: !process.argv.includes("--no-minify"),
    write: false,
    logLevel: "warning",
  });
  const bundle = new TextDecoder().decode(result.outputFiles[0].contents);
  const code = [
    "// Daihou (贷后) for Google Sheets. Generated by scripts/build.mjs from src/sheets/entry.ts: do not edit.",
    bundle.trimEnd(),
    "",
    "// ---- Top-level functions for Apps Script (triggers, menu items, custom functions). ----",
    "",
    stubs(functions),
  ].join("\n");
  checkAppsScriptSafe(code);
  checkGlobals(code, functions);

  // Everything is built before build/ is touched: a failed build leaves the last good one whole.
  const html = await buildPage();
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(OUT, code);
  copyFileSync(join(ROOT, "appsscript.json"), join(OUT_DIR, "appsscript.json"));
  for (const name of UI_PAGES) writeFileSync(join(OUT_DIR, `${name}.html`), html);
  const kb = Buffer.byteLength(code) / 1024;
  console.log(
    `built ${relative(process.cwd(), OUT)}: ${kb.toFixed(1)} KB, ${functions.length} top-level functions (${functions.map((f) => f.name).join(", ")})`,
  );
  console.log(
    `built ${UI_PAGES.map((n) => relative(process.cwd(), join(OUT_DIR, `${n}.html`))).join(", ")}: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB each`,
  );
}

main().catch((error) => {
  console.error(error instanceof BuildError ? `build failed: ${error.message}` : error);
  process.exit(1);
});
