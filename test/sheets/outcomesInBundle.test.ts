/**
 * "Record call results" and "Month-end report" in the built bundle, on a fake
 * spreadsheet whose history the bundle's own daily job wrote for the
 * hand-worked store (test/fixtures/handStore.ts).
 */
import * as vm from "node:vm";
import * as gas from "gas-local";
import {
  type CALL_COLUMNS,
  CALL_HEADERS,
  CONTACT_LOG_SHEET,
  LEDGER_SHEET,
  OUTCOME_LABELS,
  PTP_METHOD_LABELS,
  callSheetName,
  reportSheetName,
} from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { isoDay, parseIsoDay } from "../../src/domain/days";
import { handLedgerOn } from "../fixtures/handBook";
import { d } from "../fixtures/handStore";
import { BUILD, buildOnce } from "./buildOnce";
import { FakeSpreadsheetApp } from "./fakeSpreadsheet";

type Fn = (...args: unknown[]) => unknown;

beforeAll(() => {
  buildOnce();
});

function load() {
  const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai", locale: "en_US" });
  const quiet = () => undefined;
  const context = gas.require(BUILD, {
    __proto__: gas.globalMockDefault,
    console: { log: quiet, info: quiet, warn: quiet, error: quiet },
    ...app.globals(),
  });
  app.dateConstructor = vm.runInContext("Date", context as vm.Context) as DateConstructor;
  return { app, fn: (name: string) => context[name] as Fn };
}

const asCells = (rows: Cell[][]) => rows.map((r) => r.map((v) => (v === "" ? null : (v as string | number))));

describe("record call results and the month-end report from the menu, through the built bundle", () => {
  let run: ReturnType<typeof load>;
  beforeAll(() => {
    run = load();
    const ss = run.app.spreadsheet;
    ss.addSheet(LEDGER_SHEET, []);
    for (let t = d("2026-08-20"); t <= d("2026-11-03"); t++) {
      ss.sheet(LEDGER_SHEET).cells = asCells(handLedgerOn(t));
      run.fn("runDailyJobFor")(isoDay(t));
    }
  });

  test("a promise without an amount is refused and stays on the sheet; a complete one is recorded, once", () => {
    const ss = run.app.spreadsheet;
    const sheetName = callSheetName(parseIsoDay("2026-11-03"));
    const sheet = ss.sheet(sheetName);
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const col = (c: (typeof CALL_COLUMNS)[number]) => header.indexOf(CALL_HEADERS[c].en) + 1;
    const rows = sheet.getLastRow();
    expect(rows).toBeGreaterThanOrEqual(3);
    // Row 2: a promise with no amount; row 3: a complete promise.
    sheet.getRange(2, col("outcome")).setValue(OUTCOME_LABELS.ptp.en);
    sheet.getRange(2, col("ptp_date")).setValue("2026-11-10");
    sheet.getRange(2, col("ptp_method")).setValue(PTP_METHOD_LABELS.wechat.en);
    sheet.getRange(3, col("outcome")).setValue(OUTCOME_LABELS.ptp.en);
    sheet.getRange(3, col("ptp_date")).setValue("2026-11-10");
    sheet.getRange(3, col("ptp_amount")).setValue(1000);
    sheet.getRange(3, col("ptp_method")).setValue(PTP_METHOD_LABELS.wechat.en);
    const text = String(run.fn("recordResultsFor")("2026-11-03"));
    expect(text).toMatch(/: 1 rows/);
    expect(text).toContain("row 2");
    const log = ss.values(CONTACT_LOG_SHEET);
    expect(log).toHaveLength(2);
    // What staff typed on the refused row is still there.
    expect(sheet.getRange(2, col("outcome")).getValue()).toBe(OUTCOME_LABELS.ptp.en);
    // Recording again adds nothing.
    run.fn("recordResultsFor")("2026-11-03");
    expect(ss.values(CONTACT_LOG_SHEET)).toHaveLength(2);
  });

  test("the month-end report writes its sheet with the hand figures and charts, and rewrites no formula (they refresh through Daihou_Run)", () => {
    const ss = run.app.spreadsheet;
    const dash = ss.addSheet("Dashboard", []);
    dash.getRange(1, 1).setValue('=M1_RATIO("2026-10")');
    dash.getRange(2, 1).setValue("=SUM(1,2)");
    const text = String(run.fn("monthEndReportFor")(""));
    expect(text).toContain("2026-10");
    expect(text).toBe("Month-end report for 2026-10 written to “月末报告 Report 2026-10”.");
    // SPEC §7: the menu no longer rewrites formulas.
    expect(dash.formulaWrites).toBe(0);
    expect(dash.formulas.get("1,1")).toBe('=M1_RATIO("2026-10")');
    const report = ss.sheet(reportSheetName("2026-10"));
    const values = report.getDataRange().getValues() as Cell[][];
    const numbers = values.flat().filter((v): v is number => typeof v === "number");
    expect(numbers.some((v) => Math.abs(v - 10000 / 53000) < 1e-12)).toBe(true);
    expect(report.charts.length).toBeGreaterThanOrEqual(1);
    // Running it again replaces the charts rather than adding more.
    const charts = report.charts.length;
    run.fn("monthEndReportFor")("2026-10");
    expect(ss.sheet(reportSheetName("2026-10")).charts.length).toBe(charts);
  });

  test("a bad month is said in words; with the lock held nothing runs", () => {
    expect(String(run.fn("monthEndReportFor")("2026-13"))).toContain("is not a month");
    run.app.lockService.heldByAnotherRun = true;
    try {
      expect(String(run.fn("recordResultsFor")("2026-11-03"))).toContain("Another run");
    } finally {
      run.app.lockService.heldByAnotherRun = false;
    }
  });
});
