import fc from "fast-check";
import type { Day } from "../../../src/domain/days";
import {
  ABSENT,
  type Observation,
  decodeTimeline,
  observationOn,
  observationsOn,
  timelineText,
  withObservation,
} from "../../../src/domain/history/timeline";
import { A, d } from "./helpers";

const obsArb = fc.oneof(
  fc.constant<Observation>(ABSENT),
  fc.constant<Observation>({ oldestUnpaid: null, principal: 0, status: "S" }),
  fc.constant<Observation>({ oldestUnpaid: null, principal: 500, status: "W" }),
  fc.record({
    oldestUnpaid: fc.option(fc.integer({ min: d("2026-08-01"), max: d("2026-10-31") }), { nil: null }),
    principal: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }), fc.constant(12.5), fc.constant(19166.7)),
    status: fc.constant<"A">("A"),
  }),
);
/** Ascending run days of October 2026 with the account's observation on each. */
const monthArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 10 })
  .chain((doms) =>
    fc.tuple(
      fc.constant(doms.sort((a, b) => a - b).map((dom) => d("2026-10-01") + dom - 1)),
      fc.array(obsArb, { minLength: doms.length, maxLength: doms.length }),
    ),
  );

describe("the timeline codec", () => {
  it("writes a new entry only on change, leading absence implicit", () => {
    const days = [d("2026-10-01"), d("2026-10-02"), d("2026-10-03"), d("2026-10-05")];
    expect(timelineText([ABSENT, A(null, 1000), A(null, 1000), A("2026-09-16", 900)], days)).toBe("2,,1000,A;5,20260916,900,A");
    expect(timelineText([ABSENT, ABSENT], days.slice(0, 2))).toBe("");
    expect(withObservation("2,,1000,A", 6, ABSENT)).toBe("2,,1000,A;6,,0,X");
    expect(withObservation("2,,1000,A;6,,0,X", 7, ABSENT)).toBe("2,,1000,A;6,,0,X");
  });

  it("decodes what it encodes: the observation on every run day comes back (property)", () => {
    fc.assert(
      fc.property(monthArb, ([runDays, observations]) => {
        const text = timelineText(observations, runDays);
        const entries = decodeTimeline("2026-10", text);
        expect(observationsOn(entries, runDays)).toEqual(observations);
        runDays.forEach((r, i) => {
          expect(observationOn(entries, r)).toEqual(observations[i]);
        });
        // One entry per change (the first observation counts as a change unless absent).
        const changes = observations.filter((o, i) => JSON.stringify(o) !== JSON.stringify(i === 0 ? ABSENT : observations[i - 1])).length;
        expect(entries).toHaveLength(changes);
      }),
      { numRuns: 500 },
    );
  });

  it("a re-run of the last day replaces its observation: the same text as if it had been seen so the first time (property)", () => {
    fc.assert(
      fc.property(monthArb, obsArb, ([runDays, observations], again) => {
        const last = runDays.length - 1;
        const dom = runDays[last] - d("2026-10-01") + 1;
        const rerun = withObservation(timelineText(observations, runDays), dom, again, true);
        expect(rerun).toBe(timelineText([...observations.slice(0, last), again], runDays));
      }),
      { numRuns: 500 },
    );
  });

  it("reads a day the month does not have as no day: the walk stops at it", () => {
    const entries = decodeTimeline("2026-11", "5,,100,A;31,20260901,100,A;6,,50,A");
    expect(Number.isNaN(entries[1].day)).toBe(true);
    const days: Day[] = [d("2026-11-05"), d("2026-11-20")];
    expect(observationsOn(entries, days)).toEqual([A(null, 100), A(null, 100)]);
  });
});
