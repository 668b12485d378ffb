import { isCellError, readDate } from "../../src/domain/cells";
import fc from "fast-check";
import { dayFromYmd, daysInMonth, ymd } from "../../src/domain/days";

describe("calendar arithmetic without Date objects", () => {
  it("agrees with Date.UTC for every day from 1900 to 2200", () => {
    for (let d = Date.UTC(1900, 0, 1) / 86400000; d <= Date.UTC(2200, 11, 31) / 86400000; d += 1) {
      const date = new Date(d * 86400000);
      const want = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      const got = ymd(d);
      if (got.year !== want.year || got.month !== want.month || got.day !== want.day) throw new Error(`ymd(${d}) = ${JSON.stringify(got)}`);
      if (dayFromYmd(want.year, want.month, want.day) !== d) throw new Error(`dayFromYmd(${JSON.stringify(want)}) ≠ ${d}`);
    }
  });
  it("knows month lengths and leap years", () => {
    expect([2024, 2026, 1900, 2000].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 28, 29]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        (y, m) => daysInMonth(y, m) === new Date(Date.UTC(y, m, 0)).getUTCDate(),
      ),
    );
  });
  it("rejects impossible dates", () => {
    expect(dayFromYmd(2026, 2, 29)).toBeNaN();
    expect(dayFromYmd(2026, 13, 1)).toBeNaN();
    expect(dayFromYmd(2026, 4, 31)).toBeNaN();
  });
});

describe("numbers in a date column", () => {
  it("reads serials from 1950 to 2199 and flags implausible numbers such as a bare year", () => {
    expect(readDate(18264)).toBe(Date.UTC(1950, 0, 1) / 86400000);
    expect(readDate(109574)).toBe(Date.UTC(2199, 11, 31) / 86400000);
    expect(isCellError(readDate(2026))).toBe(true);
    expect(isCellError(readDate(18263))).toBe(true);
    expect(isCellError(readDate(109575))).toBe(true);
  });
});
