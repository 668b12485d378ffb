import fc from "fast-check";
import {
  type Observation,
  appendDayToSheet,
  decodeMonth,
  emptyMonth,
  encodeMonth,
  indexMonthSheet,
  recordDay,
  recordDayOf,
} from "../../../src/domain/history";
import { IdIndex } from "../../../src/domain/idIndex";
import { d } from "./helpers";

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
