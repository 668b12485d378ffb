/**
 * The guidance sidebar's poll through the built bundle: `sidebarSelection`
 * reads only the selected row's loan id (one cell), finding the loan-id column
 * from the header row only when the sheet changed; the card is fetched (by the
 * client) only when that id changes.
 */
import { callSheetName } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { load } from "../faults/bundle";
import { buildOnce } from "./buildOnce";
import { fastSampleStore } from "./fastSample";

beforeAll(() => {
  buildOnce();
});

const T = "2026-11-16";
const store = fastSampleStore();
const rows: Cell[][] = store.sampleLedger(
  store.generateLoans({ loans: 300, from: parseIsoDay("2025-06-01"), to: parseIsoDay("2026-11-01"), seed: 9 }),
  parseIsoDay(T),
);
const ID = rows[0].indexOf("合同编号");

describe("sidebarSelection: the poll's one cell", () => {
  const run = load(rows, { timeZone: "Asia/Shanghai" });
  run.fn("runDailyJobFor")(T);
  const ss = run.app.spreadsheet;
  const ledger = ss.sheet("台账 Ledger");
  type Selection = { loanId: string; hint: string };
  const poll = (hint: string) => JSON.parse(JSON.stringify(run.fn("sidebarSelection")(hint))) as Selection;

  test("the first poll finds the loan-id column from the header row; the next ones read one cell and nothing else", () => {
    ss.active = ledger;
    ledger.activeRow = 5;
    run.app.counter.reset();
    const first = poll("");
    expect(first).toEqual({ loanId: String(rows[4][ID]), hint: `台账 Ledger\t${ID}` });
    expect(run.app.counter.count("Range.getValues")).toBe(1);
    run.app.counter.reset();
    ledger.activeRow = 9;
    expect(poll(first.hint)).toEqual({ loanId: String(rows[8][ID]), hint: first.hint });
    const calls = run.app.counter.table();
    expect(calls["Range.getValues"]).toBeUndefined();
    expect(calls["Range.getValue"]).toBe(1);
    expect(calls["Sheet.getDataRange"]).toBeUndefined();
    expect(calls["PropertiesService.getDocumentProperties"]).toBeUndefined();
    // A fixed handful of calls, whatever the ledger's size.
    expect(run.app.counter.total).toBeLessThanOrEqual(8);
  });

  test("another sheet: its header is read once; a call sheet's loan-id column; the header row or no selection gives no id", () => {
    const calls = ss.sheet(callSheetName(parseIsoDay(T)));
    ss.active = calls;
    calls.activeRow = 2;
    run.app.counter.reset();
    const s = poll(`台账 Ledger\t${ID}`);
    const header = ss.values(calls.getName())[0];
    const col = header.findIndex((h) => /合同编号|Loan ID/i.test(String(h)));
    expect(col).toBeGreaterThanOrEqual(0);
    expect(s).toEqual({ loanId: String(ss.values(calls.getName())[1][col]), hint: `${calls.getName()}\t${col}` });
    expect(run.app.counter.count("Range.getValues")).toBe(1);
    calls.activeRow = 1;
    expect(poll(s.hint)).toEqual({ loanId: "", hint: s.hint });
    calls.activeRow = 0;
    expect(poll(s.hint).loanId).toBe("");
  });
});
