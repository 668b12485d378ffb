import fc from "fast-check";
import { type CallTask, type Team, buildTasks, resolveTeam } from "../../src/domain/calls";
import { capacitySummary, orderAndCap } from "../../src/domain/capacity";
import { type Bucket, type ReminderClass, classify } from "../../src/domain/classify";
import { type Day, parseIsoDay } from "../../src/domain/days";
import { type Settings, defaultSettings } from "../../src/domain/settings";
import { WorkCalendar } from "../../src/domain/workdays";
import { account } from "../fixtures/account";

const d = (s: string): Day => parseIsoDay(s);

/** SPEC §4's priority, highest first, written out here independently of the code. */
const SPEC_ORDER = [
  "broken_promise",
  "collection M1",
  "confirm",
  "collection M2",
  "lost_contact",
  "sms",
  "welcome",
  "first_reminder",
  "reminder C",
  "reminder B",
  "reminder A",
];

function specName(x: CallTask): string {
  if (x.type === "collection") return `collection ${x.bucket}`;
  if (x.type === "reminder") return `reminder ${x.reminderClass}`;
  return x.type;
}

/** Lexicographic priority key, lower first: the SPEC's rank, then (collections) a promise due today, longer DPD, larger principal. */
function specKey(x: CallTask): number[] {
  const collection = x.type === "collection" || x.type === "broken_promise";
  return [SPEC_ORDER.indexOf(specName(x)), collection && x.promiseDueToday ? 0 : 1, collection ? -x.dpd : 0, collection ? -x.principal : 0];
}

function outranks(x: CallTask, y: CallTask): boolean {
  const a = specKey(x);
  const b = specKey(y);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

function task(over: Partial<CallTask>): CallTask {
  return {
    type: "collection",
    loanId: "L",
    ledgerRow: 2,
    customer: "张三",
    owner: "甲",
    ownerRole: "staff",
    window: { start: 9, end: 12 },
    phone: "mobile",
    number: "13800000001",
    bucket: "M1",
    dpd: 5,
    reminderClass: null,
    provisional: false,
    principal: 1000,
    amountDue: 100,
    amountOverdue: 100,
    installmentsOverdue: 1,
    dueDate: null,
    thirdParty: false,
    overCapacity: false,
    capacity: null,
    ...over,
  };
}

/** One task of each kind, in SPEC's priority order. */
function oneOfEach(owner: string, role: CallTask["ownerRole"] = "staff"): CallTask[] {
  const c = (type: CallTask["type"], bucket: Bucket, reminderClass: ReminderClass | null, dpd: number) =>
    task({ type, bucket, reminderClass, dpd, owner, ownerRole: role, loanId: `${owner}-${type}-${bucket}-${reminderClass}` });
  return [
    c("broken_promise", "M1", null, 10),
    c("collection", "M1", null, 3),
    c("confirm", "C", null, 0),
    c("collection", "M2", null, 40),
    c("lost_contact", "M1", null, 20),
    c("sms", "M1", null, 8),
    c("welcome", "C", "NEW", 0),
    c("first_reminder", "C", "NEW", 0),
    c("reminder", "C", "C", 0),
    c("reminder", "C", "B", 0),
    c("reminder", "C", "A", 0),
  ];
}

const teamOf = (callers: [string, number][]): Team => ({
  callers: callers.map(([name, dailyCapacity]) => ({ name, role: "staff", dailyCapacity })),
  manager: { name: "经理", role: "manager", dailyCapacity: 30 },
  backOffice: { name: "后线", role: "back_office", dailyCapacity: 0 },
});

describe("capacity by SPEC §4's priority", () => {
  test.each([1, 3, 5, 8, 10])("capacity %i keeps exactly the highest-priority tasks, across all task types", (cap) => {
    const tasks = oneOfEach("甲").reverse();
    const out = orderAndCap(tasks, teamOf([["甲", cap]]));
    const kept = out.filter((x) => !x.overCapacity).map(specName);
    expect(new Set(kept)).toEqual(new Set(SPEC_ORDER.slice(0, cap)));
    expect(
      out
        .filter((x) => x.overCapacity)
        .map(specName)
        .sort(),
    ).toEqual(SPEC_ORDER.slice(cap).sort());
  });

  test("the demo's day: collections are kept and the class-A reminders carried", () => {
    const reminders = Array.from({ length: 80 }, (_, i) =>
      task({ type: "reminder", bucket: "C", reminderClass: "A", dpd: 0, loanId: `R${i}` }),
    );
    const collections = Array.from({ length: 10 }, (_, i) =>
      task({ type: "collection", bucket: "M1", dpd: 29 - i, loanId: `K${i}`, window: { start: 14, end: 17 } }),
    );
    const out = orderAndCap([...reminders, ...collections], teamOf([["甲", 80]]));
    expect(out.filter((x) => x.type === "collection").every((x) => !x.overCapacity)).toBe(true);
    expect(out.filter((x) => x.overCapacity)).toHaveLength(10);
    expect(out.filter((x) => x.overCapacity).every((x) => x.type === "reminder")).toBe(true);
  });

  test("within M1 collections: a promise due today, then longer DPD, then larger principal", () => {
    const tasks = [
      task({ loanId: "a", dpd: 20, principal: 1000 }),
      task({ loanId: "b", dpd: 5, principal: 9000 }),
      task({ loanId: "c", dpd: 2, principal: 100, promiseDueToday: true }),
      task({ loanId: "d", dpd: 20, principal: 5000 }),
    ];
    const out = orderAndCap(tasks, teamOf([["甲", 2]]));
    expect(
      out
        .filter((x) => !x.overCapacity)
        .map((x) => x.loanId)
        .sort(),
    ).toEqual(["c", "d"]);
  });

  test("one collector's collections never wait behind another's reminders", () => {
    const tasks = [
      ...Array.from({ length: 5 }, (_, i) =>
        task({ type: "reminder", bucket: "C", reminderClass: "A", dpd: 0, owner: "乙", loanId: `R${i}` }),
      ),
      ...Array.from({ length: 5 }, (_, i) => task({ owner: "甲", loanId: `K${i}` })),
    ];
    const out = orderAndCap(
      tasks,
      teamOf([
        ["甲", 3],
        ["乙", 10],
      ]),
    );
    expect(out.filter((x) => x.overCapacity).map((x) => x.owner)).toEqual(["甲", "甲"]);
    expect(out.filter((x) => x.owner === "乙").every((x) => !x.overCapacity)).toBe(true);
  });

  test("carried rows stand at the end; the kept ones stay in window order; handovers are never counted", () => {
    const tasks = [
      task({ loanId: "h", type: "handover", bucket: "M3", window: null, phone: null, owner: "后线", ownerRole: "back_office" }),
      task({ loanId: "e", window: { start: 19, end: 21 }, dpd: 30 }),
      task({ loanId: "m", window: { start: 9, end: 12 }, dpd: 1 }),
      task({ loanId: "a", window: { start: 14, end: 17 }, dpd: 10 }),
    ];
    const out = orderAndCap(tasks, teamOf([["甲", 2]]));
    expect(out.map((x) => [x.loanId, x.overCapacity])).toEqual([
      ["a", false],
      ["e", false],
      ["h", false],
      ["m", true],
    ]);
    expect(capacitySummary(out)).toEqual([{ owner: "甲", tasks: 3, capacity: 2, carried: 1 }]);
  });

  test("a collector the settings do not name has SPEC's default 80; the manager's default is 30", () => {
    const s = defaultSettings();
    const team = resolveTeam(s, []);
    expect(team.manager.dailyCapacity).toBe(30);
    const tasks = Array.from({ length: 81 }, (_, i) => task({ owner: "丙", loanId: `K${String(i).padStart(3, "0")}` }));
    const out = orderAndCap(tasks, team);
    expect(out.filter((x) => x.overCapacity)).toHaveLength(1);
    expect(capacitySummary(out)).toEqual([{ owner: "丙", tasks: 81, capacity: 80, carried: 1 }]);
  });

  const kinds = oneOfEach("x");
  const arbTask = fc
    .record({
      kind: fc.integer({ min: 0, max: kinds.length - 1 }),
      owner: fc.constantFrom("甲", "乙", "丙", "经理"),
      dpd: fc.integer({ min: 1, max: 60 }),
      principal: fc.integer({ min: 1, max: 50 }).map((n) => n * 1000),
      promiseDueToday: fc.boolean(),
      window: fc.constantFrom(9, 14, 15, 19),
    })
    .map((r) => {
      const k = kinds[r.kind];
      const collection = k.type === "collection";
      return task({
        ...k,
        owner: r.owner,
        ownerRole: r.owner === "经理" ? "manager" : "staff",
        dpd: collection || k.type === "broken_promise" ? (k.bucket === "M2" ? r.dpd + 30 : r.dpd) : k.dpd,
        principal: r.principal,
        promiseDueToday: collection ? r.promiseDueToday : undefined,
        window: { start: r.window, end: r.window + 1 },
        loanId: `L-${r.kind}-${r.dpd}-${r.principal}`,
      });
    });

  test("property: no carried task outranks a kept task of the same owner; nothing dropped; carried = tasks − capacity", () => {
    fc.assert(
      fc.property(
        fc.array(arbTask, { maxLength: 60 }),
        fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })),
        (tasks, [a, b, m]) => {
          tasks.forEach((x, i) => {
            x.loanId = `${x.loanId}#${i}`;
          });
          const team = teamOf([
            ["甲", a],
            ["乙", b],
          ]);
          team.manager = { name: "经理", role: "manager", dailyCapacity: m };
          const ids = tasks.map((x) => x.loanId).sort();
          const out = orderAndCap(tasks.slice(), team);
          expect(out.map((x) => x.loanId).sort()).toEqual(ids);
          const firstCarried = out.findIndex((x) => x.overCapacity);
          if (firstCarried >= 0) expect(out.slice(firstCarried).every((x) => x.overCapacity)).toBe(true);
          const cap: Record<string, number> = { 甲: a, 乙: b, 丙: 80, 经理: m };
          for (const owner of Object.keys(cap)) {
            const mine = out.filter((x) => x.owner === owner);
            const carried = mine.filter((x) => x.overCapacity);
            const kept = mine.filter((x) => !x.overCapacity);
            expect(carried.length).toBe(Math.max(0, mine.length - cap[owner]));
            for (const c of carried) for (const k of kept) expect(outranks(c, k)).toBe(false);
            // A collection is never carried while a reminder of the same owner stays.
            if (carried.some((x) => x.type === "collection")) expect(kept.some((x) => x.type === "reminder")).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test("property: for any day and roster, the real tasks of a day obey the priority per owner", () => {
    const arbAccount = fc.record({
      dpd: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 100 })),
      dueDay: fc.constantFrom(1, 16, 28),
      m1: fc.integer({ min: 0, max: 3 }),
      principal: fc.integer({ min: 1, max: 100 }).map((n) => n * 500),
      disbursedAgo: fc.integer({ min: 1, max: 400 }),
      collector: fc.constantFrom("", "甲", "乙", "丁"),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(arbAccount, { maxLength: 40 }),
        fc.array(fc.record({ name: fc.constantFrom("甲", "乙", "丙"), cap: fc.integer({ min: 0, max: 10 }) }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 10 }),
        (dayOffset, accts, roster, managerCap) => {
          const t = d("2026-06-01") + dayOffset;
          const settings: Settings = defaultSettings();
          const seen = new Set<string>();
          settings.staff = roster
            .filter((r) => !seen.has(r.name) && seen.add(r.name))
            .map((r) => ({ name: r.name, role: "staff", dailyCapacity: r.cap }));
          settings.staff.push({ name: "经理", role: "manager", dailyCapacity: managerCap });
          const items = accts.map((x, i) =>
            classify(
              account({
                loanId: `L${i}`,
                oldestUnpaid: x.dpd < 0 ? null : t - x.dpd,
                dueDay: x.dueDay,
                m1Entries3m: x.m1,
                principal: x.principal,
                disbursedOn: t - x.disbursedAgo,
                collector: x.collector,
              }),
              t,
              settings,
            ),
          );
          const team = resolveTeam(settings, []);
          const out = buildTasks(items, { t, settings, calendar: new WorkCalendar([], []), team });
          for (const owner of new Set(out.map((x) => x.owner))) {
            const mine = out.filter((x) => x.owner === owner && x.type !== "handover");
            const carried = mine.filter((x) => x.overCapacity);
            const kept = mine.filter((x) => !x.overCapacity);
            for (const c of carried) for (const k of kept) expect(outranks(c, k)).toBe(false);
            const cap = mine[0]?.capacity;
            if (cap !== null && cap !== undefined) expect(carried.length).toBe(Math.max(0, mine.length - cap));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
