import { AS_OF } from "./expected";
import { fixture, runCli } from "./harness";

const LEDGER = fixture("ledger-mixed.csv");

describe("help", () => {
  test.each([[["--help"]], [["-h"]], [["help"]]])("program help %j exits 0", async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: daihou <command>/);
    expect(run.stdout).toContain("classify");
    expect(run.stdout).toContain("demo");
    expect(run.stderr).toBe("");
  });

  test.each([[["classify", "--help"]], [["classify", "-h"]], [["help", "classify"]], [["classify", "--ledger", "x.csv", "--help"]]])(
    "classify help %j exits 0",
    async (args) => {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: daihou classify --ledger FILE --date YYYY-MM-DD/);
      expect(run.stdout).toContain("history from the book (classes computed from it once the daily job has run)");
      expect(run.stderr).toBe("");
    },
  );

  test.each([[["demo", "--help"]], [["help", "demo"]]])("demo help %j exits 0", async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: daihou demo \[--out DIR\] \[--date YYYY-MM-DD\]/);
    expect(run.stdout).toContain("default 2026-11-30");
  });

  test.each([
    [["day", "--help"], /^Usage: daihou day --book B\.xlsx --date YYYY-MM-DD \[--ledger FILE\]/],
    [["help", "day"], /^Usage: daihou day /],
    [["day", "--book", "b.xlsx", "-h"], /^Usage: daihou day /],
    [["calls", "--help"], /^Usage: daihou calls --book B\.xlsx --date YYYY-MM-DD \[--json\]/],
    [["help", "calls"], /^Usage: daihou calls /],
  ])("help %j exits 0", async (args, usage) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(usage);
    expect(run.stderr).toBe("");
  });

  test("the program's help lists every command", async () => {
    const run = await runCli(["--help"]);
    for (const command of ["day", "calls", "classify", "demo"]) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s`, "m"));
    const zh = await runCli(["day", "--help", "--lang", "zh"]);
    expect(zh.stdout).toMatch(/^用法：daihou day/);
  });

  test("help in Chinese", async () => {
    const run = await runCli(["classify", "--help"], { LANG: "zh_CN.UTF-8" });
    expect(run.stdout).toMatch(/^用法：daihou classify/);
    expect((await runCli(["--lang", "zh", "--help"])).stdout).toMatch(/^用法：daihou <命令>/);
  });
});

describe("bad arguments exit 2 with a message on stderr", () => {
  test.each([
    [[], /Usage: daihou/],
    [["frobnicate"], /unknown command “frobnicate”/],
    [["help", "frobnicate"], /unknown command “frobnicate”/],
    [["classify", "--ledger", LEDGER], /--date is required/],
    [["classify", "--date", AS_OF], /--ledger is required/],
    [["classify", "--ledger", LEDGER, "--date", "2026-02-30"], /“2026-02-30” is not a real date/],
    [["classify", "--ledger", LEDGER, "--date", "2026/11/14"], /“2026\/11\/14” is not a real date/],
    [["classify", "--ledger", LEDGER, "--date", "2026-11-14", "--frob"], /unknown option --frob/],
    [["classify", "--ledger", LEDGER, "--date", "2026-11-14", "--json=yes"], /unexpected argument “--json=yes”/],
    [["classify", "--ledger", LEDGER, "--date"], /--date needs a value/],
    [["classify", "--ledger", "--date", AS_OF], /--ledger needs a value/],
    [["classify", "--ledger", LEDGER, "--date", AS_OF, "extra"], /unexpected argument “extra”/],
    [["classify", "--ledger", LEDGER, "--date", AS_OF, "--lang", "fr"], /--lang must be zh or en/],
    [["demo", "--json"], /unknown option --json/],
    [["demo", "--date", "2026-13-01"], /“2026-13-01” is not a real date/],
    [["calls", "--book", "b.xlsx"], /--date is required/],
    [["calls", "--date", AS_OF], /--book is required/],
    [["calls", "--book", "b.xlsx", "--date", AS_OF, "--ledger", "x.csv"], /unknown option --ledger/],
    [["day", "--book", "b.xlsx", "--date", AS_OF, "extra"], /unexpected argument “extra”/],
  ])("%j", async (args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  test("messages follow --lang", async () => {
    const run = await runCli(["classify", "--lang", "zh", "--ledger", LEDGER, "--date", "2026-02-30"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("不是有效日期");
  });

  test("--name=value works", async () => {
    const run = await runCli(["classify", `--ledger=${LEDGER}`, `--date=${AS_OF}`, "--json"]);
    expect(run.code).toBe(0);
  });
});
