/**
 * End-to-end `daihou day` timing (not a test): makes a book of n accounts
 * holding the history of the three months before and of this month's 1st, 2nd
 * and 15th (as in `npm run bench`), saves it as .xlsx with the ledger of the
 * next day (and of the 1st of the next month) as .csv, then times whole `daihou day` processes on a fresh copy of
 * that book, alternating the CLI bundles given (e.g. the build before a change
 * and after), best of --runs. Run: `node scripts/bench-day.mjs --sizes=10000
 * --cli=dist/cli-before.cjs --cli=dist/cli.cjs --runs=5`.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Papa from "papaparse";
import { runDailyJob } from "../src/app/dailyJob";
import { MemoryBook } from "../src/app/memoryBook";
import { LEDGER_SHEET } from "../src/app/names";
import { generateLoans, sampleLedger } from "../src/app/sampleStore";
import { type Day, addMonths, isoDay, monthBounds, monthOf, parseIsoDay } from "../src/domain/days";
import { defaultSettings } from "../src/domain/settings";
import { saveBook } from "../src/node/book";

const T: Day = parseIsoDay("2026-11-16");
/** The month's first run after T (no sheet for the month yet, no carried flags: the three months before are read and decoded). */
const NEXT_MONTH: Day = parseIsoDay("2026-12-01");
const settings = defaultSettings();

/** The days the job ran before t: 1st, 2nd, 16th, 17th and last of the three months before, and the 1st, 2nd and 15th of t's month. */
function runDays(t: Day): Day[] {
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

const arg = (name: string): string[] => process.argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));

async function main(): Promise<void> {
  const sizes = (arg("sizes")[0] ?? "10000").split(",").map(Number);
  const clis = arg("cli").map((c) => resolve(c));
  const runs = Number(arg("runs")[0] ?? "5");
  const dir = arg("dir")[0] ?? join(tmpdir(), "daihou-bench-day");
  mkdirSync(dir, { recursive: true });
  for (const n of sizes) {
    const bookPath = join(dir, `book-${n}.xlsx`);
    const loans = generateLoans({ loans: n, from: parseIsoDay("2024-06-01"), to: T - 1, seed: 11 });
    if (!existsSync(bookPath)) {
      const book = new MemoryBook();
      for (const t of runDays(T)) {
        book.put(LEDGER_SHEET, sampleLedger(loans, t));
        runDailyJob(book, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
      }
      await saveBook(book, bookPath);
    }
    for (const day of [T, NEXT_MONTH]) {
      const csvPath = join(dir, `ledger-${n}-${isoDay(day)}.csv`);
      if (!existsSync(csvPath)) {
        const rows = sampleLedger(loans, day).map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))));
        writeFileSync(csvPath, Papa.unparse(rows));
      }
      const best = clis.map(() => Number.POSITIVE_INFINITY);
      const all: number[][] = clis.map(() => []);
      const cpu: number[][] = clis.map(() => []);
      for (let i = 0; i < runs; i++) {
        clis.forEach((cli, j) => {
          const copy = join(dir, `run-${n}.xlsx`);
          copyFileSync(bookPath, copy);
          // The child notes its own CPU time (user + system) as it exits: less disturbed than the wall clock by other work on the machine.
          const cpuPath = join(dir, "cpu.json");
          const main = `process.on("exit",()=>require("node:fs").writeFileSync(${JSON.stringify(cpuPath)},JSON.stringify(process.cpuUsage())));require(${JSON.stringify(cli)}).main(process.argv.slice(1),{stdout:()=>{},stderr:(t)=>process.stderr.write(t)}).then((c)=>{process.exitCode=c})`;
          const args = ["-e", main, "day", "--book", copy, "--date", isoDay(day), "--ledger", csvPath];
          const t0 = performance.now();
          execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
          const took = performance.now() - t0;
          const { user, system } = JSON.parse(readFileSync(cpuPath, "utf8")) as { user: number; system: number };
          all[j].push(took);
          cpu[j].push((user + system) / 1000);
          best[j] = Math.min(best[j], took);
        });
      }
      clis.forEach((cli, j) => {
        const runsText = all[j].map((x) => x.toFixed(0)).join(", ");
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        console.log(
          `${n} accounts, day ${isoDay(day)}, ${cli}: wall best ${best[j].toFixed(0)} ms, median ${median(all[j]).toFixed(0)} ms of ${runs} (${runsText}); CPU best ${Math.min(...cpu[j]).toFixed(0)} ms, median ${median(cpu[j]).toFixed(0)} ms`,
        );
      });
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
