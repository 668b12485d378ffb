import { readCallSheet } from "../../src/app/callSheet";
import { classifyWithHistory, numberAccounts, readHistory, readLedger, runDailyJob } from "../../src/app/dailyJob";
import { MemoryBook } from "../../src/app/memoryBook";
import { LEDGER_SHEET, callSheetName } from "../../src/app/names";
import { generateLoans, sampleLedger } from "../../src/app/sampleStore";
import type { Cell } from "../../src/domain/cells";
import { type Day, parseIsoDay } from "../../src/domain/days";
import { HistoryView, historySheetName } from "../../src/domain/history";
import { parseLedger } from "../../src/domain/ledger";
import { monthEndFigures, monthsForFigures } from "../../src/domain/monthEnd";
import { defaultSettings } from "../../src/domain/settings";

const d = (s: string): Day => parseIsoDay(s);
const settings = defaultSettings();
const run = (book: MemoryBook, t: Day) => runDailyJob(book, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET });

const HEADER = ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日", "每期还款额", "备注"];

function smallBook(): MemoryBook {
  const book = new MemoryBook();
  book.put(LEDGER_SHEET, [
    HEADER,
    ["L1", "张三", "13800000001", "12,000", "", 16, 1000, "=SUM(1,2)"],
    ["L2", "李四", "13800000002", "8000元", "2026-10-16", 16, 800, ""],
    ["L3", "王五", "13800000003", "abc", "", 1, 500, ""],
    ["L4", "赵六", "13800000004", 0, "", 1, 500, "结清了"],
  ]);
  return book;
}

describe("the daily job on a book", () => {
  it("writes Daihou's columns to the right of the store's, leaving the store's cells as typed", () => {
    const book = smallBook();
    const before = JSON.stringify(book.sheets.get(LEDGER_SHEET)?.values);
    run(book, d("2026-11-14"));
    const values = book.sheets.get(LEDGER_SHEET)?.values as Cell[][];
    expect(JSON.stringify(values.map((r) => r.slice(0, HEADER.length)))).toBe(before);
    expect(values[0].slice(HEADER.length)).toEqual([
      "Daihou·逾期天数",
      "Daihou·账龄",
      "Daihou·提醒类别",
      "Daihou·最早未还款日",
      "Daihou·宽限天数",
      "Daihou·说明",
      "Daihou·最近联系",
      "Daihou·新手机",
      "Daihou·新联系方式",
    ]);
    expect(values[2].slice(HEADER.length, HEADER.length + 2)).toEqual([29, "M1"]);
    // The bad row says why it is not counted, naming the column.
    expect(String(values[3][HEADER.length + 5])).toContain("剩余本金");
    expect(values[4][HEADER.length + 1]).toBe("");
  });

  it("never writes over a store cell in a column without a header", () => {
    const book = new MemoryBook();
    book.put(LEDGER_SHEET, [
      ["合同编号", "客户姓名", "剩余本金", "最早未还款日", "还款日", ""],
      ["L1", "张三", 1000, "", 16, "store note"],
    ]);
    run(book, d("2026-11-14"));
    const values = book.sheets.get(LEDGER_SHEET)?.values ?? [];
    expect(values[1][5]).toBe("store note");
    expect(values[0][6]).toBe("Daihou·逾期天数");
  });

  it("re-running finds its own columns again instead of adding more", () => {
    const book = smallBook();
    run(book, d("2026-11-14"));
    run(book, d("2026-11-15"));
    expect((book.sheets.get(LEDGER_SHEET)?.values ?? [[]])[0].length).toBe(HEADER.length + 9);
  });

  it("colours rows by bucket with one rule per overdue bucket keyed on Daihou's bucket column", () => {
    const book = smallBook();
    run(book, d("2026-11-14"));
    const rules = book.sheets.get(LEDGER_SHEET)?.rowColours ?? [];
    expect(rules.map((r) => r.equals)).toEqual(["M1", "M2", "M3", "M3+"]);
    expect(rules.every((r) => r.keyColumn === HEADER.length + 2 && r.lastColumn === HEADER.length + 9 && r.lastRow === 5)).toBe(true);
  });

  it("running the same date twice leaves history and call sheet identical", () => {
    const loans = generateLoans({ loans: 120, from: d("2025-09-01"), to: d("2026-11-10"), seed: 7 });
    const book = new MemoryBook();
    for (let t = d("2026-10-25"); t <= d("2026-11-05"); t++) {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      run(book, t);
    }
    const snapshot = () =>
      JSON.stringify([book.sheets.get(historySheetName("2026-11"))?.values, book.sheets.get(callSheetName(d("2026-11-05")))?.values]);
    const first = snapshot();
    run(book, d("2026-11-05"));
    expect(snapshot()).toBe(first);
  });

  it("service calls do not grow with the ledger", () => {
    const count = (n: number) => {
      const loans = generateLoans({ loans: n, from: d("2025-01-01"), to: d("2026-11-10"), seed: 3 });
      const book = new MemoryBook();
      book.put(LEDGER_SHEET, sampleLedger(loans, d("2026-11-14")));
      run(book, d("2026-11-14"));
      return book.calls;
    };
    expect(count(500)).toEqual(count(5000));
  });

  it("`calls` reads back each task's type, window, number kind and owner", () => {
    const book = smallBook();
    const result = run(book, d("2026-11-14"));
    const rows = readCallSheet(book.sheets.get(result.callSheet)?.values as Cell[][]);
    expect(rows).toEqual([
      {
        loan_id: "L2",
        type: "collection",
        window: "14:00-17:00",
        phone: "mobile",
        owner: "客服 Staff",
        bucket: "M1",
        class: null,
        amount_due: 800,
        amount_overdue: 800,
        carried: false,
      },
    ]);
  });
});

describe("a week with a skipped day", () => {
  // Due day 16. A pays on time; B misses the 16th and pays on the 18th; C misses and stays unpaid.
  const ledgerOn = (t: Day): Cell[][] => {
    const u16 = d("2026-11-16");
    const row = (id: string, paidOn: Day | null) => {
      const unpaid = t >= u16 && (paidOn === null || t < paidOn);
      return [id, `客户${id}`, "13800000000", unpaid ? 10000 : t >= u16 ? 9000 : 10000, unpaid ? "2026-11-16" : "", 16, 1000, ""];
    };
    return [HEADER, row("A", u16), row("B", d("2026-11-18")), row("C", null)];
  };
  const runDays = (days: string[]) => {
    const book = new MemoryBook();
    for (const s of days) {
      book.put(LEDGER_SHEET, ledgerOn(d(s)));
      run(book, d(s));
    }
    return new HistoryView(readHistory(book, monthsForFigures("2026-11")));
  };

  it("with every day run, C on the 15th and M1 on the 17th are observed", () => {
    const view = runDays(["2026-11-14", "2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"]);
    expect(view.stateOn("B", d("2026-11-17"))).toMatchObject({ known: true, derived: false });
  });

  it("when the 17th is skipped, an account unchanged from the 16th to the 18th is derived; one that paid between is unknown", () => {
    const view = runDays(["2026-11-14", "2026-11-15", "2026-11-16", "2026-11-18", "2026-11-19", "2026-11-20"]);
    expect(view.stateOn("C", d("2026-11-17"))).toMatchObject({ known: true, derived: true });
    expect(view.stateOn("A", d("2026-11-17"))).toMatchObject({ known: true, derived: true });
    expect(view.stateOn("B", d("2026-11-17"))).toEqual({ known: false, reason: "changed_between" });
    // So C-M1 for the 16th is reported unavailable, with the day and the number of accounts, never guessed.
    const f = monthEndFigures(view, "2026-11", settings);
    expect(f.c_m1_by_due_day["16"]).toBeNull();
    expect(f.c_m1_rate_amount).toBeNull();
    expect(f.unavailable).toEqual(
      expect.arrayContaining([{ figure: "c_m1_16", reason: "changed_between", day: "2026-11-17", accounts: 1 }]),
    );
  });
});

describe("finding accounts in the history by number", () => {
  it("classifies exactly as finding them by loan id, on a store with three months of history", () => {
    const loans = generateLoans({ loans: 400, from: d("2025-06-01"), to: d("2026-11-15"), seed: 5 });
    const book = new MemoryBook();
    for (const t of ["2026-08-01", "2026-08-20", "2026-09-03", "2026-09-30", "2026-10-01", "2026-10-18", "2026-11-02"].map(d)) {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      run(book, t);
    }
    const t = d("2026-11-16");
    book.put(LEDGER_SHEET, sampleLedger(loans, t));
    const parsed = parseLedger(readLedger(book, LEDGER_SHEET).table, settings, t);
    const months = ["2026-08", "2026-09", "2026-10"];
    const ids = numberAccounts(parsed);
    const numbered = classifyWithHistory(parsed, t, settings, new HistoryView(readHistory(book, months, ids)), ids);
    const byId = classifyWithHistory(parsed, t, settings, new HistoryView(readHistory(book, months)));
    expect(numbered).toEqual(byId);
    // The store has accounts of every class, so the comparison means something.
    const classes = new Set(byId.map((c) => c.reminder?.reminderClass));
    for (const c of ["A", "B", "NEW"]) expect(classes).toContain(c);
    // Numbers from another ledger's index are not trusted: the lookup falls back to loan ids.
    const other = numberAccounts({ ...parsed, accounts: parsed.accounts.slice().reverse() });
    expect(classifyWithHistory(parsed, t, settings, new HistoryView(readHistory(book, months, other)), other)).toEqual(byId);
  });
});

describe("the three months before, carried in this month's sheet", () => {
  /** A book that notes which sheets were read whole. */
  class ReadNotingBook extends MemoryBook {
    readonly readWhole: string[] = [];
    override read(sheet: string) {
      this.readWhole.push(sheet);
      return super.read(sheet);
    }
  }
  const past = ["2026-08", "2026-09", "2026-10"].map(historySheetName);
  /** The class column the job wrote, by loan id. */
  const classColumn = (book: MemoryBook) => {
    const values = book.sheets.get(LEDGER_SHEET)?.values as Cell[][];
    const at = values[0].indexOf("Daihou·提醒类别");
    return new Map(values.slice(1).map((r) => [String(r[0]), r[at]]));
  };
  /** The classes worked out afresh from the three months' sheets, as the class column shows them. */
  const expectedClasses = (book: MemoryBook, t: Day, s = settings) => {
    const parsed = parseLedger(readLedger(book, LEDGER_SHEET).table, s, t);
    const items = classifyWithHistory(parsed, t, s, new HistoryView(readHistory(book, ["2026-08", "2026-09", "2026-10"])));
    return new Map(
      items.map((c) => [
        c.account.loanId,
        c.active ? (c.reminder ? c.reminder.reminderClass + (c.reminder.provisional ? "*" : "") : "") : "",
      ]),
    );
  };

  it("are used while the months and the M1 settings are unchanged, and worked out again when either changes", () => {
    const loans = generateLoans({ loans: 300, from: d("2025-09-01"), to: d("2026-11-20"), seed: 9 });
    const book = new ReadNotingBook();
    const day = (t: Day, s = settings, ledgerOn = t) => {
      book.put(LEDGER_SHEET, sampleLedger(loans, ledgerOn));
      book.readWhole.length = 0;
      runDailyJob(book, { t, settings: s, lang: "zh", ledgerSheet: LEDGER_SHEET });
      return past.filter((name) => book.readWhole.includes(name));
    };
    for (const t of ["2026-08-01", "2026-08-20", "2026-09-03", "2026-09-30", "2026-10-01", "2026-10-18"].map(d)) day(t);
    // The month's first run reads the three months and carries what they say.
    expect(day(d("2026-11-01"))).toEqual(past);
    expect(classColumn(book)).toEqual(expectedClasses(book, d("2026-11-01")));
    // The next days read none of them, and classify the same as reading them would.
    expect(day(d("2026-11-02"))).toEqual([]);
    expect(day(d("2026-11-16"))).toEqual([]);
    const classes = classColumn(book);
    expect(classes).toEqual(expectedClasses(book, d("2026-11-16")));
    // Classes from the history, not only from the ledger: some accounts were in M1 in a month before.
    expect([...classes.values()].filter((c) => c === "B" || c === "C").length).toBeGreaterThan(0);

    // October re-run with a ledger where every loan is 40 days late: October's content changes.
    const late = sampleLedger(loans, d("2026-10-18")).map((r, i) =>
      i === 0 ? r : r.map((c, j) => (j === 11 && r[12] === "正常" ? "2026-09-08" : c)),
    );
    book.put(LEDGER_SHEET, late);
    runDailyJob(book, { t: d("2026-10-18"), settings, lang: "zh", ledgerSheet: LEDGER_SHEET });
    expect(day(d("2026-11-17"))).toEqual(past);
    const after = classColumn(book);
    expect(after).toEqual(expectedClasses(book, d("2026-11-17")));
    expect(after).not.toEqual(classes);
    expect(day(d("2026-11-18"))).toEqual([]);

    // Other grace days change what "in M1" means: worked out again.
    const lenient = { ...settings, graceDays: 30 };
    expect(day(d("2026-11-19"), lenient)).toEqual(past);
    expect(classColumn(book)).toEqual(expectedClasses(book, d("2026-11-19"), lenient));
    expect(day(d("2026-11-20"), lenient)).toEqual([]);
    expect(classColumn(book)).toEqual(expectedClasses(book, d("2026-11-20"), lenient));
  });

  it("a month without a fingerprint (as an older Daihou wrote it) is read once, fingerprinted in its header, and not read again", () => {
    const loans = generateLoans({ loans: 60, from: d("2026-01-01"), to: d("2026-11-04"), seed: 3 });
    const book = new ReadNotingBook();
    for (const t of ["2026-10-01", "2026-10-31", "2026-11-01"].map(d)) {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      run(book, t);
    }
    // October as an older Daihou wrote it: three columns, no fingerprint.
    const name = historySheetName("2026-10");
    const oct = (book.read(name) ?? []).map((r) => r.slice(0, 3));
    book.put(name, oct);
    const readsOn = (t: Day) => {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      book.readWhole.length = 0;
      run(book, t);
      const read = book.readWhole.includes(name);
      expect(classColumn(book)).toEqual(expectedClasses(book, t));
      return read;
    };
    expect(readsOn(d("2026-11-02"))).toBe(true);
    // Its cells are as they were; its header has gained the fingerprint.
    const after = book.sheets.get(name)?.values as Cell[][];
    expect(after.slice(1).map((r) => r.slice(0, 3))).toEqual(oct.slice(1));
    expect(String(after[0][3])).toMatch(/content:[0-9a-f]{16}$/);
    expect(readsOn(d("2026-11-03"))).toBe(false);
    expect(readsOn(d("2026-11-04"))).toBe(false);
  });
});

describe("this month's sheet, written straight from the sheet as read on a new day", () => {
  it("is what decoding, recording and encoding give, whether or not the sheet was changed by hand", () => {
    const loans = generateLoans({ loans: 200, from: d("2026-01-01"), to: d("2026-11-20"), seed: 12 });
    const name = historySheetName("2026-11");
    const days = ["2026-11-01", "2026-11-02", "2026-11-05"].map(d);
    const make = () => {
      const book = new MemoryBook();
      for (const t of days) {
        book.put(LEDGER_SHEET, sampleLedger(loans, t));
        run(book, t);
      }
      return book;
    };
    const plain = make();
    // The same month with two rows swapped and one id typed with a trailing space: no longer as Daihou wrote it.
    const edited = make();
    const rows = (edited.read(name) ?? []).map((r) => [...r]);
    [rows[3], rows[4]] = [rows[4], rows[3]];
    rows[5][0] = `${String(rows[5][0])} `;
    edited.put(name, rows);
    const t = d("2026-11-06");
    for (const book of [plain, edited]) {
      book.put(LEDGER_SHEET, sampleLedger(loans, t));
      run(book, t);
    }
    const written = plain.read(name) as Cell[][];
    expect(edited.read(name)).toEqual(written);
    // Sorted by loan id, today among the run days, and every account of today's ledger in it.
    const ids = written.slice(1).map((r) => String(r[0]));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(String(written[0][2])).toMatch(/runs:1,2,5,6$/);
    const ledgerIds = parseLedger(readLedger(plain, LEDGER_SHEET).table, settings, t).accounts.map((a) => a.loanId);
    expect(ledgerIds.every((id) => ids.includes(id))).toBe(true);
  });
});

describe("Daihou's columns of rows alike", () => {
  it("are the same cells, and a row's own contact cells are never another row's", () => {
    const owned = ["Daihou·逾期天数", "Daihou·账龄", "Daihou·提醒类别", "Daihou·最早未还款日", "Daihou·宽限天数", "Daihou·说明"];
    const contact = ["Daihou·最近联系", "Daihou·新手机", "Daihou·新联系方式"];
    const book = new MemoryBook();
    const blank = ["", "", "", "", "", ""];
    book.put(LEDGER_SHEET, [
      [...HEADER, ...owned, ...contact],
      ["L1", "张三", "13800000001", 12000, "", 16, 1000, "", ...blank, "2026-11-13 10:00 · 已联系", "", ""],
      ["L2", "李四", "13800000002", 8000, "", 16, 800, "", ...blank, "", "", ""],
      ["L3", "王五", "13800000003", 8000, "", 16, 800, "", ...blank, "", "13900000009", ""],
      ["L4", "赵六", "13800000004", 0, "", 16, 800, "", ...blank, "", "", ""],
      ["L5", "钱七", "13800000005", 0, "", 16, 800, "", ...blank, "", "", ""],
    ]);
    run(book, d("2026-11-14"));
    const values = book.sheets.get(LEDGER_SHEET)?.values as Cell[][];
    const ours = values.map((r) => r.slice(HEADER.length));
    // L1, L2 and L3 are alike (in C, nothing unpaid, the same class); L4 and L5 are settled.
    expect(ours[1].slice(0, 6)).toEqual(ours[2].slice(0, 6));
    expect(ours[2].slice(0, 6)).toEqual(ours[3].slice(0, 6));
    expect(ours[1][1]).toBe("C");
    expect(ours[4]).toEqual(ours[5]);
    expect(ours[4][5]).toBe("已结清，不计入");
    // Each keeps its own contact cells.
    expect(ours[1].slice(6)).toEqual(["2026-11-13 10:00 · 已联系", "", ""]);
    expect(ours[2].slice(6)).toEqual(["", "", ""]);
    expect(ours[3].slice(6)).toEqual(["", "13900000009", ""]);
  });
});
