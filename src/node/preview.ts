/**
 * `npm run preview -- [--book B.xlsx] [--port N] [--date D] [--lang zh|en]`: the
 * sidebar and the settings dialog in a local browser. A loopback-only HTTP
 * server (127.0.0.1) serves build/Sidebar.html and build/Settings.html with a
 * `google.script.run` shim that POSTs each call to the same server functions
 * (src/app/sidebarService.ts) running on a local book — the demo store, made
 * in memory, when no --book is given. `?mode=course|customer|settings`,
 * `?lang=zh|en`, `?loan=ID` (that account's card; it stands for the selected row).
 * A book given with --book is saved after each recorded call; settings are kept
 * in memory for the session.
 */
import { readFileSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { MemoryBook } from "../app/memoryBook";
import { LEDGER_SHEET, dateOfCallSheet } from "../app/names";
import { localStamp } from "../app/recordOutcomes";
import { type SidebarContext, customerCard, getSettingsView, recordFromSidebar, saveSettingsJson } from "../app/sidebarService";
import { type Day, addMonths, isoDay, monthBounds, monthOf, parseIsoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { type Settings, defaultSettings } from "../domain/settings";
import type { Boot, ServerHandlers, ServerName } from "../ui/bridge";
import { loadBook, saveBook, withBookLock } from "./book";
import { DEMO_DATE, DEMO_FROM, demoBook } from "./demoCommand";

/** How the preview starts. */
export interface PreviewOptions {
  /** A book in memory (tests); else `bookPath`; else the demo store. */
  book?: MemoryBook;
  bookPath?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The day the card is for (yyyy-MM-dd); default: the book's latest call sheet, else today. */
  date?: string;
  /** The language when the page does not ask for one. */
  lang?: Lang;
  /** Where Sidebar.html and Settings.html are (default ./build). */
  htmlDir?: string;
  settings?: Settings;
}

/** A running preview. */
export interface PreviewServer {
  url: string;
  port: number;
  book: MemoryBook;
  date: string;
  settings(): Settings;
  close(): Promise<void>;
}

/** The google.script.run stand-in: each call POSTs its arguments as JSON to /rpc/NAME. */
function shim(lang: Lang): string {
  return `<script>
window.google = { script: { run: (function () {
  function make(ok, fail) {
    return new Proxy({}, { get: function (_, name) {
      if (name === "withSuccessHandler") return function (h) { return make(h, fail); };
      if (name === "withFailureHandler") return function (h) { return make(ok, h); };
      return function () {
        var args = Array.prototype.slice.call(arguments);
        fetch("/rpc/" + encodeURIComponent(String(name)) + "?lang=${lang}", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args) })
          .then(function (r) { return r.json(); })
          .then(function (b) { if (b.error !== undefined) { if (fail) fail(new Error(b.error)); } else if (ok) ok(b.value); })
          .catch(function (e) { if (fail) fail(e); });
      };
    } });
  }
  return make(null, null);
})() } };
</script>`;
}

function latestCallSheetDay(book: MemoryBook): Day | null {
  let best: Day | null = null;
  for (const name of book.sheets.keys()) {
    const d = dateOfCallSheet(name);
    if (d !== null && (best === null || d > best)) best = d;
  }
  return best;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) {
        fail(new Error("request too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => ok(Buffer.concat(chunks).toString("utf8")));
    req.on("error", fail);
  });
}

/** The pane a preview address opens: `?mode=` when it names one, else the customer card when `?loan=` names an account, else the course. */
export function previewMode(mode: string | null, loan: string | null): Boot["mode"] {
  if (mode === "customer" || mode === "settings" || mode === "course") return mode;
  return (loan ?? "").trim() !== "" ? "customer" : "course";
}

/** Starts the preview server on 127.0.0.1. */
export async function startPreview(options: PreviewOptions = {}): Promise<PreviewServer> {
  const book: MemoryBook = options.book ?? (options.bookPath ? await loadBook(options.bookPath) : demo(options.lang ?? "zh"));
  const htmlDir = options.htmlDir ?? resolve(process.cwd(), "build");
  let settings = options.settings ?? defaultSettings();
  const day = options.date ? parseIsoDay(options.date) : (latestCallSheetDay(book) ?? parseIsoDay(localStamp(new Date()).slice(0, 10)));
  if (Number.isNaN(day)) throw new Error(`--date ${options.date}: not a date (write it like 2026-11-30)`);
  const date = isoDay(day);
  const defaultLang: Lang = options.lang ?? (settings.language === "en" ? "en" : "zh");
  const langOf = (v: string | null): Lang =>
    v === "zh" || v === "en" ? v : settings.language === "zh" || settings.language === "en" ? settings.language : defaultLang;
  let saving = Promise.resolve();
  /** Saves the book (one save after another); the call that asked for it waits for it, and a failure (the book locked by `daihou day`) is its error, not a crash or a later call's. */
  const persist = (): Promise<void> => {
    const path = options.bookPath;
    if (!path) return Promise.resolve();
    saving = saving.catch(() => undefined).then(() => withBookLock(path, () => saveBook(book, path)));
    return saving;
  };

  const rpc = (name: string, args: unknown[], lang: Lang): unknown => {
    const cx: SidebarContext = { lang, settings, ledgerSheet: LEDGER_SHEET, recordedAt: localStamp(new Date()) };
    // The bridge's functions (src/ui/bridge.ts), typed by it: the same names and shapes as src/sheets/entry.ts.
    const handlers = {
      sidebarCard: (loanId) => customerCard(book, String(loanId ?? ""), date, cx),
      // The preview has no selection (and does not poll).
      sidebarSelection: () => ({ loanId: "", hint: "" }),
      sidebarRecord: (form) => {
        const r = recordFromSidebar(book, form, cx);
        return r.ok ? persist().then(() => r) : r;
      },
      settingsLoad: () => getSettingsView(book, cx),
      settingsSave: (json) =>
        saveSettingsJson(
          {
            save: (s) => {
              settings = s;
            },
          },
          String(json ?? ""),
          lang,
        ),
    } satisfies ServerHandlers;
    if (!Object.keys(handlers).includes(name)) throw new Error(`no server function ${name}`);
    return (handlers[name as ServerName] as (...a: unknown[]) => unknown)(...args);
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const lang = langOf(url.searchParams.get("lang"));
    if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/index.html")) {
      const loan = url.searchParams.get("loan") ?? "";
      const mode = previewMode(url.searchParams.get("mode"), loan);
      const boot: Boot = { mode, lang, loan, poll: false };
      let html: string;
      try {
        html = readFileSync(resolve(htmlDir, mode === "settings" ? "Settings.html" : "Sidebar.html"), "utf8");
      } catch {
        send(res, 500, "text/plain; charset=utf-8", `No ${htmlDir}/Sidebar.html: run \`npm run build\` first.`);
        return;
      }
      const page = html
        .replace("<?!= boot ?>", () => JSON.stringify(boot).replace(/</g, "\\u003c"))
        .replace("<!--SHIM-->", () => shim(lang));
      send(res, 200, "text/html; charset=utf-8", page);
      return;
    }
    const call = /^\/rpc\/([A-Za-z]+)$/.exec(url.pathname);
    if (req.method === "POST" && call) {
      readBody(req)
        .then(async (text) => {
          const args = JSON.parse(text || "[]") as unknown;
          if (!Array.isArray(args)) throw new Error("the arguments must be a JSON array");
          // A recorded call is in the book file before the page hears it worked (else the page gets the error).
          const value = (await rpc(call[1], args, lang)) ?? null;
          send(res, 200, "application/json; charset=utf-8", JSON.stringify({ value }));
        })
        .catch((e: unknown) =>
          send(res, 200, "application/json; charset=utf-8", JSON.stringify({ error: e instanceof Error ? e.message : String(e) })),
        );
      return;
    }
    send(res, 404, "text/plain; charset=utf-8", "not found");
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    book,
    date,
    settings: () => settings,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          saving.then(
            () => ok(),
            () => ok(),
          );
        });
      }),
  };
}

function demo(lang: Lang): MemoryBook {
  const last = parseIsoDay(DEMO_DATE);
  const first = Math.min(parseIsoDay(DEMO_FROM), monthBounds(addMonths(monthOf(last), -3)).first);
  return demoBook(lang, first, last).book;
}

/** `preview` from the command line: parses the flags, starts, prints the address. */
export async function main(argv: string[]): Promise<void> {
  const opts: PreviewOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--book") opts.bookPath = value();
    else if (flag === "--port") opts.port = Number(value());
    else if (flag === "--date") opts.date = value();
    else if (flag === "--lang") opts.lang = value() === "en" ? "en" : "zh";
    else throw new Error(`unknown option ${argv[i]} (use --book B.xlsx, --port N, --date YYYY-MM-DD, --lang zh|en)`);
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port < 65536))
    throw new Error("--port must be a port number");
  const p = await startPreview(opts);
  const example = p.book.sheets.get(`呼叫表 Calls ${p.date}`)?.values[1]?.[4];
  console.log(`Daihou preview (${opts.bookPath ?? "the demo store, in memory"}, ${p.date}): ${p.url}`);
  console.log(`  course:   ${p.url}?mode=course&lang=zh`);
  console.log(`  customer: ${p.url}?mode=customer&lang=en${example ? `&loan=${encodeURIComponent(String(example))}` : ""}`);
  console.log(`  settings: ${p.url}?mode=settings`);
  console.log("Ctrl-C stops it.");
}
