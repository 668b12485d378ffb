/** What recorded outcomes feed back into the next call sheet (SPEC §4, §5). */
import { type CallTask, type ContactHistory, DIAL_ROTATION, buildTasks, resolveTeam } from "../../src/domain/calls";
import { classify } from "../../src/domain/classify";
import type { ContactEntry } from "../../src/domain/contacts";
import { groupByLoan } from "../../src/domain/attempts";
import type { LedgerTimeline } from "../../src/domain/promises";
import { type Day, parseIsoDay } from "../../src/domain/days";
import type { Observation } from "../../src/domain/history";
import type { Account } from "../../src/domain/ledger";
import { type Settings, defaultSettings } from "../../src/domain/settings";
import { talkingPoints } from "../../src/domain/talkingPoints";
import { WorkCalendar } from "../../src/domain/workdays";
import { entry } from "../fixtures/contactEntry";
import { account as baseAccount } from "../fixtures/account";

const d = (s: string): Day => parseIsoDay(s);
const A = (u: string | null, principal: number): Observation => ({ oldestUnpaid: u === null ? null : d(u), principal, status: "A" });

function account(over: Partial<Account> = {}): Account {
  return baseAccount({ oldestUnpaid: d("2026-11-01"), dueDay: 1, manager: "周经理", ...over });
}

/** A timeline where each account's state never changes (nothing paid). */
const unchanged = (states: Record<string, Observation>): LedgerTimeline => {
  const at = (id: string) => states[id] ?? null;
  return { known: at, atOrAfter: at, before: at };
};

function tasksOn(
  t: string,
  accounts: Account[],
  entries: ContactEntry[],
  timeline?: LedgerTimeline,
  settings: Settings = defaultSettings(),
): CallTask[] {
  const day = d(t);
  const contacts: ContactHistory = { byLoan: groupByLoan(entries), timeline };
  return buildTasks(
    accounts.map((a) => classify(a, day, settings)),
    { t: day, settings, calendar: new WorkCalendar(settings.holidays, settings.makeupWorkdays), team: resolveTeam(settings, []), contacts },
  );
}

const summary = (ts: CallTask[]) => ts.map((x) => `${x.type}:${x.loanId}`);

describe("broken promises", () => {
  // Monday 16 Nov: X (M1 since 1 Nov) promised 1,000 by WeChat for today. Tuesday 17 Nov's sheet:
  const promise = entry({ loanId: "X", outcome: "ptp", ptpDate: d("2026-11-16"), ptpAmount: 1000, ptpMethod: "wechat", time: "10:00" });
  const accounts = [
    account({ loanId: "W", disbursedOn: d("2026-11-16"), oldestUnpaid: null, dueDay: 16, m1Entries3m: null }), // welcome call (manager)
    account({ loanId: "R", oldestUnpaid: null, dueDay: 18, m1Entries3m: 0 }), // class A reminder, k = 1
    account({ loanId: "BIG", oldestUnpaid: d("2026-11-03"), principal: 90000 }), // a larger M1 collection
    account({ loanId: "X", oldestUnpaid: d("2026-11-01") }),
  ];

  it("the next day, an unpaid promise is the first row of the whole sheet, in the day's first window, instead of the collection call", () => {
    const ts = tasksOn("2026-11-17", accounts, [promise], unchanged({ X: A("2026-11-01", 10000) }));
    expect(ts[0]).toMatchObject({
      type: "broken_promise",
      loanId: "X",
      window: { start: 9, end: 12 },
      phone: "mobile",
      ownerRole: "staff",
    });
    expect(ts[0].promise).toEqual({ date: d("2026-11-16"), amount: 1000, status: "broken" });
    expect(summary(ts)).toEqual(expect.arrayContaining(["welcome:W", "reminder:R", "collection:BIG"]));
    expect(summary(ts)).not.toContain("collection:X");
    expect(talkingPoints(ts[0], "en")).toContain("promised to pay 1,000 by 2026-11-16, and by then nothing was paid");
  });

  it("a promise partly kept comes back too; one kept does not", () => {
    const partial = tasksOn("2026-11-17", accounts, [entry({ ...promise, ptpAmount: 2000 })], {
      ...unchanged({}),
      before: () => A("2026-10-01", 10000),
      atOrAfter: () => A("2026-11-01", 9200),
    });
    expect(partial[0]).toMatchObject({ type: "broken_promise", loanId: "X", promise: { status: "partial" } });
    const kept = tasksOn("2026-11-17", accounts, [promise], {
      ...unchanged({}),
      before: () => A("2026-10-01", 10000),
      atOrAfter: () => A("2026-11-01", 9200),
    });
    expect(summary(kept)).not.toContain("broken_promise:X");
    expect(summary(kept)).toContain("collection:X");
  });

  it("not before the promised date has passed, and not once it has been followed up", () => {
    const due = tasksOn("2026-11-16", accounts, [entry({ ...promise, date: d("2026-11-13") })], unchanged({ X: A("2026-11-01", 10000) }));
    expect(summary(due)).not.toContain("broken_promise:X");
    const followed = [promise, entry({ loanId: "X", date: d("2026-11-17"), outcome: "no_answer" })];
    expect(summary(tasksOn("2026-11-18", accounts, followed, unchanged({ X: A("2026-11-01", 10000) })))).not.toContain("broken_promise:X");
  });

  it("a collection call on the day a promise is due comes first within its window and bucket", () => {
    // Both in the morning: A by its DPD (day index 12), B where the customer answered (10:00).
    const a = account({ loanId: "A", oldestUnpaid: d("2026-11-03"), principal: 50000 });
    const b = account({ loanId: "B", oldestUnpaid: d("2026-11-01"), principal: 1000 });
    const ts = tasksOn(
      "2026-11-16",
      [a, b],
      [
        entry({
          loanId: "B",
          date: d("2026-11-14"),
          time: "10:00",
          outcome: "ptp",
          ptpDate: d("2026-11-16"),
          ptpAmount: 500,
          ptpMethod: "cash",
        }),
      ],
    );
    expect(ts.map((x) => [x.loanId, x.window?.start, x.promiseDueToday ?? false])).toEqual([
      ["B", 9, true],
      ["A", 9, false],
    ]);
  });
});

describe("SMS after three unanswered attempts", () => {
  const a = account({});
  const unanswered = (days: string[]) =>
    days.map((s, i) => entry({ date: d(s), outcome: i % 2 ? "switched_off" : "no_answer", time: "10:00" }));

  it("with the call, to the mobile, in the call's window", () => {
    const ts = tasksOn("2026-11-17", [a], unanswered(["2026-11-14", "2026-11-15", "2026-11-16"]));
    expect(summary(ts)).toEqual(["collection:L1", "sms:L1"]);
    expect(ts[1]).toMatchObject({ phone: "mobile", number: "13800000001", window: ts[0].window });
    expect(talkingPoints(ts[1], "zh")).toContain("短信");
  });
  it("not after two; not again until three more after an SMS was sent; not to an invalid mobile", () => {
    expect(summary(tasksOn("2026-11-17", [a], unanswered(["2026-11-15", "2026-11-16"])))).toEqual(["collection:L1"]);
    const sent = [
      ...unanswered(["2026-11-13", "2026-11-14", "2026-11-15"]),
      entry({ date: d("2026-11-15"), outcome: "sms_sent", sourceRow: 9 }),
      ...unanswered(["2026-11-16"]),
    ];
    expect(summary(tasksOn("2026-11-17", [a], sent))).toEqual(["collection:L1"]);
    const withHome = account({ homePhone: "01077777777" });
    const invalid = [...unanswered(["2026-11-14", "2026-11-15"]), entry({ date: d("2026-11-16"), outcome: "invalid_number" })];
    expect(summary(tasksOn("2026-11-17", [withHome], invalid))).toEqual(["collection:L1"]);
  });
});

describe("lost contact", () => {
  const a = account({ workPhone: "01066666666" });
  const dead = [
    entry({ date: d("2026-11-10"), outcome: "invalid_number" }),
    ...["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"].map((s) =>
      entry({ date: d(s), numberKind: "work", number: "01066666666", outcome: "no_answer" }),
    ),
  ];
  it("when every number failed (5 unanswered in a row) or is invalid: escalated at once to the account manager from the ledger", () => {
    const ts = tasksOn("2026-11-14", [a], dead);
    const lost = ts.find((x) => x.type === "lost_contact");
    expect(lost).toMatchObject({ loanId: "L1", owner: "周经理", ownerRole: "account_manager", phone: null, window: null });
    // The work phone is still dialled (failed, not invalid); the invalid mobile is not.
    expect(ts.filter((x) => x.type === "collection").map((x) => x.phone)).toEqual(["work"]);
  });
  it("a default account manager when the ledger names none; not lost while a number is untried", () => {
    expect(tasksOn("2026-11-14", [{ ...a, manager: "" }], dead).find((x) => x.type === "lost_contact")?.owner).toBe(
      "客户经理 Account manager",
    );
    expect(summary(tasksOn("2026-11-14", [{ ...a, homePhone: "01077777777" }], dead))).not.toContain("lost_contact:L1");
  });
  it("a new mobile from the log takes the invalid one's place, and the account is no longer lost", () => {
    const found = [
      ...dead,
      entry({
        date: d("2026-11-13"),
        numberKind: "work",
        number: "01066666666",
        outcome: "new_contact",
        note: "同事给了新手机 139 1234 5678",
        sourceRow: 7,
      }),
    ];
    const ts = tasksOn("2026-11-14", [a], found);
    expect(summary(ts)).not.toContain("lost_contact:L1");
    expect(ts.find((x) => x.type === "collection")).toMatchObject({ phone: "mobile", number: "13912345678" });
  });
});

describe("the dial follows the real attempts", () => {
  const a = account({ workPhone: "01066666666", homePhone: "01077777777" });
  it("after two failed mobile attempts, the work phone (with the third-party script)", () => {
    // By its DPD alone (day index 14) this would be a mobile dial.
    expect(DIAL_ROTATION[14]).toBe("mobile");
    expect(tasksOn("2026-11-16", [a], [])[0].phone).toBe("mobile");
    const ts = tasksOn(
      "2026-11-16",
      [a],
      [entry({ date: d("2026-11-14"), outcome: "no_answer" }), entry({ date: d("2026-11-15"), outcome: "switched_off" })],
    );
    expect(ts[0]).toMatchObject({ type: "collection", phone: "work", number: "01066666666", thirdParty: true });
  });

  it("skips a number that reached the daily cap of unanswered dials", () => {
    const b = account({ homePhone: "01077777777" });
    const today = [
      entry({ date: d("2026-11-16"), outcome: "no_answer", time: "09:10", sourceRow: 2 }),
      entry({ date: d("2026-11-16"), numberKind: "home", number: "01077777777", outcome: "hardship", time: "09:20", sourceRow: 3 }),
      entry({ date: d("2026-11-16"), outcome: "no_answer", time: "09:30", sourceRow: 4 }),
    ];
    const capped = defaultSettings();
    capped.maxUnansweredDialsPerNumberPerDay = 2;
    expect(tasksOn("2026-11-16", [b], today)[0].phone).toBe("mobile");
    expect(tasksOn("2026-11-16", [b], today, undefined, capped)[0].phone).toBe("home");
    // With only the mobile, capped: no collection dial today, and not lost contact.
    expect(
      summary(
        tasksOn(
          "2026-11-16",
          [account({})],
          today.filter((x) => x.numberKind === "mobile"),
          undefined,
          capped,
        ),
      ),
    ).toEqual([]);
  });

  it("tries the period least tried while the customer is not answering, and the one they answered in", () => {
    const tried = [
      entry({ date: d("2026-11-13"), time: "10:00" }),
      entry({ date: d("2026-11-14"), time: "15:00", numberKind: "work", number: "01066666666" }),
    ];
    expect(tasksOn("2026-11-16", [a], tried)[0].window).toEqual({ start: 19, end: 21 });
    const answered = [entry({ date: d("2026-11-13"), time: "19:30", outcome: "hardship" })];
    expect(tasksOn("2026-11-16", [a], answered)[0].window).toEqual({ start: 19, end: 21 });
  });
});

describe("talking points take the customer's name as text", () => {
  it("a name holding `$&` or a placeholder such as `{amount}` is shown as typed, not expanded", () => {
    const name = "王$&{amount}$'";
    const [task] = tasksOn("2026-11-17", [account({ loanId: "N", customer: name })], []);
    const text = talkingPoints(task, "zh");
    expect(text).toContain(name);
    expect(text).not.toContain("{name}");
  });
});

describe("numbers from the contact log on calls to current accounts", () => {
  it("a reminder goes to the new mobile the log gave, not to the number marked invalid", () => {
    // R is in C, class A, next due 18 Nov: a reminder on the 17th. Its mobile was found invalid on the 12th; a new one was given on the 13th.
    const r = account({ loanId: "R", oldestUnpaid: null, dueDay: 18, m1Entries3m: 0 });
    const log = [
      entry({ loanId: "R", date: d("2026-11-12"), outcome: "invalid_number" }),
      entry({
        loanId: "R",
        date: d("2026-11-13"),
        numberKind: "home",
        number: "01066666666",
        outcome: "new_contact",
        note: "家人给了新手机 139 1234 5678",
        sourceRow: 3,
      }),
    ];
    const [task] = tasksOn("2026-11-17", [r], log);
    expect(task).toMatchObject({ type: "reminder", phone: "mobile", number: "13912345678" });
    // Without the log the ledger's mobile is called.
    expect(tasksOn("2026-11-17", [r], [])[0]).toMatchObject({ type: "reminder", number: "13800000001" });
  });
});
