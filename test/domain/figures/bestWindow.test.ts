/** Each customer's best time to call (SPEC §6 contact rate) and where it places the collection call (SPEC §4's alternation without it). */
import { nextPeriod, summarizeAttempts } from "../../../src/domain/attempts";
import { parseIsoDay } from "../../../src/domain/days";
import { bestPeriod, bestWindowText, placePeriod } from "../../../src/domain/figures/bestWindow";
import { entry } from "../../fixtures/contactEntry";

const day = (n: number) => parseIsoDay(`2026-11-${String(n).padStart(2, "0")}`);

describe("the best window", () => {
  const log = [
    entry({ date: day(2), time: "09:10", outcome: "ptp", ptpDate: day(5), ptpAmount: 100, sourceRow: 2 }),
    entry({ date: day(3), time: "19:30", outcome: "says_paid", sourceRow: 3 }),
    entry({ date: day(4), time: "20:05", outcome: "hardship", sourceRow: 4 }),
    entry({ date: day(5), time: "14:00", outcome: "no_answer", sourceRow: 5 }),
    entry({ date: day(6), time: "15:00", outcome: "sms_sent", sourceRow: 6 }),
  ];

  test("the period with most reached dials so far (evening: 2 of the 3 reached); none without a reached dial", () => {
    expect(bestPeriod(log, day(10))).toBe(2);
    expect(bestWindowText(log, day(10))).toBe("19:00-21:00");
    // On 3 November only the morning and the evening have one each: the latest reached (evening) wins the tie.
    expect(bestPeriod(log, day(3))).toBe(2);
    expect(bestPeriod(log, day(2))).toBe(0);
    expect(bestPeriod(log.slice(3), day(10))).toBeNull();
    expect(bestWindowText([], day(10))).toBe("");
  });

  test("places the collection call: the best period unless it was already tried in this run of unanswered dials", () => {
    const s = summarizeAttempts(log, day(10), day(1));
    // One unanswered (afternoon) since the last reached dial: the evening was not tried in it.
    expect(placePeriod(s, 2, 0)).toBe(2);
    const more = [...log, entry({ date: day(7), time: "19:40", outcome: "no_answer", sourceRow: 7 })];
    const s2 = summarizeAttempts(more, day(10), day(1));
    expect(placePeriod(s2, 2, 0)).toBe(nextPeriod(s2, 0));
    expect(placePeriod(s2, 2, 0)).toBe(0);
    // Without a best period: the alternation as before.
    for (const d of [0, 1, 2, 3]) expect(placePeriod(s, null, d)).toBe(nextPeriod(s, d));
  });
});
