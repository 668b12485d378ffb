/**
 * The daily job (每日作业, SPEC §4) as one use case over the BookPort, in named
 * steps: read the ledger → classify with history → record the day → the
 * ledger's columns → the tasks → write the call sheet. The steps' parts live in
 * their own modules: the ledger sheet (ledgerSheet.ts), the history store
 * (historyStore.ts), Daihou's ledger columns (ledgerColumns.ts), the call sheet
 * (callSheet.ts); the day's data (dayData.ts) is the one builder the sidebar's
 * card shares.
 */
import type { CellContext } from "../domain/cells";
import { type CallTask, type ContactHistory, buildTasks, resolveTeam } from "../domain/calls";
import { BUCKETS, type Bucket, type Classification, observationOf } from "../domain/classify";
import { type ContactEntry, entryKey } from "../domain/contacts";
import { groupByLoan } from "../domain/attempts";
import { promiseStatus } from "../domain/promises";
import type { Day } from "../domain/days";
import type { Observation } from "../domain/history";
import type { Lang } from "../domain/i18n";
import type { LedgerNote, RowProblem } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { WorkCalendar } from "../domain/workdays";
import { callColumnsOf, callSheetLayout, isFilledRow, mergeCallSheet, writeCallSheetRows } from "./callSheet";
import { readContactLog } from "./contactLog";
import { type DayData, readDayData } from "./dayData";
import { dueDayOf } from "./historyStore";
import { freshContactCells, writeOwnedColumns } from "./ledgerColumns";
import { CONTACT_LOG_SHEET, callSheetName, dateOfCallSheet } from "./names";
import type { BookPort } from "./port";

/** What the daily job needs besides the book. */
export interface DailyJobOptions {
  t: Day;
  settings: Settings;
  lang: Lang;
  ledgerSheet: string;
  cellContext?: CellContext;
  /** Call sheets older than this many days are removed (default 31). */
  keepCallSheetDays?: number;
}

/** Count and Σ principal. */
export interface Tally {
  count: number;
  principal: number;
}

/** What a run did, for the summary a person reads. */
export interface DailyJobResult {
  t: Day;
  rows: number;
  active: number;
  byBucket: Record<Bucket, Tally>;
  problems: RowProblem[];
  /** What is said once about the ledger (a totals row, what cannot be scheduled, a schedule read). */
  notes: LedgerNote[];
  tasks: CallTask[];
  callSheet: string;
}

export { type LedgerRead, readLedger } from "./ledgerSheet";
export { type M1Carried, classifyWithHistory, dueDayOf, numberAccounts, readHistory } from "./historyStore";
export { contactColumnsBlock, freshContactCells, whyText } from "./ledgerColumns";

/** Runs the daily job for date t. */
export function runDailyJob(port: BookPort, options: DailyJobOptions): DailyJobResult {
  const { t, settings, lang } = options;
  // 1. Read the ledger, 2. classify with the history of the three months before.
  const day = readDayData(port, options);
  // 3. Record the day in this month's history sheet; the tallies for the summary on the way.
  const recorded = recordTheDay(day);
  const timeline = day.history.timeline(recorded.day);
  // 4. The contact log feeds the ledger's contact columns and today's tasks (promises, SMS, lost contact, dials).
  const log = readContactLog(port.read(CONTACT_LOG_SHEET), lang, day.ctx);
  const contacts: ContactHistory = { byLoan: groupByLoan(log.entries), timeline };
  writeLedgerColumns(port, options, day, contacts, recorded.observations);
  // 5. The tasks, 6. written to the day's call sheet (what staff typed on a re-run kept); old sheets pruned.
  const tasks = buildTasks(day.items, {
    t,
    settings,
    calendar: new WorkCalendar(settings.holidays, settings.makeupWorkdays),
    team: resolveTeam(settings, recorded.collectors),
    contacts,
  });
  const callSheet = callSheetName(t);
  writeCallSheetRows(port, callSheet, mergeCallSheet(port.read(callSheet), callSheetLayout(tasks, lang), lang), lang);
  pruneCallSheets(port, t, options.keepCallSheetDays ?? 31, new Set(log.entries.map(entryKey)));

  const { parsed } = day;
  return {
    t,
    rows: day.ledger.values.length - 1,
    active: recorded.active,
    byBucket: recorded.byBucket,
    problems: parsed.problems,
    notes: parsed.notes,
    tasks,
    callSheet,
  };
}

/** Today's observation of every readable account (account k is number k), recorded in the history; and, in the same pass, the tallies and the collectors the ledger names. */
function recordTheDay(day: DayData) {
  const { parsed, items, t, settings } = day;
  const n = parsed.accounts.length;
  const observations = new Array<Observation>(n);
  const dueDays = new Array<number | null>(n);
  const byBucket = Object.fromEntries(BUCKETS.map((b) => [b, { count: 0, principal: 0 }])) as Record<Bucket, Tally>;
  let active = 0;
  const collectors = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const a = parsed.accounts[k];
    observations[k] = observationOf(a, t, settings.graceDays);
    dueDays[k] = dueDayOf(a);
    collectors[k] = a.collector;
    const c: Classification = items[k];
    if (c.active) {
      active++;
      const tally = byBucket[c.bucket];
      tally.count++;
      tally.principal += a.principal;
    }
  }
  return { day: day.history.recordDay(t, observations, dueDays), observations, byBucket, active, collectors };
}

/** Daihou's columns on the ledger: the figures, and the contact block where the log has something new (unless a store's column sits there). */
function writeLedgerColumns(
  port: BookPort,
  options: DailyJobOptions,
  day: DayData,
  contacts: ContactHistory,
  observations: readonly Observation[],
): void {
  const { parsed, ledger, t } = day;
  // Only promises need an account by its loan id: the index is made on the first one.
  let byId: Map<string, number> | undefined;
  const accountIndex = (id: string) => {
    byId ??= new Map(parsed.accounts.map((a, i) => [a.loanId, i]));
    return byId.get(id);
  };
  const status = (e: ContactEntry) => {
    if (e.outcome !== "ptp") return null;
    const i = accountIndex(e.loanId);
    return promiseStatus(
      e,
      t,
      contacts.timeline,
      i === undefined ? null : parsed.accounts[i].installment,
      i === undefined ? undefined : observations[i],
    );
  };
  // Only the rows of accounts with log entries are worked out afresh; the others keep their cells.
  let loanAtRow = new Map<number, string>();
  if (contacts.byLoan.size > 0)
    loanAtRow = new Map(parsed.accounts.filter((a) => contacts.byLoan.has(a.loanId)).map((a) => [a.row, a.loanId]));
  const contactCells =
    ledger.contactColumns !== "taken" ? freshContactCells(ledger, loanAtRow, contacts.byLoan, status, options.lang) : null;
  writeOwnedColumns(port, options.ledgerSheet, ledger, parsed, day.items, options.settings, options.lang, contactCells);
}

/** Removes call sheets older than `keepDays` before t — but never one with a filled row not yet in the contact log. */
function pruneCallSheets(port: BookPort, t: Day, keepDays: number, recorded: ReadonlySet<string>): void {
  for (const name of port.sheetNames()) {
    const d = dateOfCallSheet(name);
    if (d === null || d >= t - keepDays) continue;
    const values = port.read(name) ?? [];
    const at = callColumnsOf(values);
    const unrecorded = values.some(
      (r, i) =>
        i > 0 && isFilledRow(r, at) && !recorded.has(entryKey({ date: d, sourceRow: i + 1, loanId: String(r[at.loan_id] ?? "").trim() })),
    );
    if (!unrecorded) port.deleteSheet(name);
  }
}
