/**
 * What a collections manager reads after the month-end ratios (SPEC §6 "Beyond
 * the month-end ratios"): the forecast of next month, the vintage, the cure
 * rates, the promise-kept rate, the contact rate and what was collected after
 * M1 — each with the accounts behind it (the drill-down).
 *
 * They are counted over a store's facts (`storeFacts`, the rows `daihou export`
 * writes), so each figure reads the history exactly as the chain's SQL (sql/*.sql)
 * reads the same rows: per store, `report --json` and `chain --json` agree.
 * A figure whose inputs are missing is null, with the reason in `unavailable`.
 */
import { BUCKETS, type Bucket } from "../classify";
import { type StoreFacts, monthNo, monthOfNo } from "../chain/facts";
import type { MonthKey } from "../days";

export type Ratio = number | null;

export const FORECAST_KEYS = [
  "m1_ratio_amount",
  "m1_ratio_count",
  "m2_ratio_amount",
  "m2_ratio_count",
  "m3plus_ratio_amount",
  "m3plus_ratio_count",
] as const;
export type ForecastKey = (typeof FORECAST_KEYS)[number];

/** Contact-rate hours: the compliance window's (SPEC §4, 08:00–22:00). */
export const CONTACT_HOURS: readonly number[] = Array.from({ length: 14 }, (_, i) => 8 + i);
export const NUMBER_TYPES = ["mobile", "work", "home"] as const;

export interface VintageCohort {
  loans: number;
  ever_m1: number[];
  ever_m2plus: number[];
}

/** SPEC §7's keys beyond the month-end ratios. */
export interface BeyondFigures {
  forecast: Record<ForecastKey, Ratio> | null;
  vintage: Record<MonthKey, VintageCohort> | null;
  cure_rate: { m1: Ratio; m2: Ratio; self_cure_m1: Ratio } | null;
  promise_kept_rate: { store: Ratio; by_collector: Record<string, Ratio> } | null;
  contact_rate: { by_hour: Record<string, Ratio>; by_number_type: Record<(typeof NUMBER_TYPES)[number], Ratio> } | null;
  collected_after_m1: { d30: Ratio; d60: Ratio; d90: Ratio } | null;
}
export type BeyondKey = keyof BeyondFigures;
export const BEYOND_KEYS: readonly BeyondKey[] = [
  "forecast",
  "vintage",
  "cure_rate",
  "promise_kept_rate",
  "contact_rate",
  "collected_after_m1",
];

/** Why a figure (or part of one) is null. */
export type BeyondReason =
  | "ends_unknown"
  | "no_active_at_end"
  | "no_contact_log"
  | "no_disbursed_on"
  | "no_full_cohort"
  | "nobody_in_bucket"
  | "no_promise_due"
  | "no_dials"
  | "no_m1_entry"
  | "past_history";
export interface BeyondUnavailable {
  figure: string;
  reason: BeyondReason;
}

/** The rate the forecast used for a move b → X (count and amount forms). */
export interface ForecastStep {
  from: Bucket;
  atEnd: { count: number; principal: number };
  /** r(b→M1), r(b→M2), r(b→M3+) by count and by principal. */
  rate: Record<"m1" | "m2" | "m3plus", { count: number; amount: number }>;
}

/** The accounts behind the figures. */
export interface BeyondDrill {
  forecastSteps: ForecastStep[];
  /** Accounts in M1 or M2 at E′: where they are at E, whether cured, whether reached in the month. */
  cures: { loanId: string; from: "M1" | "M2"; to: string; principal: number; cured: boolean; reached: boolean }[];
  /** Cohort members ever in M1 or worse: the month they first were in M1 and in M2 or worse. */
  cohortMembers: { cohort: MonthKey; loanId: string; firstM1: MonthKey | null; firstM2: MonthKey | null }[];
  /** Promises made in the month, with how they turned out. */
  promises: { loanId: string; staff: string; date: string; ptpDate: string | null; amount: number | null; status: string }[];
  /** Accounts that entered M1 in the month before, and what they paid down. */
  m1Entries: { loanId: string; enteredOn: string; principal: number; paid: (number | null)[] }[];
}

export interface BeyondResult extends BeyondFigures {
  unavailable: BeyondUnavailable[];
  drill: BeyondDrill;
}

const ratio = (n: number, d: number): Ratio => (d > 0 ? n / d : null);
const M3PLUS: ReadonlySet<string> = new Set(["M3", "M3+"]);
const isBucket = (s: string): s is Bucket => (BUCKETS as readonly string[]).includes(s);

/** Every figure of `month` over a store's facts. */
export function beyondFigures(facts: StoreFacts, month: MonthKey): BeyondResult {
  const no = monthNo(month);
  const unavailable: BeyondUnavailable[] = [];
  const drill: BeyondDrill = { forecastSteps: [], cures: [], cohortMembers: [], promises: [], m1Entries: [] };
  const storeMonth = facts.months.find((m) => m.month_no === no);
  const rows = facts.accountMonths.filter((a) => a.month_no === no);
  const endsKnown =
    storeMonth?.prev_end_covered === true &&
    storeMonth.end_covered &&
    !rows.some((a) => a.state_prev_end === "unknown" || a.state_end === "unknown");
  if (!endsKnown) unavailable.push({ figure: "forecast", reason: "ends_unknown" }, { figure: "cure_rate", reason: "ends_unknown" });
  const hasLog = facts.store.has_contact_log;
  const contacts = hasLog ? facts.contacts.filter((c) => c.month_no === no) : [];

  const out: BeyondResult = {
    forecast: endsKnown ? forecast(rows, drill, unavailable) : null,
    vintage: vintage(facts, no, drill, unavailable),
    cure_rate: null,
    promise_kept_rate: null,
    contact_rate: null,
    collected_after_m1: collectedAfterM1(facts, no, drill, unavailable),
    unavailable,
    drill,
  };
  const reached = new Set(contacts.filter((c) => c.reached).map((c) => c.loan_id));
  if (endsKnown) out.cure_rate = cureRate(rows, reached, hasLog, drill, unavailable);
  if (!hasLog) {
    unavailable.push({ figure: "promise_kept_rate", reason: "no_contact_log" }, { figure: "contact_rate", reason: "no_contact_log" });
    return out;
  }
  out.promise_kept_rate = promiseKept(contacts, drill, unavailable);
  out.contact_rate = contactRate(contacts, unavailable);
  return out;
}

type Rows = StoreFacts["accountMonths"];

function forecast(rows: Rows, drill: BeyondDrill, unavailable: BeyondUnavailable[]): BeyondFigures["forecast"] {
  const toKey = (s: string) => (s === "M1" ? "m1" : s === "M2" ? "m2" : M3PLUS.has(s) ? "m3plus" : null);
  type Row = { count: number; principal: number; to: Record<"m1" | "m2" | "m3plus", { count: number; principal: number }> };
  const roll = new Map<string, Row>();
  const atEnd = new Map<string, { count: number; principal: number }>();
  for (const a of rows) {
    if (isBucket(a.state_prev_end)) {
      const r = roll.get(a.state_prev_end) ?? {
        count: 0,
        principal: 0,
        to: { m1: { count: 0, principal: 0 }, m2: { count: 0, principal: 0 }, m3plus: { count: 0, principal: 0 } },
      };
      roll.set(a.state_prev_end, r);
      const p = a.principal_prev_end ?? 0;
      r.count++;
      r.principal += p;
      const k = toKey(a.state_end);
      if (k) {
        r.to[k].count++;
        r.to[k].principal += p;
      }
    }
    if (isBucket(a.state_end)) {
      const e = atEnd.get(a.state_end) ?? { count: 0, principal: 0 };
      atEnd.set(a.state_end, e);
      e.count++;
      e.principal += a.principal_end ?? 0;
    }
  }
  let endCount = 0;
  let endAmount = 0;
  const n = { m1: { count: 0, amount: 0 }, m2: { count: 0, amount: 0 }, m3plus: { count: 0, amount: 0 } };
  for (const b of BUCKETS) {
    const e = atEnd.get(b);
    if (!e) continue;
    endCount += e.count;
    endAmount += e.principal;
    const r = roll.get(b);
    const rate = { m1: { count: 0, amount: 0 }, m2: { count: 0, amount: 0 }, m3plus: { count: 0, amount: 0 } };
    for (const k of ["m1", "m2", "m3plus"] as const) {
      if (r && r.count > 0) rate[k].count = r.to[k].count / r.count;
      if (r && r.principal > 0) rate[k].amount = r.to[k].principal / r.principal;
      // n_E(b) · r(b→X), as the SQL multiplies (e · to ÷ row).
      if (r && r.count > 0) n[k].count += (e.count * r.to[k].count) / r.count;
      if (r && r.principal > 0) n[k].amount += (e.principal * r.to[k].principal) / r.principal;
    }
    drill.forecastSteps.push({ from: b, atEnd: e, rate });
  }
  if (endCount === 0) unavailable.push({ figure: "forecast", reason: "no_active_at_end" });
  return {
    m1_ratio_amount: ratio(n.m1.amount, endAmount),
    m1_ratio_count: ratio(n.m1.count, endCount),
    m2_ratio_amount: ratio(n.m2.amount, endAmount),
    m2_ratio_count: ratio(n.m2.count, endCount),
    m3plus_ratio_amount: ratio(n.m3plus.amount, endAmount),
    m3plus_ratio_count: ratio(n.m3plus.count, endCount),
  };
}

function cureRate(
  rows: Rows,
  reached: ReadonlySet<string>,
  hasLog: boolean,
  drill: BeyondDrill,
  unavailable: BeyondUnavailable[],
): BeyondFigures["cure_rate"] {
  const tally = { M1: { all: 0, cured: 0, self: 0 }, M2: { all: 0, cured: 0, self: 0 } };
  for (const a of rows) {
    if (a.state_prev_end !== "M1" && a.state_prev_end !== "M2") continue;
    const cured = a.state_end === "C" || a.state_end === "settled" || a.state_end === "none";
    const wasReached = reached.has(a.loan_id);
    const t = tally[a.state_prev_end];
    t.all++;
    if (cured) t.cured++;
    if (cured && !wasReached) t.self++;
    drill.cures.push({
      loanId: a.loan_id,
      from: a.state_prev_end,
      to: a.state_end === "none" ? "settled" : a.state_end,
      principal: a.principal_prev_end ?? 0,
      cured,
      reached: wasReached,
    });
  }
  drill.cures.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : y.principal - x.principal || (x.loanId < y.loanId ? -1 : 1)));
  if (tally.M1.all === 0) unavailable.push({ figure: "cure_rate.m1", reason: "nobody_in_bucket" });
  if (tally.M2.all === 0) unavailable.push({ figure: "cure_rate.m2", reason: "nobody_in_bucket" });
  if (!hasLog) unavailable.push({ figure: "cure_rate.self_cure_m1", reason: "no_contact_log" });
  return {
    m1: ratio(tally.M1.cured, tally.M1.all),
    m2: ratio(tally.M2.cured, tally.M2.all),
    self_cure_m1: hasLog ? ratio(tally.M1.self, tally.M1.all) : null,
  };
}

function promiseKept(
  contacts: StoreFacts["contacts"],
  drill: BeyondDrill,
  unavailable: BeyondUnavailable[],
): BeyondFigures["promise_kept_rate"] {
  const by = new Map<string, { kept: number; judged: number }>();
  const all = { kept: 0, judged: 0 };
  for (const c of contacts) {
    if (c.outcome !== "ptp" || !c.is_dial) continue;
    const s = by.get(c.staff) ?? { kept: 0, judged: 0 };
    by.set(c.staff, s);
    const judged = c.ptp_status === "kept" || c.ptp_status === "partial" || c.ptp_status === "broken";
    for (const t of [s, all]) {
      if (c.ptp_status === "kept") t.kept++;
      if (judged) t.judged++;
    }
    drill.promises.push({
      loanId: c.loan_id,
      staff: c.staff,
      date: c.date,
      ptpDate: c.ptp_date,
      amount: c.ptp_amount,
      status: c.ptp_status ?? "pending",
    });
  }
  if (all.judged === 0) unavailable.push({ figure: "promise_kept_rate", reason: "no_promise_due" });
  const names = [...by.keys()].sort();
  return {
    store: ratio(all.kept, all.judged),
    by_collector: Object.fromEntries(names.map((n) => [n, ratio(by.get(n)?.kept ?? 0, by.get(n)?.judged ?? 0)])),
  };
}

function contactRate(contacts: StoreFacts["contacts"], unavailable: BeyondUnavailable[]): BeyondFigures["contact_rate"] {
  const hours = new Map<number, { dials: number; reached: number }>();
  const kinds = new Map<string, { dials: number; reached: number }>();
  const add = <K>(m: Map<K, { dials: number; reached: number }>, k: K, reached: boolean) => {
    const v = m.get(k) ?? { dials: 0, reached: 0 };
    m.set(k, v);
    v.dials++;
    if (reached) v.reached++;
  };
  for (const c of contacts) {
    if (!c.is_dial) continue;
    if (c.hour !== null) add(hours, c.hour, c.reached);
    if (c.number_kind !== null) add(kinds, c.number_kind, c.reached);
  }
  if (hours.size === 0 && kinds.size === 0) unavailable.push({ figure: "contact_rate", reason: "no_dials" });
  const rate = (v: { dials: number; reached: number } | undefined): Ratio => (v ? ratio(v.reached, v.dials) : null);
  return {
    by_hour: Object.fromEntries(CONTACT_HOURS.map((h) => [String(h), rate(hours.get(h))])),
    by_number_type: { mobile: rate(kinds.get("mobile")), work: rate(kinds.get("work")), home: rate(kinds.get("home")) },
  };
}

function collectedAfterM1(
  facts: StoreFacts,
  no: number,
  drill: BeyondDrill,
  unavailable: BeyondUnavailable[],
): BeyondFigures["collected_after_m1"] {
  const entries = facts.accountMonths.filter((a) => a.month_no === no - 1 && a.entered_m1_on !== null);
  if (entries.length === 0) {
    unavailable.push({ figure: "collected_after_m1", reason: "no_m1_entry" });
    return null;
  }
  let principal = 0;
  const paid = [0, 0, 0];
  const open = [false, false, false];
  for (const a of entries) {
    principal += a.principal_at_m1_entry ?? 0;
    const p = [a.paid_d30, a.paid_d60, a.paid_d90];
    p.forEach((v, i) => {
      if (v === null) open[i] = true;
      else paid[i] += v;
    });
    drill.m1Entries.push({ loanId: a.loan_id, enteredOn: a.entered_m1_on ?? "", principal: a.principal_at_m1_entry ?? 0, paid: p });
  }
  drill.m1Entries.sort((x, y) => y.principal - x.principal || (x.loanId < y.loanId ? -1 : 1));
  const d = [30, 60, 90].map((days, i) => {
    if (open[i]) unavailable.push({ figure: `collected_after_m1.d${days}`, reason: "past_history" });
    return open[i] ? null : ratio(paid[i], principal);
  });
  return { d30: d[0], d60: d[1], d90: d[2] };
}

function vintage(facts: StoreFacts, no: number, drill: BeyondDrill, unavailable: BeyondUnavailable[]): BeyondFigures["vintage"] {
  const first = facts.store.first_full_month_no;
  if (!facts.store.has_disbursed_on) {
    unavailable.push({ figure: "vintage", reason: "no_disbursed_on" });
    return null;
  }
  if (first === null || first > no) {
    unavailable.push({ figure: "vintage", reason: "no_full_cohort" });
    return null;
  }
  const m1Start = facts.store.m1_start;
  const m2Start = facts.store.m2_start;
  // Each loan's first month in M1 or worse and in M2 or worse (from its cohort on).
  const cohortOf = new Map<string, number>();
  for (const l of facts.loans) if (l.disbursed_month_no >= first) cohortOf.set(l.loan_id, l.disbursed_month_no);
  const firsts = new Map<string, { m1: number | null; m2: number | null }>();
  for (const a of facts.accountMonths) {
    const cohort = cohortOf.get(a.loan_id);
    if (cohort === undefined || a.month_no < cohort || a.max_dpd === null) continue;
    const f = firsts.get(a.loan_id) ?? { m1: null, m2: null };
    firsts.set(a.loan_id, f);
    if (a.max_dpd >= m1Start && (f.m1 === null || a.month_no < f.m1)) f.m1 = a.month_no;
    if (a.max_dpd >= m2Start && (f.m2 === null || a.month_no < f.m2)) f.m2 = a.month_no;
  }
  const monthNos = facts.months.map((m) => m.month_no).filter((m) => m <= no);
  const cohorts = [...new Set(cohortOf.values())].sort((a, b) => a - b);
  const out: Record<MonthKey, VintageCohort> = {};
  for (const cohort of cohorts) {
    const members = [...cohortOf].filter(([, c]) => c === cohort).map(([id]) => id);
    const grid = monthNos.filter((m) => m >= cohort).sort((a, b) => a - b);
    if (grid.length === 0) continue;
    const v: VintageCohort = { loans: members.length, ever_m1: [], ever_m2plus: [] };
    for (const m of grid) {
      let m1 = 0;
      let m2 = 0;
      for (const id of members) {
        const f = firsts.get(id);
        if (f?.m1 != null && f.m1 <= m) m1++;
        if (f?.m2 != null && f.m2 <= m) m2++;
      }
      v.ever_m1[m - cohort] = m1 / members.length;
      v.ever_m2plus[m - cohort] = m2 / members.length;
    }
    out[monthOfNo(cohort)] = v;
    for (const id of members.sort()) {
      const f = firsts.get(id);
      const m1 = f?.m1 != null && f.m1 <= no ? monthOfNo(f.m1) : null;
      if (m1 !== null)
        drill.cohortMembers.push({
          cohort: monthOfNo(cohort),
          loanId: id,
          firstM1: m1,
          firstM2: f?.m2 != null && f.m2 <= no ? monthOfNo(f.m2) : null,
        });
    }
  }
  return out;
}
