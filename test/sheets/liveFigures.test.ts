/**
 * SPEC §7 "What must hold in a live spreadsheet", through the built bundle
 * loaded as Apps Script loads it, on a fake spreadsheet that recalculates
 * custom functions as Sheets does — only when an argument's value changes
 * (fakeRecalc.ts):
 *
 * - the history functions (with and without their trailing refresh argument)
 *   and ROLL_MATRIX give exactly `daihou report --json`'s figures and roll
 *   matrix on the same store's history;
 * - after each daily run, DPD and the ratios on a sheet change only through
 *   Daihou_AsOf / Daihou_Run; a formula without them stays as it was;
 * - the formulas Daihou inserts pass Daihou_Run;
 * - a sheet of 20 figure formulas reads each history month once per run.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryBook } from "../../src/app/memoryBook";
import { LEDGER_SHEET } from "../../src/app/names";
import { runDailyJob } from "../../src/app/dailyJob";
import type { Cell } from "../../src/domain/cells";
import { isoDay, parseIsoDay } from "../../src/domain/days";
import { monthOfHistorySheet } from "../../src/domain/history";
import { ROLL_TO } from "../../src/domain/monthEnd";
import { BUCKETS } from "../../src/domain/classify";
import { defaultSettings } from "../../src/domain/settings";
import { saveBook } from "../../src/node/book";
import { AS_OF_NAME, FIGURES_ROW, RUN_NAME, RUN_SHEET, RUN_SHEET_FIGURES, RUN_SHEET_MATRIX } from "../../src/sheets/runStamp";
import { type Loaded, load, storedRows } from "../faults/bundle";
import { runCli } from "../node/harness";
import { buildOnce } from "./buildOnce";
import { Recalc } from "./fakeRecalc";
import { fastSampleStore } from "./fastSample";

beforeAll(() => {
  buildOnce();
});

const TZ = "Asia/Shanghai";
const FIRST = "2026-08-25";
const LAST = "2026-11-03";
/** The user's sheet of formulas is made after this day's run. */
const FORMULAS_FROM = "2026-10-20";

const store = fastSampleStore();
const loans = store.generateLoans({ loans: 400, from: parseIsoDay("2025-06-01"), to: parseIsoDay("2026-08-20"), seed: 1313 });
const ledgerOn = (t: number): Cell[][] => store.sampleLedger(loans, t);
const days: number[] = [];
for (let t = parseIsoDay(FIRST); t <= parseIsoDay(LAST); t++) days.push(t);

/** The user's own sheet: DPD of the first ledger rows as of the last run, and figures of October with and without Daihou_Run. */
const USER_SHEET = "Dashboard";
/** The ledger's 最早未还款日 column (0-based) and its letter. */
const OLDEST = store.SAMPLE_HEADERS.indexOf("最早未还款日");
const OLDEST_COLUMN = String.fromCharCode(65 + OLDEST);
const USER_FORMULAS = [
  `=DPD('${LEDGER_SHEET}'!${OLDEST_COLUMN}2:${OLDEST_COLUMN}6, ${AS_OF_NAME})`,
  `=M1_RATIO("2026-10", "#", ${RUN_NAME})`,
  `=M1_RATIO("2026-10", "#")`,
  `=ROLL_MATRIX("2026-10", "#", ${RUN_NAME})`,
];

interface Seen {
  day: string;
  dpd: unknown;
  withStamp: unknown;
  without: unknown;
}

let run: Loaded;
let recalc: Recalc;
const seen: Seen[] = [];
const reportJson: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  // The spreadsheet: the bundle's daily job on each day's ledger, Sheets recalculating after each run.
  run = load(ledgerOn(days[0]), { timeZone: TZ });
  recalc = new Recalc(run.app, run.fn);
  expect(OLDEST).toBeGreaterThan(0);
  for (const t of days) {
    run.ledger.cells = storedRows(ledgerOn(t), TZ);
    run.fn("runDailyJobFor")(isoDay(t));
    if (isoDay(t) === FORMULAS_FROM) {
      const sheet = run.app.spreadsheet.addSheet(USER_SHEET, []);
      USER_FORMULAS.forEach((f, i) => {
        sheet.getRange(i + 1, 1).setValue(f);
      });
    }
    recalc.recalculate();
    if (isoDay(t) >= FORMULAS_FROM)
      seen.push({
        day: isoDay(t),
        dpd: recalc.value(USER_SHEET, 1, 1),
        withStamp: recalc.value(USER_SHEET, 2, 1),
        without: recalc.value(USER_SHEET, 3, 1),
      });
  }
  // The same store in a local book, and `daihou report --json`.
  const book = new MemoryBook();
  for (const t of days) {
    book.put(LEDGER_SHEET, ledgerOn(t));
    runDailyJob(book, { t, settings: defaultSettings(), lang: "en", ledgerSheet: LEDGER_SHEET });
  }
  const path = join(mkdtempSync(join(tmpdir(), "daihou-live-")), "book.xlsx");
  await saveBook(book, path);
  for (const month of ["2026-09", "2026-10"]) {
    const out = await runCli(["report", "--book", path, "--month", month, "--json"], { LANG: "en_US.UTF-8" });
    expect(out.code).toBe(0);
    reportJson[month] = JSON.parse(out.stdout);
  }
}, 120_000);

/** The same number, or the same "unavailable" (null in the JSON, a text in the cell). */
function expectSame(cell: unknown, json: unknown): void {
  if (json === null) expect(cell).toMatch(/^unavailable for /);
  else expect(cell).toBeCloseTo(json as number, 12);
}

describe("the built bundle gives `daihou report --json`'s figures", () => {
  const figures: [string, unknown[], string][] = [
    ["M1_RATIO", ["$"], "m1_ratio_amount"],
    ["M1_RATIO", ["#"], "m1_ratio_count"],
    ["M2_RATIO", ["$"], "m2_ratio_amount"],
    ["M2_RATIO", ["#"], "m2_ratio_count"],
    ["M3PLUS_RATIO", ["$"], "m3plus_ratio_amount"],
    ["M3PLUS_RATIO", ["#"], "m3plus_ratio_count"],
    ["CM1_RATE", [], "c_m1_rate_amount"],
  ];
  for (const month of ["2026-09", "2026-10"]) {
    test.each(figures)(`${month}: %s %j = report's %s, with and without the refresh argument`, (name, basis, key) => {
      const json = reportJson[month][key];
      const stamp = run.app.spreadsheet.getRangeByName(RUN_NAME)?.getValue();
      expect(typeof stamp).toBe("string");
      expectSame(run.fn(name)(month, ...basis), json);
      expectSame(run.fn(name)(month, ...basis, stamp), json);
      // The argument only makes Sheets recalculate: any value gives the same figure.
      expectSame(run.fn(name)(month, ...basis, "anything"), json);
    });

    test(`${month}: ROLL_MATRIX equals the report's roll matrix cell for cell, counts and principal`, () => {
      const roll = reportJson[month].roll as Record<string, Record<string, { count: number; principal: number }>>;
      expect(roll).not.toBeNull();
      for (const [basis, part] of [
        ["#", "count"],
        ["$", "principal"],
      ] as const) {
        const matrix = JSON.parse(JSON.stringify(run.fn("ROLL_MATRIX")(month, basis, "2026-11-03 #71")));
        expect(matrix[0]).toEqual(["from \\ to", "C", "M1", "M2", "M3", "M3+", "settled", "written_off"]);
        expect(matrix.map((r: unknown[]) => r[0])).toEqual(["from \\ to", ...BUCKETS]);
        expect(matrix.slice(1).map((r: unknown[]) => r.slice(1))).toEqual(BUCKETS.map((b) => ROLL_TO.map((to) => roll[b][to][part])));
      }
      // Blank month and basis: the latest complete month (2026-10), by principal.
      if (month === "2026-10")
        expect(JSON.parse(JSON.stringify(run.fn("ROLL_MATRIX")()))).toEqual(JSON.parse(JSON.stringify(run.fn("ROLL_MATRIX")(month, "$"))));
    });
  }

  test("ROLL_MATRIX says why in one cell when the month is unavailable, and refuses a bad basis", () => {
    expect(run.fn("ROLL_MATRIX")("2026-07", "#")).toMatch(/^unavailable for 2026-07: /);
    expect(run.fn("ROLL_MATRIX")("2026-10", "x")).toMatch(/^ERROR in basis: /);
  });
});

describe("after each daily run the figures on a sheet are fresh, only through Daihou_AsOf and Daihou_Run", () => {
  test("DPD as of Daihou_AsOf changes every day the run runs; nobody retyped a formula", () => {
    const dpd = seen.map((s) => JSON.parse(JSON.stringify(s.dpd)) as number[][]);
    // The ledger's first five rows' DPD as of each run's date, as the ledger's own DPD column says.
    seen.forEach((s, i) => {
      const t = parseIsoDay(s.day);
      const rows = ledgerOn(t);
      const expected = rows.slice(1, 6).map((r) => {
        const oldest = String(r[OLDEST] ?? "");
        return [oldest === "" ? "" : Math.max(0, t - parseIsoDay(oldest))];
      });
      expect({ day: s.day, dpd: dpd[i] }).toEqual({ day: s.day, dpd: expected });
    });
    expect(new Set(dpd.map((d) => JSON.stringify(d))).size).toBeGreaterThan(1);
    expect(run.app.spreadsheet.sheet(USER_SHEET).formulaWrites).toBe(0);
  });

  test("M1% of October with Daihou_Run follows each run and ends on the report's figure; without it, Sheets keeps the value of the day it was typed", () => {
    const final = reportJson["2026-10"].m1_ratio_count as number;
    const after = seen.filter((s) => s.day >= "2026-11-01");
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) expectSame(s.withStamp, final);
    // On 20 October, October was not over: the figure then was another one.
    expect(seen[0].withStamp).not.toEqual(final);
    expect(new Set(seen.map((s) => String(s.withStamp))).size).toBeGreaterThan(1);
    // The formula without the refresh argument was computed once, when typed, and never again: stale.
    for (const s of seen) expect(s.without).toBe(seen[0].withStamp);
  });

  test("the formulas Daihou inserts (its own sheet) pass Daihou_Run, and show the latest complete month's figures", () => {
    const sheet = run.app.spreadsheet.sheet(RUN_SHEET);
    const formulas = [...sheet.formulas.values()];
    expect(formulas).toEqual([...RUN_SHEET_FIGURES.map(([, f]) => f), RUN_SHEET_MATRIX]);
    for (const f of formulas) expect(f).toMatch(new RegExp(`\\b${RUN_NAME}\\)$`));
    const october = reportJson["2026-10"];
    expectSame(recalc.value(RUN_SHEET, FIGURES_ROW, 2), october.m1_ratio_amount);
    expectSame(recalc.value(RUN_SHEET, FIGURES_ROW + 1, 2), october.m1_ratio_count);
    expectSame(recalc.value(RUN_SHEET, FIGURES_ROW + 4, 2), october.c_m1_rate_amount);
    const matrix = JSON.parse(JSON.stringify(recalc.value(RUN_SHEET, FIGURES_ROW + RUN_SHEET_FIGURES.length + 1, 1)));
    const roll = october.roll as Record<string, Record<string, { count: number }>>;
    expect(matrix.slice(1).map((r: unknown[]) => r.slice(1))).toEqual(BUCKETS.map((b) => ROLL_TO.map((to) => roll[b][to].count)));
    // The run sheet's two cells: the last run's date and a stamp that changed with every run.
    expect(run.app.spreadsheet.values(RUN_SHEET)[0][1]).toBe(LAST);
    expect(String(run.app.spreadsheet.getRangeByName(RUN_NAME)?.getValue())).toMatch(new RegExp(` #${days.length}$`));
  });
});

describe("the cache: a sheet of 20 figure formulas reads each history month once per run", () => {
  const twenty = [
    ...["M1_RATIO", "M2_RATIO", "M3PLUS_RATIO"].flatMap((f) =>
      ["$", "#"].flatMap((b) => ["2026-09", "2026-10"].map((m) => `=${f}("${m}", "${b}", ${RUN_NAME})`)),
    ),
    ...["2026-09", "2026-10"].map((m) => `=CM1_RATE("${m}", ${RUN_NAME})`),
    ...["2026-09", "2026-10"].flatMap((m) => [
      `=ROLL_RATE("C", "M1", "${m}", "#", ${RUN_NAME})`,
      `=ROLL_RATE("M1", "M2", "${m}", "$", ${RUN_NAME})`,
      `=ROLL_MATRIX("${m}", "$", ${RUN_NAME})`,
    ]),
  ];
  /** Counts getDataRange on history sheets (each history read is one getDataRange().getValues()) while `f` runs. */
  function historyReads(f: () => void): number {
    const ss = run.app.spreadsheet;
    let reads = 0;
    const restore: (() => void)[] = [];
    for (const s of ss.sheets) {
      if (monthOfHistorySheet(s.getName()) === null) continue;
      const original = s.getDataRange;
      s.getDataRange = () => {
        reads++;
        return original.call(s);
      };
      restore.push(() => {
        s.getDataRange = original;
      });
    }
    try {
      f();
    } finally {
      for (const r of restore) r();
    }
    return reads;
  }

  /** One round of Sheets computing a newly typed sheet of the 20 formulas. */
  function round(): { reads: number; values: unknown[] } {
    const r = new Recalc(run.app, run.fn);
    const reads = historyReads(() => r.recalculate(FIGURES));
    return { reads, values: twenty.map((_, i) => JSON.stringify(r.value(FIGURES, i + 1, 1))) };
  }
  const FIGURES = "Figures";

  test("without the cache every formula reads its months; with it each month's figures are read once per run; the same figures", () => {
    expect(twenty).toHaveLength(20);
    const sheet = run.app.spreadsheet.addSheet(FIGURES, []);
    twenty.forEach((f, i) => {
      sheet.getRange(i + 1, 1).setValue(f);
    });
    const cache = run.app.cacheService;
    // One month's figures, uncached: the reads it takes.
    cache.hasDocument = false;
    const september = historyReads(() => run.fn("M1_RATIO")("2026-09"));
    const october = historyReads(() => run.fn("M1_RATIO")("2026-10"));
    const before = round();
    cache.hasDocument = true;
    cache.document.expire();
    const after = round();
    console.log(
      `history reads for a sheet of 20 figure formulas: ${before.reads} without the cache, ${after.reads} with it (one month's figures read ${september} and ${october} sheets)`,
    );
    expect(before.reads).toBe(10 * september + 10 * october);
    expect(after.reads).toBe(september + october);
    expect(after.values).toEqual(before.values);
    // Another round with the same run stamp: nothing read at all.
    expect(round().reads).toBe(0);
    // A new run, a new stamp: each month read once again.
    run.fn("runDailyJobFor")(LAST);
    expect(round().reads).toBe(september + october);
  });

  test("the formulas on Daihou's own sheet (a blank month: the latest complete one) find that month once per run, not once per formula", () => {
    const cache = run.app.cacheService;
    const sheetOf = () => {
      const r = new Recalc(run.app, run.fn);
      return historyReads(() => r.recalculate(RUN_SHEET));
    };
    cache.hasDocument = false;
    const latest = historyReads(() => run.fn("M1_RATIO")());
    const before = sheetOf();
    cache.hasDocument = true;
    cache.document.expire();
    const after = sheetOf();
    const formulas = RUN_SHEET_FIGURES.length + 1;
    expect(before).toBe(formulas * latest);
    expect(after).toBe(latest);
  });
});
