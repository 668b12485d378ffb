/**
 * Ledgers as people keep them (SPEC §3): title rows above the header, blank rows
 * between blocks, a totals row at the bottom; and a collections export with DPD only.
 */
import type { Cell } from "../../src/domain/cells";
import { classify } from "../../src/domain/classify";
import { findHeaderRow, isTotalsText } from "../../src/domain/fields";
import { parseLedger } from "../../src/domain/ledger";
import { defaultSettings } from "../../src/domain/settings";

const D = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
const T = D("2026-11-14");
const HEADER = ["合同编号", "客户姓名", "剩余本金", "最早未还款日", "还款日"];
const LOANS: Cell[][] = [
  ["L1", "王伟", "10,000", "", 16],
  ["L2", "李娜", "8000", "2026-10-16", 16],
  ["L3", "张强", "abc", "", 1],
  ["L4", "刘洋", "5000", "2026-11-01", 1],
];

function dpdOf(rows: Cell[][], header: Cell[] = HEADER) {
  const parsed = parseLedger({ header, rows }, defaultSettings(), T);
  return { parsed, result: parsed.accounts.map((a) => [a.loanId, a.row, classify(a, T, defaultSettings()).bucket]) };
}

describe("the header among the first ten rows", () => {
  it("is the row naming the most known fields; a title row above it is passed over", () => {
    const rows = [["上海徐汇门店贷款台账（2026年10月）"], ["制表：客服部", "", "日期：2026-11-14"], HEADER, ...LOANS];
    expect(findHeaderRow((i) => rows[i])).toBe(2);
  });
  it("ties go to the first; a sheet naming no field keeps row 1", () => {
    expect(findHeaderRow((i) => [["合同编号"], ["姓名"], ["x"]][i])).toBe(0);
    expect(findHeaderRow((i) => [["a"], ["b"]][i])).toBe(0);
  });
  it("looks no further than row 10", () => {
    const rows: Cell[][] = [...Array.from({ length: 10 }, () => ["标题"]), HEADER];
    expect(findHeaderRow((i) => rows[i])).toBe(0);
  });
  it("the row Settings remembers wins", () => {
    const rows = [["合同编号", "客户姓名"], HEADER];
    expect(findHeaderRow((i) => rows[i], {}, 1)).toBe(0);
    expect(findHeaderRow((i) => rows[i], {}, 0)).toBe(1);
  });
  it("totals words", () => {
    for (const w of ["合计", "小计", "总计", "Total", " TOTAL ", "合计：", "ｔｏｔａｌ"]) expect(isTotalsText(w)).toBe(true);
    for (const w of ["合计金额说明", "L1", "", "小计划"]) expect(isTotalsText(w)).toBe(false);
  });
});

describe("a ledger with two title rows, blank rows and a 合计 row classifies exactly like the plain ledger", () => {
  const plain = dpdOf(LOANS);
  // Spreadsheet rows: 1–2 title, 3 header, 4–5 loans, 6 blank, 7–8 loans, 9 blank, 10 合计.
  const kept: Cell[][] = [
    ["上海徐汇门店贷款台账（2026年10月）"],
    HEADER,
    LOANS[0],
    LOANS[1],
    ["", "", "", "", ""],
    LOANS[2],
    LOANS[3],
    [null, null],
    ["合计", "", "23,000", "", ""],
  ];
  const titled = dpdOf(kept, ["贷款台账", "", "", "", ""]);

  it("same accounts, same buckets; rows are the spreadsheet's own", () => {
    expect(titled.result.map(([id, , b]) => [id, b])).toEqual(plain.result.map(([id, , b]) => [id, b]));
    expect(titled.result.map(([, row]) => row)).toEqual([4, 5, 8]);
    expect(titled.parsed.headerRow).toBe(3);
  });
  it("a bad row is still named by its spreadsheet row", () => {
    expect(titled.parsed.problems.map((p) => [p.row, p.column, p.reason])).toEqual([[7, "剩余本金", "reason.bad_amount"]]);
  });
  it("the totals row is noted once, never a bad row", () => {
    expect(titled.parsed.notes.filter((n) => n.key === "note.totals_rows")).toEqual([
      { key: "note.totals_rows", params: { rows: "10", text: "合计" } },
    ]);
    expect(titled.parsed.notes.filter((n) => n.key === "note.header_row")).toEqual([{ key: "note.header_row", params: { row: 3 } }]);
  });
  it("a totals row named in the id column, even when the first cell is a number", () => {
    const r = dpdOf([...LOANS, [4, "", "23,000", "", ""].map((c, i) => (i === 0 ? "Total" : c))]);
    expect(r.parsed.problems.map((p) => p.row)).toEqual([4]);
    expect(r.parsed.notes.map((n) => n.key)).toEqual(["note.totals_rows"]);
  });
});

describe("a collections export: DPD and the overdue amount, no due day", () => {
  const header = ["资产编号", "合同编号", "客户姓名", "逾期天数", "逾期金额", "剩余本金", "放款日期"];
  const rows: Cell[][] = [
    ["A1", "L1", "王伟", 0, "", "10000", "2026-01-05"],
    ["A2", "L2", "李娜", 29, "3,560", "8000", "2026-02-05"],
    ["A3", "L3", "张强", 45, "12.5万", "125000", "2026-03-05"],
  ];
  it("classified by the stated DPD, the overdue amount read; said once what cannot be scheduled", () => {
    const parsed = parseLedger({ header, rows }, defaultSettings(), T);
    expect(parsed.problems).toEqual([]);
    expect(parsed.accounts.map((a) => [classify(a, T, defaultSettings()).bucket, a.overdueAmount])).toEqual([
      ["C", null],
      ["M1", 3560],
      ["M2", 125000],
    ]);
    expect(parsed.notes).toEqual([{ key: "note.no_due_dates", params: {} }]);
  });
  it("without a disbursement date, welcome calls are named among what is left out", () => {
    const parsed = parseLedger({ header: header.slice(0, 6), rows: rows.map((r) => r.slice(0, 6)) }, defaultSettings(), T);
    expect(parsed.notes.map((n) => n.key)).toEqual(["note.no_due_dates_welcome"]);
  });
});
