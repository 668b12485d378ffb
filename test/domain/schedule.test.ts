/**
 * A repayment schedule (还款计划) rolled up per loan (SPEC §3): the oldest unpaid
 * due date, the outstanding principal (a partly paid installment pro rata), the
 * next installment, the due day, the first due date and the overdue amount
 * (Σ amount due − amount paid of the installments due on or before t).
 */
import type { Cell } from "../../src/domain/cells";
import { classify } from "../../src/domain/classify";
import { type Account, parseLedger } from "../../src/domain/ledger";
import { defaultSettings } from "../../src/domain/settings";

/** Day number of an ISO date, computed with Date.UTC (independent of src/domain/days). */
const D = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

const T = D("2026-11-20");
const HEADER = ["合同编号", "客户姓名", "手机号码", "期数", "应还日期", "应还金额", "应还本金", "已还金额", "还款状态"];
const DUES = ["2026-08-16", "2026-09-16", "2026-10-16", "2026-11-16", "2026-12-16", "2027-01-16"];

/** A six-installment loan (1,000 due, 800 principal each) with these amounts paid. */
function loanRows(id: string, paid: number[], customer = "王伟"): Cell[][] {
  return DUES.map((due, k) => {
    const p = paid[k] ?? 0;
    return [id, customer, "13800000000", k + 1, due, "1,000.00", 800, p, p >= 1000 ? "已还" : p > 0 ? "部分还款" : "未还"];
  });
}

function rollUp(rows: Cell[][], t = T, header = HEADER): { account: Account; parsed: ReturnType<typeof parseLedger> } {
  const parsed = parseLedger({ header, rows }, defaultSettings(), t);
  expect(parsed.shape).toBe("schedule");
  return { account: parsed.accounts[0], parsed };
}

const FULL = 1000;

describe("rolled up per loan (SPEC §3)", () => {
  it("0 installments behind: nothing unpaid is due, DPD 0, overdue amount 0", () => {
    const { account } = rollUp(loanRows("L1", [FULL, FULL, FULL, FULL]));
    expect(account.oldestUnpaid).toBeNull();
    expect(account.principal).toBe(1600);
    expect(account.overdueAmount).toBe(0);
    expect(account.installment).toBe(1000);
    expect(account.dueDay).toBe(16);
    expect(account.firstDueDate).toBe(D("2026-08-16"));
    expect(account.nextDueDate).toBeNull();
    const c = classify(account, T, defaultSettings());
    expect([c.dpd, c.bucket]).toEqual([0, "C"]);
  });

  it("1 installment behind: oldest unpaid 11-16, DPD 4 (M1), overdue 1,000", () => {
    const { account } = rollUp(loanRows("L1", [FULL, FULL, FULL]));
    expect(account.oldestUnpaid).toBe(D("2026-11-16"));
    expect(account.principal).toBe(2400);
    expect(account.overdueAmount).toBe(1000);
    const c = classify(account, T, defaultSettings());
    expect([c.dpd, c.bucket]).toEqual([4, "M1"]);
  });

  it("2 installments behind: DPD 35 (M2), overdue 2,000", () => {
    const { account } = rollUp(loanRows("L1", [FULL, FULL]));
    expect(account.oldestUnpaid).toBe(D("2026-10-16"));
    expect(account.principal).toBe(3200);
    expect(account.overdueAmount).toBe(2000);
    const c = classify(account, T, defaultSettings());
    expect([c.dpd, c.bucket]).toEqual([35, "M2"]);
  });

  it("3 installments behind: DPD 65 (M3), overdue 3,000", () => {
    const { account } = rollUp(loanRows("L1", [FULL]));
    expect(account.oldestUnpaid).toBe(D("2026-09-16"));
    expect(account.principal).toBe(4000);
    expect(account.overdueAmount).toBe(3000);
    const c = classify(account, T, defaultSettings());
    expect([c.dpd, c.bucket]).toEqual([65, "M3"]);
  });

  it("a partly paid installment counts its unpaid part, and its principal less the paid share", () => {
    const { account } = rollUp(loanRows("L1", [FULL, FULL, FULL, 400]));
    expect(account.oldestUnpaid).toBe(D("2026-11-16"));
    expect(account.overdueAmount).toBe(600);
    // 800 × 0.6 of installment 4, then 800 + 800.
    expect(account.principal).toBe(2080);
    expect(classify(account, T, defaultSettings()).dpd).toBe(4);
  });

  it("a prepaid future installment: not unpaid, not overdue, its principal gone; the next unpaid one is the installment", () => {
    const rows = loanRows("L1", [FULL, FULL, FULL, 0, FULL]);
    rows[5][5] = 1200; // the last installment differs
    const { account } = rollUp(rows);
    expect(account.oldestUnpaid).toBe(D("2026-11-16"));
    expect(account.overdueAmount).toBe(1000);
    expect(account.principal).toBe(1600);
    // Installment 5 is paid: the next unpaid one due after t is installment 6.
    expect(account.installment).toBe(1200);
  });

  it("an installment unpaid on its due day shows that day as the oldest unpaid date (DPD 0) and counts as overdue amount", () => {
    const t = D("2026-11-16");
    const { account } = rollUp(loanRows("L1", [FULL, FULL, FULL]), t);
    expect(account.oldestUnpaid).toBe(t);
    expect(account.overdueAmount).toBe(1000);
    const c = classify(account, t, defaultSettings());
    expect([c.dpd, c.bucket]).toEqual([0, "C"]);
  });

  it("every installment paid: outstanding principal 0, settled whatever the status says", () => {
    const { account } = rollUp(loanRows("L1", [FULL, FULL, FULL, FULL, FULL, FULL]));
    expect(account.principal).toBe(0);
    expect(classify(account, T, defaultSettings()).active).toBe(false);
  });

  it("without an amount paid column, the status says paid or not", () => {
    const header = HEADER.filter((h) => h !== "已还金额");
    const rows = loanRows("L1", [FULL, FULL]).map((r) => [...r.slice(0, 7), r[8]]);
    const { account } = rollUp(rows, T, header);
    expect(account.oldestUnpaid).toBe(D("2026-10-16"));
    expect(account.overdueAmount).toBe(2000);
  });

  it("loans in any row order, installments out of order, each loan on its first row", () => {
    const a = loanRows("A", [FULL, FULL, FULL]);
    const b = loanRows("B", [FULL]);
    const rows = [b[3], a[5], a[0], b[0], a[1], a[2], a[3], a[4], b[1], b[2], b[4], b[5]];
    const parsed = parseLedger({ header: HEADER, rows }, defaultSettings(), T);
    expect(parsed.accounts.map((x) => [x.loanId, x.row, x.oldestUnpaid, x.overdueAmount])).toEqual([
      ["B", 2, D("2026-09-16"), 3000],
      ["A", 3, D("2026-11-16"), 1000],
    ]);
    expect(parsed.accounts[0].firstDueDate).toBe(D("2026-08-16"));
    expect(parsed.loanRows.get(3)).toEqual([4, 6, 7, 8, 9]);
    expect(parsed.notes.find((n) => n.key === "note.schedule")?.params).toEqual({ rows: 12, loans: 2 });
  });
});

describe("bad installment rows and disagreements", () => {
  it("an unreadable installment row is named by row and column; its loan is left out, said on its first row", () => {
    const rows = [...loanRows("A", [FULL, FULL]), ...loanRows("B", [FULL])];
    rows[2][4] = "下个月";
    const parsed = parseLedger({ header: HEADER, rows }, defaultSettings(), T);
    expect(parsed.accounts.map((a) => a.loanId)).toEqual(["B"]);
    expect(parsed.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [2, "", "reason.bad_installment_row"],
      [4, "应还日期", "reason.bad_date"],
    ]);
  });

  it("an installment given twice is named on both rows", () => {
    const rows = loanRows("A", [FULL]);
    rows[3][3] = 3;
    const parsed = parseLedger({ header: HEADER, rows }, defaultSettings(), T);
    expect(parsed.accounts).toEqual([]);
    expect(parsed.problems.filter((p) => p.reason === "reason.duplicate_installment").map((p) => [p.row, p.column])).toEqual([
      [4, "期数"],
      [5, "期数"],
    ]);
  });

  it("installments disagreeing on the customer: the first row's is used, said once for the loan", () => {
    const rows = loanRows("A", [FULL]);
    rows[2][1] = "王 伟";
    rows[4][1] = "王小伟";
    const parsed = parseLedger({ header: HEADER, rows }, defaultSettings(), T);
    expect(parsed.accounts[0].customer).toBe("王伟");
    const said = parsed.notes.filter((n) => n.key === "note.schedule_disagree");
    expect(said).toEqual([{ key: "note.schedule_disagree", params: { id: "A", column: "客户姓名", row: 4 } }]);
  });

  it("a schedule needs amount due and principal due: a missing column stops the run naming them", () => {
    expect(() => parseLedger({ header: ["合同编号", "客户姓名", "期数", "应还日期", "已还金额"], rows: [] }, defaultSettings(), T)).toThrow(
      /amount_due.*principal_due/,
    );
  });

  it("English headers are recognised as a schedule", () => {
    const header = ["Loan ID", "Customer", "Installment no.", "Due date", "Amount due", "Principal due", "Amount paid", "Repayment status"];
    const rows = loanRows("A", [FULL, FULL]).map((r) => [r[0], r[1], ...r.slice(3)]);
    const { account } = rollUp(rows, T, header);
    expect(account.overdueAmount).toBe(2000);
  });
});
