import { readCallSheet } from "../../src/app/callSheet";
import { runDailyJob } from "../../src/app/dailyJob";
import { MemoryBook } from "../../src/app/memoryBook";
import { CALL_COLUMNS, CALL_INPUT_COLUMNS, CONTACT_LOG_SHEET, type CallColumn, LEDGER_SHEET, callSheetName } from "../../src/app/names";
import { NoCallSheetError, recordOutcomes } from "../../src/app/recordOutcomes";
import type { Cell } from "../../src/domain/cells";
import { type Day, parseIsoDay } from "../../src/domain/days";
import type { Lang } from "../../src/domain/i18n";
import { defaultSettings } from "../../src/domain/settings";

const d = (s: string): Day => parseIsoDay(s);
const settings = defaultSettings();
const D = d("2026-11-16"); // a Monday
const col = (c: CallColumn) => CALL_COLUMNS.indexOf(c);

const HEADER = ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日", "每期还款额", "客户经理"];
function ledger(): Cell[][] {
  return [
    HEADER,
    ["L1", "张三", "13800000001", 10000, "2026-11-01", 1, 1000, "周经理"], // M1
    ["L2", "李四", "13800000002", 8000, "2026-11-01", 1, 800, "周经理"], // M1
    ["L3", "王五", "13800000003", 6000, "2026-10-16", 16, 600, "林经理"], // M2
    ["L4", "赵六", "13800000004", 5000, "2026-11-10", 10, 500, "林经理"], // M1
  ];
}

const day = (book: MemoryBook, t: Day, lang: Lang = "zh") => runDailyJob(book, { t, settings, lang, ledgerSheet: LEDGER_SHEET });
const record = (book: MemoryBook, date: Day = D, lang: Lang = "zh") =>
  recordOutcomes(book, { date, lang, settings, ledgerSheet: LEDGER_SHEET, recordedAt: "2026-11-16 18:30" });
const sheet = (book: MemoryBook, name: string) => book.sheets.get(name)?.values as Cell[][];

/** Types into the call-sheet row of a loan, as staff would. */
function fill(book: MemoryBook, t: Day, loanId: string, cells: Partial<Record<CallColumn, Cell>>): number {
  const values = sheet(book, callSheetName(t));
  const i = values.findIndex((r) => r[col("loan_id")] === loanId);
  if (i < 1) throw new Error(`no row for ${loanId}`);
  for (const [c, v] of Object.entries(cells)) values[i][col(c as CallColumn)] = v;
  return i + 1; // the sheet's row number
}

/** What staff typed: the input columns of every row. */
const typed = (book: MemoryBook, t: Day) => sheet(book, callSheetName(t)).map((r) => CALL_INPUT_COLUMNS.map((c) => r[col(c)] ?? ""));

function workedDay(): { book: MemoryBook; rows: Record<string, number> } {
  const book = new MemoryBook();
  book.put(LEDGER_SHEET, ledger());
  day(book, D);
  const rows = {
    L1: fill(book, D, "L1", {
      outcome: "已联系-承诺还款",
      ptp_date: "2026-11-16",
      ptp_amount: 1000,
      ptp_method: "微信",
      call_time: "10:15",
    }),
    L2: fill(book, D, "L2", { outcome: "已联系-承诺还款", ptp_date: "2026-11-20", ptp_method: "支付宝", note: "说周五发工资" }),
    L3: fill(book, D, "L3", { outcome: "无人接听", note: "响铃无人接" }),
    L4: fill(book, D, "L4", { outcome: "获得新联系方式", note: "新手机 139 1234 5678" }),
  };
  return { book, rows };
}

describe("recording call results", () => {
  it("moves the valid filled rows into the contact log and refuses a promise without an amount, naming the row", () => {
    const { book, rows } = workedDay();
    const before = typed(book, D);
    const result = record(book);
    expect(result).toMatchObject({ filled: 4, recorded: 3, alreadyRecorded: 0, newContacts: 1, newContactsNotWritten: 0, logEntries: 3 });
    expect(result.refused).toEqual([{ row: rows.L2, loanId: "L2", reasons: [{ code: "ptp_missing", missing: ["amount"] }] }]);

    const log = sheet(book, CONTACT_LOG_SHEET);
    expect(log[0]).toEqual([
      "日期",
      "时间",
      "时段",
      "催收员",
      "合同编号",
      "客户",
      "任务",
      "号码类型",
      "号码",
      "结果",
      "承诺日期",
      "承诺金额",
      "还款方式",
      "备注",
      "呼叫表行号",
      "记录时间",
    ]);
    // In the call sheet's row order.
    expect(log.slice(1).map((r) => r[14])).toEqual([rows.L1, rows.L3, rows.L4].sort((x, y) => x - y));
    expect(log.find((r) => r[4] === "L1")).toEqual([
      "2026-11-16",
      "10:15",
      expect.stringMatching(/^\d{2}:00-\d{2}:00$/),
      "客服 Staff",
      "L1",
      "张三",
      "催收",
      "手机",
      "13800000001",
      "已联系-承诺还款",
      "2026-11-16",
      1000,
      "微信",
      "",
      rows.L1,
      "2026-11-16 18:30",
    ]);

    // The refused row stays, with the reason in its flag; nothing staff typed changed anywhere.
    const calls = sheet(book, callSheetName(D));
    expect(String(calls[rows.L2 - 1][col("flag")])).toBe(
      `⚠ 第 ${rows.L2} 行（合同 L2）未记录：承诺还款必须三要素齐全，缺少：还款金额（大于 0）`,
    );
    expect(String(calls[rows.L1 - 1][col("flag")])).toBe("✓ 已记入催收记录");
    expect(typed(book, D)).toEqual(before);
    // The dropdowns are still on the sheet.
    expect(book.sheets.get(callSheetName(D))?.dropdowns.map((x) => x.column)).toEqual([col("outcome") + 1, col("ptp_method") + 1]);
  });

  it("puts the new number and the latest contact into Daihou's own ledger columns, never over the store's", () => {
    const { book } = workedDay();
    const storeBefore = JSON.stringify(sheet(book, LEDGER_SHEET).map((r) => r.slice(0, HEADER.length)));
    record(book);
    const values = sheet(book, LEDGER_SHEET);
    expect(JSON.stringify(values.map((r) => r.slice(0, HEADER.length)))).toBe(storeBefore);
    const at = (h: string) => values[0].indexOf(h);
    expect(at("Daihou·最近联系")).toBe(HEADER.length + 6);
    expect(values[0].slice(HEADER.length + 6)).toEqual(["Daihou·最近联系", "Daihou·新手机", "Daihou·新联系方式"]);
    expect(values[4][at("Daihou·新手机")]).toBe("13912345678");
    expect(String(values[1][at("Daihou·最近联系")])).toBe(
      "2026-11-16 10:15 · 客服 Staff · 手机 · 已联系-承诺还款 · 承诺 2026-11-16 1,000 微信（待到期）",
    );
    expect(values[2][at("Daihou·最近联系")]).toBe(""); // L2 was refused

    // The next daily job keeps them (and finds the nine columns again).
    day(book, d("2026-11-17"));
    const next = sheet(book, LEDGER_SHEET);
    expect(next[0].length).toBe(HEADER.length + 9);
    expect(next[4][at("Daihou·新手机")]).toBe("13912345678");
    expect(JSON.stringify(next.map((r) => r.slice(0, HEADER.length)))).toBe(storeBefore);
  });

  it("recording twice adds nothing; a corrected row is recorded the next time", () => {
    const { book, rows } = workedDay();
    record(book);
    const log = JSON.stringify(sheet(book, CONTACT_LOG_SHEET));
    const again = record(book);
    expect(again).toMatchObject({ filled: 4, recorded: 0, alreadyRecorded: 3, logEntries: 3 });
    expect(again.refused.map((r) => r.row)).toEqual([rows.L2]);
    expect(JSON.stringify(sheet(book, CONTACT_LOG_SHEET))).toBe(log);

    fill(book, D, "L2", { ptp_amount: "800元" });
    const third = record(book);
    expect(third).toMatchObject({ recorded: 1, alreadyRecorded: 3, refused: [], logEntries: 4 });
    const last = sheet(book, CONTACT_LOG_SHEET).at(-1) as Cell[];
    expect([last[4], last[11], last[12], last[13]]).toEqual(["L2", 800, "支付宝", "说周五发工资"]);
    expect(sheet(book, callSheetName(D))[rows.L2 - 1][col("ptp_amount")]).toBe("800元"); // as typed
  });

  it("the next day, the broken promise is the first row of the call sheet", () => {
    const { book } = workedDay();
    record(book);
    // 17 November: L1 paid nothing (the ledger is unchanged).
    const result = day(book, d("2026-11-17"));
    expect(result.tasks[0]).toMatchObject({
      type: "broken_promise",
      loanId: "L1",
      promise: { date: d("2026-11-16"), amount: 1000, status: "broken" },
    });
    const rows = readCallSheet(sheet(book, callSheetName(d("2026-11-17"))));
    expect(rows[0]).toEqual({
      loan_id: "L1",
      type: "broken_promise",
      window: "09:00-12:00",
      phone: "mobile",
      owner: "客服 Staff",
      bucket: "M1",
      class: null,
      amount_due: 1000,
      amount_overdue: 1000,
      carried: false,
    });
    expect(rows.filter((r) => r.loan_id === "L1").map((r) => r.type)).toEqual(["broken_promise"]);
    // The ledger's latest contact now says the promise was broken.
    const values = sheet(book, LEDGER_SHEET);
    expect(String(values[1][values[0].indexOf("Daihou·最近联系")])).toContain("（违约）");
  });

  it("when the customer paid by the promised date, the promise is kept and there is no broken-promise task", () => {
    const book = new MemoryBook();
    book.put(LEDGER_SHEET, ledger());
    day(book, D);
    fill(book, D, "L1", { outcome: "已联系-承诺还款", ptp_date: "2026-11-17", ptp_amount: 1000, ptp_method: "现金" });
    record(book);
    const values = sheet(book, LEDGER_SHEET);
    const latest = () => String(values[1][values[0].indexOf("Daihou·最近联系")]);
    expect(latest()).toContain("承诺 2026-11-17 1,000 现金（待到期）"); // free-text method, as typed
    // L1 pays on the 17th: the installment of 1 Nov is no longer unpaid.
    values[1].splice(0, HEADER.length, "L1", "张三", "13800000001", 9200, "", 1, 1000, "周经理");
    day(book, d("2026-11-17"));
    expect(latest()).toContain("（待到期）");
    const result = day(book, d("2026-11-18"));
    expect(result.tasks.filter((x) => x.loanId === "L1")).toEqual([]);
    expect(latest()).toContain("（已兑现）");
  });

  it("re-running the daily job for a date staff have started to fill in keeps every typed cell in its row", () => {
    const { book, rows } = workedDay();
    const before = typed(book, D);
    const sheetBefore = sheet(book, callSheetName(D)).map((r) => [r[col("loan_id")], r[col("task")]]);
    day(book, D);
    expect(typed(book, D)).toEqual(before);
    expect(sheet(book, callSheetName(D)).map((r) => [r[col("loan_id")], r[col("task")]])).toEqual(sheetBefore);
    expect(record(book)).toMatchObject({ recorded: 3, refused: [{ row: rows.L2 }] });
  });

  it("an old call sheet with rows not yet recorded is not pruned", () => {
    const { book } = workedDay();
    const prune = (t: Day) => runDailyJob(book, { t, settings, lang: "zh", ledgerSheet: LEDGER_SHEET, keepCallSheetDays: 0 });
    prune(d("2026-11-17"));
    expect(book.sheets.has(callSheetName(D))).toBe(true);
    // Once recorded, only the refused row is left unrecorded: still kept; after it is fixed and recorded, pruned.
    record(book);
    fill(book, D, "L2", { ptp_amount: 800 });
    record(book);
    prune(d("2026-11-18"));
    expect(book.sheets.has(callSheetName(D))).toBe(false);
  });

  it("new numbers stay in the log when a store's column sits where Daihou's contact columns would go", () => {
    const book = new MemoryBook();
    book.put(LEDGER_SHEET, ledger());
    day(book, D);
    // A book whose ledger has Daihou's first six columns only (an older version), and the store adds a column right of them.
    const values = sheet(book, LEDGER_SHEET);
    for (const r of values) r.splice(HEADER.length + 6);
    values[0][HEADER.length + 6] = "回访备注";
    values[2][HEADER.length + 6] = "store's note";
    fill(book, D, "L4", { outcome: "获得新联系方式", note: "新手机 13912345678" });
    const result = record(book);
    expect(result).toMatchObject({ recorded: 1, newContacts: 0, newContactsNotWritten: 1 });
    expect(sheet(book, LEDGER_SHEET)[2][HEADER.length + 6]).toBe("store's note");
    day(book, d("2026-11-17"));
    expect(sheet(book, LEDGER_SHEET)[0].slice(HEADER.length + 6)).toEqual(["回访备注"]);
    expect(sheet(book, LEDGER_SHEET)[2][HEADER.length + 6]).toBe("store's note");
  });

  it("reads a call sheet in either language, writes the log in the run's, and needs the date's call sheet", () => {
    const book = new MemoryBook();
    book.put(LEDGER_SHEET, ledger());
    day(book, D, "en");
    fill(book, D, "L3", { outcome: "No answer" });
    expect(record(book, D, "zh").recorded).toBe(1);
    expect(sheet(book, CONTACT_LOG_SHEET)[1][9]).toBe("无人接听");
    expect(() => record(book, d("2026-11-15"))).toThrow(NoCallSheetError);
  });

  it("uses a fixed number of service calls however many rows are filled", () => {
    const calls = (n: number) => {
      const book = new MemoryBook();
      const values = [
        HEADER,
        ...Array.from({ length: n }, (_, i) => [`L${i}`, "客户", `138${String(i).padStart(8, "0")}`, 5000, "2026-11-01", 1, 500, ""]),
      ];
      book.put(LEDGER_SHEET, values);
      day(book, D);
      for (let i = 0; i < n; i++) fill(book, D, `L${i}`, { outcome: "无人接听" });
      for (const k of Object.keys(book.calls)) delete book.calls[k];
      record(book);
      return { ...book.calls };
    };
    expect(calls(5)).toEqual(calls(200));
  });
});
