/**
 * The month-end custom functions (M1_RATIO, M2_RATIO, M3PLUS_RATIO, CM1_RATE,
 * ROLL_RATE, OVERDUE_RATIO) in the built bundle (build/Code.js), on a fake
 * spreadsheet whose history the bundle's own daily job wrote for the
 * hand-worked store (test/fixtures/handStore.ts): every figure is compared with
 * the one worked by hand and with the engine's on the same history sheets.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as vm from "node:vm";
import * as gas from "gas-local";
import { LEDGER_SHEET } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { isoDay } from "../../src/domain/days";
import {
  HistoryView,
  type MonthHistory,
  type Observation,
  decodeMonth,
  emptyMonth,
  encodeMonth,
  historySheetName,
  recordDay,
} from "../../src/domain/history";
import { monthEndFigures, monthsForFigures } from "../../src/domain/monthEnd";
import { defaultSettings } from "../../src/domain/settings";
import { figuresFromHistory } from "../../src/sheets/historyFunctions";
import { handLedgerOn } from "../fixtures/handBook";
import { STORE, d, stateOn } from "../fixtures/handStore";
import { BUILD, buildOnce } from "./buildOnce";
import { FakeSpreadsheetApp, type FakeOptions } from "./fakeSpreadsheet";
import { midnightIn } from "./fakes";

type Fn = (...args: unknown[]) => unknown;

beforeAll(() => {
  buildOnce();
});

/** The built script loaded on a fresh fake spreadsheet. */
function load(options: FakeOptions = {}) {
  const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai", ...options });
  const quiet = () => undefined;
  const context = gas.require(BUILD, {
    __proto__: gas.globalMockDefault,
    console: { log: quiet, info: quiet, warn: quiet, error: quiet },
    ...app.globals(),
  });
  const ScriptDate = vm.runInContext("Date", context as vm.Context) as DateConstructor;
  app.dateConstructor = ScriptDate;
  const at = (y: number, m: number, day: number) => new ScriptDate(midnightIn(app.spreadsheet.timeZone, y, m, day));
  return { app, fn: (name: string) => context[name] as Fn, at };
}

/** The ledger as a store keeps it in the sheet (blank cells empty). */
const asCells = (rows: Cell[][]) => rows.map((r) => r.map((v) => (v === "" ? null : (v as string | number))));

/** The hand-worked store with the bundle's daily job run on every day from 20 August to 3 November 2026. */
function handStoreSpreadsheet(options: FakeOptions = {}) {
  const loaded = load(options);
  const ss = loaded.app.spreadsheet;
  ss.addSheet(LEDGER_SHEET, []);
  for (let t = d("2026-08-20"); t <= d("2026-11-03"); t++) {
    ss.sheet(LEDGER_SHEET).cells = asCells(handLedgerOn(t));
    loaded.fn("runDailyJobFor")(isoDay(t));
  }
  loaded.app.counter.reset();
  return loaded;
}

/** The engine's figures from the history sheets as the bundle wrote them. */
function engineFigures(app: FakeSpreadsheetApp, month: string) {
  const months = monthsForFigures(month).map((m) => {
    const sheet = app.spreadsheet.getSheetByName(historySheetName(m));
    return sheet ? decodeMonth(m, sheet.getDataRange().getValues() as Cell[][]) : emptyMonth(m);
  });
  return monthEndFigures(new HistoryView(months), month, defaultSettings());
}

// Worked by hand (test/domain/monthEnd.test.ts explains each):
// active at E′ = 30 Sep: P1 10000, P2 10000, P3 8000, P4 6000, P5 5000, P6 7000, P8 4000, P9 3000 → 53,000 over 8 accounts;
// at E = 31 Oct: P2 M1 10000, P4 M2 6000, P9 M3+ 3000.
const HAND = {
  m1: 10000 / 53000,
  m1Count: 1 / 8,
  m2: 6000 / 53000,
  m2Count: 1 / 8,
  m3plus: 3000 / 53000,
  m3plusCount: 1 / 8,
  cm1: (10000 / 53500 + 8000 / 53000) / 2,
};

describe("the history functions on the hand-worked store, through the built bundle", () => {
  let run: ReturnType<typeof load>;
  beforeAll(() => {
    run = handStoreSpreadsheet();
  });

  test("the bundle's daily job wrote the history the figures read", () => {
    for (const m of ["2026-08", "2026-09", "2026-10", "2026-11"])
      expect(run.app.spreadsheet.getSheetByName(historySheetName(m))).not.toBeNull();
  });

  test("M1_RATIO, M2_RATIO, M3PLUS_RATIO by amount and by count, as worked by hand and as the engine computes", () => {
    const { fn } = run;
    const engine = engineFigures(run.app, "2026-10");
    const cases: [string, unknown[], number, number | null][] = [
      ["M1_RATIO", ["2026-10"], HAND.m1, engine.m1_ratio_amount],
      ["M1_RATIO", ["2026-10", "#"], HAND.m1Count, engine.m1_ratio_count],
      ["M1_RATIO", ["2026-10", "$"], HAND.m1, engine.m1_ratio_amount],
      ["M2_RATIO", ["2026-10"], HAND.m2, engine.m2_ratio_amount],
      ["M2_RATIO", ["2026-10", "#"], HAND.m2Count, engine.m2_ratio_count],
      ["M3PLUS_RATIO", ["2026-10"], HAND.m3plus, engine.m3plus_ratio_amount],
      ["M3PLUS_RATIO", ["2026-10", "#"], HAND.m3plusCount, engine.m3plus_ratio_count],
    ];
    for (const [name, args, hand, fromEngine] of cases) {
      const v = fn(name)(...args);
      expect({ name, args, v: typeof v }).toEqual({ name, args, v: "number" });
      expect(v as number).toBeCloseTo(hand, 12);
      expect(v).toBe(fromEngine);
    }
  });

  test("CM1_RATE: the mean of C-M1 on due days 1 and 16", () => {
    const v = run.fn("CM1_RATE")("2026-10");
    expect(v as number).toBeCloseTo(HAND.cm1, 12);
    expect(v).toBe(engineFigures(run.app, "2026-10").c_m1_rate_amount);
  });

  test("ROLL_RATE by count and by principal at E′; end states by name, in either language and any case", () => {
    const roll = run.fn("ROLL_RATE");
    // M1 at 30 Sep: P4 (→ M2) and P5 (→ settled).
    expect(roll("M1", "M2", "2026-10", "#")).toBe(1 / 2);
    expect(roll("m1", "结清", "2026-10", "#")).toBe(1 / 2);
    expect(roll("M1", "Settled", "2026-10")).toBeCloseTo(5000 / (6000 + 5000), 12);
    // C at 30 Sep: P1 10000 and P3 8000 stay C, P2 10000 → M1, P8 4000 → settled.
    expect(roll("C", "M1", "2026-10")).toBeCloseTo(10000 / (18000 + 10000 + 4000), 12);
    expect(roll("C", "C", "2026-10", "#")).toBe(2 / 4);
    // M2 at 30 Sep: P6, written off.
    expect(roll("M2", "核销", "2026-10")).toBe(1);
    expect(roll("M2", "written_off", "2026-10", "#")).toBe(1);
    expect(roll("M3+", "m3+", "2026-10")).toBe(1);
    expect(roll("C", "C", [["2026-10"]], [["#"]])).toBe(1 / 2);
  });

  test("with no arguments: the latest complete month (2026-10, the job last ran on 3 November)", () => {
    const { fn } = run;
    expect(fn("M1_RATIO")()).toBe(fn("M1_RATIO")("2026-10"));
    expect(fn("M1_RATIO")("", "#")).toBe(HAND.m1Count);
    expect(fn("M2_RATIO")()).toBe(fn("M2_RATIO")("2026-10"));
    expect(fn("M3PLUS_RATIO")()).toBe(fn("M3PLUS_RATIO")("2026-10"));
    expect(fn("CM1_RATE")()).toBe(fn("CM1_RATE")("2026-10"));
    expect(fn("ROLL_RATE")("M1", "M2")).toBe(fn("ROLL_RATE")("M1", "M2", "2026-10"));
  });

  test("the month as a date cell (read in the spreadsheet's zone) or in other spellings", () => {
    const { fn, at } = run;
    // Midnight 1 October in Shanghai is still 30 September in UTC.
    expect(fn("M1_RATIO")(at(2026, 10, 1))).toBeCloseTo(HAND.m1, 12);
    expect(fn("M1_RATIO")(at(2026, 10, 31))).toBeCloseTo(HAND.m1, 12);
    for (const month of ["2026/10", "2026年10月", "2026-10-15", 202610, " 2026-10 "])
      expect(fn("M1_RATIO")(month)).toBeCloseTo(HAND.m1, 12);
  });

  test("a month the history does not reach says why, readably", () => {
    const { fn } = run;
    expect(fn("M1_RATIO")("2025-01")).toBe(
      "unavailable for 2025-01: the job has not run on or around 2024-12-31; the job has not run on or around 2025-01-31",
    );
    expect(fn("M2_RATIO")("2026-11")).toBe("unavailable for 2026-11: the job has not run on or around 2026-11-30");
    expect(fn("ROLL_RATE")("C", "M1", "2026-11")).toBe("unavailable for 2026-11: the job has not run on or around 2026-11-30");
    expect(fn("CM1_RATE")("2026-12")).toMatch(/^unavailable for 2026-12: due day 1: the job has not run on or around 2026-11-30; /);
    // No account in M3 at 30 September: nothing to divide.
    expect(fn("ROLL_RATE")("M3", "M3+", "2026-10")).toBe("unavailable for 2026-10: no accounts were in M3 on 2026-09-30");
  });

  test("bad arguments give a readable error in the cell, never an exception", () => {
    const { fn } = run;
    expect(fn("M1_RATIO")("2026-10", "%")).toBe('ERROR in basis: must be "$" (amount) or "#" (count), not “%”');
    expect(fn("M2_RATIO")("October")).toBe("ERROR in month: “October” is not a month: write it like 2026-10, or give a date");
    expect(fn("M1_RATIO")("2026-13")).toBe("ERROR in month: “2026-13” is not a month: write it like 2026-10, or give a date");
    expect(fn("M1_RATIO")([["2026-10", "2026-09"]])).toBe("ERROR in month: must be one cell, not a range");
    expect(fn("M1_RATIO")(true)).toMatch(/^ERROR in month: /);
    expect(fn("M1_RATIO")({ error: "#N/A" })).toMatch(/^ERROR in month: /);
    expect(fn("ROLL_RATE")("M9", "M1")).toBe("ERROR in from: “M9” is not a bucket: use C, M1, M2, M3 or M3+");
    expect(fn("ROLL_RATE")("M1", "paid")).toBe(
      "ERROR in to: “paid” is not a bucket or an end state: use C, M1, M2, M3, M3+, settled (结清) or written_off (核销)",
    );
    expect(fn("ROLL_RATE")("", "M1")).toBe("ERROR in from: give a bucket, such as M1");
    expect(fn("ROLL_RATE")("M1", "M2", "2026-10", "x")).toMatch(/^ERROR in basis: /);
  });

  test("a call reads only the history sheets the month needs, once each, and never writes", () => {
    const { app, fn } = run;
    // Nothing cached yet (a new run stamp, or the cache evicted).
    app.cacheService.document.expire();
    app.counter.reset();
    // The job ran on every day the figures need: September's and October's sheets suffice.
    fn("M1_RATIO")("2026-10");
    expect(app.counter.count("Range.getValues")).toBe(2);
    expect(app.counter.count("Sheet.getDataRange")).toBe(2);
    expect(app.counter.count("Spreadsheet.getSheetByName")).toBe(2);
    expect(app.counter.count("Spreadsheet.getSheets")).toBe(0);
    const asked = app.counter.table();
    for (const name of Object.keys(asked)) expect(name).not.toMatch(/\.(set|insert|delete|clear)/);
    // With no month: the sheet names once, and the last history sheet (November's) to find the latest complete month.
    app.counter.reset();
    app.cacheService.document.expire();
    fn("ROLL_RATE")("C", "M1");
    expect(app.counter.count("Spreadsheet.getSheets")).toBe(1);
    expect(app.counter.count("Range.getValues")).toBe(3);
    // August: 31 July was no run day, so all four months (June to September) are looked for; two have sheets.
    app.counter.reset();
    app.cacheService.document.expire();
    expect(fn("M1_RATIO")("2026-08")).toBe("unavailable for 2026-08: the job has not run on or around 2026-07-31");
    expect(app.counter.count("Spreadsheet.getSheetByName")).toBe(4);
    expect(app.counter.count("Range.getValues")).toBe(2);
  });
});

describe("in a Chinese spreadsheet", () => {
  test("the texts are in Chinese", () => {
    const { fn, app } = load({ locale: "zh_CN" });
    expect(fn("M1_RATIO")()).toBe("无法计算：此表格中还没有 Daihou 的历史记录（请先在 Daihou 菜单中运行今日作业）");
    expect(fn("M1_RATIO")("2026-10", "%")).toBe('错误（basis）：须为 "$"（金额）或 "#"（户数），而不是“%”');
    app.spreadsheet.addSheet(historySheetName("2026-10"), encodeMonth(emptyMonth("2026-10")));
    expect(fn("M2_RATIO")("2026-10")).toBe("2026-10 无法计算：2026-09-30 前后没有运行每日作业；2026-10-31 前后没有运行每日作业");
  });
});

describe("a day the job did not run", () => {
  /**
   * History written straight from the store, the job run on every day from 20 August to
   * 3 November — with `gap`, not on 31 October, and P1 paying 1,000 on 1 November.
   */
  function storeHistory(gap: boolean): MonthHistory[] {
    const months = new Map<string, MonthHistory>();
    for (let t = d("2026-08-20"); t <= d("2026-11-03"); t++) {
      if (gap && t === d("2026-10-31")) continue;
      const m = isoDay(t).slice(0, 7);
      const seen = new Map<string, { obs: Observation; dueDay: number | null }>();
      for (const id of Object.keys(STORE)) {
        let obs = stateOn(id, t);
        if (gap && obs && id === "P1" && t >= d("2026-11-01")) obs = { ...obs, principal: 8000 };
        if (obs) seen.set(id, { obs, dueDay: STORE[id].dueDay });
      }
      months.set(m, recordDay(months.get(m) ?? emptyMonth(m), t, seen));
    }
    return [...months.values()];
  }

  test("reading two months when the job ran on every day the figures need, four otherwise, gives the figures of all four", () => {
    for (const gap of [false, true]) {
      const history = storeHistory(gap);
      const sheets = new Map(history.map((m) => [historySheetName(m.month), encodeMonth(m)]));
      const reads: string[] = [];
      const reader = {
        sheetNames: () => [...sheets.keys()],
        read: (name: string) => {
          reads.push(name);
          return sheets.get(name) ?? null;
        },
      };
      for (const month of ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]) {
        reads.length = 0;
        const all = monthsForFigures(month).map((m) => {
          const values = sheets.get(historySheetName(m));
          return values ? decodeMonth(m, values) : emptyMonth(m);
        });
        expect({ gap, month, f: figuresFromHistory(reader, month, defaultSettings()) }).toEqual({
          gap,
          month,
          f: monthEndFigures(new HistoryView(all), month, defaultSettings()),
        });
        // Only October's days (30 Sep, 31 Oct; 30 Sep, 2 Oct, 2 Sep; 15 and 17 Oct, 17 Sep) were all run days.
        const lazy = !gap && month === "2026-10";
        expect({ month, reads: reads.length }).toEqual({ month, reads: lazy ? 2 : 4 });
      }
    }
  });

  test("the figure is unavailable with the day and the number of accounts that changed", () => {
    const { fn, app } = load();
    for (const m of storeHistory(true)) app.spreadsheet.addSheet(historySheetName(m.month), encodeMonth(m));
    expect(fn("M1_RATIO")("2026-10")).toBe(
      "unavailable for 2026-10: the job did not run on 2026-10-31 and 1 accounts changed between the runs around it",
    );
    expect(fn("ROLL_RATE")("C", "M1", "2026-10")).toBe(
      "unavailable for 2026-10: the job did not run on 2026-10-31 and 1 accounts changed between the runs around it",
    );
    // C-M1 needs neither month end's day 31: it is there.
    expect(fn("CM1_RATE")("2026-10")).toBeCloseTo(HAND.cm1, 12);
  });
});

describe("OVERDUE_RATIO over the user's own ranges (pure)", () => {
  let fn: (name: string) => Fn;
  beforeAll(() => {
    ({ fn } = load());
  });
  // One row per account: bucket now, principal now, principal at the previous month end.
  const buckets = [["C"], ["M1"], ["m1"], ["M2"], [""], ["M3+"], ["M3"]];
  const principal = [[100], [200], [300], [400], [0], [500], [""]];
  const prior = [[1000], [0], [""], [500], [250], [1000], [1250]];
  // Rows with prior_principal > 0: 1000 + 500 + 250 + 1000 + 1250 = 4000 over 5 rows.

  test("by amount and by count, worked by hand", () => {
    const ratio = fn("OVERDUE_RATIO");
    expect(ratio("M1", buckets, principal, prior)).toBe((200 + 300) / 4000);
    expect(ratio("M1", buckets, principal, prior, "$")).toBe(500 / 4000);
    expect(ratio("M1", buckets, principal, prior, "#")).toBe(2 / 5);
    expect(ratio("M2", buckets, principal, prior)).toBe(400 / 4000);
    // SPEC's M3+%: M3 and M3+ together, as a range of labels; the M3 row's blank principal is 0.
    expect(ratio([["M3", "M3+"]], buckets, principal, prior)).toBe(500 / 4000);
    expect(ratio([["M3"], ["M3+"]], buckets, principal, prior, "#")).toBe(2 / 5);
    expect(ratio("M3+", buckets, principal, prior)).toBe(500 / 4000);
    expect(ratio("C", buckets, principal, prior, "#")).toBe(1 / 5);
  });

  test("2-D ranges, amounts as text, single values", () => {
    const ratio = fn("OVERDUE_RATIO");
    expect(
      ratio(
        "M1",
        [
          ["M1", "C"],
          ["M2", "M1"],
        ],
        [
          ["1,000", 9000],
          [2000, "¥500"],
        ],
        [
          [1000, 9000],
          [2000, 3000],
        ],
      ),
    ).toBe(1500 / 15000);
    expect(ratio("M1", "M1", 100, 1000)).toBe(0.1);
    expect(ratio("M1", "C", 100, 1000)).toBe(0);
  });

  test("readable errors: shapes, unreadable amounts, nothing to divide by, a bad basis, no bucket", () => {
    const ratio = fn("OVERDUE_RATIO");
    expect(ratio("M1", buckets, principal.slice(1), prior)).toBe(
      "ERROR in principal: must be one cell or a range of the same size as buckets (7×1)",
    );
    expect(ratio("M1", buckets, principal, [[1]])).toBe(
      "ERROR in prior_principal: must be one cell or a range of the same size as buckets (7×1)",
    );
    const bad = principal.map((r) => r.slice());
    bad[2][0] = "abc";
    expect(ratio("M1", buckets, bad, prior)).toBe("ERROR in principal: row 3, column 1 of the range: “abc” is not an amount of money");
    const negative = prior.map((r) => r.slice());
    negative[0][0] = -5;
    expect(ratio("M1", buckets, principal, negative)).toBe("ERROR in prior_principal: row 1, column 1 of the range: “-5” is below zero");
    expect(
      ratio(
        "M1",
        buckets,
        principal,
        prior.map(() => [0]),
      ),
    ).toBe("unavailable: no cell of prior_principal is above 0, so there is nothing to divide by");
    expect(ratio("M1", buckets, principal, prior, "%")).toBe('ERROR in basis: must be "$" (amount) or "#" (count), not “%”');
    expect(ratio("", buckets, principal, prior)).toBe("ERROR in bucket: give a bucket, such as M1");
  });

  test("reads nothing of the spreadsheet but its locale, and only for an error", () => {
    const { fn: f, app } = load();
    f("OVERDUE_RATIO")("M1", buckets, principal, prior);
    expect(app.counter.total).toBe(0);
    f("OVERDUE_RATIO")("M1", buckets, principal, prior, "%");
    expect(app.counter.count("Spreadsheet.getSheets")).toBe(0);
    expect(app.counter.count("Range.getValues")).toBe(0);
  });
});

describe("the top-level stubs", () => {
  const code = () => readFileSync(join(BUILD, "Code.js"), "utf8");
  const functions: [string, string[], string[]][] = [
    ["M1_RATIO", ["month", "basis", "refresh"], ["month", "basis", "refresh"]],
    ["M2_RATIO", ["month", "basis", "refresh"], ["month", "basis", "refresh"]],
    ["M3PLUS_RATIO", ["month", "basis", "refresh"], ["month", "basis", "refresh"]],
    ["CM1_RATE", ["month", "refresh"], ["month", "refresh"]],
    ["ROLL_RATE", ["from", "to", "month", "basis", "refresh"], ["month", "basis", "refresh"]],
    ["ROLL_MATRIX", ["month", "basis", "refresh"], ["month", "basis", "refresh"]],
    ["OVERDUE_RATIO", ["bucket", "buckets", "principal", "prior_principal", "basis"], ["basis"]],
  ];

  test.each(functions)("%s has its JSDoc, @customfunction and every @param right above it", (name, params, optional) => {
    const stub = new RegExp(
      `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${name}\\(${params.join(", ")}\\) \\{\\n  return Daihou\\.${name}\\(${params.join(", ")}\\);\\n\\}`,
    );
    const m = stub.exec(code());
    expect(m).not.toBeNull();
    const doc = m![1];
    expect(doc).toMatch(/@customfunction/);
    expect(doc).toMatch(/@return \{[^}]+\} \S/);
    expect([...doc.matchAll(/@param \{[^}]+\} (\w+) \S/g)].map((p) => p[1])).toEqual(params);
    for (const p of params) {
      if (optional.includes(p)) expect(doc).toContain(`${p} [${p}] Optional.`);
      else expect(doc).not.toContain(`[${p}]`);
    }
    // The description comes first, before the tags.
    expect(doc.trim().split("\n")[0]).toMatch(/^\* \S/);
  });
});
