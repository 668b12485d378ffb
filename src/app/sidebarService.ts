/**
 * The guidance sidebar's and the settings dialog's server side, over the
 * BookPort: the customer card of one account, recording a call from the card
 * (the same rules as the call sheet, SPEC §5, into the same contact log), and
 * the settings view and save. Everything it returns is JSON-safe (no Dates):
 * it crosses google.script.run in Sheets and HTTP in the local preview.
 */
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT, cellText } from "../domain/cells";
import { type CallTask, type Numbers, type PhoneKind, buildTasks, ownNumbers, resolveTeam, windowText } from "../domain/calls";
import { bestWindowText } from "../domain/figures/bestWindow";
import { type Classification, classFromM1Months, observationOf } from "../domain/classify";
import { type ContactEntry, type FilledCallRow, OUTCOMES, PTP_METHODS, checkCallRow, reasonText } from "../domain/contacts";
import { groupByLoan, summarizeAttempts } from "../domain/attempts";
import { type PtpStatus, promiseStatus, timelineOf } from "../domain/promises";
import { type Day, isoDay, parseIsoDay } from "../domain/days";
import { type Lang, type MessageKey, t as msg } from "../domain/i18n";
import type { Account } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { formatAmount, overdueText, talkingPoints } from "../domain/talkingPoints";
import { overdueAmountOf } from "../domain/amounts";
import { WorkCalendar } from "../domain/workdays";
import { type NumberLists, episodeStart, firstNumbers, numberLists } from "../domain/numbers";
import { type UiTextKey, tx } from "../domain/messages/ui";
import { callColumnsOf, isFilledRow, writeCallSheetRows } from "./callSheet";
import {
  CONTACT_LOG_WIDTHS,
  type ContactLog,
  PTP_STATUS_LABELS,
  contactLogColumns,
  contactLogRow,
  methodText,
  readContactLog,
} from "./contactLog";
import { type LedgerRead, readLedger, whyText } from "./dailyJob";
import { classifyAccount, openDay } from "./dayData";
import {
  CALL_COLUMNS,
  CLASS_LABELS,
  CONTACT_LOG_SHEET,
  type CallColumn,
  OUTCOME_LABELS,
  PHONE_LABELS,
  PTP_METHOD_LABELS,
  TASK_LABELS,
  callSheetName,
  keyOfLabel,
} from "./names";
import type { BookPort } from "./port";
import { RECORDED, writeContactColumns } from "./recordOutcomes";

/** A key and its label, for a dropdown. */
export interface Choice {
  key: string;
  label: string;
}

/** One of the customer's numbers. */
export interface NumberView {
  kind: PhoneKind;
  label: string;
  number: string;
  invalid: boolean;
  next: boolean;
}

/** One task of the day for the account. */
export interface TaskView {
  type: string;
  label: string;
  window: string;
  owner: string;
  talkingPoints: string;
}

/** One logged contact. */
export interface ContactView {
  date: string;
  time: string;
  staff: string;
  numberKind: string;
  outcome: string;
  promise: string;
  note: string;
}

/** The customer card: all JSON-safe. */
export interface CardView {
  ok: true;
  loanId: string;
  customer: string;
  date: string;
  active: boolean;
  bucket: string;
  dpd: number;
  why: string;
  reminderClass: string;
  principal: string;
  /** The next installment, its date and (DPD ≥ 1) the whole overdue amount; "" for a settled or written-off account. */
  amountDue: string;
  amountOverdue: string;
  dueDate: string;
  numbers: NumberView[];
  nextWhy: string[];
  tasks: TaskView[];
  contacts: ContactView[];
  outcomes: Choice[];
  methods: Choice[];
  phoneKinds: Choice[];
  /** The number kind the form starts on ("" when the store does not call). */
  defaultKind: string;
  /** False when the store does not call this account (settled, written off, handed over): no call form. */
  callable: boolean;
  /** The customer's best time to call so far ("19:00-21:00"; "" without a reached dial): figures/bestWindow.ts. */
  bestWindow: string;
}

/** A failure the user reads. */
export interface Failure {
  ok: false;
  errors: string[];
}

/** What the record form sends: all strings. */
export interface RecordForm {
  loanId: string;
  /** The call's date (yyyy-MM-dd): the call sheet it belongs to. */
  date: string;
  outcome: string;
  numberKind: string;
  time: string;
  ptpDate: string;
  ptpAmount: string;
  ptpMethod: string;
  note: string;
}

/** A recording accepted: the message and the card as it is now. */
export interface RecordDone {
  ok: true;
  message: string;
  card: CardView;
}

/** Where and how the services run. */
export interface SidebarContext {
  lang: Lang;
  settings: Settings;
  ledgerSheet: string;
  cellContext?: CellContext;
  /** `YYYY-MM-DD HH:MM`, written with a recorded entry. */
  recordedAt?: string;
}

/** Everything known about one account on t. */
interface AccountState {
  account: Account;
  item: Classification;
  tasks: CallTask[];
  entries: ContactEntry[];
  status: (e: ContactEntry) => PtpStatus | null;
  /** The first number of each kind: a new one from the contact log first (SPEC §4 "Numbers"). */
  numbers: Numbers;
  /** Every number of each kind, the first first. */
  lists: NumberLists;
  /** The ledger and the contact log as read, so that recording does not read them again. */
  ledger: LedgerRead;
  accounts: readonly Account[];
  log: ContactLog;
}

class NotFound extends Error {}

function loadAccount(port: BookPort, loanId: string, t: Day, cx: SidebarContext): AccountState {
  const { settings, lang } = cx;
  const ctx = cx.cellContext ?? { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder };
  // The day's data as the daily job builds it (dayData.ts), with this one account classified.
  let read: LedgerRead;
  try {
    read = readLedger(port, cx.ledgerSheet);
  } catch {
    throw new NotFound(tx(lang, "error.no_ledger"));
  }
  const day = openDay(port, { t, settings, ledgerSheet: cx.ledgerSheet, cellContext: ctx }, read);
  const { ledger, parsed } = day;
  const found = classifyAccount(day, loanId);
  if (!found) throw new NotFound(tx(lang, "error.no_loan", { loan: loanId }));
  const { account, item } = found;
  const log = readContactLog(port.read(CONTACT_LOG_SHEET), lang, ctx);
  const byLoan = groupByLoan(log.entries.filter((e) => e.loanId === loanId));
  const timeline = timelineOf(day.history.allMonths());
  const team = resolveTeam(
    settings,
    parsed.accounts.map((a) => a.collector),
  );
  const tasks = item.active
    ? buildTasks([item], {
        t,
        settings,
        calendar: new WorkCalendar(settings.holidays, settings.makeupWorkdays),
        team,
        contacts: { byLoan, timeline },
      })
    : [];
  const today = observationOf(account, t, settings.graceDays);
  const status = (e: ContactEntry) => (e.outcome === "ptp" ? promiseStatus(e, t, timeline, account.installment, today) : null);
  const entries = byLoan.get(loanId) ?? [];
  const lists = numberLists(ownNumbers(account), summarizeAttempts(entries, t, t));
  return { account, item, tasks, entries, status, numbers: firstNumbers(lists), lists, ledger, accounts: parsed.accounts, log };
}

function choices<K extends string>(keys: readonly K[], labels: Record<K, Record<Lang, string>>, lang: Lang): Choice[] {
  return keys.map((k) => ({ key: k, label: labels[k][lang] }));
}

function cardOf(s: AccountState, t: Day, cx: SidebarContext): CardView {
  const { lang, settings } = cx;
  const { account: a, item } = s;
  // Dials of this delinquency, counted across days from the day it entered M1 (SPEC §4 "Numbers").
  const m1Start = settings.bucketStarts[0];
  const attempts = summarizeAttempts(s.entries, t, episodeStart(t, item.dpd, m1Start));
  const main = s.tasks.find((k) => k.phone !== null) ?? s.tasks[0];
  const numbers: NumberView[] = [];
  // Every number, a newly recorded one first and the old one after it.
  for (const kind of ["mobile", "work", "home"] as const)
    for (const n of s.lists[kind])
      numbers.push({
        kind,
        label: PHONE_LABELS[kind][lang],
        number: n,
        invalid: attempts.invalid.has(n),
        next: main?.phone === kind && main.number === n,
      });

  const nextWhy: string[] = [];
  if (item.active && s.tasks.length > 0) {
    if (!main || main.phone === null) {
      if (s.tasks.some((k) => k.type === "collection" || k.type === "lost_contact")) nextWhy.push(tx(lang, "next.none"));
    } else if (main.type === "collection" || main.type === "broken_promise") {
      if (attempts.failedMobileStreak >= 2 && main.phone !== "mobile")
        nextWhy.push(tx(lang, "next.after_two_failed", { kind: PHONE_LABELS[main.phone][lang] }));
      // Without recorded dials, one scheduled a day since the account entered M1 (the rotation's own count).
      else nextWhy.push(tx(lang, "next.rotation", { n: (attempts.dials > 0 ? attempts.dials : Math.max(0, item.dpd - m1Start)) + 1 }));
    } else nextWhy.push(tx(lang, "next.reminder"));
    if (main?.thirdParty) nextWhy.push(tx(lang, "next.third_party"));
  }

  const reminder = item.reminder;
  const contacts: ContactView[] = s.entries
    .slice(-8)
    .reverse()
    .map((e) => {
      const st = s.status(e);
      const promise =
        e.outcome === "ptp" && e.ptpDate !== null
          ? `${isoDay(e.ptpDate)} · ${formatAmount(e.ptpAmount)} · ${methodText(e.ptpMethod, lang)}${st ? ` (${PTP_STATUS_LABELS[st][lang]})` : ""}`
          : "";
      return {
        date: isoDay(e.date),
        time: e.time,
        staff: e.staff,
        numberKind: e.numberKind ? PHONE_LABELS[e.numberKind][lang] : "",
        outcome: OUTCOME_LABELS[e.outcome][lang],
        promise,
        note: e.note,
      };
    });
  const amountDue = main?.amountDue ?? a.installment;
  const dueDate = main?.dueDate ?? a.oldestUnpaid ?? item.nextDue;
  const overdue = overdueAmountOf(a, item.dpd, t, settings.graceDays);
  // The store does not call a settled, written-off or handed-over account (M3 and worse: the back office's).
  const callable = item.active && item.bucket !== "M3" && item.bucket !== "M3+";
  return {
    ok: true,
    loanId: a.loanId,
    customer: a.customer,
    date: isoDay(t),
    active: item.active,
    bucket: item.active ? item.bucket : "",
    dpd: item.dpd,
    why: item.active ? whyText(item, settings, lang) : tx(lang, "card.inactive"),
    reminderClass: !item.active
      ? ""
      : reminder
        ? `${CLASS_LABELS[reminder.reminderClass][lang]}${reminder.provisional ? ` — ${msg(lang, "class.provisional" as MessageKey)}` : ""}`
        : a.m1Entries3m !== null && item.bucket === "C"
          ? classFromM1Months(a.m1Entries3m)
          : "",
    principal: formatAmount(a.principal),
    amountDue: !item.active ? "" : amountDue === null ? "—" : formatAmount(amountDue),
    amountOverdue:
      !item.active || overdue === null
        ? ""
        : overdueText({ amountOverdue: overdue.amount, installmentsOverdue: overdue.installments, amountDue }, lang),
    dueDate: !item.active ? "" : dueDate === null ? "—" : isoDay(dueDate),
    numbers,
    nextWhy,
    tasks: s.tasks.map((k) => ({
      type: k.type,
      label: TASK_LABELS[k.type][lang],
      window: windowText(k.window) ?? "—",
      owner: k.owner,
      talkingPoints: talkingPoints(k, lang),
    })),
    contacts,
    outcomes: choices(OUTCOMES, OUTCOME_LABELS, lang),
    methods: choices(PTP_METHODS, PTP_METHOD_LABELS, lang),
    // The form records a number kind: its first number (the one dialled).
    phoneKinds: numbers
      .filter((n, i) => numbers.findIndex((m) => m.kind === n.kind) === i)
      .map((n) => ({ key: n.kind, label: `${n.label} ${n.number}` })),
    defaultKind: callable ? (main?.phone ?? numbers[0]?.kind ?? "") : "",
    callable,
    bestWindow: bestWindowText(s.entries, t),
  };
}

function dayOf(isoDate: string, lang: Lang): Day {
  const d = parseIsoDay(String(isoDate ?? "").trim());
  if (Number.isNaN(d)) throw new NotFound(tx(lang, "error.bad_date", { text: isoDate }));
  return d;
}

/** The card of account `loanId` on `isoDate` (yyyy-MM-dd), or the reason there is none. */
export function customerCard(port: BookPort, loanId: string, isoDate: string, cx: SidebarContext): CardView | Failure {
  try {
    const loan = String(loanId ?? "").trim();
    // No row selected (or a row without a loan id): say how to pick one, not "no account  in the ledger".
    if (loan === "") return { ok: false, errors: [tx(cx.lang, "card.pick")] };
    const t = dayOf(isoDate, cx.lang);
    return cardOf(loadAccount(port, loan, t, cx), t, cx);
  } catch (e) {
    if (e instanceof NotFound) return { ok: false, errors: [e.message] };
    throw e;
  }
}

/**
 * Records a call from the card. The row is checked by the call sheet's rules
 * (checkCallRow: an outcome from the list, a promise with date, amount and
 * method…); refused, nothing is written. Accepted, the entry is appended to the
 * contact log; the account's unfilled row on that date's call sheet is filled
 * in and flagged as recorded (else a row is added to the call sheet, when there
 * is one), so recording the call sheet later does not record it twice; the
 * ledger's contact columns follow.
 */
export function recordFromSidebar(port: BookPort, form: RecordForm, cx: SidebarContext): RecordDone | Failure {
  const { lang, settings } = cx;
  const ctx = cx.cellContext ?? { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder };
  const f = (k: keyof RecordForm) => String(form?.[k] ?? "").trim();
  // Nothing typed (the number kind is pre-selected): say so, rather than judge an empty row.
  if ((["outcome", "time", "ptpDate", "ptpAmount", "ptpMethod", "note"] as const).every((k) => f(k) === ""))
    return { ok: false, errors: [tx(lang, "form.empty")] };
  let t: Day;
  let state: AccountState;
  try {
    t = dayOf(f("date"), lang);
    state = loadAccount(port, f("loanId"), t, cx);
  } catch (e) {
    if (e instanceof NotFound) return { ok: false, errors: [e.message] };
    throw e;
  }
  const a = state.account;
  const sheet = callSheetName(t);
  const values = port.read(sheet);
  const at = values ? callColumnsOf(values) : null;
  const text = (r: readonly Cell[], c: CallColumn) => (at && at[c] >= 0 ? cellText(r[at[c]]).trim() : "");
  let rowIndex = -1;
  if (values && at) {
    rowIndex = values.findIndex((r, i) => i > 0 && text(r, "loan_id") === a.loanId && !isFilledRow(r, at));
    if (rowIndex < 0) rowIndex = values.length; // a new row at the bottom
  }
  const existing = values && rowIndex < values.length ? values[rowIndex] : null;
  const task = state.tasks[0];
  const kind = (keyOfLabel(PHONE_LABELS, f("numberKind")) ?? null) as PhoneKind | null;
  // The number the card showed for that kind (a new one from the log where the ledger's is missing or invalid).
  const numberOf = (k: PhoneKind | null) => (k === null ? "" : state.numbers[k]);
  const outcome = keyOfLabel(OUTCOME_LABELS, f("outcome"));
  const method = keyOfLabel(PTP_METHOD_LABELS, f("ptpMethod"));
  const filled: FilledCallRow = {
    row: values ? rowIndex + 1 : 0,
    loanId: a.loanId,
    customer: a.customer,
    staff: existing ? text(existing, "owner") : (task?.owner ?? ""),
    task: existing ? keyOfLabel(TASK_LABELS, text(existing, "task")) : (task?.type ?? null),
    window: existing ? text(existing, "window").replace(/^—$/, "") : (windowText(task?.window ?? null) ?? ""),
    numberKind: kind,
    number: numberOf(kind),
    time: f("time"),
    outcomeText: f("outcome") === "" ? "" : outcome ? OUTCOME_LABELS[outcome][lang] : f("outcome"),
    outcome,
    ptpDate: f("ptpDate"),
    ptpAmount: f("ptpAmount"),
    ptpMethodText: method ? PTP_METHOD_LABELS[method][lang] : f("ptpMethod"),
    ptpMethod: method,
    note: f("note"),
  };
  const check = checkCallRow(filled, t, cx.recordedAt ?? "", ctx);
  if (!check.ok) return { ok: false, errors: check.refusal.reasons.map((r) => reasonText(r, lang)) };
  const entry = check.entry;

  // The contact log (as read for the card): Daihou's own sheet, written whole in one write.
  const log = state.log;
  port.write(CONTACT_LOG_SHEET, [...log.rows, contactLogRow(entry, lang, contactLogColumns(log.rows))], {
    freezeHeader: true,
    widths: CONTACT_LOG_WIDTHS,
  });

  // The call sheet: its row says what was recorded, so recording the sheet skips it.
  if (values && at) {
    const width = Math.max(values[0].length, CALL_COLUMNS.length);
    const row: Cell[] = existing ? existing.slice() : new Array<Cell>(width).fill("");
    while (row.length < width) row.push("");
    const put = (c: CallColumn, v: Cell) => {
      if (at[c] >= 0) row[at[c]] = v;
    };
    if (!existing) {
      put("owner", filled.staff);
      put("window", filled.window || "—");
      put("task", filled.task ? TASK_LABELS[filled.task][lang] : "");
      put("customer", a.customer);
      put("loan_id", a.loanId);
      put("bucket", state.item.bucket);
      put("number", filled.number);
      put("number_kind", kind ? PHONE_LABELS[kind][lang] : "");
    }
    put("outcome", OUTCOME_LABELS[entry.outcome][lang]);
    put("ptp_date", entry.ptpDate === null ? "" : isoDay(entry.ptpDate));
    put("ptp_amount", entry.ptpAmount ?? "");
    put("ptp_method", entry.ptpMethod === "" ? "" : methodText(entry.ptpMethod, lang));
    put("note", entry.note);
    put("call_time", entry.time);
    put("flag", RECORDED[lang]);
    const rows = values.map((r) => r.slice());
    rows[rowIndex] = row;
    writeCallSheetRows(port, sheet, rows, lang);
  }

  writeContactColumns(
    port,
    { date: t, lang, settings, ledgerSheet: cx.ledgerSheet, cellContext: ctx },
    [...log.entries, entry],
    [entry],
    ctx,
    {
      ledger: state.ledger,
      accounts: state.accounts,
    },
  );
  const card = customerCard(port, a.loanId, isoDay(t), cx);
  if (!card.ok) return card;
  return { ok: true, message: tx(lang, "form.done", { log: CONTACT_LOG_SHEET }), card };
}

export {
  type FieldView,
  type SettingsRefused,
  type SettingsStore,
  type SettingsView,
  getSettingsView,
  saveSettingsJson,
} from "./settingsService";

/** Text keys the server side uses (so the catalogue test sees them). */
export const SERVER_TEXT_KEYS: readonly UiTextKey[] = [
  "error.no_ledger",
  "error.no_loan",
  "error.bad_date",
  "form.done",
  "form.empty",
  "card.pick",
  "settings.saved",
  "settings.missing",
];
