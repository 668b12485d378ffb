/**
 * Three hand-made stores, their facts written as Parquet and the chain worked
 * out by hand: every store's figure and the chain's as sums of numerators over
 * sums of denominators (SPEC §8).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccountMonthFact, BaseStateFact, ContactFact, FactState, StoreFacts } from "../../../src/domain/chain/facts";
import { monthNo } from "../../../src/domain/chain/facts";
import { chainOf } from "../../../src/node/chain/chainCommand";
import { writeStorePartition } from "../../../src/node/chain/parquet";

const OCT = "2026-10";
const SEP = "2026-09";
type S = [FactState, number | null];

/** An account in October: state at E′ and E, its due day and (on that due day) eve and morrow. */
function acct(loan: string, prev: S, end: S, extra: Partial<AccountMonthFact> = {}): AccountMonthFact {
  return {
    month: OCT,
    month_no: monthNo(OCT),
    loan_id: loan,
    due_day: null,
    state_prev_end: prev[0],
    principal_prev_end: prev[1],
    state_end: end[0],
    principal_end: end[1],
    state_eve: null,
    principal_eve: null,
    state_morrow: null,
    principal_morrow: null,
    max_dpd: null,
    entered_m1_on: null,
    principal_at_m1_entry: null,
    paid_d30: null,
    paid_d60: null,
    paid_d90: null,
    ...extra,
  };
}

/** An entry into M1 in September. */
function entered(loan: string, principal: number, paid: [number | null, number | null, number | null]): AccountMonthFact {
  return {
    ...acct(loan, ["none", null], ["none", null]),
    month: SEP,
    month_no: monthNo(SEP),
    entered_m1_on: "2026-09-02",
    principal_at_m1_entry: principal,
    paid_d30: paid[0],
    paid_d60: paid[1],
    paid_d90: paid[2],
  };
}

const base = (due: number, loan: string, state: FactState, principal: number): BaseStateFact => ({
  month: OCT,
  month_no: monthNo(OCT),
  due_day: due,
  loan_id: loan,
  state,
  principal,
});

function contact(loan: string, hour: number, kind: string, outcome: string, ptp: string | null, staff = "甲"): ContactFact {
  return {
    month: OCT,
    month_no: monthNo(OCT),
    date: "2026-10-10",
    hour,
    staff,
    loan_id: loan,
    task: "collection",
    number_kind: kind,
    outcome,
    is_dial: outcome !== "sms_sent",
    reached: ["ptp", "says_paid", "hardship"].includes(outcome),
    ptp_date: ptp === null ? null : "2026-10-15",
    ptp_amount: ptp === null ? null : 1000,
    ptp_method: ptp === null ? null : "wechat",
    ptp_status: ptp,
  };
}

function store(dueDays: number[], accounts: AccountMonthFact[], bases: BaseStateFact[], over: Partial<StoreFacts> = {}): StoreFacts {
  return {
    store: {
      due_days: dueDays.join(","),
      m1_start: 1,
      m2_start: 31,
      grace_days: 0,
      first_run: "2026-08-01",
      last_run: "2026-11-05",
      first_full_month_no: monthNo("2026-08"),
      latest_complete_month: OCT,
      has_contact_log: true,
      has_disbursed_on: true,
      baselines: JSON.stringify({ m1_ratio_amount: 0.3 }),
    },
    months: [{ month: OCT, month_no: monthNo(OCT), prev_end_covered: true, end_covered: true, takes_part: true }],
    dueDays: dueDays.map((d) => ({
      month: OCT,
      month_no: monthNo(OCT),
      due_day: d,
      eve_covered: true,
      morrow_covered: true,
      base_covered: true,
    })),
    accountMonths: accounts,
    baseStates: bases,
    loans: [],
    contacts: [],
    ...over,
  };
}

// Store X (due days 1 and 16): x1 C→C, x2 C→M1 on its due day 1, x3 M1→settled, x4 M2→M3.
const X = store(
  [1, 16],
  [
    acct("x1", ["C", 10000], ["C", 9000], {
      due_day: 16,
      state_eve: "C",
      principal_eve: 9000,
      state_morrow: "C",
      principal_morrow: 9000,
      max_dpd: 0,
    }),
    acct("x2", ["C", 8000], ["M1", 8000], {
      due_day: 1,
      state_eve: "C",
      principal_eve: 8000,
      state_morrow: "M1",
      principal_morrow: 8000,
      max_dpd: 5,
    }),
    acct("x3", ["M1", 5000], ["settled", 0]),
    acct("x4", ["M2", 4000], ["M3", 4000]),
    entered("x2", 8000, [1000, 2000, null]),
  ],
  [1, 16].flatMap((d) => [base(d, "x1", "C", 10000), base(d, "x2", "C", 8000), base(d, "x3", "M1", 5000), base(d, "x4", "M2", 4000)]),
  {
    loans: [
      { loan_id: "x1", disbursed_month: OCT, disbursed_month_no: monthNo(OCT) },
      { loan_id: "x2", disbursed_month: OCT, disbursed_month_no: monthNo(OCT) },
    ],
    contacts: [contact("x2", 9, "mobile", "ptp", "kept"), contact("x2", 10, "mobile", "no_answer", null)],
  },
);
// Store Y (due days 1 and 16): y1 C→M1 on its due day 16, y2 M1→M2, y3 C→written off.
const Y = store(
  [1, 16],
  [
    acct("y1", ["C", 20000], ["M1", 20000], {
      due_day: 16,
      state_eve: "C",
      principal_eve: 20000,
      state_morrow: "M1",
      principal_morrow: 20000,
      max_dpd: 1,
    }),
    acct("y2", ["M1", 6000], ["M2", 6000]),
    acct("y3", ["C", 4000], ["written_off", 4000]),
    entered("y2", 6000, [0, 3000, 6000]),
  ],
  [1, 16].flatMap((d) => [base(d, "y1", "C", 20000), base(d, "y2", "M1", 6000), base(d, "y3", "C", 4000)]),
  {
    loans: [{ loan_id: "y1", disbursed_month: OCT, disbursed_month_no: monthNo(OCT) }],
    contacts: [contact("y2", 9, "work", "ptp", "broken"), contact("y2", 9, "mobile", "sms_sent", null)],
  },
);
// Store Z (due day 5 only): z1 C→M1 on its due day 5, z2 C→C; no disbursement dates, a contact log with nothing in it.
const Z = store(
  [5],
  [
    acct("z1", ["C", 10000], ["M1", 10000], {
      due_day: 5,
      state_eve: "C",
      principal_eve: 10000,
      state_morrow: "M1",
      principal_morrow: 10000,
    }),
    acct("z2", ["C", 10000], ["C", 10000]),
  ],
  [base(5, "z1", "C", 10000), base(5, "z2", "C", 10000)],
);
Z.store.has_disbursed_on = false;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daihou-hand-chain-"));
  await writeStorePartition(dir, "X", X);
  await writeStorePartition(dir, "Y", Y);
  await writeStorePartition(dir, "Z", Z);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(actual as number).toBeCloseTo(expected, 12);
};

describe("a chain of three hand-made stores, October 2026", () => {
  test("each store's overdue ratios, and the chain's as Σ numerators ÷ Σ denominators", async () => {
    const { result } = (await chainOf(dir, OCT)) ?? fail("no chain");
    const { X: x, Y: y, Z: z } = result.stores;
    close(x.m1_ratio_amount, 8000 / 27000);
    close(x.m1_ratio_count, 1 / 4);
    close(x.m3plus_ratio_amount, 4000 / 27000);
    close(y.m1_ratio_amount, 20000 / 30000);
    close(y.m2_ratio_amount, 6000 / 30000);
    close(z.m1_ratio_amount, 10000 / 20000);
    close(z.m1_ratio_count, 1 / 2);
    const c = result.chain;
    close(c.m1_ratio_amount, (8000 + 20000 + 10000) / (27000 + 30000 + 20000));
    close(c.m1_ratio_count, 3 / 9);
    close(c.m2_ratio_amount, 6000 / 77000);
    close(c.m2_ratio_count, 1 / 9);
    close(c.m3plus_ratio_amount, 4000 / 77000);
    close(c.m3plus_ratio_count, 1 / 9);
    // Not the mean of the stores' ratios.
    expect(c.m1_ratio_amount).not.toBeCloseTo(((x.m1_ratio_amount ?? 0) + (y.m1_ratio_amount ?? 0) + (z.m1_ratio_amount ?? 0)) / 3, 6);
  });

  test("C-M1%: per due day pooled over the stores with that due day, then the mean over the chain's due days", async () => {
    const { result } = (await chainOf(dir, OCT)) ?? fail("no chain");
    expect(result.stores.X.c_m1_by_due_day).toEqual({ "1": 8000 / 27000, "16": 0 });
    close(result.stores.X.c_m1_rate_amount, 4000 / 27000);
    expect(Object.keys(result.stores.Z.c_m1_by_due_day)).toEqual(["5"]);
    close(result.stores.Z.c_m1_rate_amount, 0.5);
    const by = result.chain.c_m1_by_due_day;
    expect(Object.keys(by).sort()).toEqual(["1", "16", "5"]);
    close(by["1"], 8000 / 57000);
    close(by["16"], 20000 / 57000);
    close(by["5"], 0.5);
    close(result.chain.c_m1_rate_amount, (8000 / 57000 + 20000 / 57000 + 0.5) / 3);
  });

  test("roll matrix and M1 outcome: the stores' cells summed", async () => {
    const { result } = (await chainOf(dir, OCT)) ?? fail("no chain");
    const roll = result.chain.roll ?? fail("no roll");
    expect(roll.C.C).toEqual({ count: 2, principal: 20000 });
    expect(roll.C.M1).toEqual({ count: 3, principal: 38000 });
    expect(roll.C.written_off).toEqual({ count: 1, principal: 4000 });
    expect(roll.M1.settled).toEqual({ count: 1, principal: 5000 });
    expect(roll.M1.M2).toEqual({ count: 1, principal: 6000 });
    expect(roll.M2.M3).toEqual({ count: 1, principal: 4000 });
    expect(roll["M3+"]["M3+"]).toEqual({ count: 0, principal: 0 });
    expect(result.stores.X.m1_outcome).toEqual({ one: 1, two: 0, three: 0 });
    expect(result.stores.Y.m1_outcome).toEqual({ one: 0, two: 0, three: 1 });
    expect(result.chain.m1_outcome).toEqual({ one: 1, two: 0, three: 1 });
  });

  test("forecast, cure rate, promises, contact rate, collected after M1 and vintage, pooled", async () => {
    const { result } = (await chainOf(dir, OCT)) ?? fail("no chain");
    // X: n_E C 1, M1 1, M3 1; r(C→M1) = 1/2, the M1 row went to settled: n̂(M1) = 0.5 of 3.
    close(result.stores.X.forecast?.m1_ratio_count ?? null, 0.5 / 3);
    // Y: n̂(M1) = 0, n̂(M2) = 1 (y1 in M1 at E, M1 row all to M2) of 2; Z: n̂(M1) = 0.5 of 2.
    close(result.stores.Y.forecast?.m2_ratio_count ?? null, 1 / 2);
    close(result.chain.forecast?.m1_ratio_count ?? null, (0.5 + 0 + 0.5) / (3 + 2 + 2));
    close(result.chain.forecast?.m2_ratio_count ?? null, 1 / 7);
    expect(result.stores.X.cure_rate).toEqual({ m1: 1, m2: 0, self_cure_m1: 1 });
    expect(result.chain.cure_rate).toEqual({ m1: 0.5, m2: 0, self_cure_m1: 0.5 });
    expect(result.chain.promise_kept_rate).toEqual({ store: 0.5, by_collector: { "X/甲": 1, "Y/甲": 0 } });
    expect(result.stores.Z.promise_kept_rate).toEqual({ store: null, by_collector: {} });
    expect(result.chain.contact_rate?.by_hour["9"]).toBe(1);
    expect(result.chain.contact_rate?.by_hour["10"]).toBe(0);
    expect(result.chain.contact_rate?.by_hour["14"]).toBeNull();
    expect(result.chain.contact_rate?.by_number_type).toEqual({ mobile: 0.5, work: 1, home: null });
    close(result.chain.collected_after_m1?.d30 ?? null, 1000 / 14000);
    close(result.chain.collected_after_m1?.d60 ?? null, 5000 / 14000);
    expect(result.chain.collected_after_m1?.d90).toBeNull();
    close(result.stores.Y.collected_after_m1?.d90 ?? null, 1);
    expect(result.stores.X.vintage).toEqual({ [OCT]: { loans: 2, ever_m1: [0.5], ever_m2plus: [0] } });
    expect(result.stores.Z.vintage).toBeNull();
    expect(result.chain.vintage?.[OCT].loans).toBe(3);
    close(result.chain.vintage?.[OCT].ever_m1[0] ?? null, 2 / 3);
  });

  test("a store whose month end the history cannot tell makes its figures and the chain's null; the others stand", async () => {
    const blind: StoreFacts = {
      ...Z,
      accountMonths: [Z.accountMonths[0], { ...Z.accountMonths[1], state_end: "unknown", principal_end: null }],
    };
    const other = mkdtempSync(join(tmpdir(), "daihou-hand-chain-"));
    try {
      await writeStorePartition(other, "X", X);
      await writeStorePartition(other, "Z", blind);
      const { result } = (await chainOf(other, OCT)) ?? fail("no chain");
      expect(result.stores.Z.m1_ratio_amount).toBeNull();
      expect(result.stores.Z.roll).toBeNull();
      expect(result.chain.m1_ratio_amount).toBeNull();
      expect(result.chain.roll).toBeNull();
      close(result.stores.X.m1_ratio_amount, 8000 / 27000);
      // C-M1 reads other days: Z's due day 5 still stands, and the chain's with it.
      close(result.chain.c_m1_by_due_day["5"], 0.5);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

function fail(why: string): never {
  throw new Error(why);
}
