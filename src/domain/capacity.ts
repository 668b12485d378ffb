/**
 * The order of a day's tasks and each owner's daily capacity (SPEC §4
 * "Capacity"): the sheet is worked in window order, and when an owner has more
 * tasks than calls a day, the lowest-priority ones are carried to the next day,
 * flagged, never dropped. Pure.
 */
import type { Bucket } from "./classify";
import type { CallTask, OwnerRole, TaskType, Team } from "./calls";

/** Task types in the order they are worked within a window (broken promises first of all). */
export const TASK_PRIORITY: readonly TaskType[] = [
  "broken_promise",
  "lost_contact",
  "welcome",
  "confirm",
  "reminder",
  "first_reminder",
  "collection",
  "sms",
  "handover",
];

/** A staff member's daily calls when the settings do not name them (SPEC §4: 80 for staff). */
export const DEFAULT_STAFF_CAPACITY = 80;
/** The store manager's daily calls when the settings do not name one (SPEC §4: 30). */
export const DEFAULT_MANAGER_CAPACITY = 30;

/**
 * A task's rank for capacity, 0 highest (SPEC §4): broken promise; M1
 * collection; confirmation; M2 collection; lost contact; SMS; welcome;
 * first-installment reminder; reminder C; reminder B; reminder A. Null for a
 * handover, which is listed, not called.
 */
export function capacityRank(task: Pick<CallTask, "type" | "bucket" | "reminderClass">): number | null {
  switch (task.type) {
    case "broken_promise":
      return 0;
    case "collection":
      return task.bucket === "M2" ? 3 : 1;
    case "confirm":
      return 2;
    case "lost_contact":
      return 4;
    case "sms":
      return 5;
    case "welcome":
      return 6;
    case "first_reminder":
      return 7;
    case "reminder":
      return task.reminderClass === "C" ? 8 : task.reminderClass === "B" ? 9 : 10;
    default:
      return null;
  }
}

/**
 * Compares two tasks of one owner by priority, highest first: by rank, then (within
 * a rank) a promise due today first, longer DPD, larger outstanding principal, and
 * the loan id so that the order is total.
 */
export function comparePriority(x: CallTask, y: CallTask): number {
  const rx = capacityRank(x) ?? 99;
  const ry = capacityRank(y) ?? 99;
  if (rx !== ry) return rx - ry;
  const px = x.promiseDueToday ? 0 : 1;
  const py = y.promiseDueToday ? 0 : 1;
  if (px !== py) return px - py;
  if (x.dpd !== y.dpd) return y.dpd - x.dpd;
  if (x.principal !== y.principal) return y.principal - x.principal;
  return x.loanId < y.loanId ? -1 : x.loanId > y.loanId ? 1 : 0;
}

/** An owner's daily calls: the team's figure, else the default for a member of staff, else none (not capped). */
export function capacityOf(team: Team, owner: string, role: OwnerRole): number | null {
  for (const s of team.callers) if (s.name === owner) return s.dailyCapacity;
  if (team.manager.name === owner) return team.manager.dailyCapacity;
  return role === "staff" ? DEFAULT_STAFF_CAPACITY : null;
}

/**
 * Flags each owner's tasks beyond their capacity as carried: the lowest-priority
 * ones (comparePriority), so no carried task outranks a kept one of the same
 * owner. Handovers are not calls: never counted, never carried. Sets `capacity`
 * (the owner's daily calls) and `overCapacity` on every task.
 */
export function markCarried(tasks: readonly CallTask[], team: Team): void {
  const byOwner = new Map<string, CallTask[]>();
  for (const task of tasks) {
    task.overCapacity = false;
    if (capacityRank(task) === null) {
      task.capacity = null;
      continue;
    }
    const list = byOwner.get(task.owner);
    if (list) list.push(task);
    else byOwner.set(task.owner, [task]);
  }
  for (const [owner, list] of byOwner) {
    const cap = capacityOf(team, owner, list[0].ownerRole);
    for (const task of list) task.capacity = cap;
    if (cap === null || list.length <= cap) continue;
    list.sort(comparePriority);
    for (let i = cap; i < list.length; i++) list[i].overCapacity = true;
  }
}

/** One owner's day: tasks counted against capacity, the capacity (null: not capped) and how many are carried. */
export interface CapacityLine {
  owner: string;
  tasks: number;
  capacity: number | null;
  carried: number;
}

/** Each owner's capacity line, in the order owners first appear in the tasks (handovers left out). */
export function capacitySummary(tasks: readonly CallTask[]): CapacityLine[] {
  const lines = new Map<string, CapacityLine>();
  for (const task of tasks) {
    if (capacityRank(task) === null) continue;
    let line = lines.get(task.owner);
    if (!line) {
      line = { owner: task.owner, tasks: 0, capacity: task.capacity, carried: 0 };
      lines.set(task.owner, line);
    }
    line.tasks++;
    if (task.overCapacity) line.carried++;
  }
  return [...lines.values()];
}

const BUCKET_ORDER: Record<Bucket, number> = { C: 0, M1: 1, M2: 2, M3: 3, "M3+": 4 };
const ROLE_ORDER: Record<OwnerRole, number> = { manager: 0, staff: 1, account_manager: 2, back_office: 3 };

/**
 * Sorts tasks in the order the sheet is worked — broken promises first of all
 * (SPEC §5), then by owner, window and type, M1 before M2, a promise due today
 * first, larger principal first — flags those beyond each owner's capacity by
 * SPEC's priority (markCarried), and moves the carried ones to the end, in the
 * same order.
 */
export function orderAndCap(tasks: CallTask[], team: Team): CallTask[] {
  const priority = new Map(TASK_PRIORITY.map((p, i) => [p, i]));
  const owners = [...new Set(tasks.map((x) => x.owner))].sort();
  const ownerRank = new Map(owners.map((o, i) => [o, i]));
  // One numeric key per task (broken promise, role, owner, window, type, bucket, promise due today), then larger principal, then loan id.
  const key = new Float64Array(tasks.length);
  const principal = new Float64Array(tasks.length);
  tasks.forEach((x, i) => {
    principal[i] = x.principal;
    const first = x.type === "broken_promise" ? 0 : 1;
    const head = (first * 4 + ROLE_ORDER[x.ownerRole]) * 100_000 + (ownerRank.get(x.owner) ?? 0);
    key[i] =
      (((head * 100 + (x.window?.start ?? 99)) * 10 + (priority.get(x.type) ?? 9)) * 10 + BUCKET_ORDER[x.bucket]) * 2 +
      (x.promiseDueToday ? 0 : 1);
  });
  // Sorted by index against the keys and principals (no task looked at but for a tie), then put back in that order.
  const order = Array.from(tasks.keys()).sort((i, j) => {
    const by = key[i] - key[j] || principal[j] - principal[i];
    if (by !== 0) return by;
    const x = tasks[i].loanId;
    const y = tasks[j].loanId;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  markCarried(tasks, team);
  let at = 0;
  const sorted = order.map((i) => tasks[i]);
  for (const task of sorted) if (!task.overCapacity) tasks[at++] = task;
  for (const task of sorted) if (task.overCapacity) tasks[at++] = task;
  return tasks;
}
