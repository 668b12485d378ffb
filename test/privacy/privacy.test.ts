/**
 * Privacy and safety (SPEC §8): no network in the built add-in, minimal OAuth
 * scopes, and no customer name or phone number in any log or message stream
 * the user did not ask for — the CLI's stderr (and stdout of day, record,
 * report, demo) and the built bundle's console/Logger under a fake spreadsheet.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vm from "node:vm";
import * as gas from "gas-local";
import { callSheetName, LEDGER_SHEET, OUTCOME_LABELS } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { fillCallSheet, runCli } from "../node/harness";
import { writeCsv } from "../node/store";
import { BUILD, buildOnce, ROOT } from "../sheets/buildOnce";
import { FakeSpreadsheetApp } from "../sheets/fakeSpreadsheet";

const EN = { LANG: "en_US.UTF-8" };
const DATE = "2026-11-16";
const PHONE = "13912345678";
const NEW_PHONE = "13987654321";
const NAME = "哨兵客户Zq";
const WORK = "075588776655";
/** Forms a printed sentinel could take: whole, spaced, masked. */
const LEAKS = [PHONE, "139 1234 5678", "139-1234-5678", "139****5678", NEW_PHONE, "139****4321", NAME, "哨兵", WORK, "88776655"];

function expectNoLeak(where: string, text: string): void {
  const found = LEAKS.filter((s) => text.includes(s));
  expect({ where, found }).toEqual({ where, found: [] });
}

const HEADER = ["合同编号", "客户姓名", "手机号码", "单位电话", "剩余本金", "最早未还款日", "还款日", "状态", "催收员"];
/** A ledger where the sentinel customer is overdue (on the call sheet), due tomorrow, unreadable, and duplicated. */
const LEDGER: Cell[][] = [
  HEADER,
  ["S1", NAME, `+86 ${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}`, WORK, "5000", "2026-10-20", "20", "正常", "李娜"],
  ["S2", NAME, PHONE, "", "6000", "2026-11-01", "1", "正常", "李娜"],
  ["S3", NAME, PHONE, "", "abc", "", "17", "正常", "李娜"],
  ["S4", NAME, PHONE, "", "7000", "", "17", "正常", "李娜"],
  ["S5", NAME, PHONE, "", "1000", "", "17", "正常", ""],
  ["S5", NAME, PHONE, "", "1000", "", "17", "正常", ""],
  ["S6", `=HYPERLINK("x","${NAME}")`, PHONE, "", "2000", "2026-09-01", "1", "正常", ""],
  ["P1", "普通客户", "13800000002", "", "3000", "", "17", "正常", "李娜"],
];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-privacy-"));
  buildOnce();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the built add-in", () => {
  const FORBIDDEN: [string, RegExp][] = [
    ["UrlFetchApp", /UrlFetchApp/],
    ["DriveApp", /DriveApp/],
    ["GmailApp", /GmailApp/],
    ["MailApp", /MailApp/],
    ["fetch(", /\bfetch\s*\(/],
    ["XMLHttpRequest", /XMLHttpRequest/],
    ["WebSocket", /WebSocket/],
    ["navigator.sendBeacon", /sendBeacon/],
  ];

  test("build/Code.js and build/*.html make no network calls", () => {
    const files = ["Code.js", ...readdirSync(BUILD).filter((f) => f.endsWith(".html"))];
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const text = readFileSync(join(BUILD, file), "utf8");
      expect(text.length).toBeGreaterThan(1000);
      expect({ file, found: FORBIDDEN.filter(([, re]) => re.test(text)).map(([name]) => name) }).toEqual({ file, found: [] });
    }
  });

  test("appsscript.json asks for exactly the three minimal scopes (source and build)", () => {
    const want = [
      "https://www.googleapis.com/auth/script.container.ui",
      "https://www.googleapis.com/auth/script.scriptapp",
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
    ];
    for (const path of [join(ROOT, "appsscript.json"), join(BUILD, "appsscript.json")]) {
      const manifest = JSON.parse(readFileSync(path, "utf8")) as { oauthScopes?: string[] };
      expect({ path, scopes: [...(manifest.oauthScopes ?? [])].sort() }).toEqual({ path, scopes: want });
    }
  });
});

describe("the CLI prints no customer name or number", () => {
  test("classify, day, calls, record, report: stderr always; stdout of day, record and report", async () => {
    const ledger = join(tmp, "sentinel.csv");
    writeCsv(ledger, LEDGER);
    const book = join(tmp, "sentinel.xlsx");

    const table = await runCli(["classify", "--ledger", ledger, "--date", DATE], EN);
    expect(table.code).toBe(0);
    // The sentinel's unreadable and duplicated rows are reported, by row and column only.
    expect(table.stderr).toMatch(/row 4, column “剩余本金”/);
    expect(table.stderr).toMatch(/row 6, column “合同编号”/);
    expectNoLeak("classify stderr", table.stderr);

    const json = await runCli(["classify", "--ledger", ledger, "--date", DATE, "--json"], EN);
    expect(json.code).toBe(0);
    expectNoLeak("classify --json stderr", json.stderr);
    expectNoLeak("classify --json stdout", json.stdout);

    // en last: the call sheet's headers are filled in English below.
    for (const lang of ["zh", "en"]) {
      const day = await runCli(["day", "--book", book, "--date", DATE, "--ledger", ledger, "--lang", lang], EN, [book]);
      expect(day.code).toBe(0);
      expect(day.stderr).not.toBe("");
      expectNoLeak(`day ${lang} stderr`, day.stderr);
      expectNoLeak(`day ${lang} stdout`, day.stdout);
    }

    const calls = await runCli(["calls", "--book", book, "--date", DATE], EN);
    expect(calls.code).toBe(0);
    expectNoLeak("calls stderr", calls.stderr);
    const callsJson = await runCli(["calls", "--book", book, "--date", DATE, "--json"], EN);
    expect(callsJson.code).toBe(0);
    expect((JSON.parse(callsJson.stdout) as { loan_id: string }[]).some((c) => c.loan_id === "S1")).toBe(true);
    expectNoLeak("calls --json stderr", callsJson.stderr);
    expectNoLeak("calls --json stdout", callsJson.stdout);

    // One row recorded (a new number in its note), one refused (a promise without its amount).
    const filledRows = await fillCallSheet(book, DATE, {
      S1: { outcome: OUTCOME_LABELS.new_contact.en, note: `${NAME} new mobile ${NEW_PHONE}`, call_time: "10:00" },
      S2: { outcome: OUTCOME_LABELS.ptp.en, ptp_date: "2026-11-20", note: `${NAME} ${PHONE}` },
      // A "new contact info" without a number in its note, and a phone number typed as the call time, are refused
      // (and what was typed is not echoed on stderr).
      S6: { outcome: OUTCOME_LABELS.new_contact.en, note: `ask ${NAME}'s wife`, call_time: PHONE },
    });
    const filled = Object.keys(filledRows).length;
    expect(filled).toBeGreaterThanOrEqual(2);
    const record = await runCli(["record", "--book", book, "--date", DATE], EN, [book]);
    expect(record.code).toBe(0);
    expect(record.stdout).toMatch(/recorded now: [1-9]/);
    expect(record.stderr).not.toBe("");
    // The sheet's own row number (under the header and the capacity line).
    expect(record.stderr).toContain(`row ${filledRows.S6} (loan S6)`);
    expectNoLeak("record stderr", record.stderr);
    expectNoLeak("record stdout", record.stdout);

    for (const args of [["--json"], []]) {
      const report = await runCli(["report", "--book", book, "--month", DATE.slice(0, 7), ...args], EN, [book]);
      expect(report.code).toBe(0);
      expectNoLeak(`report ${args} stderr`, report.stderr);
      expectNoLeak(`report ${args} stdout`, report.stdout);
    }
  });

  test("demo: counts only, no invented customer's number", async () => {
    const run = await runCli(["demo", "--out", join(tmp, "demo")], EN);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)|1[3-9]\d\*{4}\d{4}/);
  });
});

describe("the built bundle logs no customer name or number", () => {
  function load(rows: Cell[][], hasUi: boolean) {
    const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai", hasUi });
    const logs: string[] = [];
    const capture = (...args: unknown[]) =>
      logs.push(args.map((a) => (typeof a === "string" ? a : (JSON.stringify(a) ?? String(a)))).join(" "));
    const context = gas.require(BUILD, {
      __proto__: gas.globalMockDefault,
      console: { log: capture, info: capture, warn: capture, error: capture, debug: capture },
      Logger: {
        log: (...args: unknown[]) => {
          capture(...args);
        },
      },
      ...app.globals(),
    });
    app.dateConstructor = vm.runInContext("Date", context as vm.Context) as DateConstructor;
    app.spreadsheet.addSheet(LEDGER_SHEET, rows, { maxRows: rows.length + 20, maxCols: 26 });
    return { app, logs, fn: (name: string) => context[name] as (...args: unknown[]) => unknown };
  }

  test("runDailyJobFor and dailyTrigger", () => {
    const run = load(LEDGER, true);
    const summary = run.fn("runDailyJobFor")(DATE);
    expect(typeof summary).toBe("string");
    expect(run.app.spreadsheet.getSheetByName(callSheetName(parseIsoDay(DATE)))).not.toBeNull();
    expectNoLeak("runDailyJobFor logs", run.logs.join("\n"));

    const trigger = load(LEDGER, false);
    trigger.fn("dailyTrigger")({ authMode: "FULL", triggerUid: "1" });
    expect(trigger.logs.length).toBeGreaterThan(0);
    expect(trigger.logs.join("\n")).toMatch(/rows not counted/);
    expectNoLeak("dailyTrigger logs", trigger.logs.join("\n"));
  });
});
