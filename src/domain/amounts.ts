/**
 * Amounts on a task (SPEC §4 "Amounts on a task"): the next installment due,
 * and for an account past due the whole overdue amount — the ledger's overdue
 * amount when it has that column, else installment × the due dates missed.
 * Pure.
 */
import { cents } from "./cells";
import { type Day, daysInMonth, dayFromYmd, ymd } from "./days";
import type { Account } from "./ledger";

/** The overdue amount of an account on t, and how many installments (due dates) it covers. */
export interface OverdueAmount {
  /** The amount, or null when neither the ledger's overdue amount nor the installment is known. */
  amount: number | null;
  /** Due dates from the oldest unpaid one up to t, both included. */
  installments: number;
}

/** The due date of `dueDay` in a month; a due day past the month's end falls on its last day. */
function dueDateIn(year: number, month: number, dueDay: number): Day {
  return dayFromYmd(year, month, Math.min(dueDay, daysInMonth(year, month)));
}

/**
 * The number of the account's due dates from its oldest unpaid due date `u` up
 * to `t`, both included: u, then `dueDay` of each following month (on the
 * month's last day when the month is shorter). 0 when u is after t.
 */
export function dueDatesFrom(u: Day, t: Day, dueDay: number): number {
  if (u > t) return 0;
  let n = 1;
  let { year, month } = ymd(u);
  for (;;) {
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    if (dueDateIn(year, month, dueDay) > t) return n;
    n++;
  }
}

/**
 * The account's due day for counting missed due dates: the ledger's due day,
 * else the day of month of its next due date or of its oldest unpaid date,
 * whichever is later in its month (a 31st due day shows as the 30th in a short
 * month, never the other way round).
 */
export function dueDayForCount(a: Account, u: Day): number {
  if (a.dueDay !== null) return a.dueDay;
  const fromU = ymd(u).day;
  return a.nextDueDate === null ? fromU : Math.max(fromU, ymd(a.nextDueDate).day);
}

/**
 * The overdue amount on t of an account with DPD ≥ 1 (null for DPD 0): the
 * ledger's overdue amount when the row has one, else installment × n, n the
 * due dates from the oldest unpaid one (u; t − DPD − grace when the ledger
 * states only DPD) up to t.
 */
export function overdueAmountOf(a: Account, dpd: number, t: Day, graceDays: number): OverdueAmount | null {
  if (dpd < 1) return null;
  const u = a.oldestUnpaid ?? t - dpd - graceDays;
  const installments = dueDatesFrom(u, t, dueDayForCount(a, u));
  if (a.overdueAmount !== null) return { amount: a.overdueAmount, installments };
  return { amount: a.installment === null ? null : cents(a.installment * installments), installments };
}
