/**
 * "Run today's work" in Sheets: the daily job under a document lock, on the
 * store's ledger sheet, with dates read in the spreadsheet's time zone.
 */
import { type DailyJobResult, runDailyJob } from "../app/dailyJob";
import { LEDGER_SHEET } from "../app/names";
import { type Cell, isBlank } from "../domain/cells";
import { type Day, isoDay } from "../domain/days";
import { HEADER_SEARCH_ROWS, type MissingField, findHeaderRow, mapHeaders } from "../domain/fields";
import type { Lang } from "../domain/i18n";
import { MissingColumnsError } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { type Progress, clearProgress, loadProgress, saveProgress } from "./continuation";
import { ResumableBook } from "./resumableBook";
import { SheetsBook } from "./sheetsBook";
import { sheetsCellContext, todayInZone } from "./zone";

/** Apps Script services the job uses, injected so tests can pass fakes. */
export interface SheetsServices {
  spreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  lockService: GoogleAppsScript.Lock.LockService;
  utilities: GoogleAppsScript.Utilities.Utilities;
}

/** How long a run waits for another run to finish before saying it is busy. */
export const LOCK_WAIT_MS = 30_000;

/** Runs `fn` under the document lock, waiting up to {@link LOCK_WAIT_MS}; `busy()` when another run holds it (or Apps Script gives no lock). */
export function withDocumentLock<T>(lockService: GoogleAppsScript.Lock.LockService, busy: () => T, fn: () => T): T {
  const lock = lockService.getDocumentLock();
  if (!lock?.tryLock(LOCK_WAIT_MS)) return busy();
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** The ledger sheet: the book's `台账 Ledger`, else the first sheet whose header row (among its first ten, SPEC §3) has the required fields. */
export function findLedgerSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): string | null {
  if (ss.getSheetByName(LEDGER_SHEET)) return LEDGER_SHEET;
  for (const sheet of ss.getSheets()) {
    const width = sheet.getLastColumn();
    if (width < 1) continue;
    const top = sheet.getRange(1, 1, Math.max(1, Math.min(HEADER_SEARCH_ROWS, sheet.getLastRow())), width).getValues() as Cell[][];
    const header = top[findHeaderRow((i) => top[i], settings.columnMapping, settings.headerRow)];
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
  | {
      ran: true;
      ledgerSheet: string;
      result: DailyJobResult;
      /** When it finished a run stopped before: the executions it took in all and the steps this one skipped. */
      resumed?: { executions: number; skipped: number };
      /** True when a stopped run's progress was cleared (finished now, or for another date and dropped). */
      clearedProgress?: boolean;
    }
  | { ran: false; reason: "stopped"; ledgerSheet: string; t: Day; progress: Progress }
  | { ran: false; reason: "busy" }
  /** A continuation found its run finished meanwhile (by the menu, or another continuation). */
  | { ran: false; reason: "nothing_to_continue" }
  | { ran: false; reason: "no_ledger"; lookedFor: MissingField[] }
  | { ran: false; reason: "missing_columns"; ledgerSheet: string; missing: MissingField[] };

/** Optional parts of a run request. */
export interface RunHooks {
  /** Called once the ledger is found, before the job reads it (rows: data rows under the header). */
  onStart?: (ledgerSheet: string, rows: number) => void;
  /** Makes the run stop before Apps Script's time limit and resume a stopped run of the same date (resumableBook.ts). */
  resume?: ResumeOptions;
  /** Called under the lock once the run has finished (the run stamp is written here). */
  finished?: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet, t: Day) => void;
}

/** Where a resumable run keeps its progress, and its clock. */
export interface ResumeOptions {
  properties: Pick<GoogleAppsScript.Properties.Properties, "getProperty" | "setProperty" | "deleteProperty">;
  now: () => number;
  /** When the execution started. */
  startedAt: number;
  /** True in a firing of the daily run's trigger that resumes a stopped run. */
  continuing: boolean;
  budgetMs?: number;
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
    const cellContext = sheetsCellContext(services.utilities, tz, settings.dateOrder);
    const day = t ?? todayInZone(formatDate, tz);
    try {
      const sheetsBook = new SheetsBook(ss, services.spreadsheetApp);
      const resume = hooks.resume;
      if (!resume) {
        const result = runDailyJob(sheetsBook, { t: day, settings, lang, ledgerSheet, cellContext });
        hooks.finished?.(ss, day);
        return { ran: true, ledgerSheet, result };
      }
      // Under the lock: two executions never take up the same progress.
      const stored = loadProgress(resume.properties);
      const previous = stored && stored.date === isoDay(day) && stored.ledgerSheet === ledgerSheet ? stored : null;
      if (resume.continuing && !previous) return { ran: false, reason: "nothing_to_continue" };
      const book = new ResumableBook(sheetsBook, resume, previous?.steps ?? []);
      const result = runDailyJob(book, { t: day, settings, lang, ledgerSheet, cellContext });
      const executions = (previous?.executions ?? 0) + 1;
      if (book.stopped) {
        const continuations = resume.continuing ? (previous?.continuations ?? 0) + 1 : 0;
        const progress: Progress = {
          date: isoDay(day),
          ledgerSheet,
          steps: book.done(),
          total: book.steps.length,
          executions,
          continuations,
        };
        saveProgress(resume.properties, progress);
        return { ran: false, reason: "stopped", ledgerSheet, t: day, progress };
      }
      // Finished: a stopped run of this date is done, and one of another date is dropped (this run replaces nothing of it).
      if (stored) clearProgress(resume.properties);
      hooks.finished?.(ss, day);
      return {
        ran: true,
        ledgerSheet,
        result,
        ...(previous ? { resumed: { executions, skipped: book.skipped } } : {}),
        ...(stored ? { clearedProgress: true } : {}),
      };
    } catch (e) {
      if (e instanceof MissingColumnsError) return { ran: false, reason: "missing_columns", ledgerSheet, missing: e.missing };
      throw e;
    }
  } finally {
    lock.releaseLock();
  }
}
