import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { AS_OF, EXPECTED_MIXED } from "./expected";
import { fixture, sha256 } from "./harness";

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
