/**
 * "Record call results" and "Month-end report" from the menu: the same use
 * cases as the CLI's `record` and `report`, on the spreadsheet, under the
 * document lock. Messages hold counts, rows and reasons — never a customer's
 * name or number.
 */
import { latestCompleteMonth, writeMonthEndReport } from "../app/monthEndReport";
import { CONTACT_LOG_SHEET, callSheetName, dateOfCallSheet } from "../app/names";
import { NoCallSheetError, recordOutcomes, refusalLines } from "../app/recordOutcomes";
import { type Day, isoDay, parseIsoDay, parseMonth } from "../domain/days";
import type { AppServices } from "./jobUi";
import { uiLang } from "./menu";
import { ui } from "../domain/messages/sheets";
import { findLedgerSheet, withDocumentLock } from "./runToday";
import { loadSettings } from "./settingsStore";
import { SheetsBook } from "./sheetsBook";
import { sheetsCellContext, todayInZone } from "./zone";

function alert(services: AppServices, title: string, text: string): void {
  const sheetsUi = services.spreadsheetApp.getUi();
  sheetsUi.alert(title, text, sheetsUi.ButtonSet.OK);
}

/**
 * Records a call sheet's results into the contact log: the sheet of `isoDate`, else
 * the active sheet when it is a call sheet, else today's. Returns the text shown.
 */
export function recordFromMenu(services: AppServices, isoDate = ""): string {
  const lang = uiLang(services);
  const title = ui(lang, "notice.title");
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const formatDate = (d: Date, z: string, f: string) => services.utilities.formatDate(d, z, f);
  let date: Day | null = isoDate.trim() === "" ? dateOfCallSheet(ss.getActiveSheet().getName()) : parseIsoDay(isoDate);
  if (date === null) date = todayInZone(formatDate, tz);
  if (Number.isNaN(date)) {
    const text = ui(lang, "run.bad_date", { text: isoDate });
    alert(services, title, text);
    return text;
  }
  const day = date;
  const text = withDocumentLock(
    services.lockService,
    () => ui(lang, "run.busy"),
    () => {
      const settings = loadSettings(services.propertiesService.getDocumentProperties());
      const ledgerSheet = findLedgerSheet(ss, settings) ?? "";
      const cellContext = sheetsCellContext(services.utilities, tz, settings.dateOrder);
      try {
        const r = recordOutcomes(new SheetsBook(ss, services.spreadsheetApp), {
          date: day,
          lang,
          settings,
          ledgerSheet,
          cellContext,
          recordedAt: formatDate(new Date(), tz, "yyyy-MM-dd HH:mm"),
        });
        const lines = [
          ui(lang, "record.done", { log: CONTACT_LOG_SHEET, recorded: r.recorded, already: r.alreadyRecorded, refused: r.refused.length }),
        ];
        if (r.refused.length > 0) lines.push("", ui(lang, "record.refused_head"), ...refusalLines(r, lang));
        return lines.join("\n");
      } catch (e) {
        if (e instanceof NoCallSheetError) return ui(lang, "record.no_call_sheet", { sheet: callSheetName(day) });
        throw e;
      }
    },
  );
  alert(services, ui(lang, "record.done_title", { date: isoDay(day) }), text);
  return text;
}

/**
 * Writes the month-end report for `month` (YYYY-MM; blank: the latest complete
 * month). Nothing rewrites formulas: the figure formulas recalculate through
 * their Daihou_Run argument after each daily run (runStamp.ts). Returns the text shown.
 */
export function monthEndFromMenu(services: AppServices, month = ""): string {
  const lang = uiLang(services);
  const title = ui(lang, "notice.title");
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  if (month.trim() !== "" && !parseMonth(month)) {
    const text = ui(lang, "hf.bad_month", { text: month });
    alert(services, title, text);
    return text;
  }
  const text = withDocumentLock(
    services.lockService,
    () => ui(lang, "run.busy"),
    () => {
      const settings = loadSettings(services.propertiesService.getDocumentProperties());
      const book = new SheetsBook(ss, services.spreadsheetApp);
      const m = month.trim() !== "" ? month.trim() : latestCompleteMonth(book);
      if (m === null) return ui(lang, "report.no_history");
      const ledgerSheet = findLedgerSheet(ss, settings);
      const ledger =
        ledgerSheet === null
          ? undefined
          : { sheet: ledgerSheet, cellContext: sheetsCellContext(services.utilities, ss.getSpreadsheetTimeZone(), settings.dateOrder) };
      const report = writeMonthEndReport(book, m, settings, lang, undefined, ledger);
      ss.getSheetByName(report.sheet)?.activate();
      return ui(lang, "report.done", { month: m, sheet: report.sheet });
    },
  );
  alert(services, title, text);
  return text;
}
