/** A store's facts for a chain worked out from its history (SPEC §6 read for §8). */
import { type StoreInputs, monthNo, monthOfNo, storeFacts } from "../../../src/domain/chain/facts";
import { type Day, type MonthKey, monthOf, parseIsoDay } from "../../../src/domain/days";
import { type MonthHistory, type Observation, emptyMonth, recordDay } from "../../../src/domain/history";
import { defaultSettings } from "../../../src/domain/settings";
import { entry } from "../../fixtures/contactEntry";

const d = parseIsoDay;
const A = (u: string | null, principal: number): Observation => ({ oldestUnpaid: u === null ? null : d(u), principal, status: "A" });

/** The history of runs on `days`, each account's observation given by `on(id, day)`. */
function history(days: string[], ids: string[], on: (id: string, t: Day) => Observation | null): MonthHistory[] {
  const months = new Map<MonthKey, MonthHistory>();
  for (const s of days) {
    const t = d(s);
    const m = monthOf(t);
    const h = months.get(m) ?? emptyMonth(m);
    months.set(m, h);
    const seen: [string, { obs: Observation; dueDay: number | null }][] = [];
    for (const id of ids) {
      const o = on(id, t);
      if (o) seen.push([id, { obs: o, dueDay: 30 }]);
    }
    recordDay(h, t, seen);
  }
  return [...months.values()];
}

const inputs = (h: MonthHistory[], over: Partial<StoreInputs> = {}): StoreInputs => ({
  history: h,
  settings: { ...defaultSettings(), dueDays: [1, 16] },
  disbursedOn: new Map(),
  installmentOf: () => null,
  contacts: null,
  ...over,
});

test("month numbers", () => {
  expect(monthNo("2026-01")).toBe(2026 * 12);
  expect(monthOfNo(monthNo("2026-12"))).toBe("2026-12");
});

describe("max_dpd: the largest DPD on any day the history covers", () => {
  // Runs on weekdays around the end of October: Thu 29, Fri 30, then Mon 2 November.
  const days = ["2026-10-01", "2026-10-29", "2026-10-30", "2026-11-02", "2026-11-30"];

  test("a day between two runs that saw the account the same is covered: unpaid since 30 October, DPD 1 on the 31st", () => {
    const h = history(days, ["L1"], (_id, t) => (t < d("2026-10-30") ? A(null, 5000) : A("2026-10-30", 5000)));
    const oct = storeFacts(inputs(h)).accountMonths.find((r) => r.month === "2026-10" && r.loan_id === "L1");
    expect(oct?.max_dpd).toBe(1);
  });

  test("not when the account changed between the runs (paid on 1 November): DPD 0 all October", () => {
    const h = history(days, ["L1"], (_id, t) => (t >= d("2026-10-30") && t < d("2026-11-02") ? A("2026-10-30", 5000) : A(null, 5000)));
    const oct = storeFacts(inputs(h)).accountMonths.find((r) => r.month === "2026-10" && r.loan_id === "L1");
    expect(oct?.max_dpd).toBe(0);
  });
});

test("an entry into M1 and what was paid down within 30 days; 60 and 90 are past the history", () => {
  const runs = ["2026-10-01", "2026-10-15", "2026-10-17", "2026-11-10", "2026-11-20"];
  const h = history(runs, ["L1"], (_id, t) =>
    t < d("2026-10-17") ? A(null, 8000) : t < d("2026-11-10") ? A("2026-10-16", 8000) : A("2026-10-16", 6500),
  );
  const f = storeFacts(inputs(h)).accountMonths.find((r) => r.month === "2026-10" && r.loan_id === "L1");
  expect(f).toMatchObject({ entered_m1_on: "2026-10-17", principal_at_m1_entry: 8000, paid_d30: 1500, paid_d60: null, paid_d90: null });
});

test("states at E′ and E and on the due day's eve and morrow, as the report reads them; unknown where the history cannot tell", () => {
  // Runs on 30 September, 29 and 31 October, 2 November. L1 (due day 30) is in M1 from 31 October;
  // L2 (due day 1) pays 100 of principal between 31 October and 2 November.
  const runs = ["2026-09-30", "2026-10-29", "2026-10-31", "2026-11-02"];
  const h = history(runs, ["L1", "L2"], (id, t) =>
    id === "L1" ? A(t >= d("2026-10-31") ? "2026-10-01" : null, 9000) : A(null, t >= d("2026-11-02") ? 3900 : 4000),
  );
  for (const m of h) for (let i = 0; i < m.records.size; i++) if (m.records.loanId(i) === "L2") m.records.setDueDay(i, 1);
  const f = storeFacts(inputs(h));
  const row = (month: string, id: string) => f.accountMonths.find((r) => r.month === month && r.loan_id === id);
  expect(row("2026-10", "L1")).toMatchObject({
    state_prev_end: "C",
    principal_prev_end: 9000,
    state_end: "M1",
    principal_end: 9000,
    state_eve: null,
  });
  // L2's due day 1 in October: eve 30 September (a run), morrow 2 October (between runs that saw it the same).
  expect(row("2026-10", "L2")).toMatchObject({
    due_day: 1,
    state_eve: "C",
    principal_eve: 4000,
    state_morrow: "C",
    principal_morrow: 4000,
  });
  // November: eve 31 October, morrow 2 November; E (30 November) is past the last run: unknown.
  expect(row("2026-11", "L2")).toMatchObject({
    state_eve: "C",
    principal_eve: 4000,
    state_morrow: "C",
    principal_morrow: 3900,
    state_end: "unknown",
    principal_end: null,
  });
  // C-M1's base: October's due day 16 reads 17 September, before the first run (unknown); November's due day 1 reads 2 October.
  expect(f.baseStates.find((b) => b.month === "2026-10" && b.due_day === 16 && b.loan_id === "L2")).toMatchObject({
    state: "unknown",
    principal: null,
  });
  expect(f.baseStates.find((b) => b.month === "2026-11" && b.due_day === 1 && b.loan_id === "L1")).toMatchObject({
    state: "C",
    principal: 9000,
  });
  expect(f.months.map((m) => [m.month, m.prev_end_covered, m.end_covered, m.takes_part])).toEqual([
    ["2026-09", false, true, false],
    ["2026-10", true, true, true],
    ["2026-11", true, false, true],
    ["2026-12", false, false, false],
  ]);
  expect(f.dueDays.find((x) => x.month === "2026-10" && x.due_day === 16)).toMatchObject({
    eve_covered: true,
    morrow_covered: true,
    base_covered: false,
  });
});

test("the contact log goes out without the customer's name, the number or the note; a method off the list is 'other'", () => {
  const h = history(["2026-10-01", "2026-10-31"], ["L1"], () => A(null, 5000));
  const f = storeFacts(
    inputs(h, {
      contacts: [
        entry({
          date: d("2026-10-05"),
          time: "14:20",
          outcome: "ptp",
          ptpDate: d("2026-10-20"),
          ptpAmount: 500,
          ptpMethod: "call 13900000000",
          note: "新号码 13911112222",
        }),
        entry({ date: d("2026-10-06"), outcome: "sms_sent", window: "" }),
      ],
    }),
  );
  expect(f.contacts).toHaveLength(2);
  const [ptp, sms] = f.contacts;
  expect(ptp).toMatchObject({
    hour: 14,
    staff: "甲",
    loan_id: "L1",
    outcome: "ptp",
    is_dial: true,
    reached: true,
    ptp_method: "other",
    ptp_status: "kept",
  });
  expect(sms).toMatchObject({ hour: null, is_dial: false, reached: false, ptp_status: null });
  const text = JSON.stringify(f);
  for (const secret of ["张三", "13800000001", "13900000000", "13911112222", "新号码"]) expect(text).not.toContain(secret);
});
