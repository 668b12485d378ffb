/** The kinds of call task and their small shared types (SPEC §4, §7): read by the tasks (calls.ts), the contact log (contacts.ts) and the numbers. */
import type { StaffMember } from "./settings";

/** The kinds of task on a call sheet (SPEC §7's `type`). */
export type TaskType =
  | "welcome"
  | "reminder"
  | "first_reminder"
  | "confirm"
  | "collection"
  | "sms"
  | "broken_promise"
  | "lost_contact"
  | "handover";

/** Which of the customer's numbers to dial. */
export type PhoneKind = "mobile" | "work" | "home";

/** A time window as hours (start inclusive, end exclusive), e.g. 9–12. */
export interface CallWindow {
  start: number;
  end: number;
}

/** The role that owns a task. */
export type OwnerRole = StaffMember["role"];

/** Task types in the order of SPEC §4's table (for summaries). */
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
