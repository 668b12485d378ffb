import fc from "fast-check";
import type { Day } from "../../../src/domain/days";
import { HistoryView, type Observation, decodeMonth, emptyMonth, encodeMonth, recordDay, recordDayOf } from "../../../src/domain/history";
import { IdIndex } from "../../../src/domain/idIndex";
import { A, d, run, seen, wasInM1Decoded } from "./helpers";

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
      expect(edited.wasInM1(`E${i}`, "2026-11", 0, 1)).toBe(wasInM1Decoded(edited, `E${i}`, "2026-11", 0, 1));
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
          expect(wasInM1Decoded(view, "L", "2026-10", grace, m1Start)).toBe(expected);
          for (const r of runDays) expect(view.observed("L", r)).toEqual(on.get(r) ?? { oldestUnpaid: null, principal: 0, status: "X" });
        },
      ),
      { numRuns: 300 },
    );
  });
});
