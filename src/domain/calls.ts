/**
 * The day's call tasks (SPEC §4): who gets a call on date t, when, on which
 * number, and who owns it. Pure: the call sheet is written from these.
 */
import { overdueAmountOf } from "./amounts";
import { allNumbers, episodeStart, numberLists, usableFirst } from "./numbers";
import { DEFAULT_MANAGER_CAPACITY, DEFAULT_STAFF_CAPACITY, orderAndCap } from "./capacity";
import { type Bucket, type Classification, type ReminderClass, observationOf } from "./classify";
import { type ContactEntry, UNANSWERED_FOR_SMS } from "./contacts";
import { type AttemptSummary, COLLECTION_PERIODS, allNumbersFailed, summarizeAttempts } from "./attempts";
import { type LedgerTimeline, type PtpStatus, promiseStatus } from "./promises";
import { readPhone } from "./cells";
import { fnv1a } from "./hash";
import type { Day } from "./days";
import type { Account } from "./ledger";
import type { Settings, StaffMember } from "./settings";
import type { WorkCalendar } from "./workdays";
import { bestPeriod, placePeriod } from "./figures/bestWindow";
import type { CallWindow, OwnerRole, PhoneKind, TaskType } from "./taskTypes";

export { type CallWindow, type OwnerRole, type PhoneKind, TASK_TYPES, type TaskType } from "./taskTypes";

/** One row of the call sheet. */
export interface CallTask {
  type: TaskType;
  loanId: string;
  ledgerRow: number;
  customer: string;
  owner: string;
  ownerRole: OwnerRole;
  window: CallWindow | null;
  phone: PhoneKind | null;
  number: string;
  bucket: Bucket;
  dpd: number;
  reminderClass: ReminderClass | null;
  provisional: boolean;
  principal: number;
  /** The next installment (SPEC §4 amount_due). */
  amountDue: number | null;
  /** For DPD ≥ 1: the whole overdue amount (SPEC §4 amount_overdue) and the installments it covers; null otherwise. */
  amountOverdue: number | null;
  installmentsOverdue: number | null;
  dueDate: Day | null;
  /** The dial is to a number that may reach someone else: start with the third-party script. */
  thirdParty: boolean;
  /** Beyond the owner's daily capacity: carried, not dropped. */
  overCapacity: boolean;
  /** The owner's daily calls (null: not capped, e.g. a handover). */
  capacity: number | null;
  /** The promise a broken-promise task follows up, or a collection call's promise due today. */
  promise?: { date: Day; amount: number; status: PtpStatus };
  /** A collection call on the day a promise is due: first within its bucket. */
  promiseDueToday?: boolean;
}

const MORNING: CallWindow = { start: 9, end: 12 };
const CONFIRM_WINDOW: CallWindow = { start: 15, end: 16 };

/**
 * The dial rotation over 20 dials: mobile 15 (75%), work 3 (15%), home 2 (10%)
 * — inside the course's 70–80% / 10–15% / 5–10% — with the work phone right
 * after two mobile dials. Numbers that do not exist are skipped, so the shares
 * renormalise over the numbers the customer has.
 */
export const DIAL_ROTATION: readonly PhoneKind[] = [
  "mobile", "mobile", "work", "mobile", "mobile", "mobile", "home", "mobile", "mobile", "mobile",
  "work", "mobile", "mobile", "mobile", "mobile", "home", "mobile", "mobile", "work", "mobile",
]; // biome-ignore format: one dial per slot reads best in two rows

/** The customer's numbers by kind ("" when missing). */
export interface Numbers {
  mobile: string;
  work: string;
  home: string;
}

/** The number kind for the n-th collection dial (0-based) among the numbers that exist; null when there is none. */
export function rotationDial(n: number, numbers: Numbers): PhoneKind | null {
  const usable = DIAL_ROTATION.filter((k) => numbers[k] !== "");
  return usable.length === 0 ? null : usable[((n % usable.length) + usable.length) % usable.length];
}

/** The first number that exists, mobile first. */
export function firstNumber(numbers: Numbers): PhoneKind | null {
  return numbers.mobile ? "mobile" : numbers.work ? "work" : numbers.home ? "home" : null;
}

/** Clips a window to the allowed calling hours; the whole allowed span when nothing of it is left. */
export function clipWindow(w: CallWindow, settings: Settings): CallWindow {
  const start = Math.max(w.start, settings.callHoursStart);
  const end = Math.min(w.end, settings.callHoursEnd);
  return start < end ? { start, end } : { start: settings.callHoursStart, end: settings.callHoursEnd };
}

/** `09:00-12:00`. */
export function windowText(w: CallWindow | null): string | null {
  if (!w) return null;
  const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
  return `${hh(w.start)}-${hh(w.end)}`;
}

/** Staff who do the calls, the manager, and the back office, resolved from settings and the ledger. */
export interface Team {
  callers: StaffMember[];
  manager: StaffMember;
  backOffice: StaffMember;
}

/** Staff from settings; without any, the ledger's collectors, else one default member of staff. */
export function resolveTeam(settings: Settings, ledgerCollectors: readonly string[]): Team {
  const callers = settings.staff.filter((s) => s.role === "staff");
  if (callers.length === 0) {
    const names = [...new Set(ledgerCollectors.filter((n) => n !== ""))].sort();
    for (const name of names) callers.push({ name, role: "staff", dailyCapacity: DEFAULT_STAFF_CAPACITY });
    if (callers.length === 0) callers.push({ name: "客服 Staff", role: "staff", dailyCapacity: DEFAULT_STAFF_CAPACITY });
  }
  const manager = settings.staff.find((s) => s.role === "manager") ?? {
    name: "门店经理 Store manager",
    role: "manager",
    dailyCapacity: DEFAULT_MANAGER_CAPACITY,
  };
  const backOffice = settings.staff.find((s) => s.role === "back_office") ?? {
    name: "后线 Back office",
    role: "back_office",
    dailyCapacity: 0,
  };
  return { callers, manager, backOffice };
}

/** A stable hash of a loan id, so an account keeps the same collector day after day. */
function stableHash(text: string): number {
  return fnv1a(text) >>> 0;
}

/** The account's collector: the ledger's collector when given, else the same staff member every day. */
export function collectorFor(loanId: string, ledgerCollector: string, team: Team): StaffMember {
  if (ledgerCollector !== "")
    return (
      team.callers.find((s) => s.name === ledgerCollector) ?? {
        name: ledgerCollector,
        role: "staff",
        dailyCapacity: DEFAULT_STAFF_CAPACITY,
      }
    );
  return team.callers[stableHash(loanId) % team.callers.length];
}

/** What the contact log says, for the tasks it feeds back (SPEC §5). */
export interface ContactHistory {
  /** Each account's contact-log entries, in the order they happened. */
  byLoan: ReadonlyMap<string, readonly ContactEntry[]>;
  /** The ledger's state on past days, from Daihou's history (for promises). */
  timeline?: LedgerTimeline;
}

/** Context for building a day's tasks. */
export interface ScheduleContext {
  t: Day;
  settings: Settings;
  calendar: WorkCalendar;
  team: Team;
  /** With the contact log: broken promises, SMS, lost contact, and dials that follow the real attempts. */
  contacts?: ContactHistory;
}

/** The account manager who takes a lost-contact escalation: the ledger's, else Settings', else a default. */
export function accountManagerFor(ledgerManager: string, settings: Settings): StaffMember {
  if (ledgerManager !== "") return { name: ledgerManager, role: "account_manager", dailyCapacity: 0 };
  return (
    settings.staff.find((s) => s.role === "account_manager") ?? {
      name: "客户经理 Account manager",
      role: "account_manager",
      dailyCapacity: 0,
    }
  );
}

/**
 * The next collection dial: after two failed mobile dials in a row, the work
 * phone (else the home phone); otherwise the rotation indexed by the real
 * number of dials in this delinquency (by `dayIndex` while there is none).
 */
export function nextDial(s: AttemptSummary, usable: Numbers, dayIndex: number): PhoneKind | null {
  if (s.failedMobileStreak >= 2) {
    if (usable.work !== "") return "work";
    if (usable.home !== "") return "home";
  }
  return rotationDial(s.dials > 0 ? s.dials : dayIndex, usable);
}

/** The account's own numbers, cleaned to digits for dialling (the ledger's cells as typed: `readPhone`). */
export function ownNumbers(a: Account): Numbers {
  return { mobile: readPhone(a.mobile), work: readPhone(a.workPhone), home: readPhone(a.homePhone) };
}

/** A reminder-side call an account in C gets today (SPEC §4). */
interface ReminderCall {
  type: "first_reminder" | "reminder" | "confirm";
  window: CallWindow;
  dueDate: Day | null;
}

const NO_REMINDERS: readonly ReminderCall[] = [];

/** The first-reminder, reminder and confirmation calls an account in C gets on t (none for most). */
function remindersOf(c: Classification, t: Day, calendar: WorkCalendar): readonly ReminderCall[] {
  const a = c.account;
  // Made for the few accounts with a call (most in C have none on a given day).
  let out: ReminderCall[] | undefined;
  const k = c.nextDue === null ? null : c.nextDue - t;
  const cls = c.reminder?.reminderClass;
  if (cls === "NEW") {
    const w = c.firstDue === null ? 0 : calendar.workingDaysAfter(t, c.firstDue);
    if (w >= 3 && w <= 5) out = [{ type: "first_reminder", window: MORNING, dueDate: c.firstDue }];
  } else if (k !== null) {
    const lastDay = cls === "A" ? 1 : cls === "B" ? 3 : 5;
    if (k >= 1 && k <= lastDay) out = [{ type: "reminder", window: MORNING, dueDate: c.nextDue }];
  }
  const dueTodayUnpaid = a.oldestUnpaid !== null ? a.oldestUnpaid === t : a.statedDpd !== null && k === 0;
  if (dueTodayUnpaid) {
    const confirm: ReminderCall = { type: "confirm", window: CONFIRM_WINDOW, dueDate: t };
    if (out) out.push(confirm);
    else out = [confirm];
  }
  return out ?? NO_REMINDERS;
}

/** Adds the tasks of one account on t (one with a welcome or reminder call, or not in C). */
function addTasksOf(
  c: Classification,
  welcome: boolean,
  inC: boolean,
  reminders: readonly ReminderCall[],
  ctx: ScheduleContext,
  tasks: CallTask[],
): void {
  const { t, settings, team } = ctx;
  const m1Start = settings.bucketStarts[0];
  const a = c.account;
  // Worked out on the account's first task only.
  let own: Numbers | undefined;
  const accountNumbers = () => {
    own ??= ownNumbers(a);
    return own;
  };
  let usable: Numbers | undefined;
  // On every call, not only collection: a new number from the contact log takes the place of a
  // missing or invalid one, and a number marked invalid (or at today's cap) is not dialled.
  const callableNumbers = () => {
    if (usable === undefined) {
      const logged = ctx.contacts?.byLoan.get(a.loanId);
      const attempts = logged && logged.length > 0 ? summarizeAttempts(logged, t, t) : null;
      usable = attempts
        ? usableFirst(numberLists(accountNumbers(), attempts), attempts, settings.maxUnansweredDialsPerNumberPerDay)
        : accountNumbers();
    }
    return usable;
  };
  const overdue = overdueAmountOf(a, c.dpd, t, settings.graceDays);
  let assigned: StaffMember | undefined;
  const collector = () => {
    assigned ??= collectorFor(a.loanId, a.collector, team);
    return assigned;
  };
  const add = (
    type: TaskType,
    owner: StaffMember,
    window: CallWindow | null,
    phone: PhoneKind | null,
    dueDate: Day | null,
    dialled: Numbers = callableNumbers(),
    extra: Pick<CallTask, "promise" | "promiseDueToday"> = {},
  ) => {
    // Built field by field (no spreads): 100,000 accounts make thousands of tasks of one shape.
    const task: CallTask = {
      type,
      loanId: a.loanId,
      ledgerRow: a.row,
      customer: a.customer,
      owner: owner.name,
      ownerRole: owner.role,
      window: window && clipWindow(window, settings),
      phone,
      number: phone ? dialled[phone] : "",
      bucket: c.bucket,
      dpd: c.dpd,
      reminderClass: c.reminder?.reminderClass ?? null,
      provisional: c.reminder?.provisional ?? false,
      principal: a.principal,
      amountDue: a.installment,
      amountOverdue: overdue === null ? null : overdue.amount,
      installmentsOverdue: overdue === null ? null : overdue.installments,
      dueDate,
      thirdParty: settings.thirdPartyScriptOnOtherNumbers && (phone === "work" || phone === "home"),
      overCapacity: false,
      capacity: null,
    };
    if (extra.promise !== undefined) task.promise = extra.promise;
    if (extra.promiseDueToday !== undefined) task.promiseDueToday = extra.promiseDueToday;
    tasks.push(task);
  };

  if (welcome) {
    add(
      "welcome",
      team.manager,
      { start: settings.callHoursStart, end: settings.callHoursEnd },
      firstNumber(callableNumbers()),
      c.firstDue,
    );
  }
  if (inC) {
    for (const r of reminders) add(r.type, collector(), r.window, firstNumber(callableNumbers()), r.dueDate);
  } else if ((c.bucket === "M1" || c.bucket === "M2") && ctx.contacts) {
    const day = Math.max(0, c.dpd - m1Start);
    // Dials counted across days from the day the account entered M1 (SPEC §4 "Numbers").
    const s = summarizeAttempts(ctx.contacts.byLoan.get(a.loanId) ?? [], t, episodeStart(t, c.dpd, m1Start));
    const lists = numberLists(accountNumbers(), s);
    const usable = usableFirst(lists, s, settings.maxUnansweredDialsPerNumberPerDay);
    const phone = nextDial(s, usable, day);
    const p = s.latestPromise;
    const status = p ? promiseStatus(p, t, ctx.contacts.timeline, a.installment, observationOf(a, t, settings.graceDays)) : "pending";
    const promise = p?.ptpDate != null && p.ptpAmount !== null ? { date: p.ptpDate, amount: p.ptpAmount, status } : undefined;
    // A promise whose date has passed unkept, not followed up since: first thing on the sheet.
    const followedUp = s.lastDialDate !== null && promise !== undefined && s.lastDialDate > promise.date;
    const broken = promise !== undefined && (status === "broken" || status === "partial") && !followedUp;
    // The customer's best window so far (most reached dials) places the call; the alternation without one (figures/bestWindow.ts).
    const window = broken
      ? COLLECTION_PERIODS[0]
      : COLLECTION_PERIODS[placePeriod(s, bestPeriod(ctx.contacts.byLoan.get(a.loanId) ?? [], t), day)];
    if (broken) {
      add("broken_promise", collector(), window, phone, a.oldestUnpaid, usable, { promise });
    } else if (phone !== null) {
      const dueToday = promise !== undefined && promise.date === t;
      add("collection", collector(), window, phone, a.oldestUnpaid, usable, dueToday ? { promise, promiseDueToday: true } : {});
    }
    // The SMS goes to the customer's own first mobile that is not invalid.
    const smsTo = lists.mobile.find((n) => !s.invalid.has(n));
    if (s.unansweredSinceSms >= UNANSWERED_FOR_SMS && smsTo !== undefined) {
      add("sms", collector(), window, "mobile", a.oldestUnpaid, { ...usable, mobile: smsTo });
    }
    const all = allNumbers(lists);
    if (allNumbersFailed(s, all)) add("lost_contact", accountManagerFor(a.manager, settings), null, null, a.oldestUnpaid);
  } else if (c.bucket === "M1" || c.bucket === "M2") {
    const day = Math.max(0, c.dpd - m1Start);
    add(
      "collection",
      collector(),
      COLLECTION_PERIODS[day % COLLECTION_PERIODS.length],
      rotationDial(day, accountNumbers()),
      a.oldestUnpaid,
    );
  } else if (c.bucket === "M3" || c.bucket === "M3+") {
    add("handover", team.backOffice, null, null, a.oldestUnpaid);
  }
}

/** Builds the tasks of day t from the day's classifications (active accounts only), ordered and capacity-checked. */
export function buildTasks(items: readonly Classification[], ctx: ScheduleContext): CallTask[] {
  const { t, calendar, team } = ctx;
  const tasks: CallTask[] = [];
  const working = calendar.isWorkingDay(t);
  const welcomeFrom = working ? calendar.previousWorkingDay(t) : Number.POSITIVE_INFINITY;

  for (let i = 0; i < items.length; i++) {
    const c = items[i];
    if (!c.active) continue;
    const a = c.account;
    const welcome = a.disbursedOn !== null && a.disbursedOn >= welcomeFrom && a.disbursedOn < t;
    // An account in C with no welcome, reminder or confirmation call today (most of them) is passed by here.
    const inC = c.bucket === "C" && c.reminder !== null;
    const reminders = inC ? remindersOf(c, t, calendar) : NO_REMINDERS;
    if (!welcome && c.bucket === "C" && reminders.length === 0) continue;
    // A function of its own: its closures (and the context they share) are made only for an account with a task.
    addTasksOf(c, welcome, inC, reminders, ctx, tasks);
  }
  return orderAndCap(tasks, team);
}
