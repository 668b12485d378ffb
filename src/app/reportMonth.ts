/**
 * Which month `report` shows when none is asked for: the latest complete month —
 * one whose previous month end (E′) and own month end (E) the daily job has both
 * reached. A book started mid-month has none until the end of the next month.
 */
import { type MonthKey, addMonths, monthOf } from "../domain/days";
import { HistoryView, monthOfHistorySheet } from "../domain/history";
import { readHistory } from "./dailyJob";
import { latestCompleteMonth } from "./monthEndReport";
import type { BookPort } from "./port";

/** The month to report, or none yet: then `first` is the first month that will be complete (null when the book has no history). */
export type ReportMonth = { month: MonthKey } | { month: null; first: MonthKey | null };

/** The first day the daily job ran on, per the book's history; null when it never ran. */
function firstRunMonth(port: BookPort): MonthKey | null {
  const months = port
    .sheetNames()
    .map(monthOfHistorySheet)
    .filter((m): m is MonthKey => m !== null)
    .sort();
  for (const m of months) {
    const days = new HistoryView(readHistory(port, [m])).days();
    if (days.length > 0) return monthOf(days[0]);
  }
  return null;
}

/** The latest complete month of the book, or the first one to come. */
export function reportMonth(port: BookPort): ReportMonth {
  const latest = latestCompleteMonth(port);
  const started = firstRunMonth(port);
  if (started === null) return { month: null, first: null };
  // E′ of month M is the last day of M−1: the job must have run on it, so M is after the month the job started in.
  const first = addMonths(started, 1);
  if (latest === null || latest < first) return { month: null, first };
  return { month: latest };
}
