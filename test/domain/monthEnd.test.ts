import { HistoryView, type MonthHistory, type Observation, emptyMonth, recordDay } from "../../src/domain/history";
import { monthEndFigures } from "../../src/domain/monthEnd";
import { defaultSettings } from "../../src/domain/settings";
import { STORE, d, stateOn } from "../fixtures/handStore";

/** History with the job run every day from 20 August to 3 November (28 February-style gaps are tested elsewhere). */
function history(skip: Set<string> = new Set(), withDueDays = true): HistoryView {
  const months = new Map<string, MonthHistory>();
  for (let t = d("2026-08-20"); t <= d("2026-11-03"); t++) {
    const iso = new Date(t * 86400000).toISOString().slice(0, 10);
    if (skip.has(iso)) continue;
    const m = iso.slice(0, 7);
    const seen = new Map<string, { obs: Observation; dueDay: number | null }>();
    for (const id of Object.keys(STORE)) {
      const obs = stateOn(id, t);
      if (obs) seen.set(id, { obs, dueDay: withDueDays ? STORE[id].dueDay : null });
    }
    months.set(m, recordDay(months.get(m) ?? emptyMonth(m), t, seen));
  }
  return new HistoryView([...months.values()]);
}

describe("month-end figures for October 2026, worked by hand", () => {
  const f = monthEndFigures(history(), "2026-10", defaultSettings());
  // Active at E′ = 30 Sep: P1 10000, P2 10000, P3 8000, P4 6000, P5 5000, P6 7000, P8 4000, P9 3000 → 53,000 over 8 accounts.
  // At E = 31 Oct: P2 M1 (DPD 30) 10000; P4 M2 (DPD 45) 6000; P9 M3+ (DPD 122) 3000.
  it("overdue ratios", () => {
    expect(f.m1_ratio_amount).toBeCloseTo(10000 / 53000, 12);
    expect(f.m1_ratio_count).toBeCloseTo(1 / 8, 12);
    expect(f.m2_ratio_amount).toBeCloseTo(6000 / 53000, 12);
    expect(f.m2_ratio_count).toBeCloseTo(1 / 8, 12);
    expect(f.m3plus_ratio_amount).toBeCloseTo(3000 / 53000, 12);
    expect(f.m3plus_ratio_count).toBeCloseTo(1 / 8, 12);
  });
  it("C-M1 per due day and averaged", () => {
    // d = 1: P2 was C on 30 Sep and M1 on 2 Oct (10000). Base: active on 2 Sep = 10000+10000+8500+6000+5000+7000+4000+3000 = 53,500.
    // d = 16: P3 was C on 15 Oct and M1 on 17 Oct (8000). Base: active on 17 Sep = 10000+10000+8000+6000+5000+7000+4000+3000 = 53,000.
    expect(f.c_m1_by_due_day["1"]).toBeCloseTo(10000 / 53500, 12);
    expect(f.c_m1_by_due_day["16"]).toBeCloseTo(8000 / 53000, 12);
    expect(f.c_m1_rate_amount).toBeCloseTo((10000 / 53500 + 8000 / 53000) / 2, 12);
  });
  it("roll matrix: counts and principal at E′, every cell present", () => {
    const roll = f.roll;
    expect(roll).not.toBeNull();
    if (!roll) return;
    expect(roll.C.C).toEqual({ count: 2, principal: 18000 }); // P1, P3
    expect(roll.C.M1).toEqual({ count: 1, principal: 10000 }); // P2
    expect(roll.C.settled).toEqual({ count: 1, principal: 4000 }); // P8
    expect(roll.M1.M2).toEqual({ count: 1, principal: 6000 }); // P4
    expect(roll.M1.settled).toEqual({ count: 1, principal: 5000 }); // P5
    expect(roll.M2.written_off).toEqual({ count: 1, principal: 7000 }); // P6
    expect(roll["M3+"]["M3+"]).toEqual({ count: 1, principal: 3000 }); // P9
    let cells = 0;
    let count = 0;
    for (const row of Object.values(roll))
      for (const cell of Object.values(row)) {
        cells++;
        count += cell.count;
      }
    expect(cells).toBe(5 * 7);
    expect(count).toBe(8);
  });
  it("M1 outcome: P5 settled (ONE), P4 rolled to M2 (THREE)", () => {
    expect(f.m1_outcome).toEqual({ one: 1, two: 0, three: 1 });
  });
  it("nothing unavailable", () => {
    expect(f.unavailable).toEqual([]);
  });
});

describe("unavailable inputs are reported, never estimated", () => {
  it("the month end not run, and accounts changed across it: month-end figures unavailable", () => {
    // 31 Oct and 1 Nov skipped: P1 (pays 1 Nov? no) — make a change across by skipping 30 Sep..1 Oct: P1 and P2 change on 1 Oct.
    const f = monthEndFigures(history(new Set(["2026-09-30", "2026-10-01"])), "2026-10", defaultSettings());
    expect(f.m1_ratio_amount).toBeNull();
    expect(f.roll).toBeNull();
    expect(f.unavailable[0]).toMatchObject({ figure: "month_end", reason: "changed_between", day: "2026-09-30" });
  });
  it("a month not yet ended is unavailable (not_run)", () => {
    const f = monthEndFigures(history(), "2026-11", defaultSettings());
    expect(f.m1_ratio_amount).toBeNull();
    expect(f.unavailable.some((u) => u.reason === "not_run" && u.day === "2026-11-30")).toBe(true);
  });
  it("a skipped day that nothing changed across is derived, and the figures stand", () => {
    const f = monthEndFigures(history(new Set(["2026-10-31"])), "2026-10", defaultSettings());
    expect(f.m1_ratio_amount).toBeCloseTo(10000 / 53000, 12);
  });
});

describe("a ledger without due days (a collections export, SPEC §3)", () => {
  it("C-M1 by due day is unavailable with that reason, never 0; the other figures stand", () => {
    const f = monthEndFigures(history(new Set(), false), "2026-10", defaultSettings());
    expect(f.c_m1_by_due_day).toEqual({ "1": null, "16": null });
    expect(f.c_m1_rate_amount).toBeNull();
    expect(f.unavailable.filter((u) => u.figure.startsWith("c_m1_")).map((u) => u.reason)).toEqual(["no_due_days", "no_due_days"]);
    expect(f.m1_ratio_amount).toBeCloseTo(10000 / 53000, 12);
  });
});
