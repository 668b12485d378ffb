/**
 * The daily job as Sheets runs it: the built bundle (build/Code.js) loaded the
 * way Apps Script loads it, on a fake spreadsheet that behaves like Sheets
 * (test/sheets/fakeSpreadsheet.ts), through the top-level functions only.
 */
import * as vm from "node:vm";
import * as gas from "gas-local";
import { LEDGER_SHEET, OWNED_LEDGER_COLUMNS, OWNED_LEDGER_HEADERS, callSheetName } from "../../src/app/names";
import { SAMPLE_HEADERS } from "../../src/app/sampleStore";
import type { Cell } from "../../src/domain/cells";
import { type Day, isoDay, parseIsoDay } from "../../src/domain/days";
import { historySheetName } from "../../src/domain/history";
import { BUILD, buildOnce } from "./buildOnce";
import { fastSampleStore } from "./fastSample";
import { FakeConditionalFormatRule, FakeRange, type FakeSheet, FakeSpreadsheetApp, type FakeOptions, type Stored } from "./fakeSpreadsheet";
import { intlFormatDate, midnightIn } from "./fakes";

type Fn = (...args: unknown[]) => unknown;

beforeAll(() => {
  buildOnce();
});

/** The run date: a Monday (welcome calls after a weekend, every kind of reminder). */
const T = "2026-11-16";
const T_DAY = parseIsoDay(T);
const STORE_COLUMNS = SAMPLE_HEADERS.length;
const col = (header: string) => SAMPLE_HEADERS.indexOf(header);
const FORMULA_NAME = '=HYPERLINK("http://x","y")';

/** A store's ledger on day t (the TS source's generator; invented names and numbers). */
function storeLedger(loans: number, t: Day = T_DAY, seed = 20261116): Cell[][] {
  const { generateLoans, sampleLedger } = fastSampleStore();
  return sampleLedger(generateLoans({ loans, from: t - 730, to: t - 1, seed }), t);
}

/** The ledger as Sheets holds it: real dates in date columns as date cells (midnight in the spreadsheet's zone). */
function asSheetRows(rows: Cell[][], timeZone: string): unknown[][] {
  const dateColumns = ["放款日期", "首期还款日", "最早未还款日"].map((h) => rows[0].indexOf(h));
  const dates = new Map<string, Date>();
  const toDate = (iso: string) => {
    let d = dates.get(iso);
    if (!d) {
      const [y, m, day] = iso.split("-").map(Number);
      d = new Date(midnightIn(timeZone, y, m, day));
      dates.set(iso, d);
    }
    return d;
  };
  const isDate = (v: Cell): v is string => typeof v === "string" && !Number.isNaN(parseIsoDay(v));
  return rows.map((r, i) => (i === 0 ? r.slice() : r.map((v, c) => (dateColumns.includes(c) && isDate(v) ? toDate(v) : v))));
}

/** Rows (1-based sheet rows) of active overdue loans: they are on the call sheet every day. */
function overdueRows(rows: Cell[][], n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < rows.length && out.length < n; i++) {
    const r = rows[i];
    if (r[col("最早未还款日")] !== "" && r[col("状态")] === "正常" && Number(r[col("剩余本金")]) > 0) out.push(i + 1);
  }
  return out;
}

interface Loaded {
  app: FakeSpreadsheetApp;
  fn: (name: string) => Fn;
  logs: string[];
  ledger: FakeSheet;
  /** The ledger's cells as set up (deep copy of what the fake stores). */
  original: Stored[][];
}

/** A fake spreadsheet holding `rows` as the store's ledger, with the built script loaded on it. */
function load(rows: Cell[][] | null, options: FakeOptions = {}, sheetName = LEDGER_SHEET): Loaded {
  const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai", ...options });
  const logs: string[] = [];
  const quiet = (...args: unknown[]) => logs.push(args.map(String).join(" "));
  const context = gas.require(BUILD, {
    __proto__: gas.globalMockDefault,
    console: { log: quiet, info: quiet, warn: quiet, error: quiet },
    ...app.globals(),
  });
  app.dateConstructor = vm.runInContext("Date", context as vm.Context) as DateConstructor;
  const ss = app.spreadsheet;
  const ledger = rows
    ? ss.addSheet(sheetName, asSheetRows(rows, ss.timeZone), { maxRows: rows.length + 20, maxCols: 26 })
    : ss.addSheet("Sheet1", [], {});
  if (rows) {
    // The store's own formatting: big loans in grey, and a colour scale on the principal.
    const principal = new FakeRange(ledger, { row: 2, col: col("剩余本金") + 1, rows: rows.length - 1, cols: 1 });
    ledger.rules.push(new FakeConditionalFormatRule("NUMBER_GREATER_THAN", [100000], "#EEEEEE", [principal], false));
    ledger.rules.push(new FakeConditionalFormatRule(null, [], null, [principal], true));
  }
  const original = ledger.cells.map((r) => r.map((v) => (v && typeof v === "object" ? { date: v.date } : v)));
  app.counter.reset();
  return { app, fn: (name) => context[name] as Fn, logs, ledger, original };
}

/** Every store cell (columns 1–16, every row) as it was set up. */
function expectStoreCellsUnchanged({ ledger, original }: Loaded): void {
  expect(ledger.cells.length).toBe(original.length);
  for (let r = 0; r < original.length; r++) {
    const now = ledger.cells[r].slice(0, STORE_COLUMNS);
    const was = original[r].slice(0, STORE_COLUMNS);
    // One comparison per row keeps 50,000 rows fast; the message names the row.
    if (JSON.stringify(now) !== JSON.stringify(was)) expect({ row: r + 1, cells: now }).toEqual({ row: r + 1, cells: was });
  }
}

const daihouRules = (sheet: FakeSheet) =>
  sheet.rules.filter((rule) => rule.criteriaType === "CUSTOM_FORMULA" && String(rule.criteriaValues[0]).includes('N("Daihou")=0'));

/** The sheets Daihou writes, and no cell among them that Sheets would hold as a formula. */
function expectNoFormulas(app: FakeSpreadsheetApp, sheets: string[]): void {
  for (const name of sheets) {
    const sheet = app.spreadsheet.sheet(name);
    // On the ledger Daihou writes only its own columns; the store's cells are the store's.
    const first = name === LEDGER_SHEET ? STORE_COLUMNS : 0;
    expect({ name, formulas: [...sheet.formulas.keys()].filter((k) => Number(k.split(",")[1]) > first) }).toEqual({ name, formulas: [] });
    sheet.cells.forEach((row, r) => {
      row.forEach((v, c) => {
        if (c < first || typeof v !== "string" || !v.startsWith("=")) return;
        const cell = `${r + 1},${c + 1}`;
        expect({ name, cell, quoted: sheet.quoted.has(cell) }).toEqual({ name, cell, quoted: true });
      });
    });
  }
}

/** The call sheet's column (1-based) with this English header. */
function callColumn(app: FakeSpreadsheetApp, sheet: string, header: string): number {
  const i = app.spreadsheet.values(sheet)[0].indexOf(header);
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

const counts: Record<number, { total: number; byName: Record<string, number> }> = {};

describe("Run today's work in the built bundle, 1,000 rows", () => {
  const rows = storeLedger(1000);
  const [formulaRow, plusRow, minusRow, atRow] = overdueRows(rows, 4);
  rows[formulaRow - 1][col("客户姓名")] = FORMULA_NAME;
  rows[plusRow - 1][col("客户姓名")] = "+8613800000000";
  rows[minusRow - 1][col("客户姓名")] = "-李四";
  rows[atRow - 1][col("客户姓名")] = "@王五";
  let run: Loaded;
  let summary = "";

  beforeAll(() => {
    run = load(rows);
    summary = run.fn("runDailyJobFor")(T) as string;
    counts[1000] = { total: run.app.counter.total, byName: run.app.counter.table() };
  });

  test("runs once, says so, and shows the summary", () => {
    const { app } = run;
    expect(rows.length).toBe(1001);
    expect(app.spreadsheet.toasts[0]).toEqual({ message: "Running… 1,000 rows in “台账 Ledger”.", title: "Daihou", timeout: -1 });
    expect(app.ui.alerts).toHaveLength(1);
    expect(app.ui.alerts[0].title).toBe(`Today's work: ${T}`);
    expect(app.ui.alerts[0].prompt).toBe(summary);
    expect(summary).toMatch(
      /^1,000 rows read from “台账 Ledger”\.\nActive accounts: [\d,]+ \(C [\d,]+ · M1 [\d,]+ · M2 [\d,]+ · M3 [\d,]+ · M3\+ [\d,]+\)\.\nTasks: [\d,]+ \(.+\), on the call sheet “呼叫表 Calls 2026-11-16”\.\nEvery row was counted\.$/,
    );
    // The last toast replaces "Running…" with the result.
    expect(app.spreadsheet.toasts.at(-1)?.message).toMatch(/^Active accounts: /);
    // The lock was taken and given back.
    expect(app.lockService.locks.map((l) => l.held)).toEqual([false]);
  });

  test("the store's columns are unchanged, cell for cell, and Daihou's are right of them", () => {
    expectStoreCellsUnchanged(run);
    const values = run.app.spreadsheet.values(LEDGER_SHEET);
    expect(values[0].slice(STORE_COLUMNS)).toEqual(OWNED_LEDGER_COLUMNS.map((c) => OWNED_LEDGER_HEADERS[c].en));
    expect(values[0].slice(STORE_COLUMNS, STORE_COLUMNS + 2)).toEqual(["Daihou·DPD", "Daihou·Bucket"]);
    expect(run.ledger.getLastColumn()).toBe(STORE_COLUMNS + OWNED_LEDGER_COLUMNS.length);
    // Every active row has a DPD and a bucket.
    const dpd = values.slice(1).map((r) => r[STORE_COLUMNS]);
    expect(dpd.filter((v) => typeof v === "number").length).toBeGreaterThan(500);
  });

  test("4 bucket colour rules of Daihou's beside the store's own, which survive a second run undoubled", () => {
    const { ledger } = run;
    expect(daihouRules(ledger)).toHaveLength(4);
    expect(ledger.rules).toHaveLength(6);
    expect(daihouRules(ledger).map((r) => r.criteriaValues[0])).toEqual([
      '=AND($R2="M1",N("Daihou")=0)',
      '=AND($R2="M2",N("Daihou")=0)',
      '=AND($R2="M3",N("Daihou")=0)',
      '=AND($R2="M3+",N("Daihou")=0)',
    ]);
    const range = daihouRules(ledger)[0].ranges[0].area;
    expect(range).toEqual({ row: 2, col: 1, rows: 1000, cols: STORE_COLUMNS + OWNED_LEDGER_COLUMNS.length });
    run.fn("runDailyJobFor")(T);
    expect(daihouRules(ledger)).toHaveLength(4);
    expect(ledger.rules.filter((r) => r.criteriaType === "NUMBER_GREATER_THAN")).toHaveLength(1);
    expect(ledger.rules.filter((r) => r.gradient)).toHaveLength(1);
    expect(ledger.rules).toHaveLength(6);
    expectStoreCellsUnchanged(run);
  });

  test("the history sheet and the call sheet exist; the outcome column has a dropdown", () => {
    const { app } = run;
    const ss = app.spreadsheet;
    const calls = callSheetName(T_DAY);
    // And Daihou's small sheet with the run stamp (Daihou_AsOf, Daihou_Run), made by the first run.
    expect(ss.getSheets().map((s) => s.getName())).toEqual([LEDGER_SHEET, historySheetName("2026-11"), calls, "Daihou"]);
    const history = ss.values(historySheetName("2026-11"));
    expect(history.length).toBe(1001);
    const callRows = ss.values(calls);
    expect(callRows.length).toBeGreaterThan(20);
    const outcome = callColumn(app, calls, "Outcome");
    const sheet = ss.sheet(calls);
    for (const r of [2, callRows.length]) {
      const rule = sheet.validationAt(r, outcome);
      if (!rule) throw new Error(`no dropdown on row ${r}`);
      expect(rule.criteriaType).toBe("VALUE_IN_LIST");
      expect((rule.criteriaValues[0] as string[]).slice(0, 2)).toEqual(["Reached – promise to pay", "Reached – says paid"]);
      expect(rule.allowInvalid).toBe(false);
    }
    expect(sheet.validationAt(2, callColumn(app, calls, "PTP method"))?.criteriaValues[0]).toContain("Alipay");
    expect(sheet.frozenRows).toBe(1);
    // The grid fits the data with one blank spare row.
    expect(sheet.maxRows).toBe(callRows.length + 1);
    expect(sheet.maxCols).toBe(callRows[0].length);
  });

  test("nothing Daihou writes is a formula: customers named =…, +…, -…, @… stay text", () => {
    const { app } = run;
    const calls = callSheetName(T_DAY);
    expectNoFormulas(app, [historySheetName("2026-11"), calls, LEDGER_SHEET]);
    const values = app.spreadsheet.values(calls);
    const customer = callColumn(app, calls, "Customer");
    const loanId = callColumn(app, calls, "Loan ID");
    for (const [row, name] of [
      [formulaRow, FORMULA_NAME],
      [plusRow, "+8613800000000"],
      [minusRow, "-李四"],
      [atRow, "@王五"],
    ] as const) {
      const id = rows[row - 1][col("合同编号")];
      const i = values.findIndex((r) => r[loanId - 1] === id);
      expect(i).toBeGreaterThan(0);
      expect(values[i][customer - 1]).toBe(name);
      expect(app.spreadsheet.sheet(calls).quoted.has(`${i + 1},${customer}`)).toBe(true);
    }
  });
});

describe("Run today's work in the built bundle, 50,000 rows", () => {
  test("the same number of service calls as 1,000 rows, the store's cells unchanged, in well under 20 s", () => {
    const started = Date.now();
    const rows = storeLedger(50_000);
    const run = load(rows);
    const setUp = Date.now() - started;
    run.fn("runDailyJobFor")(T);
    const ran = Date.now() - started - setUp;
    counts[50_000] = { total: run.app.counter.total, byName: run.app.counter.table() };
    // Printed for the record (the numbers in the project's notes come from here).
    console.log(
      `service calls: 1,000 rows ${counts[1000]?.total}, 50,000 rows ${counts[50_000].total}; set-up ${setUp} ms, run ${ran} ms\n${JSON.stringify(counts[50_000].byName)}`,
    );
    expect(counts[1000]).toBeDefined();
    expect(counts[50_000].total).toBe(counts[1000].total);
    // Method by method too, but for the grid: a call sheet of a few hundred rows shrinks the new
    // sheet's 1,000 rows, one of thousands grows them — one call either way.
    const grid = (byName: Record<string, number>) => {
      const { "Sheet.insertRowsAfter": grow = 0, "Sheet.deleteRows": shrink = 0, ...rest } = byName;
      return { ...rest, resizeRows: grow + shrink };
    };
    expect(grid(counts[50_000].byName)).toEqual(grid(counts[1000].byName));
    expect(run.app.counter.count("Range.getValues")).toBeLessThanOrEqual(6);
    // History, the ledger's columns, the call sheet, the run stamp's two cells, and (first run only) the run sheet's labels and figures.
    expect(run.app.counter.count("Range.setValues")).toBe(6);
    expect(run.app.counter.count("Utilities.formatDate")).toBe(counts[1000].byName["Utilities.formatDate"]);
    expect(run.app.spreadsheet.values(historySheetName("2026-11")).length).toBe(50_001);
    expectStoreCellsUnchanged(run);
    expect(daihouRules(run.ledger)).toHaveLength(4);
    expect(ran).toBeLessThan(20_000);
  });
});

describe("time zones", () => {
  test("Asia/Shanghai, UTC and America/New_York give the same DPD, buckets and call sheet", () => {
    const rows = storeLedger(1000, T_DAY, 7);
    const results = ["Asia/Shanghai", "UTC", "America/New_York"].map((timeZone) => {
      const run = load(rows, { timeZone });
      run.fn("runDailyJobFor")(T);
      const ledger = run.app.spreadsheet.values(LEDGER_SHEET);
      return {
        timeZone,
        owned: ledger.map((r) => r.slice(STORE_COLUMNS)),
        calls: run.app.spreadsheet.values(callSheetName(T_DAY)),
        summary: run.app.ui.alerts[0].prompt,
      };
    });
    expect(results[0].owned.slice(1).some((r) => r[1] === "M1")).toBe(true);
    for (const other of results.slice(1)) {
      expect(other.owned).toEqual(results[0].owned);
      expect(other.calls).toEqual(results[0].calls);
      expect(other.summary).toBe(results[0].summary);
    }
    // The oldest unpaid date Daihou shows is the ledger's own date, whatever the zone.
    const shanghai = results[0].owned;
    const i = rows.findIndex((r, k) => k > 0 && r[col("最早未还款日")] !== "" && r[col("状态")] === "正常");
    expect(shanghai[i][3]).toBe(rows[i][col("最早未还款日")]);
  });
});

describe("a ledger as people keep it, in Sheets (SPEC §3)", () => {
  test("title rows above the header and a 合计 row: the sheet is found, Daihou's header stands on the header row, the totals row is noted once", () => {
    const plain = storeLedger(60);
    const width = plain[0].length;
    const pad = (cells: Cell[]) => [...cells, ...new Array<Cell>(width - cells.length).fill("")];
    const rows = [pad(["上海徐汇门店贷款台账（2026年10月）"]), pad([]), ...plain, pad(["合计"])];
    const run = load(rows, {}, "门店台账");
    const summary = run.fn("runDailyJobFor")(T) as string;
    expect(summary).toContain(`${rows.length - 1} rows read from “门店台账”`);
    expect(summary).toContain("门店台账: the header is row 3 (the rows above it are a title)");
    expect(summary).toContain(`门店台账: row ${rows.length} is a totals row (合计) and is left out`);
    expect(summary).toContain("Every row was counted.");
    const values = run.app.spreadsheet.values("门店台账");
    expect(values[2].slice(width, width + 2)).toEqual(["Daihou·DPD", "Daihou·Bucket"]);
    expect(values[0].slice(width)).toEqual(new Array(OWNED_LEDGER_COLUMNS.length).fill(""));
    // The loans' figures on their own rows: the first loan (sheet row 4) has a bucket.
    expect(["C", "M1", "M2", "M3", "M3+", ""]).toContain(values[3][width + 1]);
    expect(values.slice(3, -1).filter((r) => typeof r[width] === "number").length).toBeGreaterThan(30);
    expect(values.at(-1)?.slice(width, width + 2)).toEqual(["", ""]);
  });
});

describe("when the job cannot run", () => {
  test("another run holds the lock: nothing runs, and the user is told it is busy", () => {
    const run = load(storeLedger(300));
    run.app.lockService.heldByAnotherRun = true;
    const text = run.fn("runDailyJobFor")(T);
    expect(text).toBe("Another run of today's work is still going on in this spreadsheet. Nothing was changed: try again in a minute.");
    expect(run.app.ui.alerts).toEqual([{ title: "Daihou", prompt: text }]);
    expect(run.app.spreadsheet.getSheets().map((s) => s.getName())).toEqual([LEDGER_SHEET]);
    expect(run.app.counter.count("Range.setValues")).toBe(0);
    expect(run.ledger.rules).toHaveLength(2);
    expectStoreCellsUnchanged(run);
  });

  test("no ledger: the message names the headers looked for, in the user's language", () => {
    const run = load(null);
    run.app.spreadsheet.sheet("Sheet1").cells = [
      ["日期", "金额"],
      ["2026-11-01", 5],
    ];
    const text = run.fn("runDailyJobFor")(T) as string;
    expect(text).toMatch(/^No ledger found: there is no sheet named “台账 Ledger”/);
    expect(text).toContain("• loan id: 合同编号, 合同号");
    expect(text).toContain("Loan ID");
    expect(text).toContain("• oldest unpaid due date or days past due: 最早未还款日");
    expect(run.app.spreadsheet.getSheets()).toHaveLength(1);

    const zh = load(null, { locale: "zh_CN" });
    const zhText = zh.fn("runDailyJobFor")(T) as string;
    expect(zhText).toMatch(/^找不到台账：没有名为“台账 Ledger”的工作表/);
    expect(zhText).toContain("\n• 合同编号：合同编号、合同号、");
  });

  test("a ledger without a required column: nothing is written, the column and headers are named", () => {
    const rows = storeLedger(50).map((r) => r.filter((_, c) => c !== col("剩余本金")));
    const run = load(rows);
    const text = run.fn("runDailyJobFor")(T) as string;
    expect(text).toMatch(
      /^The ledger “台账 Ledger” has no column for outstanding principal\. Nothing was changed\. Headers looked for:\n• outstanding principal: 剩余本金, 未还本金/,
    );
    expect(run.app.spreadsheet.getSheets()).toHaveLength(1);
    expect(run.app.counter.count("Range.setValues")).toBe(0);
  });

  test("a date that is not one", () => {
    const run = load(storeLedger(20));
    expect(run.fn("runDailyJobFor")("2026-02-30")).toBe("“2026-02-30” is not a date: write it like 2026-11-16.");
    expect(run.app.spreadsheet.getSheets()).toHaveLength(1);
  });
});

describe("rows not counted", () => {
  test("the summary lists the first few by row, column and reason, never a customer's name or number, in Chinese too", () => {
    const rows = storeLedger(200);
    for (const r of [3, 5, 7, 9, 11, 13, 15]) rows[r - 1][col("剩余本金")] = "abc";
    rows[4 - 1][col("最早未还款日")] = "2026-13-45";
    for (const [locale, expected] of [
      [
        "en_US",
        [
          "Rows not counted: 8 (each is marked ⚠ in the ledger's column “Daihou·Why”). The first 5:",
          "• row 3, column “剩余本金”: “abc” is not an amount of money",
          "• row 4, column “最早未还款日”: “2026-13-45” is not a date Daihou can read (write it like 2026-11-01)",
          "…and 3 more.",
        ],
      ],
      ["zh_CN", ["未计入的行：8（已在台账的“Daihou·说明”列标注 ⚠）。前 5 条：", "• 第 3 行，“剩余本金”列：“abc”不是金额", "……另有 3 条。"]],
    ] as const) {
      const run = load(rows, { locale });
      const text = run.fn("runDailyJobFor")(T) as string;
      for (const line of expected) expect(text.split("\n")).toContain(line);
      for (const r of rows.slice(1)) {
        for (const c of ["客户姓名", "手机号码", "单位电话", "家庭电话"]) {
          const v = String(r[col(c)]);
          if (v !== "") expect(text).not.toContain(v);
        }
      }
      // The ledger marks them.
      const why = run.app.spreadsheet.values(LEDGER_SHEET)[2][STORE_COLUMNS + 5];
      expect(why).toMatch(/^⚠ /);
    }
  });
});

describe("menuRunToday", () => {
  test("runs for today in the spreadsheet's time zone; a small ledger gets no “Running…” toast", () => {
    const today = parseIsoDay(intlFormatDate(new Date(), "Asia/Shanghai", "yyyy-MM-dd"));
    const run = load(storeLedger(200, today));
    run.fn("menuRunToday")();
    expect(run.app.spreadsheet.getSheetByName(callSheetName(today))).not.toBeNull();
    expect(run.app.spreadsheet.toasts).toEqual([]);
    expect(run.app.ui.alerts).toHaveLength(1);
    expect(run.app.ui.alerts[0].title).toBe(`Today's work: ${isoDay(today)}`);
  });
});

describe("the daily trigger", () => {
  test("dailyTrigger runs today's work with no UI and logs counts only", () => {
    const today = parseIsoDay(intlFormatDate(new Date(), "Asia/Shanghai", "yyyy-MM-dd"));
    const rows = storeLedger(200, today);
    const run = load(rows, { hasUi: false });
    run.fn("dailyTrigger")({ authMode: "FULL", triggerUid: "1" });
    expect(run.app.spreadsheet.getSheetByName(callSheetName(today))).not.toBeNull();
    expect(run.app.counter.count("SpreadsheetApp.getUi")).toBe(0);
    expect(run.app.counter.count("Spreadsheet.toast")).toBe(0);
    expect(run.logs).toHaveLength(1);
    expect(run.logs[0]).toMatch(new RegExp(`^Daihou daily run ${isoDay(today)}: 200 rows, \\d+ active, \\d+ tasks, 0 rows not counted$`));
  });

  test("dailyTrigger when another run holds the lock: skipped, logged, no error", () => {
    const run = load(storeLedger(50), { hasUi: false });
    run.app.lockService.heldByAnotherRun = true;
    expect(() => run.fn("dailyTrigger")({})).not.toThrow();
    expect(run.logs).toEqual(["Daihou daily run skipped: another run holds the lock; the next hourly firing tries again"]);
    expect(run.app.spreadsheet.getSheets()).toHaveLength(1);
  });

  test("dailyTrigger with no ledger fails with the reason, so Apps Script tells the owner", () => {
    const run = load(null, { hasUi: false });
    expect(() => run.fn("dailyTrigger")({})).toThrow(/^Daihou's daily run could not run: No ledger found/);
  });

  test("the trigger installs once even when asked twice, hourly (it runs today's work from 07:00 in the spreadsheet's zone); the menu toggles it", () => {
    const run = load(storeLedger(20), { timeZone: "America/New_York" });
    const triggers = run.app.scriptApp.triggers;
    run.fn("setDailyRun")(true);
    run.fn("setDailyRun")(true);
    expect(triggers).toHaveLength(1);
    expect(triggers[0].handler).toBe("dailyTrigger");
    expect(triggers[0].schedule).toEqual({ everyHours: 1 });
    expect(JSON.parse(run.app.properties.getProperty("daihou.settings") ?? "{}")).toEqual({ dailyTrigger: true });
    expect(run.app.spreadsheet.toasts.at(-1)?.message).toBe(
      "Daily run on: Daihou runs today's work every day between 07:00 and 08:00 (America/New_York), without opening the spreadsheet.",
    );
    // The top-level function the trigger calls exists.
    expect(typeof run.fn(triggers[0].handler)).toBe("function");

    run.fn("menuToggleDailyTrigger")();
    expect(triggers).toHaveLength(0);
    expect(JSON.parse(run.app.properties.getProperty("daihou.settings") ?? "{}")).toEqual({ dailyTrigger: false });
    run.fn("setDailyRun")(false);
    expect(triggers).toHaveLength(0);
    run.fn("menuToggleDailyTrigger")();
    expect(triggers).toHaveLength(1);

    // Two left over from before (a double click, an old version): one remains.
    run.app.scriptApp.newTrigger("dailyTrigger").timeBased().everyDays(1).atHour(7).create();
    expect(triggers).toHaveLength(2);
    run.fn("setDailyRun")(true);
    expect(triggers).toHaveLength(1);
  });

  test("turning it on keeps the store's other settings as stored", () => {
    const run = load(storeLedger(20));
    run.app.properties.setProperty("daihou.settings", JSON.stringify({ graceDays: 3, language: "zh" }));
    const text = run.fn("setDailyRun")(true);
    expect(text).toBe("每日自动运行已开启：Daihou 每天 07:00–08:00（Asia/Shanghai）自动运行今日作业，无需打开表格。");
    expect(JSON.parse(run.app.properties.getProperty("daihou.settings") ?? "{}")).toEqual({
      graceDays: 3,
      language: "zh",
      dailyTrigger: true,
    });
  });
});

describe("menuInsertSample", () => {
  test("writes 台账 Ledger with 200 invented loans that the job can run on; never overwrites it", () => {
    const run = load(null);
    run.fn("menuInsertSample")();
    const ss = run.app.spreadsheet;
    const sample = ss.sheet(LEDGER_SHEET);
    const values = ss.values(LEDGER_SHEET);
    expect(values).toHaveLength(201);
    expect(values[0]).toEqual(SAMPLE_HEADERS);
    // Dates are date cells, mobiles text, amounts numbers.
    expect(sample.cells[1][col("放款日期")]).toEqual({ date: expect.any(Number) });
    expect(typeof sample.cells[1][col("手机号码")]).toBe("string");
    expect(typeof sample.cells[1][col("剩余本金")]).toBe("number");
    expect(sample.frozenRows).toBe(1);
    expect(ss.toasts.at(-1)?.message).toBe(
      "Inserted a sample store: 200 invented loans in “台账 Ledger”. Now choose “Run today's work” in the Daihou menu.",
    );

    sample.cells[1][col("客户姓名")] = "门店自己的数据";
    run.fn("menuInsertSample")();
    expect(run.app.ui.alerts.at(-1)?.prompt).toBe(
      "A sheet named “台账 Ledger” already exists, so no sample was inserted: Daihou never overwrites a store's sheet. Rename or delete that sheet to insert the sample.",
    );
    expect(sample.cells[1][col("客户姓名")]).toBe("门店自己的数据");

    run.fn("menuRunToday")();
    expect(run.app.ui.alerts.at(-1)?.prompt).toMatch(/^200 rows read from “台账 Ledger”\./);
    expect(run.app.ui.alerts.at(-1)?.prompt).toContain("Every row was counted.");
  });
});

describe("the months before, in Sheets", () => {
  test("the first run of a month reads October and writes its fingerprint (one cell); the next day reads only its header", () => {
    const rows = storeLedger(300, parseIsoDay("2026-10-31"));
    const run = load(rows);
    run.fn("runDailyJobFor")("2026-10-31");
    const october = run.app.spreadsheet.getSheetByName(historySheetName("2026-10")) as unknown as FakeSheet;
    expect(String(run.app.spreadsheet.values(historySheetName("2026-10"))[0][3])).toMatch(/content:$/);
    run.app.counter.reset();
    run.fn("runDailyJobFor")("2026-11-02");
    // The ledger's columns, November's history, the call sheet, October's fingerprint, and the run stamp.
    expect(run.app.counter.count("Range.setValues")).toBe(5);
    expect(String(run.app.spreadsheet.values(historySheetName("2026-10"))[0][3])).toMatch(/content:[0-9a-f]{16}$/);
    const novemberFlags = run.app.spreadsheet
      .values(historySheetName("2026-11"))
      .slice(1)
      .map((r) => r[3]);
    expect(novemberFlags.every((f) => /^[01-]{3}$/.test(String(f)))).toBe(true);
    expect(novemberFlags.some((f) => String(f).endsWith("0"))).toBe(true);
    const octoberCells = JSON.stringify(october.cells.slice(1));
    run.app.counter.reset();
    run.fn("runDailyJobFor")("2026-11-03");
    // October was not read again (only its header row: the ledger, November and that header), and is as it was.
    expect(run.app.counter.count("Range.getValues")).toBe(3);
    // The ledger's columns, November's history, the call sheet, and the run stamp.
    expect(run.app.counter.count("Range.setValues")).toBe(4);
    expect(JSON.stringify(october.cells.slice(1))).toBe(octoberCells);
  });
});
