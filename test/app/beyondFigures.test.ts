/**
 * Issue 19's acceptance: on a hand-made store (test/fixtures/beyondStore.ts)
 * every figure beyond the month-end ratios (SPEC §6) is worked out by hand, and
 * the engine, `daihou report --json`, the report sheet and the custom functions
 * FORECAST_RATIO and VINTAGE in the built bundle give the same numbers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vm from "node:vm";
import * as gas from "gas-local";
import { beyondFromBook, beyondJson } from "../../src/app/beyondReport";
import { writeMonthEndReport } from "../../src/app/monthEndReport";
import { LEDGER_SHEET, reportSheetName } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { defaultSettings } from "../../src/domain/settings";
import { saveBook } from "../../src/node/book";
import { beyondBook, beyondLog } from "../fixtures/beyondStore";
import { runCli } from "../node/harness";
import { BUILD, buildOnce } from "../sheets/buildOnce";
import { FakeSpreadsheetApp } from "../sheets/fakeSpreadsheet";

const settings = defaultSettings();
const OCT = "2026-10";

// Worked by hand (the table in beyondStore.ts).
// Roll in October: C at E′ = A1 10,000, A2 20,000, A3 10,000, A4 10,000 (4; 50,000); A3 → M1: r#(C→M1) = 1/4, r$(C→M1) = 10,000/50,000.
// M1 at E′ = B1 5,000 (→ C), B2 15,000 (→ M2): r#(M1→M2) = 1/2, r$(M1→M2) = 15,000/20,000; nothing in M2 or worse at E′ (rows empty: 0).
// At E: C = A1, A2, A4, A5, B1 (5; 10,000 + 20,000 + 10,000 + 10,000 + 4,000 = 54,000); M1 = A3 (10,000); M2 = B2 (14,500). 7 accounts, 78,500.
const HAND = {
  forecast: {
    m1_ratio_count: (5 * (1 / 4)) / 7,
    m1_ratio_amount: (54000 * (10000 / 50000)) / 78500,
    m2_ratio_count: (1 * (1 / 2)) / 7,
    m2_ratio_amount: (10000 * (15000 / 20000)) / 78500,
    m3plus_ratio_count: 0,
    m3plus_ratio_amount: 0,
  },
  // August: A1, B1 (M1 from 21 Sep), B2 (M1 from 16 Sep, M2 from 16 Oct); September: A2, A3 (M1 from 21 Oct); October: A5. A4 (July) is in no cohort.
  vintage: {
    "2026-08": { loans: 3, ever_m1: [0, 2 / 3, 2 / 3], ever_m2plus: [0, 0, 1 / 3] },
    "2026-09": { loans: 2, ever_m1: [0, 1 / 2], ever_m2plus: [0, 0] },
    "2026-10": { loans: 1, ever_m1: [0], ever_m2plus: [0] },
  },
  // B1 cured, B2 rolled; B1 was reached (its promise on 6 Oct), so no self-cure; nobody in M2 at E′.
  cure_rate: { m1: 1 / 2, m2: null, self_cure_m1: 0 },
  // 甲: B1's kept (paid on the 10th), B2's partial (500 of 2,000); 乙: A3's broken; B2's for 5 Nov is pending (left out).
  promise_kept_rate: { store: 1 / 3, by_collector: { 甲: 1 / 2, 乙: 0 } },
  // Dials (the SMS is not one): 9h 09:30 ✗, 09:45 ✗; 10h ✓; 14h ✓; 15h ✓; 19h ✓. Mobile 3 of 4, work 0 of 1, home 1 of 1.
  contact_rate: {
    by_hour: {
      "8": null,
      "9": 0,
      "10": 1,
      "11": null,
      "12": null,
      "13": null,
      "14": 1,
      "15": 1,
      "16": null,
      "17": null,
      "18": null,
      "19": 1,
      "20": null,
      "21": null,
    },
    by_number_type: { mobile: 3 / 4, work: 0, home: 1 },
  },
  // Entered M1 in September: B2 on 16 Sep (15,000; 500 paid by 16 Oct), B1 on 21 Sep (5,000; 1,000 paid by 21 Oct); 60 and 90 days are past the history.
  collected_after_m1: { d30: 1500 / 20000, d60: null, d90: null },
};

function expectClose(actual: unknown, expected: unknown, path = ""): void {
  if (typeof expected === "number") {
    expect(typeof actual).toBe("number");
    if (Math.abs((actual as number) - expected) > 1e-12) throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === "object") {
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual).toBe(expected);
}

let book: ReturnType<typeof beyondBook>;
let tmp: string;
beforeAll(() => {
  book = beyondBook();
  tmp = mkdtempSync(join(tmpdir(), "daihou-beyond-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the figures beyond the month-end ratios on the hand-made store", () => {
  test("the engine gives every figure as worked by hand, with the accounts behind them", () => {
    const b = beyondFromBook(book, OCT, settings, "en");
    expectClose(beyondJson(b), HAND);
    expect(b.drill.cures.map((c) => [c.loanId, c.to, c.cured, c.reached])).toEqual([
      ["B2", "M2", false, true],
      ["B1", "C", true, true],
    ]);
    expect(b.drill.cohortMembers.map((m) => [m.cohort, m.loanId, m.firstM1, m.firstM2])).toEqual([
      ["2026-08", "B1", "2026-09", null],
      ["2026-08", "B2", "2026-09", "2026-10"],
      ["2026-09", "A3", "2026-10", null],
    ]);
    expect(b.drill.promises.map((p) => [p.loanId, p.status])).toEqual([
      ["B1", "kept"],
      ["B2", "partial"],
      ["A3", "broken"],
      ["B2", "pending"],
    ]);
    expect(b.drill.m1Entries.map((e) => [e.loanId, e.enteredOn, e.principal, e.paid[0]])).toEqual([
      ["B2", "2026-09-16", 15000, 500],
      ["B1", "2026-09-21", 5000, 1000],
    ]);
    expect(b.unavailable).toContainEqual({ figure: "cure_rate.m2", reason: "nobody_in_bucket" });
  });

  test("self-cure: with no reached contact B1 cured by itself (1/2); without a contact log it is unavailable, not 0", () => {
    const unreached = beyondLog().map((e) =>
      e.loanId === "B1" ? { ...e, outcome: "no_answer" as const, ptpDate: null, ptpAmount: null, ptpMethod: "" } : e,
    );
    expect(beyondFromBook(beyondBook(true, unreached), OCT, settings, "en").cure_rate).toEqual({
      m1: 1 / 2,
      m2: null,
      self_cure_m1: 1 / 2,
    });
    const none = beyondFromBook(beyondBook(false), OCT, settings, "en");
    expect(none.cure_rate).toEqual({ m1: 1 / 2, m2: null, self_cure_m1: null });
    expect(none.promise_kept_rate).toBeNull();
    expect(none.contact_rate).toBeNull();
    expect(none.unavailable).toContainEqual({ figure: "contact_rate", reason: "no_contact_log" });
  });

  test("daihou report --json prints the same, with SPEC §7's keys; the reasons on stderr", async () => {
    const path = join(tmp, "book.xlsx");
    await saveBook(book, path);
    const run = await runCli(["report", "--book", path, "--month", OCT, "--json"]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    for (const k of Object.keys(HAND) as (keyof typeof HAND)[]) expectClose(r[k], HAND[k], k);
    expect(run.stderr).toContain(
      `${path}: ${OCT}: collected after M1 (d60) — unavailable: the history does not reach that many days after entry yet`,
    );
    expect(run.stderr).toContain(`${path}: ${OCT}: cure rate (m2) — unavailable: no account was in that bucket at E′`);
    // The readable report says the forecast in a sentence, beside the 3% baseline.
    const text = await runCli(["report", "--book", path, "--month", OCT], { LANG: "en_US.UTF-8" }, [path]);
    expect(text.stdout).toContain(
      `At this month's roll rates, November's M1% will be about ${Number(((10800 / 78500) * 100).toFixed(1))}%, over the 3% baseline.`,
    );
  }, 60_000);

  test("the report sheet shows the same numbers, the forecast sentence in Chinese, the vintage chart, and the drill-down", () => {
    const b = beyondBook();
    const report = writeMonthEndReport(b, OCT, settings, "zh", undefined, { sheet: LEDGER_SHEET });
    const rows = b.read(reportSheetName(OCT)) as Cell[][];
    const row = (label: string) => rows.find((r) => r[0] === label) as Cell[];
    expect(rows.some((r) => r[0] === "按本月的迁徙率，11月的 M1% 约为 13.8%，超过 3% 的基准。")).toBe(true);
    expect(row("M1%（金额）")).toBeDefined();
    // The forecast's M1%($) is the first row named so after the sentence.
    const sentence = rows.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("按本月的迁徙率"));
    expect(rows[sentence + 1][1]).toBeCloseTo(HAND.forecast.m1_ratio_amount, 12);
    expect(rows[sentence + 2][1]).toBeCloseTo(HAND.forecast.m1_ratio_count, 12);
    expect(row("M1 治愈率")[1]).toBe(1 / 2);
    expect(row("M1 自愈率（当月未接通即治愈）")[1]).toBe(0);
    expect(row("全店")[1]).toBeCloseTo(1 / 3, 12);
    // By collector, under the store's (the staff summary above has a row per collector too).
    const store = rows.findIndex((r) => r[0] === "全店");
    expect(rows.slice(store + 1, store + 3).map((r) => [r[0], r[1]])).toEqual([
      ["乙", 0],
      ["甲", 1 / 2],
    ]);
    expect(row("30 天内")[1]).toBe(0.075);
    // The vintage table: one column per cohort, months on book down the side.
    const header = rows.findIndex((r) => r[0] === "放款月");
    expect(rows[header]).toEqual(["放款月", "2026-08", "2026-09", "2026-10"]);
    expect(rows[header + 2]).toEqual(["第 1 月", 2 / 3, 1 / 2, null]);
    expect(rows[header + 3]).toEqual(["第 2 月", 2 / 3, null, null]);
    const chart = b.sheets.get(reportSheetName(OCT))?.charts.find((c) => c.title.startsWith("Vintage"));
    expect(chart).toMatchObject({
      headerRow: header + 1,
      firstRow: header + 2,
      lastRow: header + 4,
      firstSeriesColumn: 2,
      lastSeriesColumn: 4,
    });
    // Drill-down: the cohort members that went M2+, and the promises.
    expect(rows.some((r) => r[0] === "2026-08" && r[1] === "B2" && r[3] === "2026-10")).toBe(true);
    expect(rows.some((r) => r[0] === "B2" && r[5] === "部分兑现")).toBe(true);
    expectClose(beyondJson(report.beyond as NonNullable<typeof report.beyond>), HAND);
  });
});

describe("FORECAST_RATIO and VINTAGE in the built bundle", () => {
  beforeAll(() => buildOnce());

  function load() {
    const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai" });
    const quiet = () => undefined;
    const context = gas.require(BUILD, {
      __proto__: gas.globalMockDefault,
      console: { log: quiet, info: quiet, warn: quiet, error: quiet },
      ...app.globals(),
    });
    app.dateConstructor = vm.runInContext("Date", context as vm.Context) as DateConstructor;
    for (const name of book.sheetNames()) app.spreadsheet.addSheet(name, book.read(name) as unknown[][]);
    return (name: string) => context[name] as (...args: unknown[]) => unknown;
  }

  test("the same numbers as the engine and the hand", () => {
    const fn = load();
    expect(fn("FORECAST_RATIO")("M1", "$", OCT)).toBeCloseTo(HAND.forecast.m1_ratio_amount, 12);
    expect(fn("FORECAST_RATIO")("M1", "#", OCT)).toBeCloseTo(HAND.forecast.m1_ratio_count, 12);
    expect(fn("FORECAST_RATIO")("m2", "#", OCT)).toBeCloseTo(HAND.forecast.m2_ratio_count, 12);
    expect(fn("FORECAST_RATIO")("M3+", "$")).toBe(0);
    expect(fn("FORECAST_RATIO")("C", "$", OCT)).toMatch(/cannot be forecast/);
    expect(fn("VINTAGE")(OCT)).toEqual([
      ["cohort \\ months on book", "loans", 0, 1, 2],
      ["2026-08", 3, 0, 2 / 3, 2 / 3],
      ["2026-09", 2, 0, 1 / 2, ""],
      ["2026-10", 1, 0, "", ""],
    ]);
    expect((fn("VINTAGE")(OCT, "M2") as unknown[][])[1]).toEqual(["2026-08", 3, 0, 0, 1 / 3]);
    expect(fn("VINTAGE")(OCT, "M9")).toMatch(/not a threshold/);
    expect(fn("VINTAGE")("2026-07")).toMatch(/unavailable for 2026-07/);
  });
});
