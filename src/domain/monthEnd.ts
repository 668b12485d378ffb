/**
 * Month-end figures (月末, SPEC §6) from Daihou's history: overdue ratios,
 * C-M1 flow per due day, the roll matrix and the M1 outcome. A figure whose
 * inputs the history lacks is null with the reason, never estimated.
 */
import { BUCKETS, type Bucket, bucketOf, daysPastDue } from "./classify";
import { type Day, type MonthKey, addMonths, dayFromYmd, isoDay, monthBounds, parseMonth } from "./days";
import { HistoryView, type MonthHistory, type Observation, emptyMonth } from "./history";
import type { Settings } from "./settings";

/** Where an account stood on a day, for month-end purposes. */
export type EndState = Bucket | "settled" | "written_off" | "none";

/** Columns of the roll matrix. */
export const ROLL_TO = [...BUCKETS, "settled", "written_off"] as const;
export type RollTo = (typeof ROLL_TO)[number];

/** Count and Σ principal. */
export interface CountAmount {
  count: number;
  principal: number;
}

/** Why a figure is unavailable. */
export interface Unavailable {
  figure: string;
  /** `not_run`: the job never ran on or around the day; `changed_between`: accounts changed between the runs around it; `no_base`: nothing active to divide by. */
  reason: "not_run" | "changed_between" | "no_base" | "no_due_days";
  day: string;
  accounts: number;
}

/** Every month-end figure of SPEC §6 for one month (staff summary aside). */
export interface MonthEndFigures {
  month: MonthKey;
  m1_ratio_amount: number | null;
  m1_ratio_count: number | null;
  m2_ratio_amount: number | null;
  m2_ratio_count: number | null;
  m3plus_ratio_amount: number | null;
  m3plus_ratio_count: number | null;
  c_m1_rate_amount: number | null;
  c_m1_by_due_day: Record<string, number | null>;
  roll: Record<Bucket, Record<RollTo, CountAmount>> | null;
  m1_outcome: { one: number; two: number; three: number } | null;
  unavailable: Unavailable[];
}

/** The months of history the figures of `month` read: two before, the month, and one after. */
export function monthsForFigures(month: MonthKey): MonthKey[] {
  return [addMonths(month, -2), addMonths(month, -1), month, addMonths(month, 1)];
}

/** The days C-M1 reads for due day d of `month`: d−1 and d+1 of the month, and d+1 of the month before (the base). */
export function cm1Days(month: MonthKey, dueDay: number): { before: Day; after: Day; base: Day } {
  const p = parseMonth(month) as { year: number; month: number };
  const prev = parseMonth(addMonths(month, -1)) as { year: number; month: number };
  const dueOn = dayFromYmd(p.year, p.month, dueDay);
  return { before: dueOn - 1, after: dueOn + 1, base: dayFromYmd(prev.year, prev.month, dueDay) + 1 };
}

/**
 * Every day on which `monthEndFigures` needs each account's state: E′, E and
 * the C-M1 days of every due day. When the job ran on all of them, the history
 * of the month and the month before alone gives the same figures as all of
 * `monthsForFigures` (the months around are only needed to derive a day the job
 * did not run).
 */
export function daysForFigures(month: MonthKey, settings: Settings): Day[] {
  const days = [monthBounds(addMonths(month, -1)).last, monthBounds(month).last];
  for (const dueDay of settings.dueDays) {
    const { before, after, base } = cm1Days(month, dueDay);
    days.push(before, after, base);
  }
  return days;
}

interface DayStates {
  day: Day;
  states: Map<string, { state: EndState; principal: number }>;
  unknown: number;
  reason: "not_run" | "changed_between" | null;
}

export function endStateOf(obs: Observation, k: Day, settings: Settings): EndState {
  if (obs.status === "X") return "none";
  if (obs.status === "W") return obs.principal > 0 ? "written_off" : "settled";
  if (obs.status === "S" || obs.principal <= 0) return "settled";
  return bucketOf(daysPastDue(obs.oldestUnpaid, k, settings.graceDays), settings.bucketStarts);
}

/** Every account's state on day k (unknown ones counted). */
function statesOn(view: HistoryView, ids: Iterable<string>, k: Day, settings: Settings): DayStates {
  const states = new Map<string, { state: EndState; principal: number }>();
  let unknown = 0;
  let reason: DayStates["reason"] = null;
  for (const id of ids) {
    const s = view.stateOn(id, k);
    if (!s.known) {
      unknown++;
      reason = reason === "not_run" ? reason : s.reason;
      continue;
    }
    states.set(id, { state: endStateOf(s.obs, k, settings), principal: s.obs.principal });
  }
  if (view.days().length === 0 || view.days()[view.days().length - 1] < k || view.days()[0] > k) reason = "not_run";
  return { day: k, states, unknown, reason };
}

const isBucket = (s: EndState): s is Bucket => (BUCKETS as readonly string[]).includes(s);

/** One account's move from E′ to E: every account in a bucket at E′ has one. */
export interface Transition {
  loanId: string;
  /** Bucket at E′. */
  from: Bucket;
  /** Bucket or state at E (an account gone from the ledger by E counts as settled). */
  to: RollTo;
  /** Principal at E′. */
  principal: number;
}

/** The transitions of the accounts in a bucket at E′, in E′'s order. */
function transitionsBetween(atEprev: DayStates, atE: DayStates): Transition[] {
  const out: Transition[] = [];
  for (const [id, prev] of atEprev.states) {
    if (!isBucket(prev.state)) continue;
    const endState = atE.states.get(id)?.state ?? "none";
    // An account gone from the ledger by E is taken as settled (stores archive settled rows).
    out.push({ loanId: id, from: prev.state, to: endState === "none" ? "settled" : endState, principal: prev.principal });
  }
  return out;
}

/**
 * Every account's transition E′→E of `month` (the accounts the roll matrix
 * counts), sorted by loan id; null when the state of some account at E′ or E
 * is unknown (the figures say why).
 */
export function monthTransitions(view: HistoryView, month: MonthKey, settings: Settings): Transition[] | null {
  const ids = view.loanIds();
  const atEprev = statesOn(view, ids, monthBounds(addMonths(month, -1)).last, settings);
  const atE = statesOn(view, ids, monthBounds(month).last, settings);
  if ([atEprev, atE].some((s) => s.unknown > 0 || s.reason !== null)) return null;
  return transitionsBetween(atEprev, atE).sort((a, b) => (a.loanId < b.loanId ? -1 : a.loanId > b.loanId ? 1 : 0));
}

const ROLL_RANK: Record<RollTo, number> = { C: 0, M1: 1, M2: 2, M3: 3, "M3+": 4, written_off: 5, settled: -1 };

/** Rolled worse: to a worse bucket than at E′, or written off. */
export function rolledWorse(t: Transition): boolean {
  return ROLL_RANK[t.to] > ROLL_RANK[t.from];
}

/** Cured: in M1 or worse at E′, current (C) or settled at E. */
export function cured(t: Transition): boolean {
  return t.from !== "C" && (t.to === "C" || t.to === "settled");
}

/**
 * The trend: the figures of every month whose history is given (and of
 * `through` itself), up to `through`, oldest first. Each month reads the
 * months `monthsForFigures` names from `history` (missing ones are empty).
 */
export function monthEndTrend(history: readonly MonthHistory[], settings: Settings, through: MonthKey): MonthEndFigures[] {
  const byMonth = new Map(history.map((m) => [m.month, m]));
  const months = [...new Set([...byMonth.keys(), through])].filter((m) => m <= through).sort();
  return months.map((m) => monthEndFigures(new HistoryView(monthsForFigures(m).map((k) => byMonth.get(k) ?? emptyMonth(k))), m, settings));
}

/** Computes the month-end figures of `month` from a view holding `monthsForFigures(month)`. */
export function monthEndFigures(view: HistoryView, month: MonthKey, settings: Settings): MonthEndFigures {
  const { last: E } = monthBounds(month);
  const { last: Eprev } = monthBounds(addMonths(month, -1));
  const ids = view.loanIds();
  const unavailable: Unavailable[] = [];
  const atE = statesOn(view, ids, E, settings);
  const atEprev = statesOn(view, ids, Eprev, settings);
  const ends: DayStates[] = [atEprev, atE];
  const endsKnown = ends.every((s) => s.unknown === 0 && s.reason === null);

  const ratio = (num: number, den: number) => (den > 0 ? num / den : null);
  const figures: MonthEndFigures = {
    month,
    m1_ratio_amount: null,
    m1_ratio_count: null,
    m2_ratio_amount: null,
    m2_ratio_count: null,
    m3plus_ratio_amount: null,
    m3plus_ratio_count: null,
    c_m1_rate_amount: null,
    c_m1_by_due_day: {},
    roll: null,
    m1_outcome: null,
    unavailable,
  };

  if (!endsKnown) {
    for (const s of ends) {
      if (s.unknown > 0 || s.reason !== null) {
        unavailable.push({ figure: "month_end", reason: s.reason ?? "changed_between", day: isoDay(s.day), accounts: s.unknown });
      }
    }
  } else {
    let baseAmount = 0;
    let baseCount = 0;
    for (const { state, principal } of atEprev.states.values()) {
      if (!isBucket(state)) continue;
      baseAmount += principal;
      baseCount++;
    }
    const sum = (pick: (b: Bucket) => boolean) => {
      let amount = 0;
      let count = 0;
      for (const { state, principal } of atE.states.values()) {
        if (isBucket(state) && pick(state)) {
          amount += principal;
          count++;
        }
      }
      return { amount, count };
    };
    if (baseCount === 0) {
      unavailable.push({ figure: "month_end", reason: "no_base", day: isoDay(Eprev), accounts: 0 });
    } else {
      const m1 = sum((b) => b === "M1");
      const m2 = sum((b) => b === "M2");
      const m3 = sum((b) => b === "M3" || b === "M3+");
      figures.m1_ratio_amount = ratio(m1.amount, baseAmount);
      figures.m1_ratio_count = ratio(m1.count, baseCount);
      figures.m2_ratio_amount = ratio(m2.amount, baseAmount);
      figures.m2_ratio_count = ratio(m2.count, baseCount);
      figures.m3plus_ratio_amount = ratio(m3.amount, baseAmount);
      figures.m3plus_ratio_count = ratio(m3.count, baseCount);
    }
    const roll = Object.fromEntries(
      BUCKETS.map((from) => [from, Object.fromEntries(ROLL_TO.map((to) => [to, { count: 0, principal: 0 }]))]),
    ) as Record<Bucket, Record<RollTo, CountAmount>>;
    const outcome = { one: 0, two: 0, three: 0 };
    for (const { from, to, principal } of transitionsBetween(atEprev, atE)) {
      roll[from][to].count++;
      roll[from][to].principal += principal;
      if (from === "M1") {
        if (to === "C" || to === "settled") outcome.one++;
        else if (to === "M1") outcome.two++;
        else outcome.three++;
      }
    }
    figures.roll = roll;
    figures.m1_outcome = outcome;
  }

  // C-M1 per due day.
  const rates: number[] = [];
  let allRates = true;
  // A ledger with no due day at all (a collections export, SPEC §3): C-M1 by due day cannot be worked out.
  let recorded = false;
  let withDueDay = false;
  for (const id of ids) {
    const r = view.record(id, month);
    if (r === undefined) continue;
    recorded = true;
    if (r.dueDay !== null) {
      withDueDay = true;
      break;
    }
  }
  const noDueDays = recorded && !withDueDay;
  for (const dueDay of settings.dueDays) {
    const { before, after, base: baseDay } = cm1Days(month, dueDay);
    if (noDueDays) {
      unavailable.push({ figure: `c_m1_${dueDay}`, reason: "no_due_days", day: isoDay(before), accounts: ids.size });
      figures.c_m1_by_due_day[String(dueDay)] = null;
      allRates = false;
      continue;
    }
    const withDueDay = [...ids].filter((id) => view.record(id, month)?.dueDay === dueDay);
    const sBefore = statesOn(view, withDueDay, before, settings);
    const sAfter = statesOn(view, withDueDay, after, settings);
    const sBase = statesOn(view, ids, baseDay, settings);
    const missing = [sBefore, sAfter, sBase].filter((s) => s.unknown > 0 || s.reason !== null);
    if (missing.length > 0) {
      for (const s of missing) {
        unavailable.push({ figure: `c_m1_${dueDay}`, reason: s.reason ?? "changed_between", day: isoDay(s.day), accounts: s.unknown });
      }
      figures.c_m1_by_due_day[String(dueDay)] = null;
      allRates = false;
      continue;
    }
    let inflow = 0;
    for (const id of withDueDay) {
      const b = sBefore.states.get(id);
      const a = sAfter.states.get(id);
      if (b?.state === "C" && a?.state === "M1") inflow += a.principal;
    }
    let base = 0;
    for (const { state, principal } of sBase.states.values()) if (isBucket(state)) base += principal;
    if (base <= 0) {
      unavailable.push({ figure: `c_m1_${dueDay}`, reason: "no_base", day: isoDay(baseDay), accounts: 0 });
      figures.c_m1_by_due_day[String(dueDay)] = null;
      allRates = false;
      continue;
    }
    const rate = inflow / base;
    figures.c_m1_by_due_day[String(dueDay)] = rate;
    rates.push(rate);
  }
  figures.c_m1_rate_amount = allRates && rates.length > 0 ? rates.reduce((x, y) => x + y, 0) / rates.length : null;
  return figures;
}
