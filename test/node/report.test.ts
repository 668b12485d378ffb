import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveBook } from "../../src/node/book";
import { handBook } from "../fixtures/handBook";
import { runCli } from "./harness";

describe("daihou report --json on the hand-worked store", () => {
  const dir = mkdtempSync(join(tmpdir(), "daihou-report-"));
  const bookPath = join(dir, "book.xlsx");

  beforeAll(async () => {
    await saveBook(handBook(), bookPath);
  });

  it("prints SPEC §7's keys with the figures worked by hand", async () => {
    const run = await runCli(["report", "--book", bookPath, "--month", "2026-10", "--json"], { LANG: "en_US.UTF-8" });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const r = JSON.parse(run.stdout);
    expect(Object.keys(r).sort()).toEqual(
      [
        "month",
        "m1_ratio_amount",
        "m1_ratio_count",
        "m2_ratio_amount",
        "m2_ratio_count",
        "m3plus_ratio_amount",
        "m3plus_ratio_count",
        "c_m1_rate_amount",
        "c_m1_by_due_day",
        "roll",
        "m1_outcome",
      ].sort(),
    );
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
    // A due day's C-M1 says which due day, in the report sheet's own words.
    expect(run.stderr).toMatch(/c_m1_\d+ for 2026-11 is unavailable: due day \d+: /);
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
