/**
 * "Run today's work" in Sheets: the daily job under a document lock, on the
 * store's ledger sheet, with dates read in the spreadsheet's time zone.
 */
import { type DailyJobResult, runDailyJob } from "../app/dailyJob";
import { LEDGER_SHEET } from "../app/names";
import { type Cell, type CellContext, isBlank } from "../domain/cells";
import type { Day } from "../domain/days";
import { type MissingField, mapHeaders } from "../domain/fields";
import type { Lang } from "../domain/i18n";
import { MissingColumnsError } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { SheetsBook } from "./sheetsBook";
import { dateToDayInZone, intlLocalTime, todayInZone } from "./zone";

/** Apps Script services the job uses, injected so tests can pass fakes. */
export interface SheetsServices {
  spreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  lockService: GoogleAppsScript.Lock.LockService;
  utilities: GoogleAppsScript.Utilities.Utilities;
}

/** How long a run waits for another run to finish before saying it is busy. */
export const LOCK_WAIT_MS = 30_000;

/** The ledger sheet: the book's `台账 Ledger`, else the first sheet whose header row has the required fields. */
export function findLedgerSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): string | null {
  if (ss.getSheetByName(LEDGER_SHEET)) return LEDGER_SHEET;
  for (const sheet of ss.getSheets()) {
    const width = sheet.getLastColumn();
    if (width < 1) continue;
    const header = sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[];
    if (header.every(isBlank)) continue;
    if (mapHeaders(header, settings.columnMapping).missing.length === 0) return sheet.getName();
  }
  return null;
}

/** The required fields and the headers looked for (every one of them when a sheet has no header at all). */
export function requiredHeaders(settings: Settings): MissingField[] {
  return mapHeaders([], settings.columnMapping).missing;
}

/** The outcome of a run request. */
export type RunOutcome =
  | { ran: true; ledgerSheet: string; result: DailyJobResult }
  | { ran: false; reason: "busy" }
  | { ran: false; reason: "no_ledger"; lookedFor: MissingField[] }
  | { ran: false; reason: "missing_columns"; ledgerSheet: string; missing: MissingField[] };

/** Optional parts of a run request. */
export interface RunHooks {
  /** Called once the ledger is found, before the job reads it (rows: data rows under the header). */
  onStart?: (ledgerSheet: string, rows: number) => void;
}

/**
 * Runs the daily job for `t` (default today in the spreadsheet's time zone)
 * under the document lock. Nothing is written when the lock is held by another
 * run, when no ledger is found, or when the ledger lacks a required column.
 */
export function runTodayInSheets(services: SheetsServices, settings: Settings, lang: Lang, t?: Day, hooks: RunHooks = {}): RunOutcome {
  const lock = services.lockService.getDocumentLock();
  if (!lock?.tryLock(LOCK_WAIT_MS)) return { ran: false, reason: "busy" };
  try {
    const ss = services.spreadsheetApp.getActiveSpreadsheet();
    const ledgerSheet = findLedgerSheet(ss, settings);
    if (!ledgerSheet) return { ran: false, reason: "no_ledger", lookedFor: requiredHeaders(settings) };
    const lastRow = ss.getSheetByName(ledgerSheet)?.getLastRow() ?? 0;
    if (lastRow < 1) return { ran: false, reason: "missing_columns", ledgerSheet, missing: requiredHeaders(settings) };
    hooks.onStart?.(ledgerSheet, lastRow - 1);
    const tz = ss.getSpreadsheetTimeZone();
    const formatDate = (d: Date, z: string, f: string) => services.utilities.formatDate(d, z, f);
    const cellContext: CellContext = { dateOrder: settings.dateOrder, dateToDay: dateToDayInZone(formatDate, tz, intlLocalTime(tz)) };
    const day = t ?? todayInZone(formatDate, tz);
    try {
      const result = runDailyJob(new SheetsBook(ss, services.spreadsheetApp), { t: day, settings, lang, ledgerSheet, cellContext });
      return { ran: true, ledgerSheet, result };
    } catch (e) {
      if (e instanceof MissingColumnsError) return { ran: false, reason: "missing_columns", ledgerSheet, missing: e.missing };
      throw e;
    }
  } finally {
    lock.releaseLock();
  }
}
