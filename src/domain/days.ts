/**
 * Calendar days as integers (days since 1970-01-01), so date arithmetic never
 * depends on a time zone. Every date in the domain is a `Day`.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** The Day of a calendar date; month is 1–12. Returns NaN for impossible dates (2026-02-30). */
export function dayFromYmd(year: number, month: number, day: number): Day {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return Number.NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  // Days from civil (H. Hinnant's algorithm): pure arithmetic, no Date objects on the hot path.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12) and day of month of a Day. */
export function ymd(d: Day): { year: number; month: number; day: number } {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** ISO text `YYYY-MM-DD` of a Day. */
export function isoDay(d: Day): string {
  const { year, month, day } = ymd(d);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** Parses strict ISO `YYYY-MM-DD`; NaN when it is not a real date. */
export function parseIsoDay(text: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : Number.NaN;
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(d: Day): number {
  return (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The Day of a Date's UTC calendar date (what .xlsx readers hand back). */
export function dayOfUtcDate(date: Date): Day {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/** A Date at UTC midnight of a Day. */
export function utcDateOf(d: Day): Date {
  return new Date(d * MS_PER_DAY);
}

/** A month as text `YYYY-MM`. */
export type MonthKey = string;

/** The month a Day falls in, as `YYYY-MM`. */
export function monthOf(d: Day): MonthKey {
  const { year, month } = ymd(d);
  return `${String(year).padStart(4, "0")}-${pad2(month)}`;
}

/** Parses `YYYY-MM`; returns null when malformed. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

/** The month `n` months after `key` (n may be negative). */
export function addMonths(key: MonthKey, n: number): MonthKey {
  const p = parseMonth(key);
  if (!p) throw new Error(`bad month ${key}`);
  const index = p.year * 12 + (p.month - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${pad2((index % 12) + 1)}`;
}

/** First and last Day of a month. */
export function monthBounds(key: MonthKey): { first: Day; last: Day } {
  const p = parseMonth(key);
  if (!p) throw new Error(`bad month ${key}`);
  return { first: dayFromYmd(p.year, p.month, 1), last: dayFromYmd(p.year, p.month, daysInMonth(p.year, p.month)) };
}

/**
 * The first date on or after `from` whose day of month is `dueDay`. A due day past
 * the end of a short month (29–31) falls on that month's last day.
 */
export function nextDayOfMonth(from: Day, dueDay: number): Day {
  const { year, month, day } = ymd(from);
  const inThisMonth = Math.min(dueDay, daysInMonth(year, month));
  if (inThisMonth >= day) return dayFromYmd(year, month, inThisMonth);
  const ny = month === 12 ? year + 1 : year;
  const nm = month === 12 ? 1 : month + 1;
  return dayFromYmd(ny, nm, Math.min(dueDay, daysInMonth(ny, nm)));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
