/**
 * Test fakes for Apps Script: a Utilities.formatDate that honours the time zone
 * (gas-local's ignores it), and Sheets' Date objects at midnight in a zone.
 */

function parts(date: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  for (const p of format.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** Utilities.formatDate for the patterns yyyy, MM, dd, HH, mm, ss, in `timeZone`. */
export function intlFormatDate(date: Date, timeZone: string, format: string): string {
  if (Number.isNaN(date.getTime())) throw new Error("Invalid Date");
  const p = parts(date, timeZone);
  const tokens: Record<string, string> = { yyyy: p.year.padStart(4, "0"), MM: p.month, dd: p.day, HH: p.hour, mm: p.minute, ss: p.second };
  const text = format.replace(/yyyy|MM|dd|HH|mm|ss/g, (tok) => tokens[tok]);
  if (/[A-Za-z]/.test(text)) throw new Error(`intlFormatDate: unsupported pattern ${format}`);
  return text;
}

/** The instant (ms) of midnight on y-m-d in `timeZone` — what Sheets passes for a date cell. */
export function midnightIn(timeZone: string, year: number, month: number, day: number): number {
  const utcMidnight = Date.UTC(year, month - 1, day);
  let guess = utcMidnight;
  for (let i = 0; i < 3; i++) {
    const p = parts(new Date(guess), timeZone);
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    guess += utcMidnight - shown;
  }
  return guess;
}
