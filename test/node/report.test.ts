import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveBook } from "../../src/node/book";
import { handBook } from "../fixtures/handBook";
import { handBeyondReasons } from "../fixtures/handBeyondReasons";
import { runCli } from "./harness";
import { REPORT_JSON_KEYS } from "../fixtures/reportKeys";

describe("daihou report --json on the hand-worked store", () => {
  const dir = mkdtempSync(join(tmpdir(), "daihou-report-"));
  const bookPath = join(dir, "book.xlsx");

  beforeAll(async () => {
    await saveBook(handBook(), bookPath);
  });

  it("prints SPEC §7's keys with the figures worked by hand", async () => {
    const run = await runCli(["report", "--book", bookPath, "--month", "2026-10", "--json"], { LANG: "en_US.UTF-8" });
    expect(run.code).toBe(0);
    // No month-end figure is missing; the figures beyond them that this store's inputs lack are named with why (SPEC §6).
    expect(run.stderr).toBe(handBeyondReasons(bookPath));
    const r = JSON.parse(run.stdout);
    expect(Object.keys(r).sort()).toEqual([...REPORT_JSON_KEYS].sort());
    expect(r.month).toBe("2026-10");
    expect(r.m1_ratio_amount).toBeCloseTo(10000 / 53000, 12);
    expect(r.m1_ratio_count).toBeCloseTo(1 / 8, 12);
    expect(r.m2_ratio_amount).toBeCloseTo(6000 / 53000, 12);
    expect(r.m3plus_ratio_amount).toBeCloseTo(3000 / 53000, 12);
    expect(r.c_m1_by_due_day["1"]).toBeCloseTo(10000 / 53500, 12);
    expect(r.c_m1_by_due_day["16"]).toBeCloseTo(8000 / 53000, 12);
    expect(r.c_m1_rate_amount).toBeCloseTo((10000 / 53500 + 8000 / 53000) / 2, 12);
    expect(r.roll.C.C).toEqual({ count: 2, principal: 18000 });
    expect(r.roll.M1.settled).toEqual({ count: 1, principal: 5000 });
    expect(r.roll.M2.written_off).toEqual({ count: 1, principal: 7000 });
    expect(r.m1_outcome).toEqual({ one: 1, two: 0, three: 1 });
  });

  it("a month the history has not reached is null, with the reason on stderr", async () => {
    const run = await runCli(["report", "--book", bookPath, "--month", "2026-11", "--json"], { LANG: "en_US.UTF-8" });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).m1_ratio_amount).toBeNull();
    expect(run.stderr).toContain("has not run on or around 2026-11-30");
    // A due day's C-M1 says which due day, in the report sheet's own words (issue 16: no key names such as c_m1_16 or month_end).
    expect(run.stderr).toMatch(/C-M1% \(due day \d+\) — unavailable: the job has not run/);
    expect(run.stderr).not.toMatch(/c_m1_|month_end/);
  });

  it("without --month reports the latest complete month; a bad month exits 2", async () => {
    expect(JSON.parse((await runCli(["report", "--book", bookPath, "--json"])).stdout).month).toBe("2026-10");
    expect((await runCli(["report", "--book", bookPath, "--month", "2026-13"])).code).toBe(2);
  });

  it("a month typed with spaces or one digit is the same month", async () => {
    for (const typed of [" 2026-10 ", "2026-10"]) {
      const run = await runCli(["report", "--book", bookPath, "--month", typed, "--json"]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).month).toBe("2026-10");
    }
    const one = await runCli(["report", "--book", bookPath, "--month", "2026-9", "--json"]);
    expect(JSON.parse(one.stdout).month).toBe("2026-09");
  });
});

describe("daihou report in words (issue 16)", () => {
  const dir = mkdtempSync(join(tmpdir(), "daihou-report-words-"));
  const KEYS = /m1_ratio|m2_ratio|m3plus|c_m1|written_off|month_end|ptps_kept|m1_outcome/;

  it.each(["zh", "en"] as const)("--lang %s: labels in words, no key names, amounts with separators, the staff summary", async (lang) => {
    const bookPath = join(dir, `hand-${lang}.xlsx`);
    await saveBook(handBook(), bookPath);
    const run = await runCli(["report", "--book", bookPath, "--month", "2026-10", "--lang", lang], { LANG: "C.UTF-8" }, [bookPath]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(KEYS);
    expect(run.stderr).not.toMatch(KEYS);
    // C→C holds two accounts with 18,000.00 of principal: a thousands separator and two decimals.
    expect(run.stdout).toMatch(/\b2 \/ 18,000\.00\b/);
    expect(run.stdout).not.toMatch(/\b\d{4,}\.\d\d\b/);
    if (lang === "zh") {
      for (const word of ["M1%（金额）", "C-M1%（还款日 1）", "结清", "核销", "催收总结"]) expect(run.stdout).toContain(word);
    } else {
      for (const word of ["M1% ($)", "C-M1% (due day 1)", "settled", "written off", "Staff summary"]) expect(run.stdout).toContain(word);
    }
  });

  it("JSON amounts are rounded to cents; ratios are not", async () => {
    const { demoBook } = await import("../../src/node/demoCommand");
    const { parseIsoDay } = await import("../../src/domain/days");
    const bookPath = join(dir, "demo.xlsx");
    await saveBook(demoBook("en", parseIsoDay("2026-09-01"), parseIsoDay("2026-10-31")).book, bookPath);
    const r = JSON.parse((await runCli(["report", "--book", bookPath, "--json"])).stdout);
    expect(r.month).toBe("2026-10");
    for (const row of Object.values(r.roll) as Record<string, { principal: number }>[])
      for (const cell of Object.values(row)) expect(Math.round(cell.principal * 100) / 100).toBe(cell.principal);
    expect(r.m1_ratio_amount).not.toBe(Math.round(r.m1_ratio_amount * 10000) / 10000);
  });

  it("a book started mid-month: one line saying when the first month will be complete (exit 0, JSON nulls with a reason)", async () => {
    const { demoBook } = await import("../../src/node/demoCommand");
    const { parseIsoDay } = await import("../../src/domain/days");
    const bookPath = join(dir, "mid-month.xlsx");
    await saveBook(demoBook("en", parseIsoDay("2026-10-15"), parseIsoDay("2026-10-31")).book, bookPath);
    const text = await runCli(["report", "--book", bookPath, "--lang", "en"], {}, [bookPath]);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe("");
    expect(text.stdout).toBe(`${bookPath}: no complete month yet — the first will be 2026-11\n`);
    const json = await runCli(["report", "--book", bookPath, "--json"]);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout);
    expect(r.month).toBeNull();
    expect(r.m1_ratio_amount).toBeNull();
    expect(r.roll).toBeNull();
    expect(r.reason).toBe("no complete month yet — the first will be 2026-11");
    // The book was written in English: the locale C.UTF-8 names no language, so the book's own language speaks; --lang zh overrides it.
    expect(JSON.parse((await runCli(["report", "--book", bookPath, "--json"], { LANG: "C.UTF-8" })).stdout).reason).toBe(r.reason);
    const zh = await runCli(["report", "--book", bookPath, "--json", "--lang", "zh"], { LANG: "C.UTF-8" });
    expect(JSON.parse(zh.stdout).reason).toBe("还没有完整的月份——第一个完整月份将是 2026-11");
  });
});
