/**
 * A store's facts for a chain (SPEC §8): what every §6 figure needs, one row per
 * account per month, worked out from the history exactly as the month-end report
 * reads it (the same views, the same states on the same days), so that SQL over
 * these rows gives the store's own `report --json`. States the history cannot
 * tell are `unknown`, never guessed; a figure over them is null.
 */
import { BUCKETS, daysPastDue } from "../classify";
import { type ContactEntry, PTP_METHODS, REACHED, isDial } from "../contacts";
import { type LedgerTimeline, promiseStatus, timelineOf } from "../promises";
import { type Day, type MonthKey, addMonths, isoDay, monthBounds, monthOf, parseMonth } from "../days";
import { HistoryView, type MonthHistory, type Observation, emptyMonth } from "../history";
import { ABSENT, observationsOn } from "../history/timeline";
import { type EndState, cm1Days, endStateOf, monthsForFigures } from "../monthEnd";
import type { Settings } from "../settings";

/** A state in the facts: a bucket, settled, written_off, none (not in the ledger) or unknown (the history cannot tell). */
export type FactState = EndState | "unknown";

/** One account in one month. */
export interface AccountMonthFact {
  month: MonthKey;
  month_no: number;
  loan_id: string;
  /** The account's due day in the month's history (null: none recorded). */
  due_day: number | null;
  /** State and principal at E′ (the last day of the month before) and at E (this month's last day). */
  state_prev_end: FactState;
  principal_prev_end: number | null;
  state_end: FactState;
  principal_end: number | null;
  /** On the eve (d − 1) and morrow (d + 1) of its due day d this month, when d is one of the store's due days; else null. */
  state_eve: FactState | null;
  principal_eve: number | null;
  state_morrow: FactState | null;
  principal_morrow: number | null;
  /** The largest DPD on any day the job ran this month while the account was active; null when it never was. */
  max_dpd: number | null;
  /** The day it entered M1 this month (first run day in M1 after a run day in C), with its principal then and Σ principal paid down within 30, 60 and 90 days (null past the history). */
  entered_m1_on: string | null;
  principal_at_m1_entry: number | null;
  paid_d30: number | null;
  paid_d60: number | null;
  paid_d90: number | null;
}

/** The state of an account on day d + 1 of the month before, for each of the store's due days d (C-M1's base). */
export interface BaseStateFact {
  month: MonthKey;
  month_no: number;
  due_day: number;
  loan_id: string;
  state: FactState;
  principal: number | null;
}

/** What the history covers of a month's days: a day outside the runs is "not run", whatever the accounts. */
export interface StoreMonthFact {
  month: MonthKey;
  month_no: number;
  prev_end_covered: boolean;
  end_covered: boolean;
  /** The store takes part in the chain's figures of this month: the history reaches E′ and runs into the month. */
  takes_part: boolean;
}

export interface StoreDueDayFact {
  month: MonthKey;
  month_no: number;
  due_day: number;
  eve_covered: boolean;
  morrow_covered: boolean;
  base_covered: boolean;
}

/** A loan's disbursement month (from the ledger), for the vintage. */
export interface LoanFact {
  loan_id: string;
  disbursed_month: MonthKey;
  disbursed_month_no: number;
}

/** One contact-log entry with the customer's name, the number dialled and the free-text note left out. */
export interface ContactFact {
  month: MonthKey;
  month_no: number;
  date: string;
  /** Hour of the call (its time, else its window's start); null when neither was given. */
  hour: number | null;
  staff: string;
  loan_id: string;
  task: string | null;
  number_kind: string | null;
  outcome: string;
  is_dial: boolean;
  reached: boolean;
  ptp_date: string | null;
  ptp_amount: number | null;
  ptp_method: string | null;
  /** kept, partial, broken, or pending (its date not passed in the history); null when not a promise. */
  ptp_status: string | null;
}

/** The store's settings and coverage that the SQL needs. */
export interface StoreFact {
  due_days: string;
  m1_start: number;
  m2_start: number;
  grace_days: number;
  first_run: string | null;
  last_run: string | null;
  /** The first month whose first day the history covers (vintage cohorts start there); null when none. */
  first_full_month_no: number | null;
  latest_complete_month: MonthKey | null;
  has_contact_log: boolean;
  has_disbursed_on: boolean;
  /** The baselines (Settings), as JSON. */
  baselines: string;
}

export interface StoreFacts {
  store: StoreFact;
  months: StoreMonthFact[];
  dueDays: StoreDueDayFact[];
  accountMonths: AccountMonthFact[];
  baseStates: BaseStateFact[];
  loans: LoanFact[];
  contacts: ContactFact[];
}

/** A month key as a number (year × 12 + month − 1), for month arithmetic SQL engines agree on. */
export function monthNo(month: MonthKey): number {
  const p = parseMonth(month);
  if (!p) throw new Error(`bad month ${month}`);
  return p.year * 12 + p.month - 1;
}

/** The month key of a month number. */
export function monthOfNo(n: number): MonthKey {
  const year = Math.floor(n / 12);
  return `${year}-${String((n % 12) + 1).padStart(2, "0")}`;
}

/** What the export reads from a book besides its history. */
export interface StoreInputs {
  history: readonly MonthHistory[];
  settings: Settings;
  /** Each loan's disbursement day (from the ledger; null when unknown). */
  disbursedOn: ReadonlyMap<string, Day | null>;
  installmentOf: (loanId: string) => number | null;
  /** The contact log's entries; null when the book has none. */
  contacts: readonly ContactEntry[] | null;
}

const BUCKET_SET: ReadonlySet<string> = new Set(BUCKETS);

/** Every fact table of a store. */
export function storeFacts(input: StoreInputs): StoreFacts {
  const { settings } = input;
  const byMonth = new Map(input.history.map((m) => [m.month, m]));
  const all = new HistoryView(input.history);
  const runDays = all.days();
  const firstRun = runDays.length > 0 ? runDays[0] : null;
  const lastRun = runDays.length > 0 ? runDays[runDays.length - 1] : null;
  const out: StoreFacts = {
    store: {
      due_days: settings.dueDays.join(","),
      m1_start: settings.bucketStarts[0],
      m2_start: settings.bucketStarts[1],
      grace_days: settings.graceDays,
      first_run: firstRun === null ? null : isoDay(firstRun),
      last_run: lastRun === null ? null : isoDay(lastRun),
      first_full_month_no:
        firstRun === null
          ? null
          : monthNo(monthBounds(monthOf(firstRun)).first === firstRun ? monthOf(firstRun) : addMonths(monthOf(firstRun), 1)),
      latest_complete_month:
        lastRun === null ? null : lastRun >= monthBounds(monthOf(lastRun)).last ? monthOf(lastRun) : addMonths(monthOf(lastRun), -1),
      has_contact_log: input.contacts !== null,
      has_disbursed_on: [...input.disbursedOn.values()].some((d) => d !== null),
      baselines: JSON.stringify(settings.baselines),
    },
    months: [],
    dueDays: [],
    accountMonths: [],
    baseStates: [],
    loans: [],
    contacts: [],
  };
  if (firstRun === null || lastRun === null) return out;

  const sorted = [...input.history].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const days = sorted.flatMap((m) => m.runDays);
  const passes = new Map<string, AccountPass>();
  for (const id of all.loanIds()) passes.set(id, accountPass(sorted, days, id, settings));
  for (let month = monthOf(firstRun); month <= addMonths(monthOf(lastRun), 1); month = addMonths(month, 1)) {
    const E = monthBounds(month).last;
    const Eprev = monthBounds(addMonths(month, -1)).last;
    // The store takes part in a month when the history reaches E′ and runs into the month (see DECISIONS).
    const takesPart = firstRun <= Eprev && lastRun >= monthBounds(month).first;
    monthFacts(
      out,
      month,
      new HistoryView(monthsForFigures(month).map((k) => byMonth.get(k) ?? emptyMonth(k))),
      settings,
      Eprev,
      E,
      passes,
      takesPart,
    );
  }
  for (const [loanId, day] of input.disbursedOn) {
    if (day === null) continue;
    const m = monthOf(day);
    out.loans.push({ loan_id: loanId, disbursed_month: m, disbursed_month_no: monthNo(m) });
  }
  if (input.contacts) out.contacts = contactFacts(input.contacts, timelineOf(all), input.installmentOf);
  return out;
}

/** A day's state and principal for one account, as the month-end report reads it from `view`. */
function stateAt(view: HistoryView, id: string, day: Day, settings: Settings): { state: FactState; principal: number | null } {
  const s = view.stateOn(id, day);
  if (!s.known) return { state: "unknown", principal: null };
  const state = endStateOf(s.obs, day, settings);
  return { state, principal: state === "none" ? null : s.obs.principal };
}

/** Whether the view's runs reach day k on both sides (the report's "not run" otherwise). */
function covered(view: HistoryView, k: Day): boolean {
  const days = view.days();
  return days.length > 0 && days[0] <= k && days[days.length - 1] >= k;
}

function monthFacts(
  out: StoreFacts,
  month: MonthKey,
  view: HistoryView,
  settings: Settings,
  Eprev: Day,
  E: Day,
  passes: ReadonlyMap<string, AccountPass>,
  takesPart: boolean,
): void {
  const no = monthNo(month);
  out.months.push({ month, month_no: no, prev_end_covered: covered(view, Eprev), end_covered: covered(view, E), takes_part: takesPart });
  const days = new Map(settings.dueDays.map((d) => [d, cm1Days(month, d)]));
  for (const [dueDay, { before, after, base }] of days) {
    out.dueDays.push({
      month,
      month_no: no,
      due_day: dueDay,
      eve_covered: covered(view, before),
      morrow_covered: covered(view, after),
      base_covered: covered(view, base),
    });
  }
  const ids = [...view.loanIds()].sort();
  for (const id of ids) {
    for (const [dueDay, { base }] of days) {
      const b = stateAt(view, id, base, settings);
      if (b.state !== "none") out.baseStates.push({ month, month_no: no, due_day: dueDay, loan_id: id, ...b });
    }
    const prev = stateAt(view, id, Eprev, settings);
    const end = stateAt(view, id, E, settings);
    const dueDay = view.record(id, month)?.dueDay ?? null;
    const cm1 = dueDay === null ? undefined : days.get(dueDay);
    const eve = cm1 ? stateAt(view, id, cm1.before, settings) : null;
    const morrow = cm1 ? stateAt(view, id, cm1.after, settings) : null;
    const pass = passes.get(id);
    const maxDpd = pass?.maxDpd.get(month) ?? null;
    const entry = pass?.entries.get(month);
    const states = [prev.state, end.state, eve?.state, morrow?.state];
    if (states.every((s) => s === "none" || s === undefined) && maxDpd === null && !entry) continue;
    out.accountMonths.push({
      month,
      month_no: no,
      loan_id: id,
      due_day: dueDay,
      state_prev_end: prev.state,
      principal_prev_end: prev.principal,
      state_end: end.state,
      principal_end: end.principal,
      state_eve: eve?.state ?? null,
      principal_eve: eve?.principal ?? null,
      state_morrow: morrow?.state ?? null,
      principal_morrow: morrow?.principal ?? null,
      max_dpd: maxDpd,
      entered_m1_on: entry ? isoDay(entry.day) : null,
      principal_at_m1_entry: entry?.principal ?? null,
      paid_d30: entry?.paid[0] ?? null,
      paid_d60: entry?.paid[1] ?? null,
      paid_d90: entry?.paid[2] ?? null,
    });
  }
}

interface M1Entry {
  day: Day;
  principal: number;
  paid: [number | null, number | null, number | null];
}

/** What one pass over an account's whole history gives: its largest DPD in each month, and its entry into M1 in each month. */
interface AccountPass {
  maxDpd: Map<MonthKey, number>;
  entries: Map<MonthKey, M1Entry>;
}

const isActiveIn = (o: Observation) => o.status === "A" && o.principal > 0;
const sameState = (a: Observation, b: Observation) =>
  a.oldestUnpaid === b.oldestUnpaid && a.principal === b.principal && a.status === b.status;

/** An account's observation on every run day of the history, in order (absent in a month it is not in). */
function observationsAcross(history: readonly MonthHistory[], id: string): Observation[] {
  const out: Observation[] = [];
  for (const m of history) {
    const i = m.records.indexOf(id);
    if (i < 0) for (let j = 0; j < m.runDays.length; j++) out.push(ABSENT);
    else for (const o of observationsOn(m.records.entries(i), m.runDays)) out.push(o);
  }
  return out;
}

/**
 * One pass over an account's history (months in order, `days` their run days):
 *
 * - the largest DPD in each month on any day the history covers while it was
 *   active: a run day, or a day between two runs that saw the account the same
 *   (as `HistoryView.stateOn` derives it); DPD only grows between such runs, so
 *   a gap's largest in a month is on its last day in that month;
 * - its entry into M1 in a month: a run day in M1 after a run day in C. Paid
 *   down within n days = principal at entry less what the last run on or before
 *   entry + n saw (0 when settled or gone from the ledger), in cents; null when
 *   that day is past the history's last run.
 */
function accountPass(history: readonly MonthHistory[], days: readonly Day[], id: string, settings: Settings): AccountPass {
  const obs = observationsAcross(history, id);
  const maxDpd = new Map<MonthKey, number>();
  const entries = new Map<MonthKey, M1Entry>();
  const consider = (o: Observation, d: Day) => {
    if (!isActiveIn(o)) return;
    const m = monthOf(d);
    const dpd = daysPastDue(o.oldestUnpaid, d, settings.graceDays);
    if (!(dpd <= (maxDpd.get(m) ?? -1))) maxDpd.set(m, dpd);
  };
  const lastRun = days[days.length - 1];
  let prev: EndState = "none";
  for (let j = 0; j < days.length; j++) {
    const r = days[j];
    const o = obs[j];
    consider(o, r);
    if (j + 1 < days.length && sameState(o, obs[j + 1])) {
      // The days strictly between this run and the next are covered: the last of them in each month they reach.
      const until = days[j + 1] - 1;
      for (let d = r + 1; d <= until; d = monthBounds(monthOf(d)).last + 1) consider(o, Math.min(until, monthBounds(monthOf(d)).last));
    }
    const s = endStateOf(o, r, settings);
    if (prev === "C" && s === "M1" && isActiveIn(o) && !entries.has(monthOf(r))) {
      const paid = [30, 60, 90].map((n) => {
        const until = r + n;
        if (until > lastRun) return null;
        let k = j;
        while (k + 1 < days.length && days[k + 1] <= until) k++;
        const later = obs[k];
        const left = later.status === "A" || later.status === "W" ? later.principal : 0;
        // In cents, as amounts are kept (no float dust from the subtraction).
        return Math.max(0, Math.round((o.principal - left) * 100) / 100);
      }) as M1Entry["paid"];
      entries.set(monthOf(r), { day: r, principal: o.principal, paid });
    }
    prev = s;
  }
  return { maxDpd, entries };
}

/** The contact log's entries as facts: no customer name, no number, no note. */
function contactFacts(
  entries: readonly ContactEntry[],
  timeline: LedgerTimeline,
  installmentOf: (loanId: string) => number | null,
): ContactFact[] {
  return entries.map((e) => {
    const month = monthOf(e.date);
    const ptp = e.outcome === "ptp";
    const status = !ptp
      ? null
      : e.ptpDate !== null && timeline.atOrAfter(e.loanId, e.ptpDate) !== null
        ? promiseStatus(e, e.ptpDate + 1, timeline, installmentOf(e.loanId))
        : "pending";
    return {
      month,
      month_no: monthNo(month),
      date: isoDay(e.date),
      hour: hourOf(e),
      staff: e.staff,
      loan_id: e.loanId,
      task: e.task,
      number_kind: e.numberKind,
      outcome: e.outcome,
      is_dial: isDial(e.outcome),
      reached: REACHED.has(e.outcome),
      ptp_date: ptp && e.ptpDate !== null ? isoDay(e.ptpDate) : null,
      ptp_amount: ptp ? e.ptpAmount : null,
      // A method off the list is staff's free text: it is left out like a note ("other").
      ptp_method: !ptp || e.ptpMethod === "" ? null : (PTP_METHODS as readonly string[]).includes(e.ptpMethod) ? e.ptpMethod : "other",
      ptp_status: status,
    };
  });
}

/** The hour of a call: its time, else its window's start; null when neither. */
function hourOf(e: ContactEntry): number | null {
  const m = /^(\d{1,2}):(\d{2})/.exec(e.time) ?? /^(\d{1,2}):(\d{2})/.exec(e.window);
  return m ? Number(m[1]) : null;
}

/** True for the five buckets. */
export function isBucketState(s: string): boolean {
  return BUCKET_SET.has(s);
}
