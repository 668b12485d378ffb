/**
 * `npm run bench -- --book-days [--accounts=20000 --days=40]` (issue 18): a generated store replayed
 * day by day with whole `daihou day` processes, one ledger CSV per day, on one book; beside it
 * `daihou classify` of the same ledger (best of 3 each, alternating, the day re-run on a copy of
 * the book as it was before that day). The first run makes the book (ExcelJS, the slow path);
 * every later run takes the fast path (src/node/book/fastBook.ts). Also the same last day on the
 * slow path (DAIHOU_BOOK_IO=exceljs), once, for scale.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { generateLoans, sampleLedger } from "../src/app/sampleStore";
import { type Day, isoDay, parseIsoDay } from "../src/domain/days";

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};

const FIRST: Day = parseIsoDay("2026-09-01");
const RUNS = 3;

export async function bookDaysBench(say: (s: string) => void, dir: string): Promise<void> {
  const n = arg("accounts", 20_000);
  const days = arg("days", 40);
  const cli = join(process.cwd(), "bin", "daihou.js");
  const book = join(dir, `days-${n}.xlsx`);
  const before = join(dir, `days-${n}-before.xlsx`);
  const loans = generateLoans({ loans: n, from: parseIsoDay("2024-06-01"), to: FIRST + days, seed: 11 });
  const csvOf = (t: Day) => {
    const path = join(dir, `days-ledger-${isoDay(t)}.csv`);
    writeFileSync(path, Papa.unparse(sampleLedger(loans, t).map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))));
    return path;
  };
  const timed = (args: string[], env: NodeJS.ProcessEnv = process.env): number => {
    const t0 = performance.now();
    execFileSync(process.execPath, [cli, ...args], { stdio: "ignore", env });
    return performance.now() - t0;
  };
  const dayArgs = (t: Day, csv: string) => ["day", "--book", book, "--date", isoDay(t), "--ledger", csv];
  const side = new Map<number, { day: number; classify: number; size: number }>();
  const each: number[] = [];
  const measured = new Set([5, days]);
  let slow = 0;
  for (let k = 1; k <= days; k++) {
    const t = FIRST + k - 1;
    const csv = csvOf(t);
    if (!measured.has(k)) {
      each.push(timed(dayArgs(t, csv)));
      continue;
    }
    copyFileSync(book, before);
    let day = Number.POSITIVE_INFINITY;
    let classify = Number.POSITIVE_INFINITY;
    for (let i = 0; i < RUNS; i++) {
      copyFileSync(before, book);
      day = Math.min(day, timed(dayArgs(t, csv)));
      classify = Math.min(classify, timed(["classify", "--ledger", csv, "--date", isoDay(t)]));
    }
    if (k === days) {
      copyFileSync(book, join(dir, "days-after.xlsx"));
      copyFileSync(before, book);
      slow = timed(dayArgs(t, csv), { ...process.env, DAIHOU_BOOK_IO: "exceljs" });
      copyFileSync(join(dir, "days-after.xlsx"), book);
    }
    each.push(day);
    side.set(k, { day, classify, size: statSync(book).size / 2 ** 20 });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(each.slice(1, 6));
  const last = mean(each.slice(-5));
  const ms = (x: number) => `${Math.round(x)} ms`;
  say(`## The local book at ${n.toLocaleString("en-US")} accounts: \`daihou day\` replayed ${days} days\n`);
  say(
    `One book, \`daihou day --ledger\` each day from ${isoDay(FIRST)} (whole processes; the first run makes the book the slow way, ExcelJS; the others take the fast path, docs/DECISIONS.md issue 18). Beside it \`daihou classify\` of the same ledger; best of ${RUNS} each, alternating, the day re-run on a copy of the book as it was.\n`,
  );
  say("| run | `daihou day` | `daihou classify` | day ÷ classify | book size |");
  say("| ---: | ---: | ---: | ---: | ---: |");
  for (const [k, s] of side)
    say(`| ${k} | ${ms(s.day)} | ${ms(s.classify)} | ${(s.day / s.classify).toFixed(2)} | ${s.size.toFixed(1)} MB |`);
  say("");
  say(
    `Days 2–6: mean ${ms(first)}; last five days: mean ${ms(last)} (last ÷ first ${(last / first).toFixed(2)}). First run (new book, ExcelJS): ${ms(each[0])}. The last day on the slow path (DAIHOU_BOOK_IO=exceljs): ${ms(slow)}.\n`,
  );
  say(`Every day: ${each.map((x) => Math.round(x)).join(", ")} ms.\n`);
}
