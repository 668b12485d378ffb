/**
 * The two shapes of input classify and schedule alike (SPEC §3, issue 15): a
 * repayment schedule made from a ledger, or generated from the same loans, gives
 * the daily job the same DPD, bucket, class and call tasks as the ledger, day
 * after day; and a ledger kept with a title, blank rows and a totals row runs
 * like the plain one.
 */
import { runDailyJob } from "../../src/app/dailyJob";
import { MemoryBook } from "../../src/app/memoryBook";
import { LEDGER_SHEET } from "../../src/app/names";
import { generateLoans, sampleLedger, sampleSchedule } from "../../src/app/sampleStore";
import type { CallTask } from "../../src/domain/calls";
import type { Cell } from "../../src/domain/cells";
import { type Day, parseIsoDay } from "../../src/domain/days";
import { parseLedger } from "../../src/domain/ledger";
import { defaultSettings } from "../../src/domain/settings";
import { scheduleFromLedger } from "../fixtures/scheduleFromLedger";

const settings = defaultSettings();
const FIRST = parseIsoDay("2026-08-01");
const LAST = parseIsoDay("2026-11-30");
// A store the demo does not use (its own seed and size).
const loans = generateLoans({ loans: 260, from: parseIsoDay("2025-04-01"), to: LAST - 1, seed: 4242 });

/** A task as the comparison sees it: everything but the row it came from. */
function taskKey(x: CallTask): string {
  // The overdue amount is left out: a schedule states it exactly (Σ unpaid amounts due), where a ledger
  // without that column can only say installment × due dates missed — they differ once a loan is past
  // its last installment. The amount has its own test below.
  const { ledgerRow: _row, amountOverdue: _overdue, ...rest } = x;
  return JSON.stringify(rest);
}

/** DPD, bucket and class per loan, from Daihou's columns in the ledger sheet (a loan's first row). */
function ownedByLoan(book: MemoryBook, idHeader: string): Map<string, Cell[]> {
  const values = book.sheets.get(LEDGER_SHEET)?.values as Cell[][];
  const header = values[0];
  const idCol = header.indexOf(idHeader);
  const dpdCol = header.indexOf("Daihou·逾期天数");
  const out = new Map<string, Cell[]>();
  for (const r of values.slice(1)) {
    const id = String(r[idCol]);
    if (!out.has(id)) out.set(id, r.slice(dpdCol, dpdCol + 3));
  }
  return out;
}

/** Runs the job on every day from FIRST to LAST on two books fed the two shapes; compares each day's tasks. */
function runBoth(shapeB: (t: Day) => Cell[][]): { a: MemoryBook; b: MemoryBook; days: number; tasks: number } {
  const a = new MemoryBook();
  const b = new MemoryBook();
  let days = 0;
  let tasks = 0;
  for (let t = FIRST; t <= LAST; t += 4) {
    a.put(LEDGER_SHEET, sampleLedger(loans, t));
    b.put(LEDGER_SHEET, shapeB(t));
    const ra = runDailyJob(a, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    const rb = runDailyJob(b, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    expect(rb.problems).toEqual([]);
    expect(rb.byBucket).toEqual(ra.byBucket);
    expect(rb.active).toBe(ra.active);
    expect(rb.tasks.map(taskKey).sort()).toEqual(ra.tasks.map(taskKey).sort());
    days++;
    tasks += ra.tasks.length;
  }
  return { a, b, days, tasks };
}

describe("a repayment schedule classifies and schedules exactly like its ledger", () => {
  it("made from the ledger's own columns (paid before the oldest unpaid date, the principal spread over the unpaid ones)", () => {
    const { a, b, days, tasks } = runBoth((t) => scheduleFromLedger(sampleLedger(loans, t), t));
    expect(days).toBeGreaterThan(25);
    expect(tasks).toBeGreaterThan(500);
    const la = ownedByLoan(a, "合同编号");
    const lb = ownedByLoan(b, "Loan ID");
    expect(lb).toEqual(la);
    // Every bucket and several classes occur, so the comparison means something.
    const buckets = new Set([...la.values()].map((r) => r[1]));
    expect([...buckets].filter((x) => x !== "").sort()).toEqual(["C", "M1", "M2", "M3", "M3+"]);
  });

  it("generated from the loans themselves (every installment, prepaid ones included)", () => {
    const { a, b } = runBoth((t) => sampleSchedule(loans, t));
    expect(ownedByLoan(b, "合同编号")).toEqual(ownedByLoan(a, "合同编号"));
  });

  it("amount overdue: Σ unpaid amounts due on or before t, as the ledger's installment × n", () => {
    const t = LAST;
    const ledger = parseLedger({ header: sampleLedger(loans, t)[0], rows: sampleLedger(loans, t).slice(1) }, settings, t);
    const values = sampleSchedule(loans, t);
    const schedule = parseLedger({ header: values[0], rows: values.slice(1) }, settings, t);
    const byId = new Map(ledger.accounts.map((x) => [x.loanId, x]));
    let overdue = 0;
    for (const s of schedule.accounts) {
      const l = byId.get(s.loanId);
      if (!l) throw new Error(`no ledger account ${s.loanId}`);
      expect([s.oldestUnpaid, s.principal, s.dueDay, s.firstDueDate, s.installment]).toEqual([
        l.oldestUnpaid,
        l.principal,
        l.dueDay,
        l.firstDueDate,
        l.principal > 0 ? l.installment : s.installment,
      ]);
      const loan = loans.find((x) => x.loanId === s.loanId);
      const unpaidDue = loan ? loan.dueDates.filter((d, k) => d <= t && loan.paidOn[k] > t).length : 0;
      expect(s.overdueAmount).toBeCloseTo(unpaidDue * (l.installment ?? 0), 2);
      if (unpaidDue > 0) overdue++;
    }
    expect(overdue).toBeGreaterThan(10);
  });

  it("Daihou's columns: the figures on the loan's first row, the bucket on every row of the loan (so the colour covers it)", () => {
    const t = LAST;
    const book = new MemoryBook();
    book.put(LEDGER_SHEET, sampleSchedule(loans, t));
    runDailyJob(book, { t, settings, lang: "en", ledgerSheet: LEDGER_SHEET });
    const values = book.sheets.get(LEDGER_SHEET)?.values as Cell[][];
    const at = values[0].indexOf("Daihou·DPD");
    expect(at).toBeGreaterThan(0);
    const rowsOf = new Map<string, number[]>();
    values.forEach((r, i) => {
      if (i > 0) rowsOf.set(String(r[0]), [...(rowsOf.get(String(r[0])) ?? []), i]);
    });
    let checked = 0;
    for (const rows of rowsOf.values()) {
      const first = values[rows[0]];
      if (first[at + 1] === "" || first[at + 1] === "C") continue;
      for (const i of rows.slice(1)) {
        expect(values[i][at]).toBe("");
        expect(values[i][at + 1]).toBe(first[at + 1]);
        expect(values[i][at + 5]).toBe(`see row ${rows[0] + 1}`);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe("a ledger as people keep it runs like the plain one", () => {
  it("two title rows, blank rows and a 合计 row: same tasks, Daihou's header on the header row, the totals row noted once", () => {
    const t = LAST;
    const plain = sampleLedger(loans, t);
    const width = plain[0].length;
    const blank = () => new Array<Cell>(width).fill("");
    const kept: Cell[][] = [
      ["上海徐汇门店贷款台账（2026年10月）", ...new Array<Cell>(width - 1).fill("")],
      ["制表：客服部", ...new Array<Cell>(width - 1).fill("")],
      plain[0],
      ...plain.slice(1, 100),
      blank(),
      ...plain.slice(100),
      blank(),
      ["合计", ...new Array<Cell>(width - 1).fill("")],
    ];
    const a = new MemoryBook();
    const b = new MemoryBook();
    a.put(LEDGER_SHEET, plain);
    b.put(LEDGER_SHEET, kept);
    const ra = runDailyJob(a, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    const rb = runDailyJob(b, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    expect(rb.tasks.map(taskKey).sort()).toEqual(ra.tasks.map(taskKey).sort());
    expect(rb.byBucket).toEqual(ra.byBucket);
    expect(rb.notes.filter((n) => n.key === "note.totals_rows")).toEqual([
      { key: "note.totals_rows", params: { rows: String(kept.length), text: "合计" } },
    ]);
    const values = b.sheets.get(LEDGER_SHEET)?.values as Cell[][];
    expect(values[2][width]).toBe("Daihou·逾期天数");
    expect(values[0][width]).toBe("");
    // The same rows in the plain ledger are 2 rows higher (before the blank) or 3 (after it).
    const pa = a.sheets.get(LEDGER_SHEET)?.values as Cell[][];
    expect(values[5].slice(width, width + 3)).toEqual(pa[3].slice(width, width + 3));
    expect(values[103].slice(width, width + 3)).toEqual(pa[100].slice(width, width + 3));
    // The ledger's tasks name their rows as the spreadsheet numbers them.
    const rowOf = new Map(rb.tasks.map((x) => [x.loanId, x.ledgerRow]));
    for (const x of ra.tasks) expect(rowOf.get(x.loanId)).toBe(x.ledgerRow < 101 ? x.ledgerRow + 2 : x.ledgerRow + 3);
  });
});
