/** The book's settings (SPEC §7): the settings sheet, `daihou settings`, and every command reading them. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook, type Worksheet } from "exceljs";
import { readCallSheet } from "../../src/app/callSheet";
import { LEDGER_SHEET, OWNED_LEDGER_HEADERS, callSheetName } from "../../src/app/names";
import { generateLoans, sampleLedger, sampleStaff } from "../../src/app/sampleStore";
import { SETTINGS_SHEET } from "../../src/app/settingsSheet";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { defaultSettings } from "../../src/domain/settings";
import { loadBook } from "../../src/node/book";
import { runCli, sha256 } from "./harness";
import { sheetsOf, writeCsv } from "./store";

const d = parseIsoDay;
const EN = { LANG: "en_US.UTF-8" };
const DATE = "2026-11-16";
const loans = generateLoans({ loans: 60, from: d("2025-09-01"), to: d("2026-11-13"), seed: 5 });

let tmp: string;
let ledger: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-settings-"));
  ledger = join(tmp, "ledger.csv");
  writeCsv(ledger, sampleLedger(loans, d(DATE)));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A new book after its first day. */
async function newBook(name: string): Promise<string> {
  const book = join(tmp, name);
  const run = await runCli(["day", "--book", book, "--date", DATE, "--ledger", ledger], EN, [book]);
  expect(run.code).toBe(0);
  return book;
}

/** Changes cells of the settings sheet as a person would in a spreadsheet program (by key in column A). */
async function editSheet(book: string, edit: (ws: Worksheet, rowOf: (key: string) => number) => void): Promise<void> {
  const wb = new Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.getWorksheet(SETTINGS_SHEET) as Worksheet;
  const rowOf = (key: string) => {
    let at = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === key) at = r;
    });
    if (at === 0) throw new Error(`no row ${key}`);
    return at;
  };
  edit(ws, rowOf);
  await wb.xlsx.writeFile(book);
}

const json = async (book: string) => {
  const run = await runCli(["settings", "--book", book, "--json"]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
};

describe("the book's settings", () => {
  test("the first day makes the settings sheet with the defaults; settings shows them", async () => {
    const book = await newBook("first.xlsx");
    const sheets = await sheetsOf(book);
    const rows = sheets.get(SETTINGS_SHEET) as Cell[][];
    expect(rows[0]).toEqual(["Setting", "Value", "Meaning"]);
    expect(rows.find((r) => r[0] === "grace_days")?.slice(0, 2)).toEqual(["grace_days", 0]);
    expect(rows.find((r) => r[0] === "due_days")?.[1]).toBe("1,16");
    const shown = await json(book);
    expect(shown).toMatchObject({
      grace_days: 0,
      due_days: [1, 16],
      buckets: [1, 31, 61, 91],
      holidays: [],
      makeup_days: [],
      staff: [],
      lang: "auto",
    });
    expect(shown.baseline).toEqual(defaultSettings().baselines);
    const text = await runCli(["settings", "--book", book]);
    expect(text.stdout).toMatch(/^grace_days\s+0\s+Grace days/m);
    expect(text.stdout).toContain("no staff set");
    // A second day leaves the sheet as it is.
    const before = (await sheetsOf(book)).get(SETTINGS_SHEET);
    expect((await runCli(["day", "--book", book, "--date", "2026-11-17"], EN, [book])).code).toBe(0);
    expect((await sheetsOf(book)).get(SETTINGS_SHEET)).toEqual(before);
  });

  test("--set changes them, round-trips through the sheet, and every command uses them", async () => {
    const book = await newBook("set.xlsx");
    const run = await runCli(
      [
        "settings",
        "--book",
        book,
        "--set",
        "grace_days=3",
        "--set",
        "holidays=2026-10-01,2026-10-02",
        "--set",
        "makeup_days=2026-10-11",
        "--set=due_days=1,16",
        "--set",
        "buckets=1,31,61,91",
        "--set",
        "staff=张敏:staff:40;李强:客服:40;王芳:门店经理:20",
        "--set",
        "baseline.m1_ratio_amount=2.5%",
      ],
      EN,
      [book],
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("7 setting(s) changed");
    expect(run.stdout).toMatch(/^王芳\s+manager\s+20$/m);
    const shown = await json(book);
    expect(shown).toMatchObject({
      grace_days: 3,
      holidays: ["2026-10-01", "2026-10-02"],
      makeup_days: ["2026-10-11"],
      staff: [
        { name: "张敏", role: "staff", daily_calls: 40 },
        { name: "李强", role: "staff", daily_calls: 40 },
        { name: "王芳", role: "manager", daily_calls: 20 },
      ],
    });
    expect(shown.baseline.m1_ratio_amount).toBeCloseTo(0.025, 12);
    // In the sheet, as a person reads it: staff as rows of name, role, calls a day.
    const rows = (await sheetsOf(book)).get(SETTINGS_SHEET) as Cell[][];
    expect(rows.find((r) => r[0] === "grace_days")?.[1]).toBe(3);
    expect(rows.find((r) => r[0] === "holidays")?.[1]).toBe("2026-10-01,2026-10-02");
    const header = rows.findIndex((r) => r[1] === "Role");
    expect(rows.slice(header + 1)).toEqual([
      ["张敏", "staff", 40],
      ["李强", "staff", 40],
      ["王芳", "manager", 20],
    ]);
    // The next day runs on them: the grace days in the ledger's own column, the tasks owned by the staff.
    expect((await runCli(["day", "--book", book, "--date", "2026-11-17"], EN, [book])).code).toBe(0);
    const loaded = await loadBook(book);
    const ledgerRows = loaded.read(LEDGER_SHEET) as Cell[][];
    const graceCol = ledgerRows[0].indexOf(OWNED_LEDGER_HEADERS.grace_days.en);
    expect(graceCol).toBeGreaterThan(0);
    // (Settled and written-off accounts have none.)
    expect(
      new Set(
        ledgerRows
          .slice(1)
          .map((r) => r[graceCol])
          .filter((g) => g !== null),
      ),
    ).toEqual(new Set([3]));
    const owners = new Set(
      readCallSheet(loaded.read(callSheetName(d("2026-11-17"))) as Cell[][])
        .filter((c) => c.type !== "handover")
        .map((c) => c.owner),
    );
    expect([...owners].every((o) => ["张敏", "李强", "王芳"].includes(o))).toBe(true);
    expect(owners.has("张敏") || owners.has("李强")).toBe(true);
  });

  test("a bad --set value exits 2 naming the key and the rule; the book is byte-for-byte unchanged", async () => {
    const book = await newBook("bad-set.xlsx");
    const before = sha256(book);
    for (const [args, expected] of [
      [["--set", "grace_days=-3"], "--set grace_days=-3: graceDays must be a whole number 0–30"],
      [["--set", "due_days=1,31"], "--set due_days=1,31: dueDays must be one or more days of month 1–28"],
      [["--set", "holidays=2026-02-30"], "--set holidays=2026-02-30: holidays must be a list of dates"],
      [
        ["--set", "staff=张敏:boss:40"],
        "--set staff=张敏:boss:40: staff member 1: the role must be staff, manager, account_manager or back_office",
      ],
      [["--set", "staff=张敏"], "--set staff=张敏: staff must be name:role:calls a day"],
      [["--set", "grace=1"], "--set grace=1: no such setting"],
      [["--set", "lang=fr", "--set", "grace_days=1"], "--set lang=fr: language must be auto, zh or en"],
    ] as const) {
      const run = await runCli(["settings", "--book", book, ...args], EN, [book]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).toContain(`${book}: nothing was changed`);
      expect(sha256(book)).toBe(before);
    }
    const zh = await runCli(["settings", "--book", book, "--set", "grace_days=-3", "--lang", "zh"], EN, [book]);
    expect(zh.stderr).toContain("--set grace_days=-3：宽限天数须为 0–30 的整数");
    expect(sha256(book)).toBe(before);
    // A missing book is not made when the value is bad.
    const missing = join(tmp, "never.xlsx");
    expect((await runCli(["settings", "--book", missing, "--set", "grace_days=-3"], EN, [missing])).code).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });

  test("a bad value typed into the sheet stops every command with exit 2 naming the setting; the book unchanged", async () => {
    const book = await newBook("typed.xlsx");
    await editSheet(book, (ws, rowOf) => {
      ws.getCell(rowOf("grace_days"), 2).value = -3;
    });
    const before = sha256(book);
    const row = await (async () => {
      const rows = (await sheetsOf(book)).get(SETTINGS_SHEET) as Cell[][];
      return rows.findIndex((r) => r[0] === "grace_days") + 1;
    })();
    const commands = [
      ["day", "--book", book, "--date", "2026-11-17"],
      ["day", "--book", book, "--date", "2026-11-17", "--ledger", ledger],
      ["calls", "--book", book, "--date", DATE, "--json"],
      ["record", "--book", book, "--date", DATE],
      ["report", "--book", book],
      ["report", "--book", book, "--json"],
      ["classify", "--ledger", ledger, "--date", DATE, "--book", book, "--json"],
      ["settings", "--book", book],
      ["settings", "--book", book, "--set", "due_days=1"],
    ];
    for (const args of commands) {
      const run = await runCli(args, EN, [book]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(
        `${book} (sheet “${SETTINGS_SHEET}”), row ${row}, grace_days: graceDays must be a whole number 0–30 (found “-3”)`,
      );
      expect(sha256(book)).toBe(before);
    }
    const zh = await runCli(commands[0], { LANG: "zh_CN.UTF-8" }, [book]);
    expect(zh.stderr).toContain(`${book}（工作表“${SETTINGS_SHEET}”）第 ${row} 行，grace_days：宽限天数须为 0–30 的整数（填的是“-3”）`);
    // --set mends it: the value given replaces the bad one.
    const mended = await runCli(["settings", "--book", book, "--set", "grace_days=0"], EN, [book]);
    expect(mended.code).toBe(0);
    expect((await runCli(commands[0], EN, [book])).code).toBe(0);
  });

  test("a person's edits in the sheet are read: staff rows in Chinese, holidays, a percentage", async () => {
    const book = await newBook("person.xlsx");
    await editSheet(book, (ws, rowOf) => {
      ws.getCell(rowOf("holidays"), 2).value = "2026-10-01, 2026-10-02";
      ws.getCell(rowOf("baseline.m2_ratio_amount"), 2).value = "1.5%";
      const header = ws.rowCount;
      ws.getRow(header + 1).values = ["张敏", "客服", 40];
      ws.getRow(header + 2).values = ["王芳", "门店经理", 20];
    });
    const shown = await json(book);
    expect(shown.holidays).toEqual(["2026-10-01", "2026-10-02"]);
    expect(shown.baseline.m2_ratio_amount).toBeCloseTo(0.015, 12);
    expect(shown.staff).toEqual([
      { name: "张敏", role: "staff", daily_calls: 40 },
      { name: "王芳", role: "manager", daily_calls: 20 },
    ]);
    // …and written back by --set as the settings read (the sheet and the command agree).
    expect((await runCli(["settings", "--book", book, "--set", "grace_days=1"], EN, [book])).code).toBe(0);
    expect(await json(book)).toEqual({ ...shown, grace_days: 1 });
  });

  test("the book's lang decides the language when neither --lang nor LANG names one", async () => {
    const book = await newBook("lang.xlsx");
    expect((await runCli(["settings", "--book", book, "--set", "lang=zh"], EN, [book])).code).toBe(0);
    const none = await runCli(["day", "--book", book, "--date", "2026-11-17"], {}, [book]);
    expect(none.stdout).toContain("每日作业");
    const c = await runCli(["day", "--book", book, "--date", "2026-11-17"], { LANG: "C" }, [book]);
    expect(c.stdout).toContain("每日作业");
    const en = await runCli(["day", "--book", book, "--date", "2026-11-17"], EN, [book]);
    expect(en.stdout).toContain("Daily job for 2026-11-17");
    const arg = await runCli(["settings", "--book", book, "--lang", "en"], { LANG: "zh_CN.UTF-8" });
    expect(arg.stdout).toMatch(/^grace_days\s+0\s+Grace days/m);
    // The sheet is rewritten in the book's language.
    expect(((await sheetsOf(book)).get(SETTINGS_SHEET) as Cell[][])[0]).toEqual(["设置", "值", "说明"]);
  });

  test("settings --set on a missing book makes it with only its settings; day then imports the ledger", async () => {
    const book = join(tmp, "staff-first.xlsx");
    const roster = sampleStaff()
      .map((m) => `${m.name}:${m.role}:${m.dailyCapacity}`)
      .join(";");
    expect((await runCli(["settings", "--book", book, "--set", `staff=${roster}`], EN, [book])).code).toBe(0);
    expect([...(await sheetsOf(book)).keys()]).toEqual([SETTINGS_SHEET]);
    expect((await runCli(["day", "--book", book, "--date", DATE, "--ledger", ledger], EN, [book])).code).toBe(0);
    const calls = JSON.parse((await runCli(["calls", "--book", book, "--date", DATE, "--json"])).stdout) as {
      owner: string;
      type: string;
    }[];
    const names = new Set(sampleStaff().map((m) => m.name));
    expect(calls.filter((c) => c.type !== "handover").every((c) => names.has(c.owner))).toBe(true);
  });
});
