/**
 * Sheets hands dates over as Date objects at midnight in the spreadsheet's time
 * zone (Asia/Shanghai midnight is 16:00 UTC the day before), so a calendar day
 * is read in that zone, never from the UTC date: with Utilities.formatDate, or —
 * for the daily job, which reads thousands of dates — with the runtime's Intl
 * once a few dates have shown it agrees with Utilities.formatDate, so the job's
 * Utilities calls do not grow with the ledger.
 */
import type { CellContext, DateToDay } from "../domain/cells";
import { type Day, parseIsoDay } from "../domain/days";
import type { DateOrder } from "../domain/settings";

/** `Utilities.formatDate`, or a fake of it in tests. */
export type FormatDate = (date: Date, timeZone: string, format: string) => string;

/** An instant as `yyyy-MM-dd HH:mm:ss` in a fixed time zone, computed without Apps Script services. */
export type LocalTime = (date: Date) => string;

/** The pattern `LocalTime` answers in, as Utilities.formatDate spells it. */
export const LOCAL_TIME_PATTERN = "yyyy-MM-dd HH:mm:ss";

/** How many dates (besides a winter and a summer probe) must agree before Intl is trusted. */
export const INTL_CHECKS = 4;

/** `LocalTime` in `timeZone` through Intl, or null when this runtime does not know the zone. */
export function intlLocalTime(timeZone: string): LocalTime | null {
  try {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    return (date) => {
      const p: Record<string, string> = {};
      for (const part of format.formatToParts(date)) p[part.type] = part.value;
      return `${(p.year ?? "").padStart(4, "0")}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    };
  } catch {
    return null;
  }
}

/**
 * Converts Date objects to calendar days in `timeZone`, caching per distinct
 * instant. NaN when unreadable. With `localTime` (see {@link intlLocalTime}),
 * the first {@link INTL_CHECKS} distinct dates and a winter and a summer probe
 * are also read with `formatDate`; if all agree, later dates are read with
 * `localTime` alone, otherwise `formatDate` reads every date.
 */
export function dateToDayInZone(formatDate: FormatDate, timeZone: string, localTime?: LocalTime | null): DateToDay {
  const cache = new Map<number, Day>();
  let fast = localTime ?? null;
  let checked = 0;
  const agrees = (d: Date) => {
    try {
      return fast !== null && fast(d) === formatDate(d, timeZone, LOCAL_TIME_PATTERN);
    } catch {
      return false;
    }
  };
  return (d: Date) => {
    const key = d.getTime();
    let day = cache.get(key);
    if (day !== undefined) return day;
    if (Number.isNaN(key)) return Number.NaN;
    if (fast && checked < INTL_CHECKS) {
      if (checked === 0) {
        // Offsets that change with the season (daylight saving) must agree too.
        const year = new Date(key).getUTCFullYear();
        if (!agrees(new Date(Date.UTC(year, 0, 15, 12))) || !agrees(new Date(Date.UTC(year, 6, 15, 12)))) fast = null;
      }
      if (fast && !agrees(d)) fast = null;
      checked++;
    }
    day = parseIsoDay((fast ? fast(d) : formatDate(d, timeZone, "yyyy-MM-dd")).slice(0, 10));
    cache.set(key, day);
    return day;
  };
}

/** How the store's cells are read in Sheets: its date order, and Date cells as days in the spreadsheet's zone (Intl where it agrees with Apps Script). */
export function sheetsCellContext(
  utilities: Pick<GoogleAppsScript.Utilities.Utilities, "formatDate">,
  timeZone: string,
  dateOrder: DateOrder,
): CellContext {
  const formatDate: FormatDate = (d, z, f) => utilities.formatDate(d, z, f);
  return { dateOrder, dateToDay: dateToDayInZone(formatDate, timeZone, intlLocalTime(timeZone)) };
}

/** Today's calendar day in `timeZone`. */
export function todayInZone(formatDate: FormatDate, timeZone: string, now: Date = new Date()): Day {
  return parseIsoDay(formatDate(now, timeZone, "yyyy-MM-dd"));
}
