import fc from "fast-check";
import {
  HISTORY_CELLS_PER_ACCOUNT_MONTH,
  HistoryView,
  type Observation,
  decodeMonth,
  emptyMonth,
  encodeMonth,
  recordDay,
} from "../../../src/domain/history";
import { A, d, run, seen } from "./helpers";

describe("month history encoding", () => {
  it("round-trips and writes a new timeline entry only on change", () => {
    const h = run([
      ["2026-11-01", { L1: A(null, 1000), L2: A("2026-10-16", 500) }],
      ["2026-11-02", { L1: A(null, 1000), L2: A("2026-10-16", 500) }],
      ["2026-11-03", { L1: A(null, 900), L2: A("2026-10-16", 500) }],
    ]);
    const rows = encodeMonth(h);
    expect(rows[0][2]).toMatch(/runs:1,2,3$/);
    expect(rows.slice(1)).toEqual([
      ["L1", 16, "1,,1000,A;3,,900,A", ""],
      ["L2", 16, "1,20261016,500,A", ""],
    ]);
    expect(rows.every((r) => r.length === HISTORY_CELLS_PER_ACCOUNT_MONTH)).toBe(true);
  });

  it("marks an account absent on a day it is missing from the ledger", () => {
    const h = run([
      ["2026-11-01", { L1: A(null, 1000), L2: A(null, 5) }],
      ["2026-11-02", { L2: A(null, 5) }],
    ]);
    expect(new HistoryView([h]).observed("L1", d("2026-11-02")).status).toBe("X");
    expect(encodeMonth(h)[1][2]).toBe("1,,1000,A;2,,0,X");
  });

  it("re-running a day replaces it and never duplicates", () => {
    const once = run([
      ["2026-11-01", { L1: A(null, 1000) }],
      ["2026-11-02", { L1: A("2026-11-01", 1000) }],
    ]);
    const twice = run([
      ["2026-11-01", { L1: A(null, 1000) }],
      ["2026-11-02", { L1: A("2026-11-01", 1000) }],
      ["2026-11-02", { L1: A("2026-11-01", 1000) }],
    ]);
    expect(encodeMonth(twice)).toEqual(encodeMonth(once));
    // A corrected ledger re-run replaces the day's observation.
    const corrected = run([
      ["2026-11-01", { L1: A(null, 1000) }],
      ["2026-11-02", { L1: A("2026-11-01", 1000) }],
      ["2026-11-02", { L1: A(null, 900) }],
    ]);
    expect(encodeMonth(corrected)[1][2]).toBe("1,,1000,A;2,,900,A");
  });

  it("is the same whatever order the days are run in (property)", () => {
    const days = ["2026-11-02", "2026-11-05", "2026-11-06", "2026-11-17", "2026-11-30"];
    const ledgerOn: Record<string, Record<string, Observation>> = {
      "2026-11-02": { L1: A(null, 1000), L2: A("2026-10-16", 800) },
      "2026-11-05": { L1: A(null, 1000), L2: A("2026-10-16", 800), L3: A(null, 50) },
      "2026-11-06": { L1: A(null, 1000), L3: A(null, 50) },
      "2026-11-17": { L1: A("2026-11-16", 1000), L2: A("2026-11-16", 700), L3: A(null, 50) },
      "2026-11-30": { L1: A(null, 900), L2: { oldestUnpaid: null, principal: 0, status: "S" }, L3: A(null, 50) },
    };
    const inOrder = encodeMonth(run(days.map((t) => [t, ledgerOn[t]])));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(days, { minLength: days.length, maxLength: days.length }),
        fc.array(fc.constantFrom(...days), { maxLength: 3 }),
        (order, reruns) => {
          const h = run([...order, ...reruns].map((t) => [t, ledgerOn[t]]));
          expect(encodeMonth(h)).toEqual(inOrder);
        },
      ),
    );
  });
});

describe("compactness", () => {
  it("20,000 accounts × 36 months fit 10,000,000 cells with a 25-column ledger", () => {
    const historyCells = 20_000 * 36 * HISTORY_CELLS_PER_ACCOUNT_MONTH;
    const ledgerCells = 20_001 * 25;
    expect(historyCells + ledgerCells).toBeLessThan(10_000_000);
  });
  it("a month's sheet has exactly HISTORY_CELLS_PER_ACCOUNT_MONTH (4) cells per account, however many days ran", () => {
    let h = emptyMonth("2026-11");
    const ids = Array.from({ length: 50 }, (_, i) => `L${i}`);
    for (let day = 1; day <= 30; day++) {
      const t = d(`2026-11-${String(day).padStart(2, "0")}`);
      h = recordDay(
        h,
        t,
        seen(Object.fromEntries(ids.map((id, i) => [id, A(i % 3 === 0 && day > 16 ? "2026-11-16" : null, 1000 - day)])), 16),
      );
    }
    const rows = encodeMonth(h);
    expect(rows).toHaveLength(51);
    expect(HISTORY_CELLS_PER_ACCOUNT_MONTH).toBe(4);
    expect(rows.every((r) => r.length === HISTORY_CELLS_PER_ACCOUNT_MONTH)).toBe(true);
  });
});

describe("an empty month", () => {
  it("encodes as its header alone, and reads back empty", () => {
    const rows = encodeMonth(emptyMonth("2026-10"));
    expect(rows).toHaveLength(1);
    expect(decodeMonth("2026-10", rows).records.size).toBe(0);
  });
});

describe("the order a month is written in", () => {
  it("is by loan id, whatever order the sheet was in and wherever today's new accounts fall", () => {
    const header = ["loan_id", "due_day", "timeline (day,oldest unpaid,principal,status;…) runs:1"];
    for (const ids of [
      ["A", "C", "E"],
      ["C", "A", "E"],
      ["A", "E", "C"],
      ["E", "C", "A"],
    ]) {
      const h = decodeMonth("2026-11", [header, ...ids.map((id) => [id, 16, "1,,100,A"])]);
      recordDay(h, d("2026-11-02"), seen({ F: A(null, 1), B: A(null, 1), D: A(null, 1), A: A(null, 1), "0": A(null, 1) }));
      expect(
        encodeMonth(h)
          .slice(1)
          .map((r) => r[0]),
      ).toEqual(["0", "A", "B", "C", "D", "E", "F"]);
    }
  });
});
