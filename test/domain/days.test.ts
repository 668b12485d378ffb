/**
 * Calendar days (src/domain/days.ts). Every expected value is worked out by hand:
 * 1970-01-01 is Day 0; 2026-01-01 is 56 years later with 14 leap days
 * (1972 … 2024) = 56 × 365 + 14 = 20454; 2026-11-01 = 20454 + 304
 * (Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31) = 20758.
 */
import {
  addMonths,
  dayFromYmd,
  dayOfUtcDate,
  daysInMonth,
  isoDay,
  monthBounds,
  monthOf,
  nextDayOfMonth,
  parseIsoDay,
  parseMonth,
  utcDateOf,
  weekday,
  ymd,
} from "../../src/domain/days";

const D_1970_01_01 = 0;
const D_2000_01_01 = 10957; // 30 × 365 + 7 leap days (1972 … 1996)
const D_2024_02_29 = 19782; // 2024-01-01 = 54 × 365 + 13 = 19723; + 31 + 28
const D_2026_01_01 = 20454;
const D_2026_11_01 = 20758;
const D_2026_11_14 = 20771;
const D_2026_12_31 = 20818; // 20454 + 364
const D_2027_01_01 = 20819;
const D_2028_02_29 = 21243; // 2028-01-01 = 58 × 365 + 14 = 21184; + 31 + 28 = 21243

describe("dayFromYmd / ymd", () => {
  it.each([
    [1970, 1, 1, D_1970_01_01],
    [1969, 12, 31, -1],
    [2000, 1, 1, D_2000_01_01],
    [2024, 2, 28, 19781],
    [2024, 2, 29, D_2024_02_29],
    [2024, 3, 1, 19783],
    [2026, 1, 1, D_2026_01_01],
    [2026, 1, 31, 20484],
    [2026, 2, 28, 20512],
    [2026, 3, 1, 20513],
    [2026, 11, 1, D_2026_11_01],
    [2026, 11, 14, D_2026_11_14],
    [2026, 12, 31, D_2026_12_31],
    [2027, 1, 1, D_2027_01_01],
    [2028, 2, 29, D_2028_02_29],
  ])("%i-%i-%i is Day %i and back", (y, m, d, day) => {
    expect(dayFromYmd(y, m, d)).toBe(day);
    expect(ymd(day)).toEqual({ year: y, month: m, day: d });
  });

  it("2024-02-28 is one day before the leap day", () => {
    expect(dayFromYmd(2024, 2, 28)).toBe(D_2024_02_29 - 1);
  });

  it.each([
    [2026, 2, 29],
    [2026, 2, 30],
    [2026, 4, 31],
    [2026, 13, 1],
    [2026, 0, 1],
    [2026, 1, 0],
    [2026, 1, 32],
    [1900, 2, 29],
    [2026.5, 1, 1],
  ])("%d-%d-%d is impossible (NaN)", (y, m, d) => {
    expect(dayFromYmd(y, m, d)).toBeNaN();
  });

  it("accepts the real leap days 2000-02-29, 2024-02-29, 2028-02-29", () => {
    expect(dayFromYmd(2000, 2, 29)).toBe(D_2000_01_01 + 31 + 28);
    expect(dayFromYmd(2028, 2, 29)).toBe(D_2028_02_29);
  });
});

describe("daysInMonth", () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2028, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ])("%i-%i has %i days", (y, m, n) => expect(daysInMonth(y, m)).toBe(n));
});

describe("text forms", () => {
  it("isoDay writes YYYY-MM-DD with zero padding", () => {
    expect(isoDay(D_2026_11_01)).toBe("2026-11-01");
    expect(isoDay(D_2028_02_29)).toBe("2028-02-29");
    expect(isoDay(-1)).toBe("1969-12-31");
  });
  it("parseIsoDay reads strict ISO and rejects the rest", () => {
    expect(parseIsoDay("2026-11-01")).toBe(D_2026_11_01);
    expect(parseIsoDay(" 2026-11-14 ")).toBe(D_2026_11_14);
    expect(parseIsoDay("2026-02-29")).toBeNaN();
    expect(parseIsoDay("2026-11-1")).toBeNaN();
    expect(parseIsoDay("2026/11/01")).toBeNaN();
    expect(parseIsoDay("")).toBeNaN();
  });
  it("monthOf and parseMonth", () => {
    expect(monthOf(D_2026_11_14)).toBe("2026-11");
    expect(monthOf(D_2026_12_31)).toBe("2026-12");
    expect(monthOf(D_2027_01_01)).toBe("2027-01");
    expect(parseMonth("2026-11")).toEqual({ year: 2026, month: 11 });
    expect(parseMonth("2026-3")).toEqual({ year: 2026, month: 3 });
    expect(parseMonth("2026-13")).toBeNull();
    expect(parseMonth("2026-00")).toBeNull();
    expect(parseMonth("Nov 2026")).toBeNull();
  });
});

describe("month arithmetic", () => {
  it.each([
    ["2026-11", -1, "2026-10"],
    ["2026-11", -3, "2026-08"],
    ["2026-11", 2, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["2026-02", -3, "2025-11"],
    ["2026-12", 1, "2027-01"],
    ["2026-12", 0, "2026-12"],
    ["2026-11", -24, "2024-11"],
  ])("addMonths(%s, %i) = %s", (m, n, want) => expect(addMonths(m, n)).toBe(want));

  it("addMonths and monthBounds refuse a malformed month", () => {
    expect(() => addMonths("2026-13", 1)).toThrow();
    expect(() => monthBounds("bad")).toThrow();
  });

  it("monthBounds gives the first and last day", () => {
    expect(monthBounds("2026-11")).toEqual({ first: D_2026_11_01, last: D_2026_11_01 + 29 });
    expect(monthBounds("2026-12")).toEqual({ first: D_2026_11_01 + 30, last: D_2026_12_31 });
    expect(monthBounds("2024-02")).toEqual({ first: 19754, last: 19782 }); // 2024-02-01 = 19723 + 31
    expect(monthBounds("2026-02")).toEqual({ first: 20485, last: 20512 });
  });
});

describe("weekday and Date conversion", () => {
  it("1970-01-01 was a Thursday; 2026-11-01 a Sunday; 2026-11-14 a Saturday; 2026-11-16 a Monday", () => {
    expect(weekday(D_1970_01_01)).toBe(4);
    expect(weekday(D_2026_01_01)).toBe(4); // 2026-01-01 was a Thursday too
    expect(weekday(D_2026_11_01)).toBe(0);
    expect(weekday(D_2026_11_14)).toBe(6);
    expect(weekday(D_2026_11_14 + 2)).toBe(1);
    expect(weekday(-1)).toBe(3); // 1969-12-31, Wednesday
  });
  it("dayOfUtcDate takes the UTC calendar date, whatever the time of day", () => {
    expect(dayOfUtcDate(new Date("2026-11-01T00:00:00Z"))).toBe(D_2026_11_01);
    expect(dayOfUtcDate(new Date("2026-11-01T23:59:59Z"))).toBe(D_2026_11_01);
    expect(dayOfUtcDate(new Date("1969-12-31T12:00:00Z"))).toBe(-1);
  });
  it("utcDateOf gives UTC midnight", () => {
    expect(utcDateOf(D_2026_11_01).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(utcDateOf(D_2028_02_29).toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });
});

describe("nextDayOfMonth: first date on or after `from` with that day of month", () => {
  it.each([
    ["2026-11-14", 14, "2026-11-14"], // the day itself counts (≥)
    ["2026-11-14", 16, "2026-11-16"],
    ["2026-11-14", 1, "2026-12-01"],
    ["2026-11-01", 1, "2026-11-01"],
    ["2026-11-02", 1, "2026-12-01"],
    ["2026-12-20", 1, "2027-01-01"], // year end
    ["2026-12-17", 16, "2027-01-16"],
    ["2026-01-31", 28, "2026-02-28"],
    ["2024-02-10", 28, "2024-02-28"],
    ["2026-02-01", 28, "2026-02-28"],
    // due days 29–31 fall on a short month's last day (docs/DECISIONS.md)
    ["2026-02-10", 31, "2026-02-28"],
    ["2024-02-10", 30, "2024-02-29"],
    ["2026-04-30", 31, "2026-04-30"],
    ["2026-03-01", 31, "2026-03-31"],
  ])("from %s, due day %i → %s", (from, dueDay, want) => {
    expect(isoDay(nextDayOfMonth(parseIsoDay(from), dueDay))).toBe(want);
  });
});
