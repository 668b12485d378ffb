/**
 * The add-in's public names, and nothing else. scripts/build.mjs bundles this
 * file into build/Code.js as the global `Daihou` and writes, for every exported
 * function here, a top-level stub with the same name, parameters and JSDoc
 * (Apps Script finds triggers, menu handlers and custom functions, and Sheets
 * shows the autocomplete help, only on top-level functions).
 */
import type { CardView, Failure, RecordDone, RecordForm, SettingsRefused, SettingsView } from "../app/sidebarService";
import type { Selection, ServerFunctions, SettingsSaved } from "../ui/bridge";
import { type Arg, bucketCells, dpdCells, type Result, reminderClassCells } from "./customFunctions";
import { cm1Rate, type FigureResult, overdueFigure, overdueRatioCells, rollMatrixCells, rollRate } from "./historyFunctions";
import type { Out } from "./customFunctions";
import { insertSampleFromMenu, runJobFromMenu, runJobFromTrigger, setDailyRunFromMenu, toggleDailyRunFromMenu } from "./jobUi";
import { createAddonMenu, type OpenEvent } from "./menu";
import { noticeOnOpen } from "./runNotice";
import { monthEndFromMenu, recordFromMenu } from "./outcomeUi";
import { appServices, beyondFunctionEnv, customFunctionEnv, historyFunctionEnv, menuServices, sidebarServices } from "./services";
import { forecastRatio, vintageCells } from "./beyondFunctions";
import {
  settingsLoadUi,
  settingsSaveUi,
  showGuidance,
  showSettings,
  sidebarCardUi,
  sidebarRecordUi,
  sidebarSelectionUi,
} from "./sidebarUi";

/**
 * Adds the Daihou menu when the spreadsheet opens, and a toast when the last unattended daily run failed or did not finish. Safe in AuthMode.NONE: reads nothing of the document then.
 * @param {Object} e The open event.
 */
export function onOpen(e?: OpenEvent): void {
  const services = menuServices();
  const lang = createAddonMenu(services, e);
  noticeOnOpen(services, lang, e);
}

/**
 * Adds the Daihou menu right after the add-on is installed.
 * @param {Object} e The install event.
 */
export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

/** Menu: run today's work (the daily job and call sheet) and show its summary. */
export function menuRunToday(): void {
  runDailyJobFor("");
}

/**
 * Runs the daily job for a date — the ledger's DPD, buckets and colours, the history and that date's call sheet — and shows its summary. The menu's "Run today's work" calls it with no date.
 * @param {string} isoDate The date as yyyy-MM-dd (e.g. 2026-11-16); today in the spreadsheet's time zone when blank.
 * @return {string} The summary shown.
 */
export function runDailyJobFor(isoDate?: string): string {
  return runJobFromMenu(appServices(), isoDate === undefined || isoDate === null ? "" : String(isoDate));
}

/**
 * The daily run's one hourly trigger (menu: "Daily run at 07:00: on/off"), with no UI: finishes a run stopped before the time limit, else runs today's work once the spreadsheet's local hour is 07:00 or later and today is not done, else returns. The outcome goes to the run status.
 * @param {Object} e The time-driven event.
 */
export function dailyTrigger(e?: unknown): void {
  void e;
  runJobFromTrigger(appServices());
}

/**
 * What a one-off continuation trigger left by an earlier version calls: the same as one firing of the daily run's trigger (Daihou creates no such trigger any more).
 * @param {Object} e The time-driven event.
 */
export function continueDailyJob(e?: unknown): void {
  void e;
  runJobFromTrigger(appServices());
}

/** Menu: turn the daily run (from 07:00, the spreadsheet's time zone) on or off. */
export function menuToggleDailyTrigger(): void {
  toggleDailyRunFromMenu(appServices());
}

/**
 * Turns the daily run (from 07:00, the spreadsheet's time zone) on or off, and the setting with it. Asking twice changes nothing more: there is never more than one trigger, and it never throws (a refusal is said in the message).
 * @param {boolean} on True to turn it on, false to turn it off.
 * @return {string} The message shown.
 */
export function setDailyRun(on: boolean): string {
  return setDailyRunFromMenu(appServices(), on === true);
}

/** Menu: insert a sample store (`台账 Ledger`, invented loans) to try Daihou on; never overwrites a sheet. */
export function menuInsertSample(): void {
  insertSampleFromMenu(appServices());
}

/** Menu: record the call sheet's results (the active call sheet, else today's) into the contact log. */
export function menuRecordResults(): void {
  recordResultsFor("");
}

/**
 * Records a call sheet's filled rows into the contact log (催收记录); promises missing date, amount or method stay on the sheet with the reason.
 * @param {string} isoDate The call sheet's date as yyyy-MM-dd; the active call sheet, else today, when blank.
 * @return {string} The summary shown.
 */
export function recordResultsFor(isoDate?: string): string {
  return recordFromMenu(appServices(), isoDate === undefined || isoDate === null ? "" : String(isoDate));
}

/** Menu: the month-end report for the latest complete month. */
export function menuMonthEnd(): void {
  monthEndReportFor("");
}

/**
 * Writes the month-end report sheet (figures against baselines, trend charts, roll matrix, M1 outcome, staff summary).
 * @param {string} month The month as yyyy-MM; the latest complete month when blank.
 * @return {string} The summary shown.
 */
export function monthEndReportFor(month?: string): string {
  return monthEndFromMenu(appServices(), month === undefined || month === null ? "" : String(month));
}

/** Menu: the guidance sidebar — the course (process, talking points, rules) and the card of the selected row's account. */
export function menuGuidance(): void {
  showGuidance(sidebarServices());
}

/** Menu: the settings dialog (column mapping, buckets, calendar, staff, baselines, colours, language, daily run, compliance guards). */
export function menuSettings(): void {
  showSettings(sidebarServices());
}

/**
 * Sidebar: the customer card of an account — the active row's on the ledger or a call sheet when loanId is blank.
 * @param {string} loanId The loan id, or blank for the active row.
 * @return {Object} The card (JSON-safe), or {ok: false, errors}.
 */
export function sidebarCard(loanId?: string): CardView | Failure {
  return sidebarCardUi(appServices(), loanId === undefined || loanId === null ? "" : String(loanId));
}

/**
 * Sidebar: the poll of the selected row — its loan id only (one cell), so the card is fetched only when the selection moves to another account.
 * @param {string} hint The last answer's hint (the sheet and its loan-id column); blank the first time.
 * @return {Object} {loanId, hint}.
 */
export function sidebarSelection(hint?: string): Selection {
  return sidebarSelectionUi(appServices(), hint === undefined || hint === null ? "" : String(hint));
}

/**
 * Sidebar: records a call from the customer card into the contact log (the call sheet's rules: a promise needs date, amount and method).
 * @param {Object} form The form's fields, all strings.
 * @return {Object} {ok: true, message, card} or {ok: false, errors}.
 */
export function sidebarRecord(form: RecordForm): RecordDone | Failure {
  return sidebarRecordUi(appServices(), form);
}

/**
 * Settings dialog: the stored settings and the ledger's columns as Daihou maps them.
 * @return {Object} The settings view (JSON-safe).
 */
export function settingsLoad(): SettingsView | Failure {
  return settingsLoadUi(appServices());
}

/**
 * Settings dialog: saves the settings (JSON text) in the document properties when every value is valid.
 * @param {string} json The settings as JSON.
 * @return {Object} {ok: true, settings, message} or {ok: false, errors, fields}.
 */
export function settingsSave(json: string): SettingsSaved | SettingsRefused {
  return settingsSaveUi(appServices(), String(json));
}

/**
 * Days past due (逾期天数): as_of minus the oldest unpaid due date minus grace days, never below 0. Works on a range.
 *
 * @param {Date|Array<Array<Date>>} dates The oldest unpaid due date (最早未还款日), or a range of them.
 * @param {Date} as_of The date to count to: Daihou_AsOf (the date of the last daily run, recalculated after each run) or a date. Required: Daihou never assumes today.
 * @param {number} grace_days [grace_days] Optional. Grace days; 0 when omitted.
 * @return {number|Array<Array<number>>} Days past due, in the shape of dates.
 * @customfunction
 */
export function DPD(dates: Arg, as_of: Arg, grace_days?: Arg): Result {
  return dpdCells(dates, as_of, grace_days, customFunctionEnv());
}

/**
 * The bucket (账龄) of a days-past-due value: C, M1, M2, M3 or M3+. Works on a range.
 *
 * @param {number|Array<Array<number>>} dpd Days past due, or a range of them.
 * @param {Array<Array<number>>} boundaries [boundaries] Optional. A range of 4 numbers: the first DPD of M1, M2, M3 and M3+; 1, 31, 61, 91 when omitted.
 * @return {string|Array<Array<string>>} The bucket, in the shape of dpd.
 * @customfunction
 */
export function BUCKET(dpd: Arg, boundaries?: Arg): Result {
  return bucketCells(dpd, boundaries, customFunctionEnv());
}

/**
 * Reminder class of an account in C: A (never in M1 in the last 3 months), B (once), C (twice or more), NEW (before the first due date); "" when overdue. Works on a range.
 *
 * @param {number|Array<Array<number>>} m1_months Months of the last 3 spent in M1 or worse (近三月入M1次数), or a range of them.
 * @param {number|Array<Array<number>>} dpd [dpd] Optional. Days past due; above 0 gives "".
 * @param {Date|Array<Array<Date>>} first_due_date [first_due_date] Optional. First due date (首期还款日); before it the class is NEW.
 * @param {Date} as_of [as_of] Optional. The date to classify on, e.g. Daihou_AsOf; needed with first_due_date (Daihou never assumes today).
 * @return {string|Array<Array<string>>} A, B, C, NEW or "", in the shape of m1_months.
 * @customfunction
 */
export function REMINDER_CLASS(m1_months: Arg, dpd?: Arg, first_due_date?: Arg, as_of?: Arg): Result {
  return reminderClassCells(m1_months, dpd, first_due_date, as_of, customFunctionEnv());
}

/**
 * M1% of a month from Daihou's history: principal in M1 at the month's end ÷ principal of all active accounts at the previous month's end (by number of accounts with "#"). A fraction: format the cell as a percentage.
 *
 * @param {string|Date} month [month] Optional. The month, as "2026-10" or a date in it; the latest complete month when omitted.
 * @param {string} basis [basis] Optional. "$" for amounts (the default) or "#" for numbers of accounts.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {number|string} The ratio, or why it is unavailable.
 * @customfunction
 */
export function M1_RATIO(month?: Arg, basis?: Arg, refresh?: Arg): FigureResult {
  void refresh;
  return overdueFigure("m1", month, basis, historyFunctionEnv());
}

/**
 * M2% of a month from Daihou's history: principal in M2 at the month's end ÷ principal of all active accounts at the previous month's end (by number of accounts with "#"). A fraction: format the cell as a percentage.
 *
 * @param {string|Date} month [month] Optional. The month, as "2026-10" or a date in it; the latest complete month when omitted.
 * @param {string} basis [basis] Optional. "$" for amounts (the default) or "#" for numbers of accounts.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {number|string} The ratio, or why it is unavailable.
 * @customfunction
 */
export function M2_RATIO(month?: Arg, basis?: Arg, refresh?: Arg): FigureResult {
  void refresh;
  return overdueFigure("m2", month, basis, historyFunctionEnv());
}

/**
 * M3+% of a month from Daihou's history: principal in M3 and M3+ at the month's end ÷ principal of all active accounts at the previous month's end (by number of accounts with "#"). A fraction: format the cell as a percentage.
 *
 * @param {string|Date} month [month] Optional. The month, as "2026-10" or a date in it; the latest complete month when omitted.
 * @param {string} basis [basis] Optional. "$" for amounts (the default) or "#" for numbers of accounts.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {number|string} The ratio, or why it is unavailable.
 * @customfunction
 */
export function M3PLUS_RATIO(month?: Arg, basis?: Arg, refresh?: Arg): FigureResult {
  void refresh;
  return overdueFigure("m3plus", month, basis, historyFunctionEnv());
}

/**
 * C-M1% of a month from Daihou's history: for each due day d, principal flowing from C (day d−1) to M1 (day d+1) ÷ principal of all active accounts on day d+1 of the month before; the mean over the store's due days. A fraction: format the cell as a percentage.
 *
 * @param {string|Date} month [month] Optional. The month, as "2026-10" or a date in it; the latest complete month when omitted.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {number|string} The rate, or why it is unavailable.
 * @customfunction
 */
export function CM1_RATE(month?: Arg, refresh?: Arg): FigureResult {
  void refresh;
  return cm1Rate(month, historyFunctionEnv());
}

/**
 * Roll rate from Daihou's history: of the accounts in bucket "from" at the previous month's end, the share in "to" at the month's end, by principal at the previous month's end ("$") or by number of accounts ("#"). A fraction: format the cell as a percentage.
 *
 * @param {string} from The bucket at the previous month's end: C, M1, M2, M3 or M3+.
 * @param {string} to The bucket at the month's end (C, M1, M2, M3, M3+), or settled (结清) or written_off (核销).
 * @param {string|Date} month [month] Optional. The month, as "2026-10" or a date in it; the latest complete month when omitted.
 * @param {string} basis [basis] Optional. "$" for principal (the default) or "#" for numbers of accounts.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {number|string} The share, or why it is unavailable.
 * @customfunction
 */
export function ROLL_RATE(from: Arg, to: Arg, month?: Arg, basis?: Arg, refresh?: Arg): FigureResult {
  void refresh;
  return rollRate(from, to, month, basis, historyFunctionEnv());
}

/**
 * The whole roll matrix from Daihou's history in one call: a header row (C, M1, M2, M3, M3+, settled, written_off: the bucket at the month's end or the end state) and one row per bucket at the previous month's end (C, M1, M2, M3, M3+), each cell the number of accounts ("#") or their principal at the previous month's end ("$").
 *
 * @param {string|Date} month [month] Optional. The month, as "2026-10" or a date in it; the latest complete month when omitted.
 * @param {string} basis [basis] Optional. "$" for principal (the default) or "#" for numbers of accounts.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {Array<Array<string|number>>} The matrix with its header row and column (6 rows × 8 columns), or why it is unavailable.
 * @customfunction
 */
export function ROLL_MATRIX(month?: Arg, basis?: Arg, refresh?: Arg): Out[][] | string {
  void refresh;
  return rollMatrixCells(month, basis, historyFunctionEnv());
}

/**
 * Next month's M1%, M2% or M3+% forecast from a month's roll rates (Daihou's history): each bucket's accounts at the month's end moved by the share of that bucket that rolled to M1, M2 or M3+ during the month. A fraction: format the cell as a percentage.
 *
 * @param {string} bucket The bucket to forecast: M1, M2 or M3+.
 * @param {string} basis [basis] Optional. "$" for principal (the default) or "#" for numbers of accounts.
 * @param {string|Date} month [month] Optional. The month whose roll rates are used, as "2026-10" or a date in it; the latest complete month when omitted. The forecast is of the month after.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {number|string} The forecast ratio, or why it is unavailable.
 * @customfunction
 */
export function FORECAST_RATIO(bucket: Arg, basis?: Arg, month?: Arg, refresh?: Arg): FigureResult {
  void refresh;
  return forecastRatio(bucket, basis, month, beyondFunctionEnv());
}

/**
 * The vintage from Daihou's history and the ledger's disbursement dates: one row per disbursement month (cohort) with its number of loans and the share of them ever in M1 or worse (or M2 or worse) after 0, 1, 2 … months on book, up to the month.
 *
 * @param {string|Date} month [month] Optional. The last month to count, as "2026-10" or a date in it; the latest complete month when omitted.
 * @param {string} threshold [threshold] Optional. "M1" for ever in M1 or worse (the default), "M2" for ever in M2 or worse.
 * @param {string} refresh [refresh] Optional. Daihou_Run: only there so Sheets recalculates after each daily run; its value is not used.
 * @return {Array<Array<string|number>>} The table with a header row (cohort, loans, 0, 1, 2 …), or why it is unavailable.
 * @customfunction
 */
export function VINTAGE(month?: Arg, threshold?: Arg, refresh?: Arg): Out[][] | string {
  void refresh;
  return vintageCells(month, threshold, beyondFunctionEnv());
}

/**
 * Overdue ratio over your own ranges (one row per account): Σ principal of the rows whose bucket is "bucket" ÷ Σ prior_principal of the rows where prior_principal is above 0; with "#", the number of rows whose bucket is "bucket" ÷ the number of rows where prior_principal is above 0. A fraction: format the cell as a percentage.
 *
 * @param {string|Array<Array<string>>} bucket The bucket to count (e.g. "M1"), or a range of them (e.g. {"M3","M3+"}); case is ignored.
 * @param {Array<Array<string>>} buckets Each account's bucket now (e.g. the BUCKET column).
 * @param {Array<Array<number>>} principal Each account's outstanding principal now, the same size as buckets.
 * @param {Array<Array<number>>} prior_principal Each account's outstanding principal at the previous month's end (0 or blank when it was not active), the same size as buckets.
 * @param {string} basis [basis] Optional. "$" for amounts (the default) or "#" for numbers of accounts.
 * @return {number|string} The ratio, or why it cannot be computed.
 * @customfunction
 */
export function OVERDUE_RATIO(bucket: Arg, buckets: Arg, principal: Arg, prior_principal: Arg, basis?: Arg): FigureResult {
  return overdueRatioCells(bucket, buckets, principal, prior_principal, basis, () => customFunctionEnv().lang());
}

// The sidebar's server functions above, checked against the bridge's types (src/ui/bridge.ts): the client calls them by these names and shapes.
void ({ sidebarCard, sidebarSelection, sidebarRecord, settingsLoad, settingsSave } satisfies ServerFunctions);
