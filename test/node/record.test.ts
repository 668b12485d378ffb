import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CALL_HEADERS, CONTACT_LOG_SHEET, callSheetName, OUTCOME_LABELS, PTP_METHOD_LABELS } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { fillCallSheet, runCli } from "./harness";
import { sheetsOf, writeCsv } from "./store";

const EN = { LANG: "en_US.UTF-8" };
const DATE = "2026-11-16";
const NEXT = "2026-11-17";

let tmp: string;
let book: string;
let ledger: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-record-"));
  book = join(tmp, "store.xlsx");
  ledger = join(tmp, "ledger.csv");
  writeCsv(ledger, [
    ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日", "每期还款额", "客户经理"],
    ["L1", "张三", "13800000001", "10000", "2026-11-01", "1", "1000", "周经理"],
    ["L2", "李四", "13800000002", "8000", "2026-11-01", "1", "800", "周经理"],
    ["L3", "王五", "13800000003", "6000", "2026-10-16", "16", "600", "林经理"],
  ]);
  const day = await runCli(["day", "--book", book, "--date", DATE, "--ledger", ledger], EN, [book]);
  expect(day.code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const logOf = async (): Promise<Cell[][]> => (await sheetsOf(book)).get(CONTACT_LOG_SHEET) ?? [];

describe("daihou record", () => {
  let rows: Record<string, number>;

  test("records the filled rows into the book's contact log; a promise without an amount is listed on stderr, naming the row", async () => {
    rows = await fillCallSheet(book, DATE, {
      L1: {
        outcome: OUTCOME_LABELS.ptp.en,
        ptp_date: new Date(Date.UTC(2026, 10, 16)),
        ptp_amount: 1000,
        ptp_method: PTP_METHOD_LABELS.wechat.en,
        call_time: "10:15",
      },
      L2: { outcome: OUTCOME_LABELS.ptp.en, ptp_date: "2026-11-20", ptp_method: PTP_METHOD_LABELS.alipay.en },
      L3: { outcome: OUTCOME_LABELS.no_answer.en, note: "rang out" },
    });
    const run = await runCli(["record", "--book", book, "--date", DATE], EN, [book]);
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      `${book} (${callSheetName(parseIsoDay(DATE))}): row ${rows.L2} (loan L2) not recorded: a promise needs all three elements (date, amount, method); missing: amount (above 0)`,
    ]);
    expect(run.stdout).toContain("filled rows: 3 · recorded now: 2 · already recorded: 0");
    expect(run.stdout).toContain("not recorded: 1");
    expect(run.stdout).toContain(`contact log: ${CONTACT_LOG_SHEET}, 2 entries`);
    // No customer names or phone numbers in the output.
    for (const text of ["张三", "李四", "王五", "13800000001", "13800000002", "13800000003"])
      expect(run.stdout + run.stderr).not.toContain(text);

    const log = await logOf();
    expect(log[0]).toEqual([
      "Date",
      "Time",
      "Window",
      "Staff",
      "Loan ID",
      "Customer",
      "Task",
      "Number type",
      "Number",
      "Outcome",
      "PTP date",
      "PTP amount",
      "PTP method",
      "Note",
      "Call sheet row",
      "Recorded at",
    ]);
    const l1 = log.find((r) => r[4] === "L1") as Cell[];
    expect(l1.slice(0, 2)).toEqual([DATE, "10:15"]);
    expect(l1.slice(4, 14)).toEqual([
      "L1",
      "张三",
      "Collection",
      "Mobile",
      "13800000001",
      OUTCOME_LABELS.ptp.en,
      DATE,
      1000,
      PTP_METHOD_LABELS.wechat.en,
      null,
    ]);
    expect(l1[14]).toBe(rows.L1);
    expect(String(l1[15])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(log.find((r) => r[4] === "L3")?.[13]).toBe("rang out");

    // The refused row is still on the call sheet, as typed, with the reason in its flag.
    const calls = (await sheetsOf(book)).get(callSheetName(parseIsoDay(DATE))) as Cell[][];
    const header = calls[0];
    const l2 = calls[rows.L2 - 1];
    expect(l2[header.indexOf(CALL_HEADERS.ptp_date.en)]).toBe("2026-11-20");
    expect(String(l2[header.indexOf(CALL_HEADERS.flag.en)])).toContain(`row ${rows.L2} (loan L2) not recorded`);
  });

  test("running it again records nothing twice", async () => {
    const before = await logOf();
    const run = await runCli(["record", "--book", book, "--date", DATE], EN, [book]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("filled rows: 3 · recorded now: 0 · already recorded: 2");
    expect(await logOf()).toEqual(before);
  });

  test("the next day's call sheet starts with the broken promise", async () => {
    const day = await runCli(["day", "--book", book, "--date", NEXT], EN, [book]);
    expect(day.code).toBe(0);
    expect(day.stdout).toMatch(/^Broken promise\s+broken_promise\s+1\s/m);
    const calls = await runCli(["calls", "--book", book, "--date", NEXT, "--json"], EN);
    expect(JSON.parse(calls.stdout)[0]).toEqual({
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
  });

  test("a date without a call sheet, or a book that does not exist, exits 2 and leaves the book as it was", async () => {
    const before = await logOf();
    const noSheet = await runCli(["record", "--book", book, "--date", "2026-11-10"], EN);
    expect(noSheet.code).toBe(2);
    expect(noSheet.stderr).toContain("the book has no call sheet for 2026-11-10");
    expect(await logOf()).toEqual(before);
    const noBook = await runCli(["record", "--book", join(tmp, "none.xlsx"), "--date", DATE], EN);
    expect(noBook.code).toBe(2);
    expect(noBook.stderr).toContain("none.xlsx does not exist");
  });

  test("help, in English and Chinese; the program's help lists it", async () => {
    const en = await runCli(["record", "--help"], EN);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Usage: daihou record --book B\.xlsx --date YYYY-MM-DD/);
    const zh = await runCli(["help", "record", "--lang", "zh"], EN);
    expect(zh.stdout).toMatch(/^用法：daihou record/);
    expect((await runCli(["--help"], EN)).stdout).toMatch(/^ {2}record\s/m);
    const bad = await runCli(["record", "--book", book, "--date", DATE, "--json"], EN);
    expect(bad.code).toBe(2);
  });
});
