/**
 * The sample store's staff at work: they fill in a day's call sheet the way a
 * person does — an outcome on each row they worked, a call time, and for a
 * promise its date, amount and method — drawn from each customer's behaviour
 * (who pays on time, who pays late, who stopped paying, who cannot be reached),
 * and then the day is recorded through the same path a person uses
 * (`recordOutcomes`). Deterministic: the same store and day give the same calls.
 */
import type { Cell } from "../domain/cells";
import { type Outcome, PTP_METHODS } from "../domain/contacts";
import { type Day, isoDay, parseIsoDay, utcDateOf } from "../domain/days";
import { fnv1a } from "../domain/hash";
import type { Lang } from "../domain/i18n";
import type { Settings } from "../domain/settings";
import { callColumnsOf, writeCallSheetRows } from "./callSheet";
import { type CallColumn, OUTCOME_LABELS, PTP_METHOD_LABELS, TASK_LABELS, callSheetName, keyOfLabel } from "./names";
import type { BookPort } from "./port";
import { type RecordResult, recordOutcomes } from "./recordOutcomes";
import { type SampleLoan, rng } from "./sampleStore";

/** What working a day needs. */
export interface WorkOptions {
  date: Day;
  lang: Lang;
  settings: Settings;
  ledgerSheet: string;
  /** The store's loans by loan id (their behaviour decides the outcomes). */
  loans: ReadonlyMap<string, SampleLoan>;
}

/** What staff typed on one row; null when the row was not worked (handovers, visits). */
export interface WorkedRow {
  outcome: Outcome;
  time: string;
  ptp?: { date: Day; amount: number; method: (typeof PTP_METHODS)[number] };
  note?: string;
}

/** A 32-bit FNV-1a hash of a text (the seed of one row's draws). */
function hash(text: string): number {
  return fnv1a(text) >>> 0;
}

/** True for a customer whom no number reaches any more (a few of those who stopped paying): dials fail until the account is a lost contact. */
export function unreachable(loan: SampleLoan): boolean {
  return loan.behaviour === "defaulter" && hash(`lost:${loan.loanId}`) % 100 < 40;
}

/** The day the customer pays the installment that is oldest unpaid on `date` (Infinity: never); null when nothing is unpaid. */
function nextPayment(loan: SampleLoan, date: Day): number | null {
  for (let k = 0; k < loan.term; k++) {
    if (loan.dueDates[k] <= date && loan.paidOn[k] > date) return loan.paidOn[k];
  }
  return null;
}

const HARDSHIP_NOTES: Record<Lang, string[]> = {
  zh: ["失业，找到工作后再还", "生病住院，下月发工资后还", "生意周转困难，拒绝给出还款日期"],
  en: [
    "lost the job; will pay once working again",
    "in hospital; will pay after next month's salary",
    "business short of cash; refuses to give a date",
  ],
};

/** What staff typed on a row, from the customer's behaviour. `dueDate` and `amountDue` are the row's own. */
export function workRow(
  loan: SampleLoan,
  task: string,
  date: Day,
  window: string,
  dueDate: Day | null,
  amountDue: number | null,
  lang: Lang,
  row: number,
): WorkedRow | null {
  const rand = rng(hash(`${loan.loanId}|${date}|${task}|${row}`));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const w = /^(\d{2}):\d{2}-(\d{2}):\d{2}$/.exec(window);
  const start = w ? Number(w[1]) : 10;
  const end = w ? Math.max(start + 1, Number(w[2])) : 17;
  const minute = start * 60 + Math.floor(rand() * (end - start) * 60);
  const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  const method = pick(PTP_METHODS);
  const amount = amountDue ?? loan.installment;
  const unanswered = (): WorkedRow => ({
    outcome: pick<Outcome>(["no_answer", "no_answer", "switched_off", "rejected", "message_left"]),
    time,
  });

  switch (task) {
    case "sms":
      return { outcome: "sms_sent", time };
    case "welcome":
    case "reminder":
    case "first_reminder":
    case "confirm": {
      if (rand() < 0.25) return unanswered();
      const k = dueDate === null ? -1 : loan.dueDates.indexOf(dueDate);
      if (dueDate === null || dueDate < date || k < 0 || loan.paidOn[k] <= date) return { outcome: "says_paid", time };
      // The customer confirms the date, the amount and how they will pay: a promise with all three elements.
      return { outcome: "ptp", time, ptp: { date: dueDate, amount, method } };
    }
    case "collection":
    case "broken_promise": {
      const pays = nextPayment(loan, date);
      if (pays === null) return { outcome: "says_paid", time };
      if (unreachable(loan))
        return { outcome: rand() < 0.12 ? "invalid_number" : pick<Outcome>(["no_answer", "no_answer", "switched_off"]), time };
      if (rand() < 0.35) return unanswered();
      if (pays - date <= 10) {
        // Most promise the day they will really pay (kept); some promise sooner than they can (broken).
        const promised = rand() < 0.75 ? pays : Math.max(date, pays - 3);
        return { outcome: "ptp", time, ptp: { date: promised, amount, method } };
      }
      if (rand() < 0.5) return { outcome: "ptp", time, ptp: { date: date + 3, amount, method } };
      return { outcome: "hardship", time, note: pick(HARDSHIP_NOTES[lang]) };
    }
    default:
      return null; // handovers and lost-contact visits are not phone calls
  }
}

/**
 * Staff work date D's call sheet: every row they call gets its outcome (in the
 * sheet's dropdown words), then the day is recorded like a person records it.
 * Returns null when the book has no call sheet for D.
 */
export function workCallSheet(port: BookPort, options: WorkOptions): RecordResult | null {
  const { date, lang } = options;
  const sheet = callSheetName(date);
  const read = port.read(sheet);
  if (read === null) return null;
  const values: Cell[][] = read.map((r) => r.slice());
  const at = callColumnsOf(values);
  const text = (r: readonly Cell[], c: CallColumn) => (at[c] >= 0 ? String(r[at[c]] ?? "").trim() : "");
  const set = (r: Cell[], c: CallColumn, v: Cell) => {
    if (at[c] < 0) return;
    while (r.length <= at[c]) r.push("");
    r[at[c]] = v;
  };
  let worked = 0;
  for (let i = 1; i < values.length; i++) {
    const r = values[i];
    const loan = options.loans.get(text(r, "loan_id"));
    const task = keyOfLabel(TASK_LABELS, text(r, "task"));
    if (!loan || !task || text(r, "outcome") !== "") continue;
    const due = text(r, "due_date");
    const amountCell = at.amount_due >= 0 ? r[at.amount_due] : null;
    const done = workRow(
      loan,
      task,
      date,
      text(r, "window"),
      /^\d{4}-\d{2}-\d{2}$/.test(due) ? parseIsoDay(due) : null,
      typeof amountCell === "number" ? amountCell : null,
      lang,
      i,
    );
    if (done === null) continue;
    worked++;
    set(r, "outcome", OUTCOME_LABELS[done.outcome][lang]);
    set(r, "call_time", done.time);
    if (done.ptp) {
      set(r, "ptp_date", utcDateOf(done.ptp.date));
      set(r, "ptp_amount", done.ptp.amount);
      set(r, "ptp_method", PTP_METHOD_LABELS[done.ptp.method][lang]);
    }
    if (done.note) set(r, "note", done.note);
  }
  if (worked === 0) return null;
  writeCallSheetRows(port, sheet, values, lang);
  return recordOutcomes(port, {
    date,
    lang,
    settings: options.settings,
    ledgerSheet: options.ledgerSheet,
    recordedAt: `${isoDay(date)} 18:00`,
  });
}
