/**
 * Benchmark section (issue 15): `classify` and `day` on a 20,000-loan store given
 * as a repayment schedule (还款计划, one row per installment) beside the same
 * store given as a ledger (one row per loan). In-process: reading the CSV and
 * classifying; whole process (`daihou …` started afresh): time and peak RSS.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { generateLoans, sampleLedger, sampleSchedule } from "../src/app/sampleStore";
import type { Cell } from "../src/domain/cells";
import { type Day, isoDay, parseIsoDay } from "../src/domain/days";
import type { Settings } from "../src/domain/settings";
import { classifyTable } from "../src/node/classifyCommand";
import { readTableFile } from "../src/node/tableFile";

const LOANS = 20_000;

function csvText(rows: Cell[][]): string {
  return Papa.unparse(rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))));
}

/** A whole `daihou` process: wall time and peak RSS (GNU time), output thrown away. */
function processRun(args: string[]): { ms: number; rssMb: number | null } {
  const cli = join(process.cwd(), "bin", "daihou.js");
  const gnuTime = existsSync("/usr/bin/time");
  const t0 = performance.now();
  const run = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "RSS_KB=%M", process.execPath, cli, ...args], { stdio: ["ignore", "ignore", "pipe"] })
    : spawnSync(process.execPath, [cli, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  if (run.status !== 0) throw new Error(`daihou ${args[0]} exited ${run.status}: ${String(run.stderr).slice(-500)}`);
  const out = String(run.stderr);
  const ms = performance.now() - t0;
  const kb = /RSS_KB=(\d+)/.exec(out);
  return { ms, rssMb: kb ? Number(kb[1]) / 1024 : null };
}

/** Runs the section; `say` prints a line and keeps it for docs/BENCHMARKS.md. */
export async function shapesBench(say: (s: string) => void, dir: string, T: Day, settings: Settings): Promise<void> {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const mb = (x: number | null) => (x === null ? "—" : `${x.toFixed(0)} MB`);
  say(`\n## A repayment schedule beside the same store as a ledger (${LOANS.toLocaleString("en-US")} loans)\n`);
  const loans = generateLoans({ loans: LOANS, from: parseIsoDay("2024-06-01"), to: T - 1, seed: 11 });
  const shapes = [
    { name: "ledger", rows: sampleLedger(loans, T) },
    { name: "schedule", rows: sampleSchedule(loans, T) },
  ];
  say(
    "Same generated loans, date " +
      `${isoDay(T)}. In-process: \`readTableFile\` (papaparse) then \`classifyTable\` (the schedule's roll-up happens as its rows are read), best of 3. ` +
      "Whole process: `daihou classify --json` and `daihou day` on a new book, each a fresh Node process (start, read, work, write), one run; peak RSS by GNU time.\n",
  );
  say("| input | rows | CSV | read CSV | classify | `daihou classify` | peak RSS | `daihou day` (new book) | peak RSS |");
  say("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  execFileSync(process.execPath, [join(process.cwd(), "bin", "daihou.js"), "--help"], { stdio: "ignore" }); // bundle the CLI first
  for (const shape of shapes) {
    const path = join(dir, `${shape.name}-${LOANS}.csv`);
    writeFileSync(path, csvText(shape.rows));
    const rowCount = shape.rows.length - 1;
    shape.rows = [];
    let read = Number.POSITIVE_INFINITY;
    let classify = Number.POSITIVE_INFINITY;
    let active = 0;
    for (let i = 0; i < 3; i++) {
      global.gc?.();
      const t0 = performance.now();
      const table = await readTableFile(path);
      const t1 = performance.now();
      active = classifyTable(table, settings, T).rows.length;
      const t2 = performance.now();
      read = Math.min(read, t1 - t0);
      classify = Math.min(classify, t2 - t1);
    }
    const cls = processRun(["classify", "--ledger", path, "--date", isoDay(T), "--json"]);
    const book = join(dir, `book-${shape.name}-${LOANS}.xlsx`);
    const day = processRun(["day", "--book", book, "--ledger", path, "--date", isoDay(T)]);
    const size = (statSync(path).size / 2 ** 20).toFixed(1);
    say(
      `| ${shape.name} (${active.toLocaleString("en-US")} active) | ${rowCount.toLocaleString("en-US")} | ${size} MB | ${ms(read)} | ${ms(classify)} | ${ms(cls.ms)} | ${mb(cls.rssMb)} | ${ms(day.ms)} | ${mb(day.rssMb)} |`,
    );
  }
}
