/**
 * Benchmark (not a test) of the chain's DuckDB path (issue 20): a generated
 * chain of stores × accounts × months of facts, in the Parquet layout `daihou
 * export` writes, through `daihou chain` as a whole process — wall time and
 * peak memory (GNU time's maximum resident set) — and how the time grows with
 * the number of stores. Writes its section of docs/BENCHMARKS.md between its
 * markers, leaving the rest of the file as it is (pass --no-write to only print;
 * --stores=20,200 --accounts=5000 --months=12 for other sizes).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { runDailyJob } from "../src/app/dailyJob";
import { MemoryBook } from "../src/app/memoryBook";
import { LEDGER_SHEET } from "../src/app/names";
import { generateLoans, sampleLedger } from "../src/app/sampleStore";
import { monthNo, monthOfNo } from "../src/domain/chain/facts";
import { parseIsoDay } from "../src/domain/days";
import { defaultSettings } from "../src/domain/settings";
import { saveBook } from "../src/node/book";
import { FACT_TABLES } from "../src/node/chain/schema";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const write = !args.includes("--no-write");
const STORES = arg("stores", "20,50,100,200").split(",").map(Number);
const ACCOUNTS = Number(arg("accounts", "5000"));
const MONTHS = Number(arg("months", "12"));
const FIRST = monthNo("2025-12");
const LAST = FIRST + MONTHS - 1;
const START = "<!-- bench-chain:start -->";
const END = "<!-- bench-chain:end -->";

/** A bucket from a hash in [0, 1000): 90% C, then M1, M2, M3, M3+, settled, written off. */
const STATE = (h: string) =>
  `CASE WHEN ${h} < 900 THEN 'C' WHEN ${h} < 940 THEN 'M1' WHEN ${h} < 960 THEN 'M2' WHEN ${h} < 970 THEN 'M3' WHEN ${h} < 980 THEN 'M3+' WHEN ${h} < 995 THEN 'settled' ELSE 'written_off' END`;

/** Writes one generated store's seven fact files under dir/store=ID/ (the columns and types `daihou export` writes). */
async function generateStore(con: Awaited<ReturnType<DuckDBInstance["connect"]>>, dir: string, s: number): Promise<void> {
  const id = `S${String(s).padStart(3, "0")}`;
  const out = join(dir, `store=${id}`);
  mkdirSync(out, { recursive: true });
  const file = (t: string) => `'${join(out, `${t}.parquet`)}'`;
  const grid = `(SELECT a.range AS a, m.range AS m FROM range(${ACCOUNTS}) AS a, range(${FIRST}, ${LAST + 1}) AS m)`;
  const h = (salt: number, month = "m") => `(hash(${s}, a, ${month}, ${salt}) % 1000)`;
  const month = (m: string) => `printf('%04d-%02d', (${m}) // 12, (${m}) % 12 + 1)`;
  const principal = (m: string) => `CAST(1000 + hash(${s}, a, ${m}, 7) % 50000 AS DOUBLE)`;
  await con.run(`COPY (SELECT '1,16' AS due_days, 1 AS m1_start, 31 AS m2_start, 0 AS grace_days, DATE '2025-11-30' AS first_run, DATE '${monthOfNo(LAST + 1)}-05' AS last_run,
    ${FIRST} AS first_full_month_no, '${monthOfNo(LAST)}' AS latest_complete_month, true AS has_contact_log, true AS has_disbursed_on, '{"m1_ratio_amount":0.05}' AS baselines) TO ${file("stores")} (FORMAT PARQUET)`);
  await con.run(`COPY (SELECT ${month("range")} AS month, CAST(range AS INTEGER) AS month_no, true AS prev_end_covered, true AS end_covered, true AS takes_part
    FROM range(${FIRST}, ${LAST + 1})) TO ${file("store_months")} (FORMAT PARQUET)`);
  await con.run(`COPY (SELECT ${month("m.range")} AS month, CAST(m.range AS INTEGER) AS month_no, CAST(d.d AS INTEGER) AS due_day, true AS eve_covered, true AS morrow_covered, true AS base_covered
    FROM range(${FIRST}, ${LAST + 1}) AS m, (VALUES (1), (16)) AS d(d)) TO ${file("store_due_days")} (FORMAT PARQUET)`);
  await con.run(`COPY (SELECT ${month("m")} AS month, CAST(m AS INTEGER) AS month_no, printf('L%06d', a) AS loan_id, CAST(CASE WHEN a % 2 = 0 THEN 1 ELSE 16 END AS INTEGER) AS due_day,
      ${STATE(h(1, "m - 1"))} AS state_prev_end, ${principal("m - 1")} AS principal_prev_end, ${STATE(h(1))} AS state_end, ${principal("m")} AS principal_end,
      CASE WHEN ${h(2)} < 980 THEN 'C' ELSE 'M1' END AS state_eve, ${principal("m")} AS principal_eve,
      CASE WHEN ${h(2)} < 950 THEN 'C' ELSE 'M1' END AS state_morrow, ${principal("m")} AS principal_morrow,
      CAST(CASE WHEN ${h(1)} < 900 THEN 0 ELSE ${h(1)} - 890 END AS INTEGER) AS max_dpd,
      CASE WHEN ${h(3)} < 30 THEN CAST(${month("m")} || '-02' AS DATE) END AS entered_m1_on,
      CASE WHEN ${h(3)} < 30 THEN ${principal("m")} END AS principal_at_m1_entry,
      CASE WHEN ${h(3)} < 30 THEN 500.0 END AS paid_d30, CASE WHEN ${h(3)} < 30 THEN 900.0 END AS paid_d60, CASE WHEN ${h(3)} < 30 THEN 1200.0 END AS paid_d90
    FROM ${grid}) TO ${file("account_months")} (FORMAT PARQUET)`);
  await con.run(`COPY (SELECT ${month("m")} AS month, CAST(m AS INTEGER) AS month_no, CAST(d.d AS INTEGER) AS due_day, printf('L%06d', a) AS loan_id, ${STATE(h(1, "m - 1"))} AS state, ${principal("m - 1")} AS principal
    FROM ${grid}, (VALUES (1), (16)) AS d(d)) TO ${file("base_states")} (FORMAT PARQUET)`);
  await con.run(`COPY (SELECT printf('L%06d', range) AS loan_id, ${month(`${FIRST} + range % ${MONTHS}`)} AS disbursed_month, CAST(${FIRST} + range % ${MONTHS} AS INTEGER) AS disbursed_month_no
    FROM range(${ACCOUNTS})) TO ${file("loans")} (FORMAT PARQUET)`);
  // Collection dials: about one in ten accounts a month, 2 dials each.
  await con.run(`COPY (SELECT ${month("m")} AS month, CAST(m AS INTEGER) AS month_no, CAST(${month("m")} || '-10' AS DATE) AS date, CAST(8 + k.k * 5 + a % 5 AS INTEGER) AS hour,
      printf('员工%d', a % 4) AS staff, printf('L%06d', a) AS loan_id, 'collection' AS task, CASE WHEN k.k = 0 THEN 'mobile' ELSE 'work' END AS number_kind,
      CASE WHEN ${h(4)} < 300 THEN 'ptp' ELSE 'no_answer' END AS outcome, true AS is_dial, ${h(4)} < 300 AS reached,
      CASE WHEN ${h(4)} < 300 THEN CAST(${month("m")} || '-20' AS DATE) END AS ptp_date, CASE WHEN ${h(4)} < 300 THEN 1000.0 END AS ptp_amount,
      CASE WHEN ${h(4)} < 300 THEN 'wechat' END AS ptp_method, CASE WHEN ${h(4)} < 300 THEN CASE WHEN ${h(5)} < 600 THEN 'kept' ELSE 'broken' END END AS ptp_status
    FROM ${grid}, (VALUES (0), (1)) AS k(k) WHERE a % 10 = m % 10) TO ${file("contacts")} (FORMAT PARQUET)`);
}

/** Checks the generated files have exactly the exported schema's columns. */
async function checkSchema(con: Awaited<ReturnType<DuckDBInstance["connect"]>>, dir: string): Promise<void> {
  for (const t of FACT_TABLES) {
    const names = (
      await con.runAndReadAll(
        `SELECT * FROM read_parquet('${join(dir, "store=S001", `${t.name}.parquet`)}', hive_partitioning = false) LIMIT 0`,
      )
    ).columnNames();
    const expected = t.columns.map(([c]) => c);
    if (JSON.stringify(names) !== JSON.stringify(expected))
      throw new Error(`${t.name}: generated ${names.join(",")}, exported ${expected.join(",")}`);
  }
}

/** One whole process under GNU time: wall seconds and peak resident memory (MB). */
function timed(argv: string[], dir: string): { seconds: number; mb: number } {
  const errFile = join(dir, `time-${process.pid}.txt`);
  execFileSync("sh", ["-c", `/usr/bin/time -f '%e %M' ${argv.map((a) => `'${a}'`).join(" ")} > /dev/null 2> '${errFile}'`]);
  const [seconds, kb] = readFileSync(errFile, "utf8").trim().split("\n").pop()?.split(" ").map(Number) ?? [Number.NaN, Number.NaN];
  return { seconds, mb: kb / 1024 };
}

/** `daihou export` of one store's book: the daily job run on every day of a year on a generated store of `loans` loans. */
async function exportBench(root: string, loans: number): Promise<string> {
  const end = parseIsoDay(`${monthOfNo(LAST)}-28`);
  const generated = generateLoans({ loans, from: parseIsoDay("2025-01-01"), to: end - 1, seed: 20 });
  const book = new MemoryBook();
  for (let t = end - 365; t <= end; t++) {
    book.put(LEDGER_SHEET, sampleLedger(generated, t));
    runDailyJob(book, { t, settings: defaultSettings(), lang: "zh", ledgerSheet: LEDGER_SHEET });
  }
  const path = join(root, "store.xlsx");
  await saveBook(book, path);
  const cli = join(process.cwd(), "bin", "daihou.js");
  const run = timed([process.execPath, cli, "export", "--book", path, "--store", "one", "--out", join(root, "one")], root);
  const rows = await DuckDBInstance.create(":memory:").then(async (db) => {
    const con = await db.connect();
    const n = (
      await con.runAndReadAll(
        `SELECT COUNT(*) AS n FROM read_parquet('${join(root, "one", "store=one", "account_months.parquet")}', hive_partitioning = false)`,
      )
    ).getRowObjectsJS()[0].n;
    con.closeSync();
    db.closeSync();
    return Number(n);
  });
  return `\`daihou export\` of one store's book (${loans.toLocaleString("en-US")} generated loans, the daily job run on each of 366 days): ${run.seconds.toFixed(2)} s, peak ${run.mb.toFixed(0)} MB, ${rows.toLocaleString("en-US")} account-month rows.`;
}

/** One `daihou chain` process: wall seconds and peak resident memory (MB). */
function runChain(dir: string, json: boolean): { seconds: number; mb: number; stores: number } {
  const cli = join(process.cwd(), "bin", "daihou.js");
  const report = join(dir, "..", `report-${process.pid}.xlsx`);
  const argv = [
    "-f",
    "%e %M",
    process.execPath,
    cli,
    "chain",
    "--data",
    dir,
    "--month",
    monthOfNo(LAST),
    ...(json ? ["--json"] : ["--out", report]),
  ];
  const outFile = join(dir, "..", `out-${process.pid}.txt`);
  const errFile = join(dir, "..", `time-${process.pid}.txt`);
  execFileSync("sh", ["-c", `/usr/bin/time ${argv.map((a) => `'${a}'`).join(" ")} > '${outFile}' 2> '${errFile}'`]);
  const [seconds, kb] = readFileSync(errFile, "utf8").trim().split("\n").pop()?.split(" ").map(Number) ?? [Number.NaN, Number.NaN];
  const result = json ? JSON.parse(readFileSync(outFile, "utf8")) : null;
  // The figures are there, not all null: the generated facts are read as the export writes them.
  if (result && (result.chain.m1_ratio_amount === null || result.chain.c_m1_rate_amount === null || result.chain.roll === null))
    throw new Error(`the chain's figures are null: ${JSON.stringify(result.chain).slice(0, 300)}`);
  const stores = result ? Object.keys(result.stores).length : Number.NaN;
  return { seconds, mb: kb / 1024, stores };
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  const root = mkdtempSync(join(tmpdir(), "daihou-bench-chain-"));
  const all = join(root, "all");
  const most = Math.max(...STORES);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const g0 = performance.now();
  for (let s = 1; s <= most; s++) await generateStore(con, all, s);
  await checkSchema(con, all);
  con.closeSync();
  db.closeSync();
  const genSeconds = (performance.now() - g0) / 1000;
  const size = Number(execFileSync("du", ["-sm", all], { encoding: "utf8" }).split("\t")[0]);
  execFileSync(process.execPath, [join(process.cwd(), "bin", "daihou.js"), "--help"], { stdio: "ignore" }); // bundle the CLI first

  say(`## Issue 20: a chain of stores through \`daihou chain\` (DuckDB over Parquet)\n`);
  say(
    `Generated facts in \`daihou export\`'s layout: ${most} stores × ${ACCOUNTS.toLocaleString("en-US")} accounts × ${MONTHS} months ` +
      `(${(most * ACCOUNTS * MONTHS).toLocaleString("en-US")} account-months, ${(most * ACCOUNTS * MONTHS * 2).toLocaleString("en-US")} C-M1 base rows, ` +
      `${size.toLocaleString("en-US")} MB of Parquet, written in ${genSeconds.toFixed(0)} s). One \`daihou chain --month ${monthOfNo(LAST)}\` process each ` +
      `(start, open the views, the ten sql/ files, the figures of every store and the chain), on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ` +
      `wall time and peak resident memory from GNU time; machine shared with other work while measured.\n`,
  );
  say(
    "| stores | account-months | `chain --json`: time | peak memory | `chain` (text + report book): time | peak memory | time per store |",
  );
  say("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const n of STORES) {
    let dir = all;
    if (n !== most) {
      dir = join(root, `first-${n}`);
      mkdirSync(dir);
      for (let s = 1; s <= n; s++) {
        const name = `store=S${String(s).padStart(3, "0")}`;
        symlinkSync(join(all, name), join(dir, name), "dir");
      }
    }
    const json = runChain(dir, true);
    if (json.stores !== n) throw new Error(`chain saw ${json.stores} stores of ${n}`);
    const text = runChain(dir, false);
    say(
      `| ${n} | ${(n * ACCOUNTS * MONTHS).toLocaleString("en-US")} | ${json.seconds.toFixed(2)} s | ${json.mb.toFixed(0)} MB | ${text.seconds.toFixed(2)} s | ${text.mb.toFixed(0)} MB | ${((json.seconds / n) * 1000).toFixed(0)} ms |`,
    );
  }
  say(`\n${await exportBench(root, ACCOUNTS)}`);
  say(
    "\nThe same sql/ files run unchanged on BigQuery once the Parquet files are loaded there (README: “When the chain outgrows one machine”); what grows here with the stores is the scan of the Parquet files, which DuckDB spreads over the cores.",
  );
  rmSync(root, { recursive: true, force: true });
  if (!write) return;
  const path = join(process.cwd(), "docs", "BENCHMARKS.md");
  const before = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmarks\n";
  const section = `${START}\n${lines.join("\n")}\n${END}`;
  const at = before.indexOf(START);
  const end = before.indexOf(END);
  const after =
    at >= 0 && end > at ? `${before.slice(0, at)}${section}${before.slice(end + END.length)}` : `${before.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, after);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
