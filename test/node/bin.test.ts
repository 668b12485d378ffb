import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLoans, sampleLedger } from "../../src/app/sampleStore";
import { parseIsoDay } from "../../src/domain/days";
import { AS_OF, EXPECTED_MIXED } from "./expected";
import { fixture, sha256 } from "./harness";
import { writeCsv } from "./store";

const ROOT = join(__dirname, "..", "..");

test("node bin/daihou.js classify --json runs as a child process", () => {
  const ledger = fixture("ledger-mixed.csv");
  const before = sha256(ledger);
  const child = spawnSync(process.execPath, [join(ROOT, "bin", "daihou.js"), "classify", "--ledger", ledger, "--date", AS_OF, "--json"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8" },
  });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  expect(JSON.parse(child.stdout)).toEqual(EXPECTED_MIXED);
  expect(sha256(ledger)).toBe(before);
});

test("the child process exits 2 on a bad date", () => {
  const child = spawnSync(process.execPath, [join(ROOT, "bin", "daihou.js"), "classify", "--ledger", "x.csv", "--date", "2026-02-30"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8" },
  });
  expect(child.status).toBe(2);
  expect(child.stderr).toContain("2026-02-30");
});

test("the bundled CLI reads and writes .xlsx books: day, then calls --json", () => {
  const tmp = mkdtempSync(join(tmpdir(), "daihou-bin-"));
  try {
    const ledger = join(tmp, "ledger.csv");
    const book = join(tmp, "book.xlsx");
    writeCsv(
      ledger,
      sampleLedger(
        generateLoans({ loans: 30, from: parseIsoDay("2026-01-01"), to: parseIsoDay("2026-11-10"), seed: 3 }),
        parseIsoDay(AS_OF),
      ),
    );
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, "bin", "daihou.js"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, LANG: "en_US.UTF-8" },
      });
    const day = run(["day", "--book", book, "--date", AS_OF, "--ledger", ledger]);
    expect(day.stderr).toBe("");
    expect(day.status).toBe(0);
    expect(day.stdout).toContain(`book: ${book}`);
    const calls = run(["calls", "--book", book, "--date", AS_OF, "--json"]);
    expect(calls.status).toBe(0);
    expect(Array.isArray(JSON.parse(calls.stdout))).toBe(true);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
