/**
 * `daihou export` and `daihou chain` on real books: per store, `chain --json`
 * equals the store's own `report --json` for every key the report has, in
 * every month; re-exporting is idempotent and touches no other store; no
 * customer name or phone number is in any exported file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { contactLogColumns, contactLogHeader, contactLogRow } from "../../../src/app/contactLog";
import { CONTACT_LOG_SHEET } from "../../../src/app/names";
import { parseIsoDay } from "../../../src/domain/days";
import { saveBook } from "../../../src/node/book";
import { FACT_TABLES } from "../../../src/node/chain/schema";
import { entry } from "../../fixtures/contactEntry";
import { handBook } from "../../fixtures/handBook";
import { runCli } from "../harness";
import { REPORT_JSON_KEYS } from "../../fixtures/reportKeys";

const EN = { LANG: "en_US.UTF-8" };
let tmp: string;
let hand: string;
let demo: string;
let data: string;

/** Customer names and numbers the books hold, none of which may leave in an export. */
const PRIVATE = ["客户P2", "客户P3", "张三", "李四", "13800000000", "13800000001", "13912345678"];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-chain-"));
  hand = join(tmp, "hand.xlsx");
  data = join(tmp, "chain");
  const book = handBook();
  const oct = (day: number) => parseIsoDay(`2026-10-${String(day).padStart(2, "0")}`);
  const log = [
    entry({
      date: oct(5),
      time: "09:30",
      staff: "甲",
      loanId: "P2",
      customer: "李四",
      number: "13800000001",
      outcome: "no_answer",
      sourceRow: 2,
    }),
    entry({
      date: oct(6),
      time: "10:05",
      staff: "甲",
      loanId: "P2",
      outcome: "ptp",
      ptpDate: oct(25),
      ptpAmount: 1000,
      ptpMethod: "wechat",
      note: "new mobile 13912345678",
      sourceRow: 3,
    }),
    entry({
      date: oct(18),
      staff: "乙",
      loanId: "P3",
      numberKind: "work",
      outcome: "says_paid",
      ptpMethod: "call me on 13912345678",
      sourceRow: 4,
    }),
  ];
  book.put(CONTACT_LOG_SHEET, [
    contactLogHeader("en"),
    ...log.map((e) => contactLogRow(e, "en", contactLogColumns([contactLogHeader("en")]))),
  ]);
  await saveBook(book, hand);
  const made = await runCli(["demo", "--out", join(tmp, "demo")], EN, [join(tmp, "demo")]);
  expect(made.code).toBe(0);
  demo = join(tmp, "demo", readdirSync(join(tmp, "demo")).find((f) => f.endsWith(".xlsx")) as string);
  for (const [book, store] of [
    [hand, "hand"],
    [demo, "007"],
  ]) {
    const run = await runCli(["export", "--book", book, "--store", store, "--out", data], EN);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`store ${store} exported`);
  }
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Equal JSON values, numbers to 1e-12 relative (the engines add in different orders). */
function expectSame(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(actual - expected) > 1e-12 * Math.max(1, Math.abs(expected))) throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") throw new Error(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected as object).sort());
    for (const k of Object.keys(expected as object))
      expectSame((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  if (actual !== expected) throw new Error(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

describe("daihou chain --json against each store's own report --json", () => {
  const cases: [string, () => string, string[]][] = [
    ["the hand-worked store", () => hand, ["2026-08", "2026-09", "2026-10", "2026-11"]],
    ["the demo store", () => demo, ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]],
  ];
  test.each(cases)(
    "%s: every key of report --json, every month",
    async (_name, bookOf, months) => {
      const store = bookOf() === hand ? "hand" : "007";
      let compared = 0;
      for (const month of months) {
        const report = await runCli(["report", "--book", bookOf(), "--month", month, "--json"], EN);
        expect(report.code).toBe(0);
        const chain = await runCli(["chain", "--data", data, "--month", month, "--json"], EN);
        expect(chain.code).toBe(0);
        const r = JSON.parse(report.stdout);
        const c = JSON.parse(chain.stdout);
        expect(c.month).toBe(month);
        expect(Object.keys(c.stores).sort()).toEqual(["007", "hand"]);
        for (const key of Object.keys(r)) expectSame(c.stores[store][key], r[key], `${month}.${key}`);
        if (r.m1_ratio_amount !== null) compared++;
      }
      // Not all null: the months the history covers have figures.
      expect(compared).toBeGreaterThanOrEqual(2);
    },
    60_000,
  );

  test("the hand-worked October as report.test.ts has it, and the chain's keys are the report's and §6's beyond the ratios", async () => {
    const c = JSON.parse((await runCli(["chain", "--data", data, "--month", "2026-10", "--json"], EN)).stdout);
    expect(c.stores.hand.m1_ratio_amount).toBeCloseTo(10000 / 53000, 12);
    expect(c.stores.hand.c_m1_by_due_day["1"]).toBeCloseTo(10000 / 53500, 12);
    expect(Object.keys(c.chain).sort()).toEqual([...REPORT_JSON_KEYS].sort());
    // The hand store's log: 甲 promised on 6 October for the 25th, P2 stayed unpaid (broken); 乙 reached P3 at work.
    expect(c.stores.hand.promise_kept_rate).toEqual({ store: 0, by_collector: { 甲: 0 } });
    expect(c.stores.hand.contact_rate.by_number_type).toEqual({ mobile: 0.5, work: 1, home: null });
    // 9:30 unanswered, and 乙's call with no time in the 09:00–12:00 window reached; 10:05 a promise.
    expect(c.stores.hand.contact_rate.by_hour["9"]).toBe(0.5);
    expect(c.stores.hand.contact_rate.by_hour["10"]).toBe(1);
    // The demo store now keeps a worked contact log (the demo issue): its contact figures are there, as its report has them
    // (a store without a log gets null, not zero: test/app/beyondReport.test.ts).
    expect(c.stores["007"].contact_rate).not.toBeNull();
    expect(c.stores["007"].contact_rate.by_hour["9"]).toBeGreaterThan(0);
    // The chain pools the two: M1 at E over active at E′.
    const ratios = await Promise.all(
      [hand, demo].map(async (b) => JSON.parse((await runCli(["report", "--book", b, "--month", "2026-10", "--json"], EN)).stdout)),
    );
    expect(ratios.every((r) => r.m1_ratio_count !== null)).toBe(true);
    expect(c.chain.roll.C.C.count).toBe(c.stores.hand.roll.C.C.count + c.stores["007"].roll.C.C.count);
  }, 60_000);

  test("without --json: the stores ranked with baselines, and the chain report book with its chart and vintage", async () => {
    const out = join(tmp, "chain-report.xlsx");
    const run = await runCli(["chain", "--data", data, "--month", "2026-10", "--out", out], EN, [out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Chain of 2 stores, 2026-10");
    expect(run.stdout).toContain("Baseline");
    expect(run.stdout).toContain(`Chain report written to ${out}`);
    const zip = await import("jszip");
    const files = Object.keys((await zip.default.loadAsync(readFileSync(out))).files);
    expect(files).toContain("xl/charts/chart1.xml");
    const zh = await runCli(["chain", "--data", data, "--month", "2026-10", "--out", out], { LANG: "zh_CN.UTF-8" }, [out]);
    expect(zh.stdout).toContain("连锁 2 家门店");
  }, 60_000);

  test("help in both languages, and the program's command list names export and chain", async () => {
    const en = await runCli(["export", "--help"], EN);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Usage: daihou export --book B.xlsx --store ID --out DIR");
    const zh = await runCli(["chain", "--help"], { LANG: "zh_CN.UTF-8" });
    expect(zh.stdout).toContain("用法：daihou chain --data 目录");
    const program = await runCli(["--help"], EN);
    expect(program.stdout).toMatch(/export\s+the store's facts as Parquet/);
    expect(program.stdout).toMatch(/chain\s+every store's and the chain's figures/);
  });

  test("bad input: no stores under the folder, a bad month, a bad store id", async () => {
    const empty = join(tmp, "empty");
    mkdirSync(empty);
    const none = await runCli(["chain", "--data", empty, "--json"], EN);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no store's facts found");
    expect((await runCli(["chain", "--data", data, "--month", "2026-13"], EN)).code).toBe(2);
    const bad = await runCli(["export", "--book", hand, "--store", "a/b", "--out", data], EN);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--store a/b");
  });
});

describe("daihou export", () => {
  const filesOf = (dir: string) =>
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f)).toString("base64")]);

  test("re-exporting a store replaces its folder only, with the same facts; the other store is not touched", async () => {
    const handDir = join(data, "store=hand");
    const demoDir = join(data, "store=007");
    const before = filesOf(handDir);
    const demoBefore = filesOf(demoDir);
    const demoTimes = readdirSync(demoDir).map((f) => statSync(join(demoDir, f)).mtimeMs);
    writeFileSync(join(handDir, "stale.parquet"), "left from before");
    const again = await runCli(["export", "--book", hand, "--store", "hand", "--out", data], EN);
    expect(again.code).toBe(0);
    expect(filesOf(handDir)).toEqual(before);
    expect(filesOf(demoDir)).toEqual(demoBefore);
    expect(readdirSync(demoDir).map((f) => statSync(join(demoDir, f)).mtimeMs)).toEqual(demoTimes);
    // No temporary folders left beside the stores.
    expect(readdirSync(data).filter((f) => f.startsWith("."))).toEqual([]);
  }, 60_000);

  test("no customer name or phone number in any column of any exported file", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    let values = 0;
    try {
      for (const store of ["hand", "007"]) {
        for (const t of FACT_TABLES) {
          const file = join(data, `store=${store}`, `${t.name}.parquet`);
          expect(existsSync(file)).toBe(true);
          const reader = await con.runAndReadAll(`SELECT * FROM read_parquet('${file}', hive_partitioning = false)`);
          expect(reader.columnNames()).toEqual(t.columns.map(([c]) => c));
          for (const row of reader.getRowsJson()) {
            for (const v of row) {
              values++;
              const text = JSON.stringify(v);
              for (const p of PRIVATE) expect(text).not.toContain(p);
              // Nothing that looks like a mainland mobile number either.
              if (typeof v === "string") expect(v).not.toMatch(/1[3-9]\d{9}/);
            }
          }
        }
        for (const f of readdirSync(join(data, `store=${store}`))) {
          const bytes = readFileSync(join(data, `store=${store}`, f)).toString("utf8");
          for (const p of PRIVATE) expect(bytes).not.toContain(p);
        }
      }
    } finally {
      con.closeSync();
      db.closeSync();
    }
    expect(values).toBeGreaterThan(1000);
    // The contact log did go out (staff names stay: they are the store's own).
    expect(readFileSync(join(data, "store=hand", "contacts.parquet")).toString("utf8")).toContain("甲");
  });
});
