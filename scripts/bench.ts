/**
 * Benchmarks (not tests): the daily job's engine time next to the time to merely
 * parse the same ledger CSV (the floor), the book's read and write time, the
 * port calls a run makes (each maps to a fixed number of Sheets service calls),
 * one `daihou day` on a 700-loan book after 180 daily runs, and the month-end
 * custom functions (M1_RATIO …) through the built Apps Script bundle on a fake
 * spreadsheet holding 20,000 accounts × 24 months of history.
 * Writes docs/BENCHMARKS.md (pass --no-write to only print; --history-functions
 * to run only the custom-function section; --engine for only the engine table, without the book's read and write;
 * --sheets-calls for only the Sheets service calls; --shapes for only the schedule beside the ledger (issue 15);
 * --sizes=1000,10000 for other ledger sizes).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import Papa from "papaparse";
import { runDailyJob } from "../src/app/dailyJob";
import { MemoryBook, type MemorySheet } from "../src/app/memoryBook";
import type { WriteOptions } from "../src/app/port";
import { LEDGER_SHEET } from "../src/app/names";
import { generateLoans, rng, sampleLedger } from "../src/app/sampleStore";
import type { Cell } from "../src/domain/cells";
import { type Day, type MonthKey, addMonths, dayFromYmd, isoDay, monthBounds, monthOf, parseIsoDay } from "../src/domain/days";
import {
  HISTORY_CELLS_PER_ACCOUNT_MONTH,
  MonthRecords,
  type Observation,
  encodeMonth,
  historySheetName,
  monthRecordOf,
} from "../src/domain/history";
import { defaultSettings } from "../src/domain/settings";
import { loadBook, saveBook } from "../src/node/book";
import { readTableFile } from "../src/node/tableFile";
import { FakeSpreadsheetApp } from "../test/sheets/fakeSpreadsheet";
import { cacheBench } from "./benchCache";
import { bookDaysBench } from "./benchBookDays";
import { shapesBench } from "./benchShapes";

const T: Day = parseIsoDay("2026-11-16");
const settings = defaultSettings();
const dir = mkdtempSync(join(tmpdir(), "daihou-bench-"));

function best(n: number, fn: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

async function bestAsync(n: number, fn: () => Promise<void>): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/**
 * The in-memory book the engine is timed on: it keeps the rows the job hands it
 * as they are (MemoryBook copies them, to guard against a caller changing them
 * later), so the engine's time ends at the rows it writes. A block of columns
 * written into the ledger is kept aside as handed and merged into the ledger's
 * rows only when the sheet is next read or the book saved (`settle`): merging
 * 100,000 rows in place grew every row (tens of MB, all of it live), the book's
 * work and not the engine's, as Sheets' setValues is. The job never changes
 * rows it has written; the local book's own read and write are timed separately below.
 */
class KeepingBook extends MemoryBook {
  /** Blocks of columns written and not merged yet, by sheet, in order. */
  private readonly blocks = new Map<string, { firstColumn: number; rows: Cell[][] }[]>();

  override write(sheet: string, rows: Cell[][], options: WriteOptions = {}): void {
    this.count("write");
    this.blocks.delete(sheet);
    const old = this.sheets.get(sheet);
    this.sheets.set(sheet, {
      name: sheet,
      values: rows,
      rowColours: old?.rowColours ?? [],
      dropdowns: [],
      charts: old?.charts ?? [],
      options,
    });
  }

  override writeColumns(sheet: string, firstColumn: number, rows: Cell[][]): void {
    this.count("writeColumns");
    if (!this.sheets.has(sheet)) throw new Error(`no sheet ${sheet}`);
    const pending = this.blocks.get(sheet) ?? [];
    pending.push({ firstColumn, rows });
    this.blocks.set(sheet, pending);
  }

  override read(sheet: string): Cell[][] | null {
    this.settle(sheet);
    return super.read(sheet);
  }

  override readHeader(sheet: string): Cell[] | null {
    this.settle(sheet);
    return super.readHeader(sheet);
  }

  override put(sheet: string, values: readonly (readonly Cell[])[], options: WriteOptions = {}): MemorySheet {
    this.blocks.delete(sheet);
    return super.put(sheet, values, options);
  }

  /** Merges the blocks of columns written into a sheet (every sheet when none is named) into its rows. */
  settle(only?: string): void {
    for (const [sheet, pending] of this.blocks) {
      if (only !== undefined && sheet !== only) continue;
      this.blocks.delete(sheet);
      const values = this.sheets.get(sheet)?.values as Cell[][];
      for (const { firstColumn, rows } of pending) {
        for (let i = 0; i < rows.length; i++) {
          values[i] = [...(values[i] ?? [])];
          for (let j = 0; j < rows[i].length; j++) values[i][firstColumn - 1 + j] = rows[i][j];
        }
      }
    }
  }
}

/** Timed runs of the engine (and of the floor) per ledger size. */
const ENGINE_RUNS = 7;

/** The days the job has run before t in the benchmark's book: 1st, 2nd, 16th, 17th and last of the three months before, and the 1st, 2nd and 15th of t's month. */
function historyRunDays(t: Day): Day[] {
  const days: Day[] = [];
  const month = monthOf(t);
  for (let k = -3; k <= -1; k++) {
    const { first, last } = monthBounds(addMonths(month, k));
    days.push(first, first + 1, first + 15, first + 16, last);
  }
  const { first } = monthBounds(month);
  days.push(first, first + 1, first + 14);
  return days.filter((d) => d < t);
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const lines: string[] = [];
const say = (s: string) => {
  console.log(s);
  lines.push(s);
};

/** Runs "Run today's work" in the built bundle on a fake spreadsheet of 1,000, 10,000 and 100,000 rows and counts Apps Script service calls. */
async function sheetsServiceCalls(): Promise<void> {
  say("\n## Sheets adapter: service calls per run of today's work\n");
  say(
    "The built bundle (build/Code.js) on a fake spreadsheet that counts every call on every Apps Script object (test/sheets/fakeSpreadsheet.ts), ledger dates as Date cells at Shanghai midnight.\n",
  );
  say("| ledger rows | service calls | getValues | setValues | time in the fake |");
  say("| ---: | ---: | ---: | ---: | ---: |");
  execFileSync(process.execPath, [join(process.cwd(), "scripts", "build.mjs")], { stdio: "ignore" });
  const code = readFileSync(join(process.cwd(), "build", "Code.js"), "utf8");
  for (const n of [1_000, 10_000, 100_000]) {
    const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai", locale: "zh_CN" });
    const loans = generateLoans({ loans: n, from: parseIsoDay("2024-06-01"), to: T - 1, seed: 11 });
    const rows = sampleLedger(loans, T).map((r, i) =>
      r.map((c) => {
        if (i > 0 && typeof c === "string" && /^\d{4}-\d{2}-\d{2}$/.test(c)) {
          const [y, m, d] = c.split("-").map(Number);
          return new Date(Date.UTC(y, m - 1, d) - 8 * 3_600_000);
        }
        return c === "" ? null : c;
      }),
    );
    app.spreadsheet.addSheet(LEDGER_SHEET, rows);
    const context = vm.createContext({ ...app.globals(), console: { log() {}, info() {}, warn() {}, error() {} } });
    vm.runInContext(code, context, { filename: "Code.js" });
    app.counter.reset();
    const t0 = performance.now();
    (context.runDailyJobFor as (d: string) => string)(isoDay(T));
    const took = performance.now() - t0;
    const by = app.counter.byName;
    say(
      `| ${n.toLocaleString("en-US")} | ${app.counter.total} | ${by.get("Range.getValues") ?? 0} | ${by.get("Range.setValues") ?? 0} | ${ms(took)} |`,
    );
  }
}

async function main(): Promise<void> {
  const write = !process.argv.includes("--no-write");
  const engineOnly = process.argv.includes("--engine");
  say(
    `# Benchmarks\n\nMachine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. Run: \`npm run bench\`.\n`,
  );
  if (process.argv.includes("--history-functions")) {
    historyFunctionsBench();
    return;
  }
  if (process.argv.includes("--book-days")) {
    await bookDaysBench(say, dir);
    return;
  }
  if (process.argv.includes("--book")) {
    await bookBench();
    return;
  }
  if (process.argv.includes("--sheets-calls")) {
    await sheetsServiceCalls();
    return;
  }
  if (process.argv.includes("--shapes")) {
    await shapesBench(say, dir, T, settings);
    return;
  }
  say("## Daily job engine vs. parsing the ledger CSV\n");
  say(
    `Engine = from the parsed ledger rows to the rows it writes (parse, classify, history, tasks, call sheet), on an in-memory book holding the history of the three months before (the job run on the 1st, 2nd, 16th, 17th and last day of each) and of this month's 1st, 2nd and 15th, as in real use; each timed run starts from that same book (the daily case: a new day). The book keeps the rows the job hands it as they are (no copies, and a block of ledger columns is merged into the ledger only when next read: the engine's time ends at the rows it writes; the local book's read and write are timed on their own). Floor = papaparse reading the same CSV text. Best of ${ENGINE_RUNS}, alternating floor and engine so both see the same machine load, each run starting from a collected heap (a full collection just before).\n`,
  );
  say("| accounts | CSV parse (floor) | engine | engine ÷ floor | port calls per run | peak RSS |");
  say("| ---: | ---: | ---: | ---: | --- | ---: |");
  const sizes = process.argv
    .find((a) => a.startsWith("--sizes="))
    ?.slice(8)
    .split(",")
    .map(Number) ?? [1_000, 10_000, 100_000];
  // The floor as measured right after an engine run, for the note under the table.
  const floorsAfterEngine: { n: number; floor: number; engine: number }[] = [];
  for (const n of sizes) {
    const loans = generateLoans({ loans: n, from: parseIsoDay("2024-06-01"), to: T - 1, seed: 11 });
    const rows = sampleLedger(loans, T);
    const csv = Papa.unparse(rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))));
    const table = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data as Cell[][];
    const book = new KeepingBook();
    for (const t of historyRunDays(T)) {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      runDailyJob(book, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    }
    book.settle();
    const before = new Map([...book.sheets].map(([name, sheet]) => [name, sheet.values]));
    const restore = () => {
      for (const name of book.sheetNames()) if (!before.has(name)) book.deleteSheet(name);
      for (const [name, values] of before) book.put(name, values);
      book.put(LEDGER_SHEET, table);
    };
    let floor = Number.POSITIVE_INFINITY;
    let floorAfterEngine = Number.POSITIVE_INFINITY;
    let engine = Number.POSITIVE_INFINITY;
    // PROFILE=file.cpuprofile: a CPU profile of the timed runs (floor and engine) only.
    const inspector = process.env.PROFILE ? new Session() : null;
    if (inspector) {
      inspector.connect();
      await new Promise((r) => inspector.post("Profiler.enable", () => inspector.post("Profiler.start", r)));
    }
    for (let i = 0; i < ENGINE_RUNS; i++) {
      // Each timed run, the floor's and the engine's, starts from a collected heap.
      global.gc?.();
      floor = Math.min(
        floor,
        best(1, () => {
          Papa.parse(csv, { skipEmptyLines: false });
        }),
      );
      restore();
      global.gc?.();
      for (const k of Object.keys(book.calls)) delete book.calls[k];
      engine = Math.min(
        engine,
        best(1, () => {
          runDailyJob(book, { t: T, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
        }),
      );
      // The floor again, straight after the engine's run, without a collection first (its young generation grown).
      floorAfterEngine = Math.min(
        floorAfterEngine,
        best(1, () => {
          Papa.parse(csv, { skipEmptyLines: false });
        }),
      );
    }
    floorsAfterEngine.push({ n, floor: floorAfterEngine, engine });
    if (inspector) {
      await new Promise((r) =>
        inspector.post("Profiler.stop", (_e: unknown, { profile }: { profile: unknown }) => {
          writeFileSync(process.env.PROFILE as string, JSON.stringify(profile));
          r(null);
        }),
      );
    }
    const perRun = Object.fromEntries(Object.entries(book.calls));
    global.gc?.();
    say(
      `| ${n.toLocaleString("en-US")} | ${ms(floor)} | ${ms(engine)} | ${(engine / floor).toFixed(2)} | ${Object.entries(perRun)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")} | ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB |`,
    );
    if (!engineOnly && (n === 10_000 || n === 100_000)) {
      const csvPath = join(dir, `ledger-${n}.csv`);
      writeFileSync(csvPath, csv);
      const readCsv = await bestAsync(1, async () => {
        await readTableFile(csvPath);
      });
      const bookPath = join(dir, `book-${n}.xlsx`);
      book.settle();
      const save = await bestAsync(1, () => saveBook(book, bookPath));
      const load = await bestAsync(1, async () => {
        await loadBook(bookPath);
      });
      say(`|  | readTableFile(.csv) ${ms(readCsv)} | book write ${ms(save)} | book read ${ms(load)} |  |  |`);
    }
  }

  say(
    `\nThe floor depends on the heap it starts from: papaparse keeps nearly all it makes, so its time is mostly the young generation's collections, and a young generation already grown by the run before makes them fewer. Measured again straight after each engine run, without a collection first, the floor was ${floorsAfterEngine
      .map((f) => `${ms(f.floor)} at ${f.n.toLocaleString("en-US")} (engine ÷ that: ${(f.engine / f.floor).toFixed(2)})`)
      .join(", ")}. The table's figure starts both from the same collected heap, as a fresh process reading a ledger does.`,
  );
  if (engineOnly) return;
  say("\n## `daihou day` on a 700-loan book after 180 daily runs\n");
  const loans = generateLoans({ loans: 700, from: parseIsoDay("2025-01-01"), to: T - 1, seed: 5 });
  const book = new MemoryBook();
  const first = T - 180;
  for (let t = first; t < T; t++) {
    book.put(LEDGER_SHEET, sampleLedger(loans, t));
    runDailyJob(book, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
  }
  const bookPath = join(dir, "book-700.xlsx");
  await saveBook(book, bookPath);
  const ledgerPath = join(dir, "ledger-700.csv");
  writeFileSync(
    ledgerPath,
    Papa.unparse(sampleLedger(loans, T).map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))),
  );
  const cli = join(process.cwd(), "bin", "daihou.js");
  execFileSync(process.execPath, [cli, "--help"], { stdio: "ignore" }); // bundle the CLI first
  const t0 = performance.now();
  execFileSync(process.execPath, [cli, "day", "--book", bookPath, "--date", isoDay(T), "--ledger", ledgerPath], { stdio: "ignore" });
  const dayMs = performance.now() - t0;
  const t1 = performance.now();
  execFileSync(process.execPath, [cli, "day", "--book", bookPath, "--date", isoDay(T), "--ledger", ledgerPath], { stdio: "ignore" });
  const againMs = performance.now() - t1;
  say(`One run (whole process: start, read the book and the ledger, the job, save): ${ms(dayMs)}; the same date again: ${ms(againMs)}.`);
  say(
    `History: ${HISTORY_CELLS_PER_ACCOUNT_MONTH} cells per account per month whatever the number of runs; 20,000 accounts × 36 months = ${(20_000 * 36 * HISTORY_CELLS_PER_ACCOUNT_MONTH).toLocaleString("en-US")} cells.`,
  );
  await sheetsServiceCalls();
  historyFunctionsBench();
  await shapesBench(say, dir, T, settings);
  await bookDaysBench(say, dir);
  if (write) writeFileSync(join(process.cwd(), "docs", "BENCHMARKS.md"), `${lines.join("\n")}\n${keptSections()}`);
}

/** Where the sections this script does not write begin in docs/BENCHMARKS.md (other issues' figures, scripts/bench-chain.ts's): kept as they are. */
const KEEP_MARK = "<!-- Sections below are not written by scripts/bench.ts: it keeps them as they are. -->";

/** The part of docs/BENCHMARKS.md from KEEP_MARK on ("" when it has none). */
function keptSections(): string {
  const path = join(process.cwd(), "docs", "BENCHMARKS.md");
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return "";
  }
  const at = text.indexOf(KEEP_MARK);
  return at < 0 ? "" : `\n${text.slice(at)}`;
}

// ---------------------------------------------------------------- the local book's read and write

/** `--book`: only the local book's save and load (and one `daihou day` on it) at 10,000 and 100,000 accounts; printed, not written. */
async function bookBench(): Promise<void> {
  say("## The local book: save and load\n");
  say("The book after three daily runs (ledger, a month of history, three call sheets). One run each.\n");
  say("| accounts | saveBook | loadBook | file | `daihou day` (same date again) |");
  say("| ---: | ---: | ---: | ---: | ---: |");
  for (const n of [10_000, 100_000]) {
    const loans = generateLoans({ loans: n, from: parseIsoDay("2024-06-01"), to: T - 1, seed: 11 });
    const book = new MemoryBook();
    for (const t of [T - 2, T - 1, T]) {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      runDailyJob(book, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    }
    const bookPath = join(dir, `book-${n}.xlsx`);
    const save = await bestAsync(1, () => saveBook(book, bookPath));
    const load = await bestAsync(1, async () => {
      await loadBook(bookPath);
    });
    const csvPath = join(dir, `ledger-${n}.csv`);
    writeFileSync(csvPath, Papa.unparse(sampleLedger(loans, T).map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))));
    const cli = join(process.cwd(), "bin", "daihou.js");
    const t0 = performance.now();
    execFileSync(process.execPath, [cli, "day", "--book", bookPath, "--date", isoDay(T), "--ledger", csvPath], { stdio: "ignore" });
    const day = performance.now() - t0;
    const size = readFileSync(bookPath).length / 2 ** 20;
    say(`| ${n.toLocaleString("en-US")} | ${ms(save)} | ${ms(load)} | ${size.toFixed(1)} MB | ${ms(day)} |`);
  }
}

// ---------------------------------------------------------------- the month-end custom functions

/** Accounts and months of the history the custom functions are timed on. */
const HF_ACCOUNTS = 20_000;
const HF_MONTHS = 24;
/** The month asked for: complete, and the job has run on the first 15 days of the next (the history's last month). */
const HF_LAST: MonthKey = "2026-10";
const HF_NEXT_DAYS = 15;

/**
 * The history sheets' rows (encodeMonth) of `accounts` loans over `months`
 * months ending with `last`, the job run on every day (in the last month only
 * on its first `lastMonthDays` days). Each loan pays on its due
 * day (1 or 16) with probability 0.93, else goes unpaid until it cures (a few
 * percent a day); one over 180 days late is written off, one paid down settles.
 */
function generatedHistory(accounts: number, months: number, last: MonthKey, lastMonthDays: number): { month: MonthKey; rows: Cell[][] }[] {
  const random = rng(20261031);
  const first = addMonths(last, -(months - 1));
  const loans = Array.from({ length: accounts }, (_, i) => {
    const installment = 500 + Math.floor(random() * 30) * 100;
    return {
      id: `L${String(i + 1).padStart(6, "0")}`,
      dueDay: i % 2 === 0 ? 1 : 16,
      installment,
      principal: installment * (months + 12 + Math.floor(random() * 24)),
      obs: { oldestUnpaid: null, principal: 0, status: "A" } as Observation,
    };
  });
  for (const l of loans) l.obs = { oldestUnpaid: null, principal: l.principal, status: "A" };
  const out: { month: MonthKey; rows: Cell[][] }[] = [];
  for (let k = 0; k < months; k++) {
    const month = addMonths(first, k);
    const { first: from, last: end } = monthBounds(month);
    const to = k === months - 1 ? Math.min(end, from + lastMonthDays - 1) : end;
    const runDays: Day[] = [];
    for (let t = from; t <= to; t++) runDays.push(t);
    const records = new MonthRecords(month);
    const [y, m] = month.split("-").map(Number);
    for (const l of loans) {
      const due = dayFromYmd(y, m, l.dueDay);
      const obs = new Map<Day, Observation>();
      let o = l.obs;
      for (const t of runDays) {
        if (o.status === "A") {
          if (o.oldestUnpaid === null && t === due && random() >= 0.93) o = { ...o, oldestUnpaid: due };
          else if (o.oldestUnpaid === null && t === due) o = { ...o, principal: Math.max(0, o.principal - l.installment) };
          else if (o.oldestUnpaid !== null && t - o.oldestUnpaid > 180) o = { ...o, status: "W" };
          else if (o.oldestUnpaid !== null && random() < (t - o.oldestUnpaid < 30 ? 0.06 : 0.01))
            o = { oldestUnpaid: null, principal: Math.max(0, o.principal - l.installment), status: "A" };
          if (o.status === "A" && o.principal <= 0) o = { oldestUnpaid: null, principal: 0, status: "S" };
        }
        obs.set(t, o);
      }
      l.obs = o;
      const rec = monthRecordOf(l.id, l.dueDay, runDays, (r) => obs.get(r) as Observation);
      records.put(rec.loanId, rec.dueDay, rec.text);
    }
    out.push({ month, rows: encodeMonth({ month, runDays, records }) });
  }
  return out;
}

/**
 * Times each history custom function through build/Code.js (loaded as Apps
 * Script loads it) on a fake spreadsheet holding the generated history. The
 * fake's getValues copies the cells in memory: Sheets' own read of the same
 * cells (4 sheets × 20,000 rows × 3 cells per call) comes on top.
 */
function historyFunctionsBench(): void {
  say(
    `\n## Month-end custom functions in the built bundle: ${HF_ACCOUNTS.toLocaleString("en-US")} accounts × ${HF_MONTHS} months of history\n\nThe history ends on the ${HF_NEXT_DAYS}th of the month after ${HF_LAST}, so ${HF_LAST} is the latest complete month and its figures read 4 sheets.\n`,
  );
  execFileSync(process.execPath, [join(process.cwd(), "scripts", "build.mjs")], { stdio: "ignore" });
  const codePath = join(process.cwd(), "build", "Code.js");
  const code = readFileSync(codePath, "utf8");
  const g0 = performance.now();
  const history = generatedHistory(HF_ACCOUNTS, HF_MONTHS, addMonths(HF_LAST, 1), HF_NEXT_DAYS);
  const generated = performance.now() - g0;
  const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai", locale: "zh_CN" });
  for (const { month, rows } of history) app.spreadsheet.addSheet(historySheetName(month), rows);
  const chars = history
    .slice(-4)
    .reduce((n, h) => n + h.rows.reduce((k, r) => k + r.reduce((c: number, v) => c + String(v ?? "").length, 0), 0), 0);
  const context = vm.createContext({ ...app.globals(), console });
  const l0 = performance.now();
  vm.runInContext(code, context, { filename: "Code.js" });
  const loadMs = performance.now() - l0;
  const fn = (name: string) => context[name] as (...args: unknown[]) => unknown;
  say(
    `History generated in ${ms(generated)} (${history.length} sheets of ${HF_ACCOUNTS.toLocaleString("en-US")} rows; the 4 sheets one call reads hold ${(chars / 2 ** 20).toFixed(1)} M characters). build/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB, loaded (parsed and run) in ${ms(loadMs)}.`,
  );
  say(
    "The bundle runs in its own vm context, as the tests load it (slower than Node's own realm, closer to Apps Script). First call, then the best of 3. Each call reads the history sheets it needs with one getValues each, nothing cached between calls (this spreadsheet has no run stamp, Daihou_Run, so the history functions' cache is off; it is measured in the next section): the month and the month before when the job ran on every day the figures need, the months either side too when not (last row).\n",
  );
  say("| call | result | first | best of 3 | getValues per call |");
  say("| --- | --- | ---: | ---: | ---: |");
  const n = 20_000;
  const buckets = Array.from({ length: n }, (_, i) => [["C", "C", "C", "C", "C", "C", "M1", "M2", "M3", "M3+"][i % 10]]);
  const principal = Array.from({ length: n }, (_, i) => [1000 + (i % 97) * 100]);
  const prior = Array.from({ length: n }, (_, i) => [i % 50 === 0 ? 0 : 1100 + (i % 89) * 100]);
  const calls: [string, unknown[]][] = [
    ["M1_RATIO", [HF_LAST]],
    ["M1_RATIO", [HF_LAST, "#"]],
    ["M1_RATIO", []],
    ["M2_RATIO", [HF_LAST]],
    ["M3PLUS_RATIO", [HF_LAST]],
    ["CM1_RATE", [HF_LAST]],
    ["ROLL_RATE", ["M1", "M2", HF_LAST, "#"]],
    ["ROLL_RATE", ["C", "M1"]],
    ["ROLL_MATRIX", [HF_LAST, "#"]],
    ["ROLL_MATRIX", [HF_LAST, "$", "2026-11-15 07:02:11 #300"]],
    ["OVERDUE_RATIO", ["M1", buckets, principal, prior]],
    ["M1_RATIO", [HF_LAST]],
  ];
  const header = app.spreadsheet.sheet(historySheetName(HF_LAST)).cells[0];
  const runs = header[2];
  for (const [i, [name, args]] of calls.entries()) {
    // The worst case: the job did not run on the month's last day, so the four months are read.
    if (i === calls.length - 1) header[2] = String(header[2]).replace(/,31$/, "");
    app.counter.reset();
    const t0 = performance.now();
    const result = fn(name)(...args);
    const firstMs = performance.now() - t0;
    const reads = app.counter.count("Range.getValues");
    const bestMs = best(3, () => {
      fn(name)(...args);
    });
    const shown = args.map((a) => (Array.isArray(a) ? `${a.length}×1 range` : JSON.stringify(a))).join(", ");
    const value =
      typeof result === "number"
        ? `${(result * 100).toFixed(3)}%`
        : Array.isArray(result)
          ? `${result.length}×${result[0].length} matrix`
          : String(result);
    const note = i === calls.length - 1 ? ", 31 Oct not run" : "";
    say(
      `| \`${name}(${shown})\`${note} | ${value.length > 60 ? `${value.slice(0, 60)}…` : value} | ${ms(firstMs)} | ${ms(bestMs)} | ${reads} |`,
    );
  }
  header[2] = runs;
  cacheBench(app, fn, [addMonths(HF_LAST, -1), HF_LAST], say);
  global.gc?.();
  say(`\nPeak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB. Sheets' limit for one custom-function call is 30 s.`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
