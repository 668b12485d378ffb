import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCallSheet } from "../../src/app/callSheet";
import { LEDGER_SHEET, callSheetName } from "../../src/app/names";
import { generateLoans, sampleStaff } from "../../src/app/sampleStore";
import { SETTINGS_SHEET } from "../../src/app/settingsSheet";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { historySheetName } from "../../src/domain/history";
import { loadBook } from "../../src/node/book";
import { DEMO_DATE, DEMO_LOANS, DEMO_SEED } from "../../src/node/demoCommand";
import { runCli } from "./harness";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-demo-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("daihou demo", () => {
  test("--out DIR: runs the whole workflow, writes the book and prints where it is", async () => {
    const out = join(tmp, "made", "by-demo");
    const run = await runCli(["demo", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const path = join(out, "daihou-demo.xlsx");
    expect(existsSync(path)).toBe(true);
    expect(run.stdout.trimEnd().split("\n").pop()).toBe(`book: ${path}`);
    expect(run.stdout).toContain("320 invented loans; the daily job ran on 183 days, 2026-06-01 to 2026-11-30");
    expect(run.stdout).toMatch(/^total\s+\d+\s+[\d,]+\.\d\d$/m);
    for (const bucket of ["C", "M1", "M2", "M3", "M3+"])
      expect(run.stdout).toMatch(new RegExp(`^${bucket.replace("+", "\\+")}\\s+[1-9]\\d*\\s`, "m"));
    // Counts only: no customer names or phone numbers in the output.
    const loans = generateLoans({ loans: DEMO_LOANS, from: parseIsoDay("2025-03-01"), to: parseIsoDay(DEMO_DATE) - 1, seed: DEMO_SEED });
    for (const loan of loans) {
      expect(run.stdout).not.toContain(loan.customer);
      expect(run.stdout).not.toContain(loan.mobile);
    }

    const book = await loadBook(path);
    const names = book.sheetNames();
    expect(names[0]).toBe(LEDGER_SHEET);
    for (const m of ["2026-08", "2026-09", "2026-10", "2026-11"]) expect(names).toContain(historySheetName(m));
    const last = callSheetName(parseIsoDay(DEMO_DATE));
    expect(names).toContain(last);
    // The last day (a Monday before a due day): welcome calls, reminders of every class, collections, handovers.
    const today = readCallSheet(book.read(last) as Cell[][]);
    for (const type of ["welcome", "reminder", "collection", "handover"]) expect(today.some((r) => r.type === type)).toBe(true);
    const classes = new Set((book.read(last) as Cell[][]).slice(1).map((r) => String(r[6]).replace("*", "")));
    for (const cls of ["A", "B", "C"]) expect(classes).toContain(cls);
    // Confirmations fall on due days (the 1st and 16th) and first-installment reminders before first due dates: in the month of sheets kept.
    const month = names.filter((n) => n.startsWith("呼叫表 Calls ")).flatMap((n) => readCallSheet(book.read(n) as Cell[][]));
    for (const type of ["confirm", "first_reminder"]) expect(month.some((r) => r.type === type)).toBe(true);
    expect(book.sheets.get(last)?.dropdowns).toHaveLength(2);
    expect(book.sheets.get(LEDGER_SHEET)?.rowColours).toHaveLength(4);

    // A realistic roster in the book's settings sheet: the store manager and four named collectors with their calls a day…
    expect(names[1]).toBe(SETTINGS_SHEET);
    const roster = sampleStaff();
    expect(roster.filter((m) => m.role === "manager")).toHaveLength(1);
    expect(roster.filter((m) => m.role === "staff").length).toBeGreaterThanOrEqual(3);
    const shown = await runCli(["settings", "--book", path, "--json"]);
    expect(JSON.parse(shown.stdout).staff).toEqual(roster.map((m) => ({ name: m.name, role: m.role, daily_calls: m.dailyCapacity })));
    // …who own the demo's calls: welcome calls the manager, the rest the collectors, each of them some
    // (handovers go to the back office and lost contacts to the loan's account manager, SPEC §4).
    const manager = roster.find((m) => m.role === "manager")?.name;
    const collectors = new Set(roster.filter((m) => m.role === "staff").map((m) => m.name));
    const called = month.filter((r) => r.type !== "handover" && r.type !== "lost_contact");
    for (const r of called) {
      if (r.type === "welcome") expect(r.owner).toBe(manager);
      else expect(collectors.has(r.owner)).toBe(true);
    }
    expect(new Set(called.map((r) => r.owner))).toEqual(new Set([manager, ...collectors]));
  });

  test("--date picks the last day; --out naming a file and an early date exit 2", async () => {
    const run = await runCli(["demo", "--out", tmp, "--date", "2025-07-15"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("the daily job ran on 106 days, 2025-04-01 to 2025-07-15");
    const file = join(tmp, "a-file");
    writeFileSync(file, "x");
    expect((await runCli(["demo", "--out", file])).code).toBe(2);
    const early = await runCli(["demo", "--out", tmp, "--date", "2025-05-31"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("--date must be 2025-06-01 or later");
  });

  test("--shape schedule: the same store as a repayment schedule gives the same buckets and tasks; a bad shape exits 2", async () => {
    const ledger = await runCli(["demo", "--out", join(tmp, "l"), "--date", "2025-07-15"]);
    const schedule = await runCli(["demo", "--out", join(tmp, "s"), "--date", "2025-07-15", "--shape", "schedule"]);
    expect(schedule.code).toBe(0);
    expect(schedule.stderr).toMatch(/read as a repayment schedule: \d+ installment rows, \d+ loans/);
    const counts = (out: string) => out.split("\n").filter((l) => !/rows|daihou-demo\.xlsx/.test(l));
    expect(counts(schedule.stdout)).toEqual(counts(ledger.stdout));
    const bad = await runCli(["demo", "--out", tmp, "--shape", "table"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--shape must be ledger or schedule");
  });
});
