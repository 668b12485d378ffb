/**
 * Working days (SPEC §4): Monday–Friday, less the store's holidays, plus its
 * make-up working days (调休).
 */
import { type Day, weekday } from "./days";

/** A calendar of the store's working days. */
export class WorkCalendar {
  private readonly holidays: Set<Day>;
  private readonly makeup: Set<Day>;

  constructor(holidays: readonly Day[] = [], makeupWorkdays: readonly Day[] = []) {
    this.holidays = new Set(holidays);
    this.makeup = new Set(makeupWorkdays);
  }

  /** True when staff work on day d. */
  isWorkingDay(d: Day): boolean {
    if (this.makeup.has(d)) return true;
    if (this.holidays.has(d)) return false;
    const w = weekday(d);
    return w !== 0 && w !== 6;
  }

  /** The last working day strictly before d. */
  previousWorkingDay(d: Day): Day {
    let x = d - 1;
    while (!this.isWorkingDay(x)) x--;
    return x;
  }

  /** The number of working days x with from < x ≤ to. */
  workingDaysAfter(from: Day, to: Day): number {
    let n = 0;
    for (let x = from + 1; x <= to; x++) if (this.isWorkingDay(x)) n++;
    return n;
  }
}
