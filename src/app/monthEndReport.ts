/**
 * The month-end report use case (SPEC §6): figures for a month from the book's
 * history, the latest complete month, and the JSON `daihou report` prints.
 */
import { type MonthKey, addMonths, monthBounds, monthOf } from "../domain/days";
import { HistoryView, monthOfHistorySheet } from "../domain/history";
import { type MonthEndFigures, monthEndFigures, monthsForFigures } from "../domain/monthEnd";
import type { Settings } from "../domain/settings";
import { readHistory } from "./dailyJob";
import type { BookPort } from "./port";

/** The latest month whose last day the history reaches (the job ran on or after it); null when none. */
export function latestCompleteMonth(port: BookPort): MonthKey | null {
  const months = port
    .sheetNames()
    .map(monthOfHistorySheet)
    .filter((m): m is MonthKey => m !== null)
    .sort();
  if (months.length === 0) return null;
  const last = months[months.length - 1];
  const view = new HistoryView(readHistory(port, [last]));
  const days = view.days();
  if (days.length === 0) return addMonths(last, -1);
  const lastRun = days[days.length - 1];
  return lastRun >= monthBounds(monthOf(lastRun)).last ? monthOf(lastRun) : addMonths(monthOf(lastRun), -1);
}

/** Month-end figures of `month` from the book's history. */
export function monthEndFromBook(port: BookPort, month: MonthKey, settings: Settings): MonthEndFigures {
  return monthEndFigures(new HistoryView(readHistory(port, monthsForFigures(month))), month, settings);
}

/** The object `daihou report --json` prints (SPEC §7): unrounded fractions, null where unavailable. */
export function reportJson(f: MonthEndFigures): Omit<MonthEndFigures, "unavailable"> {
  const { unavailable: _, ...rest } = f;
  return rest;
}
