/**
 * Benchmarks (not tests): the daily job's engine time next to the time to merely
 * parse the same ledger CSV (the floor), the book's read and write time, the
 * port calls a run makes (each maps to a fixed number of Sheets service calls),
 * and one `daihou day` on a 700-loan book after 180 daily runs.
 * Writes docs/BENCHMARKS.md (pass --no-write to only print).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { runDailyJob } from "../src/app/dailyJob";
import { MemoryBook } from "../src/app/memoryBook";
import { LEDGER_SHEET } from "../src/app/names";
import { generateLoans, sampleLedger } from "../src/app/sampleStore";
import type { Cell } from "../src/domain/cells";
import { type Day, isoDay, parseIsoDay } from "../src/domain/days";
import { HISTORY_CELLS_PER_ACCOUNT_MONTH } from "../src/domain/history";
import { defaultSettings } from "../src/domain/settings";
import { loadBook, saveBook } from "../src/node/book";
import { readTableFile } from "../src/node/tableFile";

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

const ms = (x: number) => `${x.toFixed(0)} ms`;
const lines: string[] = [];
const say = (s: string) => {
  console.log(s);
  lines.push(s);
};

async function main(): Promise<void> {
  const write = !process.argv.includes("--no-write");
  say(`# Benchmarks\n\nMachine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. Run: \`npm run bench\`.\n`);
  say("## Daily job engine vs. parsing the ledger CSV\n");
  say("Engine = from the parsed ledger rows to the rows it writes (parse, classify, history, tasks, call sheet), on an in-memory book with a month of history already recorded. Floor = papaparse reading the same CSV text. Best of 3.\n");
  say("| accounts | CSV parse (floor) | engine | engine ÷ floor | port calls per run | peak RSS |");
  say("| ---: | ---: | ---: | ---: | --- | ---: |");
  for (const n of [1_000, 10_000, 100_000]) {
    const loans = generateLoans({ loans: n, from: parseIsoDay("2024-06-01"), to: T - 1, seed: 11 });
    const rows = sampleLedger(loans, T);
    const csv = Papa.unparse(rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))));
    const floor = best(3, () => {
      Papa.parse(csv, { skipEmptyLines: false });
    });
    const table = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data as Cell[][];
    const book = new MemoryBook();
    // A history month already holding the previous days, as in real use.
    for (const t of [T - 2, T - 1]) {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      runDailyJob(book, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    }
    book.put(LEDGER_SHEET, table);
    for (const k of Object.keys(book.calls)) delete book.calls[k];
    const engine = best(3, () => {
      book.put(LEDGER_SHEET, table);
      runDailyJob(book, { t: T, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    });
    const perRun = Object.fromEntries(Object.entries(book.calls).map(([k, v]) => [k, v / 3]));
    global.gc?.();
    say(
      `| ${n.toLocaleString("en-US")} | ${ms(floor)} | ${ms(engine)} | ${(engine / floor).toFixed(2)} | ${Object.entries(perRun)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")} | ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB |`,
    );
    if (n === 10_000 || n === 100_000) {
      const csvPath = join(dir, `ledger-${n}.csv`);
      writeFileSync(csvPath, csv);
      const readCsv = await bestAsync(1, async () => {
        await readTableFile(csvPath);
      });
      const bookPath = join(dir, `book-${n}.xlsx`);
      const save = await bestAsync(1, () => saveBook(book, bookPath));
      const load = await bestAsync(1, async () => {
        await loadBook(bookPath);
      });
      say(`|  | readTableFile(.csv) ${ms(readCsv)} | book write ${ms(save)} | book read ${ms(load)} |  |  |`);
    }
  }

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
  writeFileSync(ledgerPath, Papa.unparse(sampleLedger(loans, T).map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))));
  const cli = join(process.cwd(), "bin", "daihou.js");
  execFileSync(process.execPath, [cli, "--help"], { stdio: "ignore" }); // bundle the CLI first
  const t0 = performance.now();
  execFileSync(process.execPath, [cli, "day", "--book", bookPath, "--date", isoDay(T), "--ledger", ledgerPath], { stdio: "ignore" });
  const dayMs = performance.now() - t0;
  const t1 = performance.now();
  execFileSync(process.execPath, [cli, "day", "--book", bookPath, "--date", isoDay(T), "--ledger", ledgerPath], { stdio: "ignore" });
  const againMs = performance.now() - t1;
  say(`One run (whole process: start, read the book and the ledger, the job, save): ${ms(dayMs)}; the same date again: ${ms(againMs)}.`);
  say(`History: ${HISTORY_CELLS_PER_ACCOUNT_MONTH} cells per account per month whatever the number of runs; 20,000 accounts × 36 months = ${(20_000 * 36 * HISTORY_CELLS_PER_ACCOUNT_MONTH).toLocaleString("en-US")} cells.`);
  if (write) writeFileSync(join(process.cwd(), "docs", "BENCHMARKS.md"), `${lines.join("\n")}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
