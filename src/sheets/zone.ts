/**
 * Sheets hands dates over as Date objects at midnight in the spreadsheet's time
 * zone (Asia/Shanghai midnight is 16:00 UTC the day before), so a calendar day
 * is read with Utilities.formatDate in that zone, never from the UTC date.
 */
import type { DateToDay } from "../domain/cells";
import { type Day, parseIsoDay } from "../domain/days";

/** `Utilities.formatDate`, or a fake of it in tests. */
export type FormatDate = (date: Date, timeZone: string, format: string) => string;

/** Converts Date objects to calendar days in `timeZone`, caching per distinct instant. NaN when unreadable. */
export function dateToDayInZone(formatDate: FormatDate, timeZone: string): DateToDay {
  const cache = new Map<number, Day>();
  return (d: Date) => {
    const key = d.getTime();
    let day = cache.get(key);
    if (day === undefined) {
      day = parseIsoDay(formatDate(d, timeZone, "yyyy-MM-dd"));
      cache.set(key, day);
    }
    return day;
  };
}

/** Today's calendar day in `timeZone`. */
export function todayInZone(formatDate: FormatDate, timeZone: string, now: Date = new Date()): Day {
  return parseIsoDay(formatDate(now, timeZone, "yyyy-MM-dd"));
}
