/**
 * Every store's and the chain's figures of a month (SPEC §8) from the sql/
 * files' rows, in `report --json`'s keys: per store the same object its own
 * `daihou report --json` prints, and the chain's pooled the same way.
 */
import { BUCKETS, type Bucket } from "../../domain/classify";
import { monthNo, monthOfNo } from "../../domain/chain/facts";
import { type CountAmount, ROLL_TO, type RollTo } from "../../domain/monthEnd";
import type { ChainEngine, Row } from "./engine";

export type Ratio = number | null;

/** One store's (or the chain's) figures: the report's keys. */
export interface ChainFigures {
  month: string;
  m1_ratio_amount: Ratio;
  m1_ratio_count: Ratio;
  m2_ratio_amount: Ratio;
  m2_ratio_count: Ratio;
  m3plus_ratio_amount: Ratio;
  m3plus_ratio_count: Ratio;
  c_m1_rate_amount: Ratio;
  c_m1_by_due_day: Record<string, Ratio>;
  roll: Record<Bucket, Record<RollTo, CountAmount>> | null;
  m1_outcome: { one: number; two: number; three: number } | null;
  forecast: Record<(typeof RATIO_KEYS)[number], Ratio> | null;
  vintage: Record<string, { loans: number; ever_m1: number[]; ever_m2plus: number[] }> | null;
  cure_rate: { m1: Ratio; m2: Ratio; self_cure_m1: Ratio } | null;
  promise_kept_rate: { store: Ratio; by_collector: Record<string, Ratio> } | null;
  contact_rate: { by_hour: Record<string, Ratio>; by_number_type: { mobile: Ratio; work: Ratio; home: Ratio } } | null;
  collected_after_m1: { d30: Ratio; d60: Ratio; d90: Ratio } | null;
}

/** What the chain knows of each store besides its figures. */
export interface StoreInfo {
  dueDays: number[];
  baselines: Record<string, number>;
  latestCompleteMonth: string | null;
  hasContactLog: boolean;
  hasDisbursedOn: boolean;
  firstFullMonthNo: number | null;
}

export interface ChainResult {
  month: string;
  stores: Record<string, ChainFigures>;
  chain: ChainFigures;
}

export const RATIO_KEYS = [
  "m1_ratio_amount",
  "m1_ratio_count",
  "m2_ratio_amount",
  "m2_ratio_count",
  "m3plus_ratio_amount",
  "m3plus_ratio_count",
] as const;

/** Contact-rate hours: the compliance window's (SPEC §4, 08:00–22:00). */
const HOURS = Array.from({ length: 14 }, (_, i) => String(8 + i));

const num = (v: Row[string] | undefined): number => (typeof v === "number" ? v : Number(v ?? 0));
const ratio = (v: Row[string] | undefined): Ratio => (v === null || v === undefined ? null : Number(v));

/** Each store's settings and coverage, from the stores table. */
export async function storeInfos(engine: ChainEngine): Promise<Map<string, StoreInfo>> {
  const rows = await engine.query(
    "SELECT store, due_days, baselines, latest_complete_month, has_contact_log, has_disbursed_on, first_full_month_no FROM stores ORDER BY store",
  );
  return new Map(
    rows.map((r) => [
      String(r.store),
      {
        dueDays: String(r.due_days ?? "")
          .split(",")
          .filter((s) => s !== "")
          .map(Number),
        baselines: JSON.parse(String(r.baselines ?? "{}")),
        latestCompleteMonth: r.latest_complete_month === null ? null : String(r.latest_complete_month),
        hasContactLog: r.has_contact_log === true,
        hasDisbursedOn: r.has_disbursed_on === true,
        firstFullMonthNo: r.first_full_month_no === null ? null : num(r.first_full_month_no),
      },
    ]),
  );
}

/** The chain's default month: the latest month every store's history has reached the end of. */
export function defaultMonth(infos: ReadonlyMap<string, StoreInfo>): string | null {
  const months = [...infos.values()].map((i) => i.latestCompleteMonth);
  if (months.length === 0 || months.some((m) => m === null)) return months.filter((m) => m !== null).sort()[0] ?? null;
  return (months as string[]).sort()[0];
}

function emptyFigures(month: string, dueDays: readonly number[]): ChainFigures {
  return {
    month,
    m1_ratio_amount: null,
    m1_ratio_count: null,
    m2_ratio_amount: null,
    m2_ratio_count: null,
    m3plus_ratio_amount: null,
    m3plus_ratio_count: null,
    c_m1_rate_amount: null,
    c_m1_by_due_day: Object.fromEntries(dueDays.map((d) => [String(d), null])),
    roll: null,
    m1_outcome: null,
    forecast: null,
    vintage: null,
    cure_rate: null,
    promise_kept_rate: null,
    contact_rate: null,
    collected_after_m1: null,
  };
}

function emptyRoll(): Record<Bucket, Record<RollTo, CountAmount>> {
  return Object.fromEntries(
    BUCKETS.map((from) => [from, Object.fromEntries(ROLL_TO.map((to) => [to, { count: 0, principal: 0 }]))]),
  ) as Record<Bucket, Record<RollTo, CountAmount>>;
}

/** Every store's and the chain's figures of `month`. */
export async function chainFigures(engine: ChainEngine, month: string, infos: ReadonlyMap<string, StoreInfo>): Promise<ChainResult> {
  const no = monthNo(month);
  const at = `month_no = ${no}`;
  const stores: Record<string, ChainFigures> = {};
  for (const [id, info] of infos) stores[id] = emptyFigures(month, info.dueDays);
  const chainDueDays = [...new Set([...infos.values()].flatMap((i) => i.dueDays))].sort((a, b) => a - b);
  const chain = emptyFigures(month, chainDueDays);
  const target = (r: Row): ChainFigures | undefined => (r.scope === "chain" ? chain : stores[String(r.store)]);
  const known = new Map<ChainFigures, boolean>();

  for (const r of await engine.run("ratios", at)) {
    const f = target(r);
    if (!f) continue;
    for (const k of RATIO_KEYS) f[k] = ratio(r[k]);
    known.set(f, num(r.ends_known) === 1);
    if (known.get(f)) {
      f.roll = emptyRoll();
      f.m1_outcome = { one: 0, two: 0, three: 0 };
    }
  }
  for (const r of await engine.run("c_m1", at)) {
    const f = target(r);
    if (!f) continue;
    f.c_m1_by_due_day[String(num(r.due_day))] = ratio(r.rate);
    f.c_m1_rate_amount = ratio(r.c_m1_rate_amount);
  }
  for (const r of await engine.run("roll", at)) {
    const f = target(r);
    if (!f?.roll) continue;
    const cell = f.roll[r.from_bucket as Bucket][r.to_state as RollTo];
    cell.count = num(r.accounts);
    cell.principal = num(r.principal);
  }
  for (const r of await engine.run("m1_outcome", at)) {
    const f = target(r);
    if (f?.m1_outcome) f.m1_outcome = { one: num(r.one), two: num(r.two), three: num(r.three) };
  }
  for (const r of await engine.run("forecast", at)) {
    const f = target(r);
    if (f && num(r.ends_known) === 1) f.forecast = Object.fromEntries(RATIO_KEYS.map((k) => [k, ratio(r[k])])) as ChainFigures["forecast"];
  }
  for (const r of await engine.run("cure", at)) {
    const f = target(r);
    if (f && num(r.ends_known) === 1) f.cure_rate = { m1: ratio(r.m1), m2: ratio(r.m2), self_cure_m1: ratio(r.self_cure_m1) };
  }
  await promiseKept(engine, at, infos, stores, chain);
  await contactRate(engine, at, infos, stores, chain);
  for (const r of await engine.run("collected_after_m1", at)) {
    const f = target(r);
    if (f) f.collected_after_m1 = { d30: ratio(r.d30), d60: ratio(r.d60), d90: ratio(r.d90) };
  }
  await vintage(engine, no, infos, stores, chain);
  return { month, stores, chain };
}

async function promiseKept(
  engine: ChainEngine,
  at: string,
  infos: ReadonlyMap<string, StoreInfo>,
  stores: Record<string, ChainFigures>,
  chain: ChainFigures,
) {
  const anyLog = [...infos.values()].some((i) => i.hasContactLog);
  for (const [id, info] of infos) if (info.hasContactLog) stores[id].promise_kept_rate = { store: null, by_collector: {} };
  if (anyLog) chain.promise_kept_rate = { store: null, by_collector: {} };
  for (const r of await engine.run("promise_kept", at)) {
    const store = String(r.store);
    if (r.scope === "chain") {
      if (chain.promise_kept_rate) chain.promise_kept_rate.store = ratio(r.rate);
    } else if (r.scope === "store") {
      const p = stores[store]?.promise_kept_rate;
      if (p) p.store = ratio(r.rate);
    } else {
      const p = stores[store]?.promise_kept_rate;
      if (p) p.by_collector[String(r.staff)] = ratio(r.rate);
      // The chain keeps collectors apart by store: "store/name".
      if (chain.promise_kept_rate) chain.promise_kept_rate.by_collector[`${store}/${String(r.staff)}`] = ratio(r.rate);
    }
  }
}

async function contactRate(
  engine: ChainEngine,
  at: string,
  infos: ReadonlyMap<string, StoreInfo>,
  stores: Record<string, ChainFigures>,
  chain: ChainFigures,
) {
  const empty = (): NonNullable<ChainFigures["contact_rate"]> => ({
    by_hour: Object.fromEntries(HOURS.map((h) => [h, null])),
    by_number_type: { mobile: null, work: null, home: null },
  });
  for (const [id, info] of infos) if (info.hasContactLog) stores[id].contact_rate = empty();
  if ([...infos.values()].some((i) => i.hasContactLog)) chain.contact_rate = empty();
  for (const r of await engine.run("contact_rate", at)) {
    const c = r.scope === "chain" ? chain.contact_rate : stores[String(r.store)]?.contact_rate;
    if (!c) continue;
    if (r.dimension === "hour") {
      const h = String(num(r.hour));
      if (h in c.by_hour) c.by_hour[h] = ratio(r.rate);
    } else if (r.number_kind === "mobile" || r.number_kind === "work" || r.number_kind === "home")
      c.by_number_type[r.number_kind] = ratio(r.rate);
  }
}

async function vintage(
  engine: ChainEngine,
  no: number,
  infos: ReadonlyMap<string, StoreInfo>,
  stores: Record<string, ChainFigures>,
  chain: ChainFigures,
) {
  for (const [id, info] of infos) {
    if (info.hasDisbursedOn && info.firstFullMonthNo !== null && info.firstFullMonthNo <= no) stores[id].vintage = {};
  }
  if (Object.values(stores).some((f) => f.vintage !== null)) chain.vintage = {};
  const rows = await engine.run("vintage", `month_no <= ${no}`);
  rows.sort((a, b) => num(a.cohort) - num(b.cohort) || num(a.k) - num(b.k));
  for (const r of rows) {
    const v = r.scope === "chain" ? chain.vintage : stores[String(r.store)]?.vintage;
    if (!v) continue;
    const key = monthOfNo(num(r.cohort));
    if (!v[key]) v[key] = { loans: num(r.loans), ever_m1: [], ever_m2plus: [] };
    const cohort = v[key];
    const k = num(r.k);
    cohort.ever_m1[k] = ratio(r.ever_m1_share) ?? 0;
    cohort.ever_m2plus[k] = ratio(r.ever_m2plus_share) ?? 0;
  }
}
