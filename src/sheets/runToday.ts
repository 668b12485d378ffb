/**
 * "Run today's work" in Sheets: the daily job under a document lock, on the
 * store's ledger sheet, with dates read in the spreadsheet's time zone.
 */
import { type DailyJobResult, runDailyJob } from "../app/dailyJob";
import { LEDGER_SHEET } from "../app/names";
import { type Cell, type CellContext, isBlank } from "../domain/cells";
import type { Day } from "../domain/days";
import { mapHeaders } from "../domain/fields";
import type { Lang } from "../domain/i18n";
import type { Settings } from "../domain/settings";
import { SheetsBook } from "./sheetsBook";
import { dateToDayInZone, todayInZone } from "./zone";

/** Apps Script services the job uses, injected so tests can pass fakes. */
export interface SheetsServices {
  spreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  lockService: GoogleAppsScript.Lock.LockService;
  utilities: GoogleAppsScript.Utilities.Utilities;
}

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

/** The outcome of a run request. */
export type RunOutcome = { ran: true; result: DailyJobResult } | { ran: false; reason: "busy" | "no_ledger" };

/** Runs the daily job for `t` (default today) under the document lock. */
export function runTodayInSheets(services: SheetsServices, settings: Settings, lang: Lang, t?: Day): RunOutcome {
  const lock = services.lockService.getDocumentLock();
  if (!lock?.tryLock(30_000)) return { ran: false, reason: "busy" };
  try {
    const ss = services.spreadsheetApp.getActiveSpreadsheet();
    const tz = ss.getSpreadsheetTimeZone();
    const ledgerSheet = findLedgerSheet(ss, settings);
    if (!ledgerSheet) return { ran: false, reason: "no_ledger" };
    const cellContext: CellContext = { dateOrder: settings.dateOrder, dateToDay: dateToDayInZone((d, z, f) => services.utilities.formatDate(d, z, f), tz) };
    const day = t ?? todayInZone((d, z, f) => services.utilities.formatDate(d, z, f), tz);
    const result = runDailyJob(new SheetsBook(ss, services.spreadsheetApp), { t: day, settings, lang, ledgerSheet, cellContext });
    return { ran: true, result };
  } finally {
    lock.releaseLock();
  }
}
