/**
 * The short summary of a daily-job run that `day` and `demo` print: accounts
 * and Σ principal by bucket, tasks by type. Counts only — no customer data.
 */
import type { DailyJobResult } from "../app/dailyJob";
import { TASK_LABELS } from "../app/names";
import { TASK_TYPES, type TaskType } from "../domain/calls";
import { BUCKETS } from "../domain/classify";
import { isoDay } from "../domain/days";
import { type Lang, type MessageKey, t } from "../domain/i18n";
import { ct } from "../domain/messages/cli";
import { alignColumns, formatMoney } from "./text";

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

/** Tasks of each type, and reminders by class. */
export interface TaskCounts {
  byType: Map<TaskType, number>;
  reminderClasses: Map<string, number>;
  total: number;
}

/** Counts tasks given as (type, reminder class) pairs. */
export function countTasks(tasks: Iterable<{ type: TaskType; reminderClass: string | null }>): TaskCounts {
  const counts: TaskCounts = { byType: new Map(), reminderClasses: new Map(), total: 0 };
  for (const task of tasks) {
    counts.total++;
    counts.byType.set(task.type, (counts.byType.get(task.type) ?? 0) + 1);
    if (task.type === "reminder" && task.reminderClass) {
      const cls = task.reminderClass.replace(/\*$/, "");
      counts.reminderClasses.set(cls, (counts.reminderClasses.get(cls) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Task table: the number of tasks of each type on the day (every type present;
 * reminders split by class), then the total; with `also`, a second column of
 * counts (e.g. over every call sheet in the book).
 */
export function taskLines(lang: Lang, result: DailyJobResult, also?: { title: string; counts: TaskCounts }): string[] {
  const today = countTasks(result.tasks);
  const classes = (c: TaskCounts) =>
    c.reminderClasses.size > 0 ? ["A", "B", "C"].map((k) => `${k} ${c.reminderClasses.get(k) ?? 0}`).join(" · ") : "";
  const rows = TASK_TYPES.map((type) => {
    const row = [TASK_LABELS[type][lang], type, String(today.byType.get(type) ?? 0)];
    if (also) row.push(String(also.counts.byType.get(type) ?? 0));
    row.push(
      type === "reminder" ? classes(today) + (also && also.counts.reminderClasses.size > 0 ? ` | ${classes(also.counts)}` : "") : "",
    );
    return row;
  });
  const total = [ct(lang, "summary.tasks_total"), "", String(today.total)];
  if (also) total.push(String(also.counts.total));
  total.push("");
  rows.push(total);
  const header = [ct(lang, "summary.task"), "", isoDay(result.t)];
  if (also) header.push(also.title);
  header.push("");
  return alignColumns([header, ...rows], also ? [false, false, true, true, false] : [false, false, true, false]);
}
