import fc from "fast-check";
import { type Day, parseIsoDay } from "../../src/domain/days";
import {
  HISTORY_CELLS_PER_ACCOUNT_MONTH,
  HistoryView,
  type MonthHistory,
  type Observation,
  appendDayToSheet,
  decodeMonth,
  emptyMonth,
  encodeMonth,
  indexMonthSheet,
  recordDay,
  recordDayOf,
} from "../../src/domain/history";
import { IdIndex } from "../../src/domain/idIndex";

const d = (s: string): Day => parseIsoDay(s);
const A = (u: string | null, principal: number): Observation => ({ oldestUnpaid: u === null ? null : d(u), principal, status: "A" });
const seen = (entries: Record<string, Observation>, dueDay = 16) =>
  new Map(Object.entries(entries).map(([id, obs]) => [id, { obs, dueDay }]));

/** Runs days in order on an empty November 2026, going through the sheet encoding each time (as the job does). */
function run(days: [string, Record<string, Observation>][], month = "2026-11"): MonthHistory {
  let h = emptyMonth(month);
  for (const [t, obs] of days) h = decodeMonth(month, encodeMonth(recordDay(h, d(t), seen(obs))));
  return h;
}

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

describe("state on a day", () => {
  const h = run([
    ["2026-11-14", { SAME: A("2026-10-16", 800), PAID: A("2026-10-16", 800), CUR: A(null, 1000) }],
    // 15 and 16 not run.
    ["2026-11-18", { SAME: A("2026-10-16", 800), PAID: A(null, 700), CUR: A("2026-11-16", 1000) }],
  ]);
  const view = new HistoryView([h]);

  it("is observed on a run day", () => {
    expect(view.stateOn("SAME", d("2026-11-14"))).toEqual({ known: true, obs: A("2026-10-16", 800), derived: false });
  });
  it("is derived between two runs that saw the same state", () => {
    expect(view.stateOn("SAME", d("2026-11-17"))).toEqual({ known: true, obs: A("2026-10-16", 800), derived: true });
  });
  it("is unknown when the account changed between the runs around the day", () => {
    expect(view.stateOn("PAID", d("2026-11-17"))).toEqual({ known: false, reason: "changed_between" });
    expect(view.stateOn("CUR", d("2026-11-17"))).toEqual({ known: false, reason: "changed_between" });
  });
  it("is unknown after the last run", () => {
    expect(view.stateOn("SAME", d("2026-11-20"))).toEqual({ known: false, reason: "not_run" });
  });
});

describe("was the account in M1 or worse in a month", () => {
  const oct = run(
    [
      ["2026-10-05", { LATE: A("2026-10-01", 100), OK: A(null, 100), CURED: A("2026-10-01", 100) }],
      ["2026-10-20", { LATE: A("2026-10-01", 100), OK: A(null, 100), CURED: A(null, 90) }],
    ],
    "2026-10",
  );
  const view = new HistoryView([oct]);
  it("true when DPD ≥ 1 on any run day, false when never, undefined when unseen", () => {
    expect(view.wasInM1("LATE", "2026-10", 0, 1)).toBe(true);
    expect(view.wasInM1("CURED", "2026-10", 0, 1)).toBe(true);
    expect(view.wasInM1("OK", "2026-10", 0, 1)).toBe(false);
    expect(view.wasInM1("NEVER", "2026-10", 0, 1)).toBeUndefined();
    expect(view.wasInM1("LATE", "2026-09", 0, 1)).toBeUndefined();
  });
  it("grace days count: DPD 4 with 5 grace days is not M1", () => {
    expect(view.wasInM1("CURED", "2026-10", 5, 1)).toBe(false);
  });
  it("a hand-edited timeline with days the month does not have reads the same from the text as decoded", () => {
    const header = ["loan_id", "due_day", "timeline (day,oldest unpaid,principal,status;…) runs:5,20,30"];
    const texts = [
      "0,20260901,100,A",
      "31,20260901,100,A",
      "5,,100,A;31,20260901,100,A",
      "x,20260901,100,A;20,20260901,100,A",
      ";;20,20260901,100,A",
    ];
    const nov = decodeMonth("2026-11", [header, ...texts.map((text, i) => [`E${i}`, 16, text])]);
    const edited = new HistoryView([nov]);
    texts.forEach((_, i) => {
      expect(edited.wasInM1(`E${i}`, "2026-11", 0, 1)).toBe(edited.wasInM1Decoded(`E${i}`, "2026-11", 0, 1));
    });
    expect(edited.wasInM1("E4", "2026-11", 0, 1)).toBe(true);
  });
});

describe("the history read straight from the sheet's text (property)", () => {
  const obsArb = fc.oneof(
    fc.constant<Observation>({ oldestUnpaid: null, principal: 0, status: "S" }),
    fc.constant<Observation>({ oldestUnpaid: null, principal: 500, status: "W" }),
    fc.record({
      oldestUnpaid: fc.option(fc.integer({ min: d("2026-08-01"), max: d("2026-10-31") }), { nil: null }),
      principal: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }), fc.constant(12.5)),
      status: fc.constant<"A">("A"),
    }),
  );
  // Each run day in any order: the account seen (with an observation) or missing from the ledger that day.
  const daysArb = fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 8 });
  it("wasInM1 from the text equals the definition over the days run, whatever order the days were run in", () => {
    fc.assert(
      fc.property(
        daysArb,
        fc.array(fc.option(obsArb, { nil: undefined }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 40 }),
        (days, obs, grace, m1Start) => {
          let h = emptyMonth("2026-10");
          // The same days through the daily job's form: ids numbered in one shared index, the accounts seen as columns.
          const ids = new IdIndex();
          const nOther = ids.add("OTHER");
          const nL = ids.add("L");
          let numbered = emptyMonth("2026-10", ids);
          const on = new Map<Day, Observation | undefined>();
          days.forEach((dom, i) => {
            const t = d(`2026-10-${String(dom).padStart(2, "0")}`);
            on.set(t, obs[i]);
            h = decodeMonth(
              "2026-10",
              encodeMonth(recordDay(h, t, seen(obs[i] ? { L: obs[i] as Observation, OTHER: A(null, 1) } : { OTHER: A(null, 1) }))),
            );
            const o = obs[i];
            const columns = o ? { numbers: [nL, nOther], obs: [o, A(null, 1)] } : { numbers: [nOther], obs: [A(null, 1)] };
            const rows = encodeMonth(
              recordDayOf(
                numbered,
                t,
                columns.numbers,
                columns.obs,
                columns.numbers.map(() => 16),
              ),
            );
            expect(rows).toEqual(encodeMonth(h));
            numbered = decodeMonth("2026-10", rows, ids);
          });
          expect(numbered.records.ids).toBe(ids);
          // The definition: M1 or worse (active, principal > 0, DPD ≥ m1Start) on any run day; undefined when never in the ledger.
          const runDays = [...on.keys()].sort((a, b) => a - b);
          const present = runDays.filter((r) => on.get(r) !== undefined);
          const expected =
            present.length === 0
              ? undefined
              : present.some((r) => {
                  const o = on.get(r) as Observation;
                  return o.status === "A" && o.principal > 0 && o.oldestUnpaid !== null && r - o.oldestUnpaid - grace >= m1Start;
                });
          const fromText = new HistoryView([h]).wasInM1("L", "2026-10", grace, m1Start);
          expect(fromText).toBe(expected);
          const byNumber = new HistoryView([numbered]);
          expect(byNumber.numbersIn(ids)).toBe(true);
          expect(byNumber.wasInM1Numbered(nL, "2026-10", grace, m1Start)).toBe(expected);
          expect(byNumber.wasInM1("L", "2026-10", grace, m1Start)).toBe(expected);
          // The same over the decoded timeline.
          const view = new HistoryView([h]);
          expect(view.wasInM1Decoded("L", "2026-10", grace, m1Start)).toBe(expected);
          for (const r of runDays) expect(view.observed("L", r)).toEqual(on.get(r) ?? { oldestUnpaid: null, principal: 0, status: "X" });
        },
      ),
      { numRuns: 300 },
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

describe("the daily case written straight from the sheet as read (property)", () => {
  const obsArb = fc.oneof(
    fc.constant<Observation>({ oldestUnpaid: null, principal: 0, status: "S" }),
    fc.constant<Observation>({ oldestUnpaid: null, principal: 500, status: "W" }),
    fc.record({
      oldestUnpaid: fc.option(fc.constantFrom(d("2026-09-16"), d("2026-10-01"), d("2026-10-16")), { nil: null }),
      principal: fc.constantFrom(0, 1, 10, 1000, 12.5, 19166.7, 119166.66),
      status: fc.constant<"A">("A"),
    }),
  );
  // Loan ids from a small alphabet (so that they sort among each other), some looking like numbers.
  const idArb = fc.constantFrom("A1", "A2", "B", "C10", "C9", "007", "7", "Z", "a", "HT2026");
  // A day: the accounts in the ledger with their observation and due day.
  const dayArb = fc.uniqueArray(fc.tuple(idArb, obsArb, fc.option(fc.integer({ min: 1, max: 31 }), { nil: null })), {
    selector: ([id]) => id,
    maxLength: 8,
  });
  it("equals decoding the month, recording the day and encoding it, for any history and ledger", () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 6 }), dayArb, (before, today) => {
        // The month so far, as the job writes it (a day after the other).
        let rows = encodeMonth(emptyMonth("2026-10"));
        before.forEach((accounts, j) => {
          const h = recordDay(
            decodeMonth("2026-10", rows),
            d(`2026-10-${String(j + 1).padStart(2, "0")}`),
            new Map(accounts.map(([id, obs, dueDay]) => [id, { obs, dueDay }])),
          );
          rows = encodeMonth(h);
          // Flags as a past run may have carried them.
          rows.slice(1).forEach((r, i) => {
            r[3] = ["", "1-0", "000", "-1-"][(i + j) % 4];
          });
        });
        const t = d("2026-10-20");
        // The general way: decode, record, encode.
        const ids = new IdIndex();
        for (const [id] of today) ids.add(id);
        const general = encodeMonth(
          recordDayOf(
            decodeMonth("2026-10", rows, ids),
            t,
            today.map((_, k) => k),
            today.map(([, obs]) => obs),
            today.map(([, , due]) => due),
          ),
        );
        // The daily case.
        const ids2 = new IdIndex();
        for (const [id] of today) ids2.add(id);
        const sheet = indexMonthSheet("2026-10", rows, ids2, t);
        expect(sheet).not.toBeNull();
        const fast = appendDayToSheet(
          sheet as NonNullable<typeof sheet>,
          t,
          ids2,
          today.map(([, obs]) => obs),
          today.map(([, , due]) => due),
        );
        expect(fast).toEqual(general);
        // Unchanged accounts keep the row as read.
        for (const r of fast.slice(1)) {
          const old = rows.find((o) => o[0] === r[0]);
          if (old && old[1] === r[1] && old[2] === r[2]) expect(r).toBe(old);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("is not taken on a re-run or on a sheet changed by hand", () => {
    const ids = new IdIndex();
    ids.add("A");
    const header = ["loan_id", "due_day", "timeline (day,oldest unpaid,principal,status;…) runs:1,5", ""];
    const row = (...cells: unknown[]) => cells as (string | number)[];
    const good = [header, row("A", 16, "1,,100,A", ""), row("B", "", "5,,0,S", "1-0")];
    expect(indexMonthSheet("2026-10", good, ids, d("2026-10-06"))).not.toBeNull();
    // A day on or before the last run day.
    expect(indexMonthSheet("2026-10", good, ids, d("2026-10-05"))).toBeNull();
    expect(indexMonthSheet("2026-10", good, ids, d("2026-10-03"))).toBeNull();
    const t = d("2026-10-06");
    for (const bad of [
      [header, row("B", 16, "1,,100,A", ""), row("A", 16, "1,,100,A", "")], // out of order
      [header, row("A", 16, "1,,100,A", ""), row("A", 16, "1,,100,A", "")], // twice
      [header, row(" A", 16, "1,,100,A", "")], // a space
      [header, row("", 16, "1,,100,A", "")], // no id
      [header, row(7, 16, "1,,100,A", "")], // a number
      [header, row("A", "16", "1,,100,A", "")], // the due day as text
      [header, row("A", 16, 5, "")], // a timeline that is not text
      [header, row("A", 16, "1,,100,A", "yes")], // flags not in their form
      [header, row("A", 16, "1,,100,A")], // three cells
      [header, row("A", 16, "1,,100,A", "", "note")], // five
    ]) {
      expect(indexMonthSheet("2026-10", bad, ids, t)).toBeNull();
    }
  });
});
