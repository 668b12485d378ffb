import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValueType, Workbook, type Worksheet } from "exceljs";
import { CALL_COLUMNS, LEDGER_SHEET, TASK_LABELS, callSheetName } from "../../src/app/names";
import { type SampleLoan, generateLoans, loanStateOn, sampleLedger } from "../../src/app/sampleStore";
import { SETTINGS_SHEET } from "../../src/app/settingsSheet";
import type { Cell } from "../../src/domain/cells";
import { type Day, isoDay, monthBounds, monthOf, parseIsoDay } from "../../src/domain/days";
import { historySheetName } from "../../src/domain/history";
import { runCli, sha256 } from "./harness";
import { sheetsOf, writeCsv } from "./store";

const d = (s: string): Day => parseIsoDay(s);
const EN = { LANG: "en_US.UTF-8" };
const TASK_LABEL_TEXTS = new Set(Object.values(TASK_LABELS).flatMap((l) => [l.zh, l.en]));
const TYPES = ["welcome", "reminder", "first_reminder", "confirm", "collection", "sms", "broken_promise", "lost_contact", "handover"];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-day-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const loans = generateLoans({ loans: 60, from: d("2025-09-01"), to: d("2026-11-13"), seed: 5 });
const DATE = "2026-11-16";

/** The store's ledger on a date as a CSV file, with one unreadable row added at the end. */
function ledgerCsv(name: string, date: string, badRow = false): { path: string; values: Cell[][] } {
  const values = sampleLedger(loans, d(date));
  if (badRow) {
    const bad = values[1].slice();
    bad[0] = "BAD1";
    bad[10] = "abc";
    values.push(bad);
  }
  const path = join(tmp, name);
  writeCsv(path, values);
  return { path, values };
}

describe("daihou day", () => {
  const book = () => join(tmp, "store.xlsx");

  test("makes a missing book from the ledger; unreadable rows go to stderr; the ledger file is not written", async () => {
    const ledger = ledgerCsv("ledger.csv", DATE, true);
    const before = sha256(ledger.path);
    expect(existsSync(book())).toBe(false);
    const run = await runCli(["day", "--book", book(), "--date", DATE, "--ledger", ledger.path], EN, [book()]);
    expect(run.code).toBe(0);
    expect(existsSync(book())).toBe(true);
    expect(sha256(ledger.path)).toBe(before);
    const badRow = ledger.values.length; // the header is row 1
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^${escapeRegExp(ledger.path)}: row ${badRow}, column “剩余本金”: .*abc`)),
    ]);
    expect(run.stdout).toContain(`Daily job for ${DATE}`);
    expect(run.stdout).toContain("rows not counted: 1");
    expect(run.stdout).toMatch(/^total\s+\d+\s/m);
    expect(run.stdout).toContain(`call sheet: ${callSheetName(d(DATE))}`);
    expect(run.stdout).toContain(`book: ${book()}`);
    // No customer names or phone numbers in the output.
    for (const loan of loans.slice(0, 20)) {
      expect(run.stdout + run.stderr).not.toContain(loan.customer);
      expect(run.stdout + run.stderr).not.toContain(loan.mobile);
    }

    // The ledger sheet holds the CSV's cells as text, and Daihou's columns to the right.
    const wb = new Workbook();
    await wb.xlsx.readFile(book());
    const ws = wb.getWorksheet(LEDGER_SHEET) as Worksheet;
    const width = ledger.values[0].length;
    expect(ws.getCell(2, 11).type).toBe(ValueType.String); // 剩余本金
    expect(ws.getCell(2, 9).type).toBe(ValueType.String); // 还款日
    expect(ws.getCell(1, width + 1).value).toBe("Daihou·DPD");
    expect(String(ws.getCell(badRow, width + 6).value)).toContain("剩余本金");
    expect(wb.worksheets.map((w) => w.name)).toEqual([LEDGER_SHEET, SETTINGS_SHEET, historySheetName("2026-11"), callSheetName(d(DATE))]);
  });

  test("running the same date again leaves every sheet's values identical", async () => {
    const ledger = ledgerCsv("ledger.csv", DATE, true);
    const first = await sheetsOf(book());
    const run = await runCli(["day", "--book", book(), "--date", DATE, "--ledger", ledger.path], EN, [book()]);
    expect(run.code).toBe(0);
    const second = await sheetsOf(book());
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect(second.get(historySheetName("2026-11"))).toEqual(first.get(historySheetName("2026-11")));
    expect(second.get(callSheetName(d(DATE)))).toEqual(first.get(callSheetName(d(DATE))));
    expect(second).toEqual(first);
    // And without --ledger: the book's own ledger sheet is used, with the same result.
    const again = await runCli(["day", "--book", book(), "--date", DATE], EN, [book()]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`^${escapeRegExp(book())} \\(${LEDGER_SHEET}\\): row \\d+, column “剩余本金”`));
    expect(await sheetsOf(book())).toEqual(first);
  });

  test("the next day adds its call sheet and keeps one history sheet per month", async () => {
    const ledger = ledgerCsv("ledger-17.csv", "2026-11-17");
    const run = await runCli(["day", "--book", book(), "--date", "2026-11-17", "--ledger", ledger.path], EN, [book()]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const sheets = await sheetsOf(book());
    expect([...sheets.keys()]).toEqual([
      LEDGER_SHEET,
      SETTINGS_SHEET,
      historySheetName("2026-11"),
      callSheetName(d(DATE)),
      callSheetName(d("2026-11-17")),
    ]);
    expect(String(sheets.get(historySheetName("2026-11"))?.[0][2])).toMatch(/runs:16,17$/);
  });

  test.each([
    [["day", "--date", DATE], /--book is required/],
    [["day", "--book", "x.xlsx"], /--date is required/],
    [["day", "--book", "x.csv", "--date", DATE], /the book must be an \.xlsx file/],
    [["day", "--book", "missing.xlsx", "--date", DATE], /missing\.xlsx does not exist; give --ledger/],
    [["day", "--book", join("no-such-folder", "b.xlsx"), "--date", DATE, "--ledger", "x.csv"], /the folder .* does not exist/],
    [["day", "--book", "b.xlsx", "--date", "2026-11-31"], /“2026-11-31” is not a real date/],
    [["day", "--book", "b.xlsx", "--date", DATE, "--json"], /unknown option --json/],
  ])("bad arguments exit 2: %j", async (args, message) => {
    const run = await runCli(args as string[], EN);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  test("the book and the ledger cannot be the same file", async () => {
    const path = join(tmp, "same.xlsx");
    writeFileSync(path, "x");
    const run = await runCli(["day", "--book", path, "--date", DATE, "--ledger", path], EN);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("the book and the ledger are the same file");
  });

  test("a missing required column exits 2 and leaves the book as it was", async () => {
    const values = sampleLedger(loans, d(DATE)).map((r) => r.filter((_, i) => i !== 10));
    const path = join(tmp, "no-principal.csv");
    writeCsv(path, values);
    // runCli checks that neither the ledger nor the book changed.
    const run = await runCli(["day", "--book", book(), "--date", DATE, "--ledger", path], EN);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain("outstanding principal (剩余本金)");
  });

  test("a file that cannot be used exits 2 naming it", async () => {
    const run = await runCli(["day", "--book", book(), "--date", DATE, "--ledger", join(tmp, "nope.csv")], EN);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(tmp, "nope.csv"));
    const broken = join(tmp, "broken.xlsx");
    writeFileSync(broken, "not a workbook");
    const run2 = await runCli(["day", "--book", broken, "--date", DATE], EN);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toContain(broken);
  });

  test("a lock held by a running process stops a second job; a stale one is taken over", async () => {
    const lock = `${book()}.lock`;
    writeFileSync(lock, String(process.pid));
    const busy = await runCli(["day", "--book", book(), "--date", DATE], EN);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain("another daihou run is using this book");
    writeFileSync(lock, "2147483646");
    const run = await runCli(["day", "--book", book(), "--date", DATE], EN, [book()]);
    expect(run.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});

describe("daihou calls", () => {
  let book: string;
  beforeAll(async () => {
    book = join(tmp, "calls.xlsx");
    const ledger = ledgerCsv("calls-ledger.csv", "2026-11-30");
    const run = await runCli(["day", "--book", book, "--date", "2026-11-30", "--ledger", ledger.path], { LANG: "zh_CN.UTF-8" }, [book]);
    expect(run.code).toBe(0);
  });

  test("--json prints the call sheet's tasks with exactly the SPEC's keys and values", async () => {
    const run = await runCli(["calls", "--book", book, "--date", "2026-11-30", "--json"], EN);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    const sheet = (await sheetsOf(book)).get(callSheetName(d("2026-11-30"))) as Cell[][];
    // The task rows: the sheet's capacity lines and the carried heading are not tasks.
    const taskRows = sheet.slice(1).filter((r) => TASK_LABEL_TEXTS.has(String(r[CALL_COLUMNS.indexOf("task")])));
    expect(rows).toHaveLength(taskRows.length);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual([
        "loan_id",
        "type",
        "window",
        "phone",
        "owner",
        "bucket",
        "class",
        "amount_due",
        "amount_overdue",
        "carried",
      ]);
      expect(["C", "M1", "M2", "M3", "M3+"]).toContain(r.bucket);
      expect(r.class === null || (r.bucket === "C" && ["A", "B", "C", "NEW"].includes(String(r.class)))).toBe(true);
      expect(r.amount_due === null || typeof r.amount_due === "number").toBe(true);
      expect(r.bucket === "C" ? r.amount_overdue === null : typeof r.amount_overdue === "number").toBe(true);
      expect(typeof r.carried).toBe("boolean");
      expect(TYPES).toContain(r.type);
      expect([null, "mobile", "work", "home"]).toContain(r.phone);
      expect(r.window === null || /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(String(r.window))).toBe(true);
      expect(typeof r.loan_id).toBe("string");
      expect(String(r.owner)).not.toBe("");
    }
    expect(rows.map((r) => r.loan_id)).toEqual(taskRows.map((r) => r[CALL_COLUMNS.indexOf("loan_id")]));
    expect([...new Set(rows.map((r) => r.type))].sort()).toEqual(["collection", "handover", "reminder"]);
    expect(rows.filter((r) => r.type === "handover").every((r) => r.phone === null && r.window === null)).toBe(true);
  });

  test("without --json, a readable table", async () => {
    const run = await runCli(["calls", "--book", book, "--date", "2026-11-30"], EN);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(new RegExp(`^${escapeRegExp(book)}: call sheet for 2026-11-30, \\d+ tasks$`));
    expect(run.stdout).toMatch(/^Owner\s+Window\s+Task\s+Loan ID\s+Customer/m);
  });

  test("a date the book has not run exits 2", async () => {
    const run = await runCli(["calls", "--book", book, "--date", "2026-11-29", "--json"], EN);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("no call sheet for 2026-11-29");
    expect(run.stderr).toContain(`daihou day --book ${book} --date 2026-11-29`);
  });

  test("a missing book exits 2", async () => {
    const run = await runCli(["calls", "--book", join(tmp, "none.xlsx"), "--date", "2026-11-30", "--json"], EN);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("none.xlsx: no such file");
  });
});

describe("daihou classify --book", () => {
  // A small store whose book has history for August, September and October.
  const store = generateLoans({ loans: 40, from: d("2025-11-01"), to: d("2026-10-31"), seed: 11 });
  const runDays: Day[] = [];
  for (let t = d("2026-08-01"); t <= d("2026-10-31"); t += 2) runDays.push(t);
  const asOf = d("2026-11-05");
  const months = ["2026-08", "2026-09", "2026-10"];
  let book: string;
  let ledger: string;

  /** Months of the last three in which the history saw the loan active and 1 or more days past due. */
  function m1Months(loan: SampleLoan): number {
    return months.filter((m) =>
      runDays.some((r) => {
        if (monthOf(r) !== m || loan.disbursedOn > r || monthBounds(m).last < loan.disbursedOn) return false;
        const s = loanStateOn(loan, r);
        return s.status === "正常" && s.principal > 0 && s.oldestUnpaid !== null && r - s.oldestUnpaid >= 1;
      }),
    ).length;
  }

  /** The class SPEC §2 gives each account in C on asOf, from the generated payments. */
  function expectedClass(loan: SampleLoan): string | null {
    const s = loanStateOn(loan, asOf);
    if (loan.disbursedOn > asOf || s.status !== "正常" || s.principal <= 0) return null;
    if (s.oldestUnpaid !== null && asOf - s.oldestUnpaid >= 1) return null; // not in C
    if (asOf < loan.firstDue) return "NEW";
    const n = m1Months(loan);
    return n === 0 ? "A" : n === 1 ? "B" : "C";
  }

  beforeAll(async () => {
    book = join(tmp, "history.xlsx");
    const daily = join(tmp, "daily.csv");
    for (const t of runDays) {
      writeCsv(daily, sampleLedger(store, t));
      const run = await runCli(["day", "--book", book, "--date", isoDay(t), "--ledger", daily], EN, [book, daily]);
      expect(run.code).toBe(0);
    }
    ledger = join(tmp, "ledger-asof.csv");
    writeCsv(ledger, sampleLedger(store, asOf));
  });

  test("classes come from the book's history of the three months before the date", async () => {
    const run = await runCli(["classify", "--ledger", ledger, "--date", isoDay(asOf), "--book", book, "--json"], EN);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const rows = JSON.parse(run.stdout) as { loan_id: string; bucket: string; class: string | null }[];
    const expected = store.map((loan) => ({ id: loan.loanId, cls: expectedClass(loan) })).filter((e) => e.cls !== null);
    const got = rows.filter((r) => r.bucket === "C").map((r) => ({ id: r.loan_id, cls: r.class }));
    expect(got.sort(byId)).toEqual(expected.sort(byId));

    // The account the brief asks about: in C today, in M1 in two of the last three months → class C.
    const habitual = store.find((loan) => expectedClass(loan) === "C" && m1Months(loan) === 2);
    expect(habitual).toBeDefined();
    const id = (habitual as SampleLoan).loanId;
    expect(rows.find((r) => r.loan_id === id)).toEqual({ loan_id: id, dpd: 0, bucket: "C", class: "C" });
    for (const cls of ["A", "B", "NEW"]) expect(rows.some((r) => r.class === cls)).toBe(true);

    // Without the book, nothing is known of those months: the same account is A (provisional).
    const alone = await runCli(["classify", "--ledger", ledger, "--date", isoDay(asOf), "--json"], EN);
    expect((JSON.parse(alone.stdout) as { loan_id: string; class: string }[]).find((r) => r.loan_id === id)?.class).toBe("A");
  });

  test("the book is only read", async () => {
    const before = sha256(book);
    await runCli(["classify", "--ledger", ledger, "--date", isoDay(asOf), "--book", book]);
    expect(sha256(book)).toBe(before);
  });
});

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
