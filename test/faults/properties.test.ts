/**
 * Properties over generated inputs (fast-check, few runs to stay fast): DPD and
 * buckets; the month-end ratios agree with the roll matrix; the history is the
 * same whatever order dates are (re-)run in.
 */
import fc from "fast-check";
import { runDailyJob } from "../../src/app/dailyJob";
import { MemoryBook } from "../../src/app/memoryBook";
import { monthEndFromBook } from "../../src/app/monthEndReport";
import { LEDGER_SHEET } from "../../src/app/names";
import { SAMPLE_HEADERS, generateLoans, sampleLedger } from "../../src/app/sampleStore";
import type { Cell } from "../../src/domain/cells";
import { BUCKETS, bucketOf, daysPastDue } from "../../src/domain/classify";
import { type Day, addMonths, parseIsoDay } from "../../src/domain/days";
import { HistoryView, decodeMonth, emptyMonth, historySheetName, m1FlagsText, m1Provenance } from "../../src/domain/history";
import { ROLL_TO } from "../../src/domain/monthEnd";
import { defaultSettings } from "../../src/domain/settings";

const settings = defaultSettings();
const col = (h: string) => SAMPLE_HEADERS.indexOf(h);

function runDay(book: MemoryBook, rows: Cell[][], t: Day): void {
  book.put(LEDGER_SHEET, rows);
  runDailyJob(book, { t, settings, lang: "en", ledgerSheet: LEDGER_SHEET });
}

describe("DPD and buckets", () => {
  test("DPD is never below 0, and the bucket never gets better as DPD grows, for any boundaries", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (u, t, g, bounds, d1, d2) => {
          const dpd = daysPastDue(u, t, g);
          expect(dpd).toBeGreaterThanOrEqual(0);
          if (u === null || u >= t) expect(dpd).toBe(0);
          else expect(dpd).toBe(Math.max(0, t - u - g));
          const starts = bounds.slice().sort((a, b) => a - b);
          const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
          expect(BUCKETS.indexOf(bucketOf(lo, starts))).toBeLessThanOrEqual(BUCKETS.indexOf(bucketOf(hi, starts)));
          expect(bucketOf(0, starts)).toBe("C");
          expect(bucketOf(starts[3], starts)).toBe("M3+");
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("month-end figures agree with the roll matrix", () => {
  const E0 = parseIsoDay("2026-10-31"); // E′
  const E = parseIsoDay("2026-11-30");
  test("counts of the ratios' numerators and denominators, for random stores and run days", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 10, max: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
        (seed, n, extra) => {
          // Every loan disbursed before E′, so every account counted at E was there at E′.
          const loans = generateLoans({ loans: n, from: E0 - 700, to: E0 - 1, seed });
          const book = new MemoryBook();
          const days = [...new Set([E0, E, ...extra.map((x) => E0 - 1 + x)])].sort((a, b) => a - b);
          for (const d of days) runDay(book, sampleLedger(loans, d), d);
          const f = monthEndFromBook(book, "2026-11", settings);
          const roll = f.roll;
          if (!roll) throw new Error(`no roll matrix: ${JSON.stringify(f.unavailable)}`);

          const atE0 = sampleLedger(loans, E0)
            .slice(1)
            .filter((r) => r[col("状态")] === "正常" && Number(r[col("剩余本金")]) > 0);
          const activeCount = atE0.length;
          const activeAmount = atE0.reduce((s, r) => s + Number(r[col("剩余本金")]), 0);
          let cells = 0;
          let amount = 0;
          for (const from of BUCKETS)
            for (const to of ROLL_TO) {
              cells += roll[from][to].count;
              amount += roll[from][to].principal;
            }
          expect(cells).toBe(activeCount);
          expect(amount).toBeCloseTo(activeAmount, 2);
          if (activeCount === 0) return;
          const column = (to: (typeof ROLL_TO)[number]) => BUCKETS.reduce((s, from) => s + roll[from][to].count, 0);
          const numerators: [number | null, number][] = [
            [f.m1_ratio_count, column("M1")],
            [f.m2_ratio_count, column("M2")],
            [f.m3plus_ratio_count, column("M3") + column("M3+")],
          ];
          for (const [ratio, count] of numerators) {
            if (ratio === null) throw new Error(`ratio unavailable: ${JSON.stringify(f.unavailable)}`);
            expect(Math.round(ratio * activeCount * 1e6) / 1e6).toBe(count);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("the history is the same whatever order dates are run in", () => {
  const DATES = ["2026-10-28", "2026-10-31", "2026-11-02", "2026-11-13", "2026-11-16", "2026-11-30"].map(parseIsoDay);
  const MONTHS = ["2026-10", "2026-11"].map(historySheetName);
  test("random permutations of 6 dates, with some dates run again, give the same month sheets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.shuffledSubarray(DATES, { minLength: DATES.length, maxLength: DATES.length }),
        fc.array(fc.constantFrom(...DATES), { maxLength: 3 }),
        (seed, order, again) => {
          const loans = generateLoans({ loans: 25, from: DATES[0] - 600, to: DATES[5], seed });
          const inOrder = new MemoryBook();
          for (const d of DATES) runDay(inOrder, sampleLedger(loans, d), d);
          const shuffled = new MemoryBook();
          for (const d of [...order, ...again]) runDay(shuffled, sampleLedger(loans, d), d);
          // The history proper (loan id, due day, timeline) is the same cell for cell.
          const history = (book: MemoryBook, m: string) => book.read(m)?.map((r) => r.slice(0, 3));
          for (const m of MONTHS) expect({ m, values: history(shuffled, m) }).toEqual({ m, values: history(inOrder, m) });
          // Column D carries "in M1 in the months before", named by what it was worked out from (the fourth
          // header cell): wherever that still matches the months before, every flag in it is what they say now.
          for (const book of [inOrder, shuffled]) {
            for (const month of ["2026-10", "2026-11"]) {
              const values = book.read(historySheetName(month));
              if (!values) continue;
              const hist = decodeMonth(month, values);
              const past = [-3, -2, -1].map((k) => addMonths(month, k));
              const from = m1Provenance(
                past,
                past.map((m) => book.read(historySheetName(m))?.[0] ?? null),
                settings.graceDays,
                settings.bucketStarts[0],
              );
              if (hist.m1From !== from) continue;
              const view = new HistoryView(
                past.map((m) => {
                  const v = book.read(historySheetName(m));
                  return v ? decodeMonth(m, v) : emptyMonth(m);
                }),
              );
              for (let i = 0; i < hist.records.size; i++) {
                const flags = hist.records.m1Before(i);
                if (flags === "") continue;
                const id = hist.records.loanId(i);
                expect(flags).toBe(m1FlagsText(past.map((m) => view.wasInM1(id, m, settings.graceDays, settings.bucketStarts[0]))));
              }
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
