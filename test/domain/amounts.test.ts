import { dueDatesFrom, overdueAmountOf } from "../../src/domain/amounts";
import { buildTasks, resolveTeam } from "../../src/domain/calls";
import { classify } from "../../src/domain/classify";
import { type Day, parseIsoDay } from "../../src/domain/days";
import { defaultSettings } from "../../src/domain/settings";
import { overdueText, talkingPoints } from "../../src/domain/talkingPoints";
import { WorkCalendar } from "../../src/domain/workdays";
import { account } from "../fixtures/account";

const d = (s: string): Day => parseIsoDay(s);

describe("amount_overdue (SPEC §4): installment × due dates from u to t, both included", () => {
  // [due day, oldest unpaid u, t, installments behind]
  const cases: [number, string, string, number][] = [
    // Due day 1: one, two and three installments behind.
    [1, "2026-11-01", "2026-11-02", 1],
    [1, "2026-11-01", "2026-11-30", 1],
    [1, "2026-10-01", "2026-11-01", 2],
    [1, "2026-10-01", "2026-11-30", 2],
    [1, "2026-09-01", "2026-11-01", 3],
    // Due day 16.
    [16, "2026-11-16", "2026-11-17", 1],
    [16, "2026-10-16", "2026-11-15", 1],
    [16, "2026-10-16", "2026-11-16", 2],
    [16, "2026-09-16", "2026-11-16", 3],
    // Across a year end.
    [16, "2026-11-16", "2027-01-16", 3],
    // Month ends: due day 31 falls on February's last day, then on 31 March, 30 April.
    [31, "2027-01-31", "2027-02-27", 1],
    [31, "2027-01-31", "2027-02-28", 2],
    [31, "2027-01-31", "2027-03-30", 2],
    [31, "2027-01-31", "2027-03-31", 3],
    [31, "2027-02-28", "2027-03-31", 2],
    [31, "2027-03-31", "2027-04-30", 2],
    [30, "2028-01-30", "2028-02-29", 2], // a leap February
    [29, "2027-01-29", "2027-02-28", 2],
  ];
  test.each(cases)("due day %i, u %s, t %s: %i installments", (dueDay, u, t, n) => {
    expect(dueDatesFrom(d(u), d(t), dueDay)).toBe(n);
    const a = account({ dueDay, oldestUnpaid: d(u), installment: 1780 });
    const dpd = d(t) - d(u);
    expect(overdueAmountOf(a, dpd, d(t), 0)).toEqual({ amount: 1780 * n, installments: n });
  });

  test("the ledger's overdue amount wins when the column exists", () => {
    const a = account({ dueDay: 1, oldestUnpaid: d("2026-10-01"), installment: 1780, overdueAmount: 3400.5 });
    expect(overdueAmountOf(a, 59, d("2026-11-29"), 0)).toEqual({ amount: 3400.5, installments: 2 });
    // One, two, three behind: the count still from the dates, the amount the ledger's.
    for (const [u, n] of [
      ["2026-11-01", 1],
      ["2026-10-01", 2],
      ["2026-09-01", 3],
    ] as const) {
      const b = account({ dueDay: 1, oldestUnpaid: d(u), installment: 1000, overdueAmount: 999 });
      expect(overdueAmountOf(b, d("2026-11-20") - d(u), d("2026-11-20"), 0)).toEqual({ amount: 999, installments: n });
    }
  });

  test("null for DPD 0 (grace days included); null amount without installment or ledger amount", () => {
    const a = account({ dueDay: 16, oldestUnpaid: d("2026-11-16") });
    expect(overdueAmountOf(a, 0, d("2026-11-16"), 0)).toBeNull();
    expect(overdueAmountOf(a, 0, d("2026-11-18"), 3)).toBeNull();
    expect(overdueAmountOf(account({ dueDay: 16, oldestUnpaid: d("2026-10-16"), installment: null }), 31, d("2026-11-16"), 0)).toEqual({
      amount: null,
      installments: 2,
    });
  });

  test("a ledger with DPD only: u = t − DPD − grace, the due day from the next due date", () => {
    const a = account({ dueDay: null, statedDpd: 45, nextDueDate: d("2026-12-01"), installment: 500 });
    // u = 2026-11-15 − 45 = 2026-10-01: due dates 10-01, 11-01.
    expect(overdueAmountOf(a, 45, d("2026-11-15"), 0)).toEqual({ amount: 1000, installments: 2 });
    const g = account({ dueDay: null, statedDpd: 42, nextDueDate: d("2026-12-01"), installment: 500 });
    expect(overdueAmountOf(g, 42, d("2026-11-15"), 3)).toEqual({ amount: 1000, installments: 2 });
  });

  test("rounded to cents", () => {
    const a = account({ dueDay: 1, oldestUnpaid: d("2026-09-01"), installment: 0.1 });
    expect(overdueAmountOf(a, 80, d("2026-11-20"), 0)?.amount).toBe(0.3);
  });
});

describe("amounts on tasks and in the talking points", () => {
  const settings = defaultSettings();
  const tasksOn = (t: string, a = account()) =>
    buildTasks([classify(a, d(t), settings)], {
      t: d(t),
      settings,
      calendar: new WorkCalendar([], []),
      team: resolveTeam(settings, []),
    });

  test("an M2 account two installments behind says 2 期共 3,560 元, not one installment", () => {
    const [task] = tasksOn("2026-11-29", account({ dueDay: 1, oldestUnpaid: d("2026-10-01"), installment: 1780 }));
    expect(task).toMatchObject({ type: "collection", bucket: "M2", amountDue: 1780, amountOverdue: 3560, installmentsOverdue: 2 });
    expect(talkingPoints(task, "zh")).toContain("2 期共 3,560 元");
    expect(talkingPoints(task, "en")).toContain("2 installments, 3,560 in all");
    expect(talkingPoints(task, "zh")).not.toContain("1,780");
  });

  test("a reminder carries the amount due and no overdue amount", () => {
    const [task] = tasksOn("2026-11-15");
    expect(task).toMatchObject({ type: "reminder", amountDue: 1000, amountOverdue: null, installmentsOverdue: null });
    expect(talkingPoints(task, "en")).toContain("1,000");
  });

  test("one installment, and no amount known", () => {
    expect(overdueText({ amountOverdue: 1780, installmentsOverdue: 1, amountDue: 1780 }, "zh")).toBe("1 期 1,780 元");
    expect(overdueText({ amountOverdue: 1780, installmentsOverdue: 1, amountDue: 1780 }, "en")).toBe("1 installment, 1,780");
    expect(overdueText({ amountOverdue: null, installmentsOverdue: 2, amountDue: null }, "zh")).toBe("2 期");
    expect(overdueText({ amountOverdue: null, installmentsOverdue: 3, amountDue: null }, "en")).toBe("3 installments");
  });

  test("SMS and handover texts say the whole amount", () => {
    const [handover] = tasksOn("2026-11-29", account({ dueDay: 1, oldestUnpaid: d("2026-08-01"), installment: 1000 }));
    expect(handover.type).toBe("handover");
    expect(talkingPoints(handover, "zh")).toContain("4 期共 4,000 元");
    const sms = {
      ...tasksOn("2026-11-29", account({ dueDay: 1, oldestUnpaid: d("2026-10-01"), installment: 1780 }))[0],
      type: "sms" as const,
    };
    expect(talkingPoints(sms, "zh")).toContain("2 期共 3,560 元");
    expect(talkingPoints(sms, "en")).toContain("2 installments, 3,560 in all");
  });
});
