/**
 * Date cells to calendar days in the spreadsheet's zone: Intl once it agrees
 * with Utilities.formatDate on a winter probe, a summer probe and the first
 * dates; Utilities.formatDate for every date otherwise.
 */
import { isoDay } from "../../src/domain/days";
import { INTL_CHECKS, type LocalTime, dateToDayInZone, intlLocalTime } from "../../src/sheets/zone";
import { intlFormatDate, midnightIn } from "./fakes";

function counted() {
  const calls: string[] = [];
  const formatDate = (d: Date, z: string, f: string) => {
    calls.push(f);
    return intlFormatDate(d, z, f);
  };
  return { calls, formatDate };
}

/** 400 date cells over two years, as Sheets hands them over in `zone`. */
function dateCells(zone: string): Date[] {
  const out: Date[] = [];
  for (let i = 0; i < 400; i++) {
    const d = new Date(Date.UTC(2025, 0, 1 + i * 2));
    out.push(new Date(midnightIn(zone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())));
  }
  return out;
}

const expected = (cells: Date[], zone: string) => cells.map((d) => intlFormatDate(d, zone, "yyyy-MM-dd"));

describe("dateToDayInZone", () => {
  for (const zone of ["Asia/Shanghai", "America/New_York", "UTC", "Pacific/Auckland"]) {
    test(`${zone}: Intl after ${INTL_CHECKS} checks and two probes, the same days as Utilities.formatDate`, () => {
      const { calls, formatDate } = counted();
      const toDay = dateToDayInZone(formatDate, zone, intlLocalTime(zone));
      const cells = dateCells(zone);
      expect(cells.map((d) => isoDay(toDay(d)))).toEqual(expected(cells, zone));
      expect(calls).toHaveLength(INTL_CHECKS + 2);
      // Seen dates are cached.
      toDay(cells[0]);
      expect(calls).toHaveLength(INTL_CHECKS + 2);
    });
  }

  test("without Intl, Utilities.formatDate reads each distinct date once", () => {
    const { calls, formatDate } = counted();
    const toDay = dateToDayInZone(formatDate, "Asia/Shanghai");
    const cells = dateCells("Asia/Shanghai");
    expect(cells.map((d) => isoDay(toDay(d)))).toEqual(expected(cells, "Asia/Shanghai"));
    for (const d of cells) toDay(new Date(d.getTime()));
    expect(calls).toHaveLength(cells.length);
  });

  test("an Intl that ignores the zone is caught on the first date and never used", () => {
    const { calls, formatDate } = counted();
    const dayFormats = () => calls.filter((f) => f === "yyyy-MM-dd").length;
    const utcOnly: LocalTime = (d) => intlFormatDate(d, "UTC", "yyyy-MM-dd HH:mm:ss");
    const toDay = dateToDayInZone(formatDate, "Asia/Shanghai", utcOnly);
    const cells = dateCells("Asia/Shanghai");
    expect(cells.map((d) => isoDay(toDay(d)))).toEqual(expected(cells, "Asia/Shanghai"));
    expect(dayFormats()).toBe(cells.length);
  });

  test("an Intl without daylight saving is caught by the summer probe, whatever the first dates", () => {
    const { formatDate } = counted();
    // New York all year on standard time (-05:00): right in winter, an hour off in summer.
    const noDst: LocalTime = (d) => intlFormatDate(new Date(d.getTime() - 5 * 3_600_000), "UTC", "yyyy-MM-dd HH:mm:ss");
    const toDay = dateToDayInZone(formatDate, "America/New_York", noDst);
    const winter = dateCells("America/New_York").filter((d) => d.getUTCMonth() === 0);
    const summer = dateCells("America/New_York").filter((d) => d.getUTCMonth() === 6);
    const cells = [...winter, ...summer];
    expect(cells.map((d) => isoDay(toDay(d)))).toEqual(expected(cells, "America/New_York"));
  });

  test("a zone this runtime does not know: no Intl", () => {
    expect(intlLocalTime("Not/A_Zone")).toBeNull();
  });
});
