/**
 * The short summary of a daily-job run that `day` and `demo` print: accounts
 * and Σ principal by bucket, tasks by type. Counts only — no customer data.
 */
import type { DailyJobResult } from "../app/dailyJob";
import { TASK_LABELS } from "../app/names";
import type { TaskType } from "../domain/calls";
import { BUCKETS } from "../domain/classify";
import { type Lang, type MessageKey, t } from "../domain/i18n";
import { ct } from "./messages";
import { alignColumns, formatMoney } from "./text";

/** Task types in the order of SPEC §4's table. */
export const TASK_TYPES: readonly TaskType[] = [
  "welcome",
  "reminder",
  "first_reminder",
  "confirm",
  "collection",
  "sms",
  "broken_promise",
  "lost_contact",
  "handover",
];

const cents = (n: number) => Math.round(n * 100) / 100;

/** Bucket table: accounts and Σ principal per bucket (every bucket present), then the total. */
export function bucketLines(lang: Lang, result: DailyJobResult): string[] {
  let count = 0;
  let principal = 0;
  const rows = BUCKETS.map((b) => {
    const tally = result.byBucket[b];
    count += tally.count;
    principal += cents(tally.principal);
    return [b, String(tally.count), formatMoney(cents(tally.principal)), t(lang, `bucket.${b}` as MessageKey)];
  });
  rows.push([ct(lang, "summary.total"), String(count), formatMoney(cents(principal)), ""]);
  return alignColumns([[ct(lang, "col.bucket"), ct(lang, "col.count"), ct(lang, "col.sum"), ""], ...rows], [false, true, true, false]);
}

/** Task table: the number of tasks of each type (every type present; reminders split by class), then the total. */
export function taskLines(lang: Lang, result: DailyJobResult): string[] {
  const byType = new Map<TaskType, number>();
  const reminderClasses = new Map<string, number>();
  for (const task of result.tasks) {
    byType.set(task.type, (byType.get(task.type) ?? 0) + 1);
    if (task.type === "reminder" && task.reminderClass) reminderClasses.set(task.reminderClass, (reminderClasses.get(task.reminderClass) ?? 0) + 1);
  }
  const rows = TASK_TYPES.map((type) => {
    let note = "";
    if (type === "reminder" && reminderClasses.size > 0) {
      note = ["A", "B", "C"].map((c) => `${c} ${reminderClasses.get(c) ?? 0}`).join(" · ");
    }
    return [TASK_LABELS[type][lang], type, String(byType.get(type) ?? 0), note];
  });
  rows.push([ct(lang, "summary.tasks_total"), "", String(result.tasks.length), ""]);
  return alignColumns([[ct(lang, "summary.task"), "", ct(lang, "col.tasks"), ""], ...rows], [false, false, true, false]);
}
