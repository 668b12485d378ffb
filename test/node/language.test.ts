/** SPEC §7's language rule (issue 16): flag, else a locale naming zh or en, else the book's language, else the ledger headers'. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseLang, langNamed, langOfBook, langOfEnv, langOfHeaders } from "../../src/app/language";
import { MemoryBook } from "../../src/app/memoryBook";
import { LEDGER_SHEET, TASK_LABELS } from "../../src/app/names";
import { SAMPLE_HEADERS } from "../../src/app/sampleStore";
import { parseIsoDay } from "../../src/domain/days";
import { saveBook } from "../../src/node/book";
import { demoBook } from "../../src/node/demoCommand";
import { runCli } from "./harness";

describe("the language rule", () => {
  test("a locale names a language only when it says zh or en", () => {
    expect(langNamed("zh_CN.UTF-8")).toBe("zh");
    expect(langNamed("en_US.UTF-8")).toBe("en");
    for (const none of ["C.UTF-8", "C", "POSIX", "", undefined, "de_DE.UTF-8", "zhx"]) expect(langNamed(none)).toBeNull();
    expect(langOfEnv({ LC_ALL: "C.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(langOfEnv({ LC_ALL: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(langOfEnv({ LANG: "C.UTF-8" })).toBeNull();
  });

  test("ledger headers: Chinese headers make a Chinese store; Daihou's own columns do not count", () => {
    expect(langOfHeaders(SAMPLE_HEADERS)).toBe("zh");
    expect(langOfHeaders(["Loan ID", "Customer", "Daihou·逾期天数", "Daihou·账龄"])).toBe("en");
    expect(langOfHeaders([])).toBeNull();
  });

  test("flag, then locale, then the book, then the ledger", () => {
    const book = new MemoryBook();
    book.write(LEDGER_SHEET, [["Loan ID", "Customer", "Daihou·逾期天数"]]);
    expect(langOfBook(book)).toBe("zh");
    expect(chooseLang({ flag: "en", env: "zh" }, book)).toBe("en");
    expect(chooseLang({ env: "en" }, book)).toBe("en");
    expect(chooseLang({}, book)).toBe("zh");
    expect(langOfBook(book, "en")).toBe("en");
    const fresh = new MemoryBook();
    fresh.write(LEDGER_SHEET, [["Loan ID", "Customer"]]);
    expect(chooseLang({}, fresh)).toBe("en");
    expect(chooseLang({}, null, SAMPLE_HEADERS)).toBe("zh");
    expect(chooseLang({}, null, null)).toBe("zh");
  });
});

describe("the rule on the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "daihou-lang-"));
  const en = join(dir, "en.xlsx");
  const DAY = "2026-10-30";
  beforeAll(async () => {
    await saveBook(demoBook("en", parseIsoDay("2026-10-20"), parseIsoDay(DAY)).book, en);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("under C.UTF-8 an English book answers in English; --lang zh gives Chinese headers AND values", async () => {
    const plain = await runCli(["calls", "--book", en, "--date", DAY], { LANG: "C.UTF-8" });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(TASK_LABELS.collection.en);
    const zh = await runCli(["calls", "--book", en, "--date", DAY, "--lang", "zh"], { LANG: "C.UTF-8" });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("负责人");
    expect(zh.stdout).toContain(TASK_LABELS.collection.zh);
    expect(zh.stdout).not.toContain(TASK_LABELS.collection.en);
    expect(zh.stdout).not.toContain(TASK_LABELS.welcome.en);
  });

  test("under C.UTF-8 the day job on a Chinese ledger writes Chinese values", async () => {
    const made = join(dir, "zh.xlsx");
    const ledger = join(dir, "ledger.csv");
    const { generateLoans, sampleLedger } = await import("../../src/app/sampleStore");
    const loans = generateLoans({ loans: 40, from: parseIsoDay("2026-01-01"), to: parseIsoDay(DAY), seed: 7 });
    const Papa = (await import("papaparse")).default;
    (await import("node:fs")).writeFileSync(
      ledger,
      Papa.unparse(sampleLedger(loans, parseIsoDay(DAY)).map((r) => r.map((c) => String(c ?? "")))),
    );
    const run = await runCli(["day", "--book", made, "--date", DAY, "--ledger", ledger], { LANG: "C.UTF-8" }, [made]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("账龄");
    const calls = await runCli(["calls", "--book", made, "--date", DAY], { LANG: "C.UTF-8" });
    expect(calls.stdout).toContain("负责人");
  });
});
