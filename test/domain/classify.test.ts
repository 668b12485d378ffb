/**
 * DPD, buckets, activity, due dates and reminder classes (SPEC §2–3). Dates are
 * written out by hand; D() turns them into Day numbers with Date.UTC, independently
 * of src/domain/days.
 */
import {
  type M1MonthLookup,
  bucketOf,
  classFromM1Months,
  classify,
  closedState,
  daysPastDue,
  firstDueDate,
  isActive,
  lastThreeMonths,
  nextDueDate,
  reminderClass,
} from "../../src/domain/classify";
import type { Account } from "../../src/domain/ledger";
import { type Settings, defaultSettings } from "../../src/domain/settings";
import { account as baseAccount } from "../fixtures/account";

const D = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

function account(over: Partial<Account> = {}): Account {
  return baseAccount({ mobile: "13800138000", disbursedOn: D("2024-01-10"), m1Entries3m: null, ...over });
}

const S = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...over });

describe("daysPastDue: t − u − g for u < t, never below 0", () => {
  it.each([
    ["no unpaid installment", null, "2026-11-14", 0, 0],
    ["oldest unpaid == t (end of day t)", "2026-11-14", "2026-11-14", 0, 0],
    ["the day after", "2026-11-14", "2026-11-15", 0, 1],
    ["oldest unpaid after t", "2026-11-20", "2026-11-14", 0, 0],
    ["across a 28-day February: 2026-01-31 → 2026-03-01", "2026-01-31", "2026-03-01", 0, 29],
    ["across a leap day: 2024-02-28 → 2024-03-01", "2024-02-28", "2024-03-01", 0, 2],
    ["2026-02-28 → 2026-03-01", "2026-02-28", "2026-03-01", 0, 1],
    ["2028-02-29 → 2028-03-01", "2028-02-29", "2028-03-01", 0, 1],
    ["year end: 2026-12-31 → 2027-01-01", "2026-12-31", "2027-01-01", 0, 1],
    ["2026-12-01 → 2027-01-01", "2026-12-01", "2027-01-01", 0, 31],
    ["2025-11-14 → 2026-11-14", "2025-11-14", "2026-11-14", 0, 365],
    ["grace 3, two days late", "2026-11-12", "2026-11-14", 3, 0],
    ["grace 3, three days late", "2026-11-11", "2026-11-14", 3, 0],
    ["grace 3, four days late", "2026-11-10", "2026-11-14", 3, 1],
    ["grace 3, five days late", "2026-11-09", "2026-11-14", 3, 2],
    ["grace 3, due today", "2026-11-14", "2026-11-14", 3, 0],
    ["grace 5, 2026-10-16 → 2026-11-14 (29 − 5)", "2026-10-16", "2026-11-14", 5, 24],
  ])("%s", (_label, u, t, g, want) => {
    expect(daysPastDue(u === null ? null : D(u), D(t), g)).toBe(want);
  });
});

describe("buckets: C 0 · M1 1–30 · M2 31–60 · M3 61–90 · M3+ 91+", () => {
  it.each([
    [0, "C"],
    [1, "M1"],
    [30, "M1"],
    [31, "M2"],
    [60, "M2"],
    [61, "M3"],
    [90, "M3"],
    [91, "M3+"],
    [365, "M3+"],
  ])("default boundaries: DPD %i → %s", (dpd, want) => {
    expect(bucketOf(dpd, defaultSettings().bucketStarts)).toBe(want);
  });

  it.each([
    [0, "C"],
    [3, "C"],
    [4, "M1"],
    [15, "M1"],
    [16, "M2"],
    [45, "M2"],
    [46, "M3"],
    [75, "M3"],
    [76, "M3+"],
  ])("custom boundaries [4, 16, 46, 76]: DPD %i → %s", (dpd, want) => {
    expect(bucketOf(dpd, [4, 16, 46, 76])).toBe(want);
  });

  // t = 2026-11-14; oldest unpaid dates counted back by hand over Oct (31), Sep (30), Aug (31).
  it.each([
    ["2026-11-14", 0, "C"],
    ["2026-11-13", 1, "M1"],
    ["2026-10-15", 30, "M1"],
    ["2026-10-14", 31, "M2"],
    ["2026-09-15", 60, "M2"],
    ["2026-09-14", 61, "M3"],
    ["2026-08-16", 90, "M3"],
    ["2026-08-15", 91, "M3+"],
  ])("classify on 2026-11-14 with oldest unpaid %s: DPD %i, %s", (u, dpd, bucket) => {
    const c = classify(account({ oldestUnpaid: D(u) }), D("2026-11-14"), S());
    expect([c.dpd, c.bucket]).toEqual([dpd, bucket]);
  });

  it("custom boundaries from Settings reach classify", () => {
    const s = S({ bucketStarts: [4, 16, 46, 76] });
    expect(classify(account({ oldestUnpaid: D("2026-11-11") }), D("2026-11-14"), s).bucket).toBe("C"); // DPD 3
    expect(classify(account({ oldestUnpaid: D("2026-11-10") }), D("2026-11-14"), s).bucket).toBe("M1"); // DPD 4
    expect(classify(account({ oldestUnpaid: D("2026-10-29") }), D("2026-11-14"), s).bucket).toBe("M2"); // DPD 16
  });

  it("grace days from Settings: t − u − g", () => {
    const s = S({ graceDays: 3 });
    const c1 = classify(account({ oldestUnpaid: D("2026-11-11") }), D("2026-11-14"), s);
    expect([c1.dpd, c1.bucket]).toEqual([0, "C"]);
    const c2 = classify(account({ oldestUnpaid: D("2026-11-10") }), D("2026-11-14"), s);
    expect([c2.dpd, c2.bucket]).toEqual([1, "M1"]);
    const c3 = classify(account({ oldestUnpaid: D("2026-10-11") }), D("2026-11-14"), s); // 34 − 3
    expect([c3.dpd, c3.bucket]).toEqual([31, "M2"]);
  });

  it("end of day t: unpaid on its due day is DPD 0 (C) that day and DPD 1 (M1) the next", () => {
    const a = account({ oldestUnpaid: D("2026-11-16") });
    expect(classify(a, D("2026-11-16"), S())).toMatchObject({ dpd: 0, bucket: "C" });
    expect(classify(a, D("2026-11-17"), S())).toMatchObject({ dpd: 1, bucket: "M1" });
  });

  it("a DPD stated by the ledger is used as it is", () => {
    expect(classify(account({ statedDpd: 31 }), D("2026-11-14"), S({ graceDays: 3 }))).toMatchObject({ dpd: 31, bucket: "M2" });
    expect(classify(account({ statedDpd: 0 }), D("2026-11-14"), S())).toMatchObject({ dpd: 0, bucket: "C" });
  });
});

describe("active accounts", () => {
  it.each<[string, Partial<Account>, boolean, "settled" | "written_off" | null]>([
    ["active with principal", { status: "active", principal: 10000 }, true, null],
    ["正常 but principal 0 ⇒ settled", { status: "active", principal: 0 }, false, "settled"],
    ["settled", { status: "settled", principal: 0 }, false, "settled"],
    ["settled with principal left", { status: "settled", principal: 500 }, false, "settled"],
    ["written off with principal", { status: "written_off", principal: 3000 }, false, "written_off"],
    ["written off with principal 0 ⇒ settled", { status: "written_off", principal: 0 }, false, "settled"],
  ])("%s", (_label, over, active, closed) => {
    const a = account(over);
    expect(isActive(a)).toBe(active);
    if (closed) expect(closedState(a)).toBe(closed);
    expect(classify(a, D("2026-11-14"), S()).active).toBe(active);
  });
});

describe("first due date: given, or the first date with the due day ≥ disbursement + 15 days", () => {
  it.each([
    ["2026-10-17", 1, "2026-11-01"], // + 15 = 2026-11-01 exactly
    ["2026-10-18", 1, "2026-12-01"], // + 15 = 2026-11-02
    ["2026-11-01", 16, "2026-11-16"], // + 15 = 2026-11-16 exactly
    ["2026-11-02", 16, "2026-12-16"],
    ["2026-11-10", 16, "2026-12-16"], // + 15 = 2026-11-25
    ["2026-12-10", 1, "2027-01-01"], // + 15 = 2026-12-25
    ["2026-12-20", 1, "2027-02-01"], // + 15 = 2027-01-04
    ["2026-02-05", 28, "2026-02-28"], // + 15 = 2026-02-20
    ["2028-02-14", 1, "2028-03-01"], // + 15 = 2028-02-29
    ["2028-02-15", 1, "2028-03-01"], // + 15 = 2028-03-01 exactly (February 2028 has 29 days)
    ["2026-02-14", 1, "2026-03-01"], // + 15 = 2026-03-01 exactly (February 2026 has 28 days)
    ["2026-02-15", 1, "2026-04-01"], // + 15 = 2026-03-02
  ])("disbursed %s, due day %i → %s", (disbursed, dueDay, want) => {
    expect(firstDueDate(account({ disbursedOn: D(disbursed), dueDay }), S())).toBe(D(want));
  });

  it("the 15 days are a setting", () => {
    const a = account({ disbursedOn: D("2026-10-17"), dueDay: 1 });
    expect(firstDueDate(a, S({ firstDueMinDays: 20 }))).toBe(D("2026-12-01")); // + 20 = 2026-11-06
    expect(firstDueDate(a, S({ firstDueMinDays: 10 }))).toBe(D("2026-11-01")); // + 10 = 2026-10-27
    expect(firstDueDate(a, S({ firstDueMinDays: 0 }))).toBe(D("2026-11-01"));
  });

  it("a given first due date wins", () => {
    expect(firstDueDate(account({ disbursedOn: D("2026-10-17"), dueDay: 1, firstDueDate: D("2026-12-01") }), S())).toBe(D("2026-12-01"));
  });

  it("with only a next due date, its day of month is the due day", () => {
    const a = account({ disbursedOn: D("2026-10-17"), dueDay: null, nextDueDate: D("2026-12-16") });
    expect(firstDueDate(a, S())).toBe(D("2026-11-16")); // + 15 = 2026-11-01
  });

  it("unknown without a disbursement date or a due day", () => {
    expect(firstDueDate(account({ disbursedOn: null }), S())).toBeNull();
    expect(firstDueDate(account({ dueDay: null, nextDueDate: null }), S())).toBeNull();
  });
});

describe("next due date: given, or the first date ≥ t with the due day, never before the first due date", () => {
  it.each([
    ["2026-11-14", 16, "2026-11-16"],
    ["2026-11-14", 14, "2026-11-14"], // t itself (k = 0)
    ["2026-11-14", 1, "2026-12-01"],
    ["2026-11-16", 16, "2026-11-16"],
    ["2026-11-17", 16, "2026-12-16"],
    ["2026-12-20", 1, "2027-01-01"],
    ["2026-12-31", 16, "2027-01-16"],
    ["2026-02-10", 28, "2026-02-28"],
    ["2028-02-29", 1, "2028-03-01"],
  ])("on %s with due day %i → %s", (t, dueDay, want) => {
    expect(nextDueDate(account({ dueDay }), D(t), S())).toBe(D(want));
  });

  it("never before the derived first due date", () => {
    // disbursed 2026-11-10, due day 16: first due date 2026-12-16, so not 2026-11-16
    const a = account({ disbursedOn: D("2026-11-10"), dueDay: 16 });
    expect(nextDueDate(a, D("2026-11-14"), S())).toBe(D("2026-12-16"));
    expect(nextDueDate(a, D("2026-12-16"), S())).toBe(D("2026-12-16"));
    expect(nextDueDate(a, D("2026-12-17"), S())).toBe(D("2027-01-16"));
  });

  it("never before a given first due date", () => {
    const a = account({ dueDay: 1, firstDueDate: D("2027-01-01") });
    expect(nextDueDate(a, D("2026-11-14"), S())).toBe(D("2027-01-01"));
  });

  it("a given next due date is used as it is", () => {
    expect(nextDueDate(account({ dueDay: 1, nextDueDate: D("2027-02-01") }), D("2026-11-14"), S())).toBe(D("2027-02-01"));
  });

  it("unknown without a due day or a next due date", () => {
    expect(nextDueDate(account({ dueDay: null }), D("2026-11-14"), S())).toBeNull();
  });

  it("classify reports the next and first due dates", () => {
    const c = classify(account({ disbursedOn: D("2026-10-17"), dueDay: 1 }), D("2026-11-14"), S());
    expect(c.firstDue).toBe(D("2026-11-01"));
    expect(c.nextDue).toBe(D("2026-12-01"));
  });
});

describe("reminder class", () => {
  it("classFromM1Months: 0 → A, 1 → B, 2 → C, 3 → C", () => {
    expect([0, 1, 2, 3].map(classFromM1Months)).toEqual(["A", "B", "C", "C"]);
  });

  it("the last 3 months are the three calendar months before t's month", () => {
    expect(lastThreeMonths(D("2026-11-14"))).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(lastThreeMonths(D("2026-11-01"))).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(lastThreeMonths(D("2026-11-30"))).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(lastThreeMonths(D("2027-01-10"))).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(lastThreeMonths(D("2026-02-28"))).toEqual(["2025-11", "2025-12", "2026-01"]);
    expect(lastThreeMonths(D("2026-03-01"))).toEqual(["2025-12", "2026-01", "2026-02"]);
  });

  describe("NEW while t is before the first due date", () => {
    // disbursed 2026-10-17, due day 1: first due date 2026-11-01
    const a = account({ disbursedOn: D("2026-10-17"), dueDay: 1 });
    it.each([
      ["2026-10-17", "NEW"],
      ["2026-10-31", "NEW"],
      ["2026-11-01", "A"],
      ["2026-11-02", "A"],
    ])("on %s → %s", (t, want) => {
      expect(reminderClass(a, D(t), S()).reminderClass).toBe(want);
    });
    it("with a given first due date", () => {
      const b = account({ firstDueDate: D("2026-11-16"), disbursedOn: D("2026-11-01") });
      expect(reminderClass(b, D("2026-11-15"), S())).toMatchObject({ reminderClass: "NEW", source: "new", provisional: false });
      expect(reminderClass(b, D("2026-11-16"), S()).reminderClass).not.toBe("NEW");
    });
    it("NEW comes before the ledger's 近三月入M1次数; on the first due date the column decides", () => {
      const b = account({ disbursedOn: D("2026-10-17"), dueDay: 1, m1Entries3m: 1 });
      expect(reminderClass(b, D("2026-10-31"), S()).reminderClass).toBe("NEW");
      expect(reminderClass(b, D("2026-11-01"), S()).reminderClass).toBe("B");
    });
    it("without a first due date (nor disbursement date) there is no NEW", () => {
      expect(reminderClass(account({ disbursedOn: null }), D("2026-11-14"), S()).reminderClass).toBe("A");
    });
  });

  describe("from the ledger's 近三月入M1次数", () => {
    it.each([
      [0, "A"],
      [1, "B"],
      [2, "C"],
      [3, "C"],
    ])("%i → %s, final, from the ledger", (n, want) => {
      expect(reminderClass(account({ m1Entries3m: n }), D("2026-11-14"), S())).toEqual({
        reminderClass: want,
        knownMonths: 3,
        provisional: false,
        source: "ledger",
      });
    });
    it("wins over the history", () => {
      const allM1: M1MonthLookup = () => true;
      expect(reminderClass(account({ m1Entries3m: 0 }), D("2026-11-14"), S(), allM1).reminderClass).toBe("A");
      const never: M1MonthLookup = () => false;
      expect(reminderClass(account({ m1Entries3m: 2 }), D("2026-11-14"), S(), never).reminderClass).toBe("C");
    });
  });

  describe("from the history (t = 2026-11-14: August, September, October)", () => {
    const t = D("2026-11-14");
    const lookup =
      (months: Record<string, boolean>): M1MonthLookup =>
      (_id, month) =>
        months[month];

    it.each<[Record<string, boolean>, string]>([
      [{ "2026-08": false, "2026-09": false, "2026-10": false }, "A"],
      [{ "2026-08": true, "2026-09": false, "2026-10": false }, "B"],
      [{ "2026-08": false, "2026-09": false, "2026-10": true }, "B"],
      [{ "2026-08": true, "2026-09": false, "2026-10": true }, "C"],
      [{ "2026-08": true, "2026-09": true, "2026-10": true }, "C"],
    ])("%p → %s, final", (months, want) => {
      expect(reminderClass(account(), t, S(), lookup(months))).toEqual({
        reminderClass: want,
        knownMonths: 3,
        provisional: false,
        source: "history",
      });
    });

    it("the current month and months before the last 3 never count", () => {
      const h = lookup({ "2026-06": true, "2026-07": true, "2026-08": false, "2026-09": false, "2026-10": false, "2026-11": true });
      expect(reminderClass(account(), t, S(), h)).toMatchObject({ reminderClass: "A", provisional: false });
    });

    it("asks about the account's own id, and only about August, September and October", () => {
      const asked: string[] = [];
      reminderClass(account({ loanId: "HT042" }), t, S(), (id, month) => {
        asked.push(`${id} ${month}`);
        return false;
      });
      expect([...asked].sort()).toEqual(["HT042 2026-08", "HT042 2026-09", "HT042 2026-10"]);
    });

    it("unknown months make it provisional, computed from what is known", () => {
      expect(reminderClass(account(), t, S(), lookup({ "2026-09": true, "2026-10": false }))).toEqual({
        reminderClass: "B",
        knownMonths: 2,
        provisional: true,
        source: "history",
      });
      expect(reminderClass(account(), t, S(), lookup({ "2026-09": true, "2026-10": true }))).toMatchObject({
        reminderClass: "C",
        knownMonths: 2,
        provisional: true,
      });
      expect(reminderClass(account(), t, S(), lookup({ "2026-10": false }))).toMatchObject({
        reminderClass: "A",
        knownMonths: 1,
        provisional: true,
      });
    });

    it("no history at all: A, nothing known, provisional", () => {
      expect(reminderClass(account(), t, S())).toEqual({ reminderClass: "A", knownMonths: 0, provisional: true, source: "history" });
      expect(reminderClass(account(), t, S(), () => undefined)).toMatchObject({ reminderClass: "A", knownMonths: 0, provisional: true });
    });

    it("months before disbursement count as not in M1 (and as known), whatever the history says", () => {
      // disbursed 2026-09-05 (due day 1, first due date 2026-10-01): August is before it
      const a = account({ disbursedOn: D("2026-09-05"), dueDay: 1 });
      expect(reminderClass(a, t, S(), lookup({ "2026-08": true, "2026-09": false, "2026-10": true }))).toEqual({
        reminderClass: "B",
        knownMonths: 3,
        provisional: false,
        source: "history",
      });
      expect(reminderClass(a, t, S())).toMatchObject({ reminderClass: "A", knownMonths: 1, provisional: true });
    });

    it("disbursed in October: August and September are known; October comes from the history", () => {
      // disbursed 2026-10-10, due day 1: first due date 2026-11-01 ≤ t
      const a = account({ disbursedOn: D("2026-10-10"), dueDay: 1 });
      expect(reminderClass(a, t, S(), lookup({ "2026-10": false }))).toMatchObject({
        reminderClass: "A",
        knownMonths: 3,
        provisional: false,
      });
    });

    it("across a year end (t = 2027-01-10: October, November, December 2026)", () => {
      const h = lookup({ "2026-09": true, "2026-10": true, "2026-11": false, "2026-12": true, "2027-01": true });
      expect(reminderClass(account(), D("2027-01-10"), S(), h)).toMatchObject({ reminderClass: "C", knownMonths: 3, provisional: false });
    });
  });

  describe("only active accounts in C have a class", () => {
    const t = D("2026-11-14");
    it.each<[string, Partial<Account>]>([
      ["M1", { oldestUnpaid: D("2026-11-13") }],
      ["M2", { oldestUnpaid: D("2026-10-14") }],
      ["M3+", { oldestUnpaid: D("2026-08-15") }],
      ["settled", { status: "settled", principal: 0 }],
      ["written off in C", { status: "written_off", principal: 3000 }],
      ["principal 0 with 正常", { status: "active", principal: 0 }],
    ])("%s → no class", (_label, over) => {
      expect(classify(account({ m1Entries3m: 0, ...over }), t, S()).reminder).toBeNull();
    });
    it("active in C (oldest unpaid today, DPD 0) → a class", () => {
      expect(classify(account({ m1Entries3m: 1, oldestUnpaid: t }), t, S()).reminder).toMatchObject({
        reminderClass: "B",
        source: "ledger",
      });
    });
    it("active in C but still NEW", () => {
      expect(classify(account({ disbursedOn: D("2026-11-10"), dueDay: 16 }), t, S()).reminder?.reminderClass).toBe("NEW");
    });
  });
});
