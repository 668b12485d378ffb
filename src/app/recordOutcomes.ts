/**
 * Recording call results (SPEC §5) as one use case over the BookPort: the
 * filled rows of date D's call sheet move into the append-only contact log
 * (催收记录); rows that cannot be recorded stay on the call sheet with the
 * reason in its flag column; new numbers and each account's latest contact go
 * into Daihou's own ledger columns. Running it again records nothing twice.
 */
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT, cellText } from "../domain/cells";
import { type ContactEntry, type FilledCallRow, type Refusal, checkCallRow, entryKey, refusalText } from "../domain/contacts";
import { groupByLoan } from "../domain/attempts";
import { promiseStatus } from "../domain/promises";
import type { Day } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { MissingColumnsError, parseLedger } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { callColumnsOf, isFilledRow, writeCallSheetRows } from "./callSheet";
import { CONTACT_LOG_WIDTHS, contactLogColumns, contactLogRow, readContactLog } from "./contactLog";
import { type LedgerRead, contactColumnsBlock, freshContactCells, readLedger } from "./dailyJob";
import {
  BASE_OWNED_COLUMNS,
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

/** What recording needs besides the book. */
export interface RecordOptions {
  /** The call sheet's date. */
  date: Day;
  lang: Lang;
  settings: Settings;
  ledgerSheet: string;
  /** When it is recorded (`YYYY-MM-DD HH:MM`), written with each entry. */
  recordedAt?: string;
  cellContext?: CellContext;
}

/** What a recording did. */
export interface RecordResult {
  date: Day;
  callSheet: string;
  /** Rows staff filled in. */
  filled: number;
  /** Entries added to the log now, and rows that were already in it. */
  recorded: number;
  alreadyRecorded: number;
  /** Rows left on the call sheet, and why. */
  refused: Refusal[];
  /** New numbers or addresses put in the ledger's own columns, and those that could not be (no room, or no ledger to read). */
  newContacts: number;
  newContactsNotWritten: number;
  /** Entries in the log after recording. */
  logEntries: number;
  entries: ContactEntry[];
}

/** The book has no call sheet for the date. */
export class NoCallSheetError extends Error {
  constructor(readonly sheet: string) {
    super(`there is no call sheet “${sheet}”`);
    this.name = "NoCallSheetError";
  }
}

/** The call sheet's flag on a row already in the contact log. */
export const RECORDED: Record<Lang, string> = { zh: "✓ 已记入催收记录", en: "✓ recorded in the contact log" };

/** Records date D's call results. Throws `NoCallSheetError` when the book has no call sheet for D. */
export function recordOutcomes(port: BookPort, options: RecordOptions): RecordResult {
  const { date, lang, settings } = options;
  const ctx = options.cellContext ?? { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder };
  const callSheet = callSheetName(date);
  const read = port.read(callSheet);
  if (read === null) throw new NoCallSheetError(callSheet);
  // A copy: only Daihou's flag column changes, and the sheet is written back whole.
  const values = read.map((r) => r.slice());
  const log = readContactLog(port.read(CONTACT_LOG_SHEET), lang, ctx);
  const keys = new Set(log.entries.map(entryKey));

  const at = callColumnsOf(values);
  const text = (r: readonly Cell[], c: CallColumn) => (at[c] >= 0 ? cellText(r[at[c]]).trim() : "");
  const result: RecordResult = {
    date,
    callSheet,
    filled: 0,
    recorded: 0,
    alreadyRecorded: 0,
    refused: [],
    newContacts: 0,
    newContactsNotWritten: 0,
    logEntries: log.entries.length,
    entries: [],
  };
  let sheetChanged = false;
  const setFlag = (row: Cell[], flag: string) => {
    if (at.flag < 0 || row[at.flag] === flag) return;
    while (row.length <= at.flag) row.push("");
    row[at.flag] = flag;
    sheetChanged = true;
  };

  for (let i = 1; i < values.length; i++) {
    const r = values[i];
    if (!isFilledRow(r, at)) continue;
    result.filled++;
    const sourceRow = i + 1;
    const loanId = text(r, "loan_id");
    if (keys.has(entryKey({ date, sourceRow, loanId }))) {
      result.alreadyRecorded++;
      setFlag(r, RECORDED[lang]);
      continue;
    }
    const filled: FilledCallRow = {
      row: sourceRow,
      loanId,
      customer: text(r, "customer"),
      staff: text(r, "owner"),
      task: keyOfLabel(TASK_LABELS, text(r, "task")),
      window: /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(text(r, "window")) ? text(r, "window") : "",
      numberKind: keyOfLabel(PHONE_LABELS, text(r, "number_kind")),
      number: text(r, "number"),
      time: at.call_time >= 0 ? r[at.call_time] : null,
      outcomeText: text(r, "outcome"),
      outcome: keyOfLabel(OUTCOME_LABELS, text(r, "outcome")),
      ptpDate: at.ptp_date >= 0 ? r[at.ptp_date] : null,
      ptpAmount: at.ptp_amount >= 0 ? r[at.ptp_amount] : null,
      ptpMethodText: text(r, "ptp_method"),
      ptpMethod: keyOfLabel(PTP_METHOD_LABELS, text(r, "ptp_method")),
      note: text(r, "note"),
    };
    const check = checkCallRow(filled, date, options.recordedAt ?? "", ctx);
    if (!check.ok) {
      result.refused.push(check.refusal);
      setFlag(r, `⚠ ${refusalText(check.refusal, lang)}`);
      continue;
    }
    result.entries.push(check.entry);
    keys.add(entryKey(check.entry));
    setFlag(r, RECORDED[lang]);
  }
  result.recorded = result.entries.length;

  // The log: Daihou's own sheet, written whole in one write (created on first use).
  if (result.entries.length > 0 || !log.exists) {
    const logAt = contactLogColumns(log.rows);
    const rows = [...log.rows, ...result.entries.map((e) => contactLogRow(e, lang, logAt))];
    port.write(CONTACT_LOG_SHEET, rows, { freezeHeader: true, widths: CONTACT_LOG_WIDTHS });
  }
  result.logEntries = log.entries.length + result.entries.length;
  // The call sheet keeps every cell staff typed; only Daihou's flag column changes.
  if (sheetChanged) writeCallSheetRows(port, callSheet, values, lang);

  if (result.entries.length > 0)
    Object.assign(result, writeContactColumns(port, options, [...log.entries, ...result.entries], result.entries, ctx));
  return result;
}

/**
 * Puts the accounts of `entries` (just recorded): their latest contact and new numbers, into the
 * ledger's contact columns (never over a store's column); returns how many new contacts went in
 * and how many could not (no such account in the ledger, or no ledger). `known` is the ledger as the
 * caller already read and parsed it, so it is not read again.
 */
export function writeContactColumns(
  port: BookPort,
  options: RecordOptions,
  all: readonly ContactEntry[],
  entries: readonly ContactEntry[],
  ctx: CellContext,
  known?: { ledger: LedgerRead; accounts: readonly { row: number; loanId: string }[] },
): { newContacts: number; newContactsNotWritten: number } {
  const newContacts = entries.filter((e) => e.outcome === "new_contact").length;
  const none = { newContacts: 0, newContactsNotWritten: newContacts };
  let ledger: LedgerRead;
  let accounts: readonly { row: number; loanId: string }[];
  if (known) ({ ledger, accounts } = known);
  else {
    try {
      ledger = readLedger(port, options.ledgerSheet);
    } catch {
      return none; // no ledger sheet: the numbers are in the log
    }
    if (ledger.contactColumns === "taken") return none;
    try {
      accounts = parseLedger(ledger.table, options.settings, options.date, ctx).accounts;
    } catch (e) {
      if (e instanceof MissingColumnsError) return none;
      throw e;
    }
  }
  if (ledger.contactColumns === "taken") return none;
  const touched = new Set(entries.map((e) => e.loanId));
  const inLedger = new Set(accounts.map((a) => a.loanId));
  // Only the accounts this recording touched are worked out again; every other row keeps its cells.
  const fresh = freshContactCells(
    ledger,
    new Map(accounts.filter((a) => touched.has(a.loanId)).map((a) => [a.row, a.loanId])),
    groupByLoan(all),
    (e) => (e.outcome === "ptp" ? promiseStatus(e, options.date, undefined, null) : null),
    options.lang,
  );
  const block = contactColumnsBlock(ledger, fresh, options.lang);
  port.writeColumns(options.ledgerSheet, ledger.ownedStart + BASE_OWNED_COLUMNS, block);
  const written = entries.filter((e) => e.outcome === "new_contact" && inLedger.has(e.loanId)).length;
  return { newContacts: written, newContactsNotWritten: newContacts - written };
}

/** The refusals as lines a person reads (they name the row and the loan; never a number or a name). */
export function refusalLines(result: RecordResult, lang: Lang, typed: "shown" | "left_out" = "shown"): string[] {
  return result.refused.map((r) => refusalText(r, lang, typed));
}

/** `YYYY-MM-DD HH:MM` of a moment in local time (for `recordedAt`). */
export function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
