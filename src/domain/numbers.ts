/**
 * The customer's numbers (SPEC §4 "Numbers"): a number recorded as new contact
 * info is the first of its kind from then on, the old one listed after it; and
 * the day a delinquency began, from which its dials are counted. Pure.
 */
import type { Numbers } from "./calls";
import type { PhoneKind } from "./taskTypes";
import type { AttemptSummary } from "./attempts";
import type { Day } from "./days";

/** Every number of each kind, the one to dial first at the head. */
export type NumberLists = Record<PhoneKind, string[]>;

const PHONE_KINDS: readonly PhoneKind[] = ["mobile", "work", "home"];

/**
 * The numbers to dial, new ones first: the latest new mobile from the contact log
 * heads the mobiles; another new number (a landline: the note does not say whose)
 * heads the work phones when the ledger's is missing or invalid, else the home
 * phones when that one is, else the work phones. The ledger's own numbers stay,
 * after them.
 */
export function numberLists(own: Numbers, s: AttemptSummary): NumberLists {
  const lists: NumberLists = { mobile: [], work: [], home: [] };
  const known = new Set<string>();
  const put = (kind: PhoneKind, n: string) => {
    if (n === "" || known.has(n)) return;
    known.add(n);
    lists[kind].push(n);
  };
  put("mobile", s.newMobile);
  const other = /^\+?\d{5,20}$/.test(s.newOther) ? s.newOther : "";
  if (other !== "" && other !== own.mobile && other !== own.work && other !== own.home) {
    const free = (k: PhoneKind) => own[k] === "" || s.invalid.has(own[k]);
    put(free("work") ? "work" : free("home") ? "home" : "work", other);
  }
  for (const k of PHONE_KINDS) put(k, own[k]);
  return lists;
}

/** The first number of each kind ("" when there is none). */
export function firstNumbers(lists: NumberLists): Numbers {
  return { mobile: lists.mobile[0] ?? "", work: lists.work[0] ?? "", home: lists.home[0] ?? "" };
}

/** The first number of each kind that may be dialled today: not invalid and under the per-number daily cap of unanswered dials. */
export function usableFirst(lists: NumberLists, s: AttemptSummary, cap: number): Numbers {
  const ok = (n: string) => !s.invalid.has(n) && (s.unansweredToday.get(n) ?? 0) < cap;
  return { mobile: lists.mobile.find(ok) ?? "", work: lists.work.find(ok) ?? "", home: lists.home.find(ok) ?? "" };
}

/** Every number, kind by kind, first ones first. */
export function allNumbers(lists: NumberLists): string[] {
  return [...lists.mobile, ...lists.work, ...lists.home];
}

/**
 * The day the account's delinquency began: the day its DPD reached M1's first DPD
 * (SPEC §4: dials are counted from the day the account entered M1, across days).
 */
export function episodeStart(t: Day, dpd: number, m1Start: number): Day {
  return t - dpd + m1Start;
}
