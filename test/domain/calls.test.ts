import fc from "fast-check";
import { type CallTask, DIAL_ROTATION, type Numbers, buildTasks, ownNumbers, resolveTeam, rotationDial } from "../../src/domain/calls";
import { classify } from "../../src/domain/classify";
import { type Day, parseIsoDay } from "../../src/domain/days";
import type { Account } from "../../src/domain/ledger";
import { type Settings, defaultSettings } from "../../src/domain/settings";
import { WorkCalendar } from "../../src/domain/workdays";
import { account } from "../fixtures/account";

const d = (s: string): Day => parseIsoDay(s);

function tasksOn(t: string, accounts: Account[], settings: Settings = defaultSettings()): CallTask[] {
  const day = d(t);
  const items = accounts.map((a) => classify(a, day, settings));
  return buildTasks(items, {
    t: day,
    settings,
    calendar: new WorkCalendar(settings.holidays, settings.makeupWorkdays),
    team: resolveTeam(settings, []),
  });
}

const types = (tasks: CallTask[]) => tasks.map((x) => x.type);

describe("reminders by class (k = next due date − t)", () => {
  // Due day 16 in November 2026: k = 16 − day.
  const cases: [string, number, number[]][] = [
    ["A", 0, [1]],
    ["B", 1, [1, 2, 3]],
    ["C", 2, [1, 2, 3, 4, 5]],
    ["C", 3, [1, 2, 3, 4, 5]],
  ];
  for (const [cls, m1, ks] of cases) {
    it(`class ${cls} (${m1} M1 months) is reminded exactly at k ∈ {${ks}}`, () => {
      const got: number[] = [];
      for (let k = 0; k <= 8; k++) {
        const day = 16 - k;
        const ts = tasksOn(`2026-11-${String(day).padStart(2, "0")}`, [account({ m1Entries3m: m1 })]);
        if (ts.some((x) => x.type === "reminder")) got.push(k);
        for (const x of ts.filter((y) => y.type === "reminder")) {
          expect(x.window).toEqual({ start: 9, end: 12 });
          expect(x.reminderClass).toBe(cls);
        }
      }
      expect(got).toEqual(ks);
    });
  }

  it("counts calendar days across a month end: due day 1, t = 31 Oct is k = 1", () => {
    expect(types(tasksOn("2026-10-31", [account({ dueDay: 1, m1Entries3m: 0 })]))).toEqual(["reminder"]);
    expect(types(tasksOn("2026-10-30", [account({ dueDay: 1, m1Entries3m: 0 })]))).toEqual([]);
    // February 2026 has 28 days: due day 1, t = 26 Feb is k = 3 for class B.
    expect(types(tasksOn("2026-02-26", [account({ dueDay: 1, m1Entries3m: 1 })]))).toEqual(["reminder"]);
    expect(types(tasksOn("2026-02-25", [account({ dueDay: 1, m1Entries3m: 1 })]))).toEqual([]);
  });

  it("does not move tasks off weekends: Saturday 14 Nov 2026 still reminds class B due 16 Nov", () => {
    expect(types(tasksOn("2026-11-14", [account({ m1Entries3m: 1 })]))).toEqual(["reminder"]);
  });

  it("uses the ledger's next due date when given (an early payment is seen)", () => {
    expect(types(tasksOn("2026-11-15", [account({ nextDueDate: d("2026-12-16"), m1Entries3m: 0 })]))).toEqual([]);
  });
});

describe("confirmation call", () => {
  it("calls at 15:00–16:00 on the due day when the installment is still unpaid", () => {
    const ts = tasksOn("2026-11-16", [account({ oldestUnpaid: d("2026-11-16") })]);
    expect(ts.map((x) => [x.type, x.window])).toEqual([["confirm", { start: 15, end: 16 }]]);
  });
  it("does not call when nothing is unpaid on the due day", () => {
    expect(types(tasksOn("2026-11-16", [account({})]))).toEqual([]);
  });
});

describe("first-installment reminder for NEW accounts", () => {
  // Disbursed 2026-11-02, due day 1 → first due 2026-12-01 (≥ 15 days after).
  const a = account({ disbursedOn: d("2026-11-02"), dueDay: 1, m1Entries3m: null });
  // Working days d with t < d ≤ 2026-12-01 (Tue): 23–27 Nov, 30 Nov, 1 Dec.
  const expected: Record<string, boolean> = {
    "2026-11-23": false, // w = 6 (24,25,26,27,30,1)
    "2026-11-24": true, // w = 5
    "2026-11-25": true, // 4
    "2026-11-26": true, // 3
    "2026-11-27": false, // 2
    "2026-11-28": false, // Saturday, w = 2
  };
  for (const [t, want] of Object.entries(expected)) {
    it(`${t}: ${want ? "reminds" : "does not remind"}`, () => {
      expect(tasksOn(t, [a]).some((x) => x.type === "first_reminder")).toBe(want);
    });
  }
  it("a holiday shifts the working-day count", () => {
    const s = defaultSettings();
    s.holidays = [d("2026-11-30")];
    // 27 Nov: working days after are 30 Nov (holiday, skipped) and 1 Dec → w = 1; 25 Nov: 26, 27, 1 Dec → w = 3.
    expect(tasksOn("2026-11-25", [a], s).some((x) => x.type === "first_reminder")).toBe(true);
    expect(tasksOn("2026-11-23", [a], s).some((x) => x.type === "first_reminder")).toBe(true); // 24,25,26,27,1 → 5
  });
  it("on the first due date itself the account is no longer NEW", () => {
    const c = classify(a, d("2026-12-01"), defaultSettings());
    expect(c.reminder?.reminderClass).not.toBe("NEW");
  });
});

describe("welcome calls", () => {
  const disbursed = (day: string, id: string) => account({ loanId: id, disbursedOn: d(day), dueDay: 16, m1Entries3m: null });
  const accts = [
    disbursed("2026-11-19", "THU"),
    disbursed("2026-11-20", "FRI"),
    disbursed("2026-11-21", "SAT"),
    disbursed("2026-11-22", "SUN"),
    disbursed("2026-11-23", "MON"),
  ];
  const welcomed = (t: string, s?: Settings) =>
    tasksOn(t, accts, s)
      .filter((x) => x.type === "welcome")
      .map((x) => x.loanId)
      .sort();

  it("on a Monday: Friday, Saturday and Sunday's disbursements", () => {
    expect(welcomed("2026-11-23")).toEqual(["FRI", "SAT", "SUN"]);
  });
  it("on a Tuesday: Monday's", () => {
    expect(welcomed("2026-11-24")).toEqual(["MON"]);
  });
  it("on a Friday: Thursday's; none on a weekend", () => {
    expect(welcomed("2026-11-20")).toEqual(["THU"]);
    expect(welcomed("2026-11-21")).toEqual([]);
    expect(welcomed("2026-11-22")).toEqual([]);
  });
  it("after a holiday Monday, Tuesday takes Friday to Monday", () => {
    const s = defaultSettings();
    s.holidays = [d("2026-11-23")];
    expect(welcomed("2026-11-23", s)).toEqual([]);
    expect(welcomed("2026-11-24", s)).toEqual(["FRI", "MON", "SAT", "SUN"]);
  });
  it("is owned by the store manager", () => {
    const w = tasksOn("2026-11-24", accts).find((x) => x.type === "welcome");
    expect(w?.ownerRole).toBe("manager");
  });
});

describe("collection and handover", () => {
  const overdue = (id: string, u: string, principal: number, extra: Partial<Account> = {}) =>
    account({ loanId: id, oldestUnpaid: d(u), principal, ...extra });

  it("orders M1 before M2, then larger principal; M3 and M3+ are handed over, not called", () => {
    const ts = tasksOn("2026-11-20", [
      overdue("M2a", "2026-10-01", 50000), // DPD 50
      overdue("M1small", "2026-11-10", 1000), // DPD 10
      overdue("M1big", "2026-11-01", 9000), // DPD 19
      overdue("M3", "2026-09-01", 7000), // DPD 80
      overdue("M3p", "2026-07-01", 7000), // DPD 142
    ]);
    const collection = ts.filter((x) => x.type === "collection");
    // Same owner; the windows alternate by day, so compare order within each window via sort keys.
    const m1 = collection.filter((x) => x.bucket === "M1");
    expect(m1.map((x) => x.loanId).sort()).toEqual(["M1big", "M1small"]);
    expect(collection.find((x) => x.loanId === "M2a")?.bucket).toBe("M2");
    const handover = ts.filter((x) => x.type === "handover");
    expect(handover.map((x) => x.loanId).sort()).toEqual(["M3", "M3p"]);
    expect(handover.every((x) => x.phone === null && x.window === null && x.ownerRole === "back_office")).toBe(true);
  });

  it("within one window: M1 before M2, larger principal first", () => {
    // DPD 1, 4 and 31 → day indexes 0, 3 and 30 → all in period 0 (morning).
    const ts = tasksOn("2026-11-20", [
      overdue("M2", "2026-10-20", 90000),
      overdue("small", "2026-11-19", 100),
      overdue("big", "2026-11-16", 5000),
    ]).filter((x) => x.type === "collection");
    expect(ts.map((x) => x.loanId)).toEqual(["big", "small", "M2"]);
    expect(ts.every((x) => x.window?.start === 9)).toBe(true);
  });

  it("alternates morning, afternoon and evening day by day", () => {
    const a = overdue("X", "2026-11-01", 1000);
    const windows = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"].map((t) => tasksOn(t, [a])[0].window?.start);
    expect(windows).toEqual([9, 14, 19, 9]);
  });

  it("keeps the same collector for an account every day", () => {
    const s = defaultSettings();
    s.staff = [
      { name: "甲", role: "staff", dailyCapacity: 50 },
      { name: "乙", role: "staff", dailyCapacity: 50 },
      { name: "丙", role: "staff", dailyCapacity: 50 },
    ];
    const a = overdue("L-77", "2026-11-01", 1000);
    const owners = new Set(["2026-11-05", "2026-11-06", "2026-11-20"].map((t) => tasksOn(t, [a], s)[0].owner));
    expect(owners.size).toBe(1);
    // The ledger's collector wins.
    expect(tasksOn("2026-11-05", [{ ...a, collector: "乙" }], s)[0].owner).toBe("乙");
  });

  it("dials the work phone after two mobile dials, with the third-party script", () => {
    const a = overdue("X", "2026-11-01", 1000, { workPhone: "01066666666", homePhone: "01077777777" });
    const ts = ["2026-11-02", "2026-11-03", "2026-11-04"].map((t) => tasksOn(t, [a])[0]);
    expect(ts.map((x) => x.phone)).toEqual(["mobile", "mobile", "work"]);
    expect(ts.map((x) => x.thirdParty)).toEqual([false, false, true]);
    expect(ts[2].number).toBe("01066666666");
  });

  it("only dials numbers that exist", () => {
    const a = overdue("X", "2026-10-25", 1000, { mobile: "", workPhone: "", homePhone: "01077777777" });
    for (const t of ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]) expect(tasksOn(t, [a])[0].phone).toBe("home");
  });

  it("flags tasks beyond a collector's capacity and keeps them", () => {
    const s = defaultSettings();
    s.staff = [{ name: "甲", role: "staff", dailyCapacity: 2 }];
    const accts = [1, 2, 3, 4].map((i) => overdue(`L${i}`, "2026-11-19", 1000 * i));
    const ts = tasksOn("2026-11-20", accts, s);
    expect(ts).toHaveLength(4);
    expect(ts.filter((x) => x.overCapacity).map((x) => x.loanId)).toEqual(["L2", "L1"]);
  });
});

describe("compliance guards", () => {
  it("never schedules a call outside the allowed hours, whatever the settings narrow them to", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 21 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 0, max: 120 }),
        (start, span, dpd) => {
          const s = defaultSettings();
          s.callHoursStart = start;
          s.callHoursEnd = Math.min(22, start + span);
          const t = d("2026-11-16");
          const ts = tasksOn("2026-11-16", [account({ oldestUnpaid: t - dpd, disbursedOn: t - 1 - dpd })], s);
          for (const x of ts) {
            if (!x.window) continue;
            expect(x.window.start).toBeGreaterThanOrEqual(Math.max(8, s.callHoursStart));
            expect(x.window.end).toBeLessThanOrEqual(Math.min(22, s.callHoursEnd));
            expect(x.window.start).toBeLessThan(x.window.end);
          }
        },
      ),
    );
  });
});

describe("dial rotation shares (the course: mobile 70–80%, work 10–15%, home 5–10%)", () => {
  const all: Numbers = { mobile: "1", work: "2", home: "3" };
  it("has 20 slots: 15 mobile, 3 work, 2 home", () => {
    expect(DIAL_ROTATION.filter((k) => k === "mobile")).toHaveLength(15);
    expect(DIAL_ROTATION.filter((k) => k === "work")).toHaveLength(3);
    expect(DIAL_ROTATION.filter((k) => k === "home")).toHaveLength(2);
  });
  it("over any account's 40 consecutive dials, the shares stay inside the course's ranges", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (from) => {
        const n = { mobile: 0, work: 0, home: 0 };
        for (let i = from; i < from + 40; i++) n[rotationDial(i, all) as keyof typeof n]++;
        expect(n.mobile / 40).toBeGreaterThanOrEqual(0.7);
        expect(n.mobile / 40).toBeLessThanOrEqual(0.8);
        expect(n.work / 40).toBeGreaterThanOrEqual(0.1);
        expect(n.work / 40).toBeLessThanOrEqual(0.15);
        expect(n.home / 40).toBeGreaterThanOrEqual(0.05);
        expect(n.home / 40).toBeLessThanOrEqual(0.1);
      }),
    );
  });
  it("renormalises when a number is missing and returns null when there is none", () => {
    const noWork = { mobile: "1", work: "", home: "3" };
    const seq = Array.from({ length: 17 }, (_, i) => rotationDial(i, noWork));
    expect(seq.filter((k) => k === "work")).toHaveLength(0);
    expect(seq.filter((k) => k === "home")).toHaveLength(2);
    expect(rotationDial(3, { mobile: "", work: "", home: "" })).toBeNull();
  });
});

describe("numbers as typed in the ledger are dialled as digits", () => {
  // The ledger keeps a number as typed; the tasks dial it cleaned (ownNumbers), whichever task it is.
  const typed = { mobile: "+86 138-0013 8000", workPhone: "(021) 6644-0985", homePhone: "0086 010 6552 1234" };

  it("a reminder dials the mobile's digits", () => {
    const [task] = tasksOn("2026-11-15", [account({ m1Entries3m: 0, ...typed })]);
    expect([task.type, task.phone, task.number]).toEqual(["reminder", "mobile", "13800138000"]);
  });

  it("a collection call dials the digits of the number the rotation picks", () => {
    const numbers: Numbers = { mobile: "13800138000", work: "02166440985", home: "008601065521234" };
    for (let dpd = 1; dpd <= 12; dpd++) {
      const t = d("2026-11-20");
      const [task] = tasksOn("2026-11-20", [account({ oldestUnpaid: t - dpd, ...typed })]);
      expect(task.type).toBe("collection");
      expect(task.phone).toBe(rotationDial(dpd - 1, numbers));
      expect(task.number).toBe(numbers[task.phone as keyof Numbers]);
    }
  });

  it("ownNumbers cleans each of the account's numbers", () => {
    expect(ownNumbers(account(typed))).toEqual({ mobile: "13800138000", work: "02166440985", home: "008601065521234" });
  });
});
