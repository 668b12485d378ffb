/**
 * The guidance sidebar and the settings dialog in Sheets: HtmlService pages
 * (build/Sidebar.html, build/Settings.html) and the server functions their
 * client calls through google.script.run — thin wrappers over
 * src/app/sidebarService.ts on the SheetsBook. Results are JSON-safe.
 */
import { dateOfCallSheet } from "../app/names";
import {
  type CardView,
  type Failure,
  type RecordDone,
  type RecordForm,
  type SettingsRefused,
  type SettingsView,
  type SidebarContext,
  customerCard,
  getSettingsView,
  recordFromSidebar,
  saveSettingsJson,
} from "../app/sidebarService";
import { type Cell, cellText } from "../domain/cells";
import { isoDay } from "../domain/days";
import { HEADER_SEARCH_ROWS, findHeaderRow, mapHeaders } from "../domain/fields";
import { LEDGER_SHEET } from "../app/names";
import type { Boot, Selection, SettingsSaved } from "../ui/bridge";
import { sidebarStatus } from "./runNotice";
import { tx } from "../domain/messages/ui";
import { callColumnsOf } from "../app/callSheet";
import type { AppServices } from "./jobUi";
import { uiLang } from "./menu";
import { ui } from "../domain/messages/sheets";
import { findLedgerSheet, withDocumentLock } from "./runToday";
import { loadSettings, saveSettings } from "./settingsStore";
import { SheetsBook } from "./sheetsBook";
import { dailyRunIsOn, setDailyTrigger } from "./trigger";
import { sheetsCellContext, todayInZone } from "./zone";

/** The services the sidebar uses: the app's and HtmlService. */
export interface SidebarServices extends AppServices {
  htmlService: Pick<GoogleAppsScript.HTML.HtmlService, "createTemplateFromFile">;
}

/** The page's start data as the template's `boot` (JSON with `<` escaped, so it cannot close the script). */
export function bootJson(boot: Boot): string {
  return JSON.stringify(boot).replace(/</g, "\\u003c");
}

function page(services: SidebarServices, file: "Sidebar" | "Settings", boot: Boot): GoogleAppsScript.HTML.HtmlOutput {
  const template = services.htmlService.createTemplateFromFile(file);
  (template as unknown as { boot: string }).boot = bootJson(boot);
  return template.evaluate();
}

/** Menu: opens the guidance sidebar (course and customer card). */
export function showGuidance(services: SidebarServices): void {
  const lang = uiLang(services);
  const status = sidebarStatus(services, lang);
  const out = page(services, "Sidebar", { mode: "course", lang, loan: "", poll: true, status }).setTitle(ui(lang, "menu.guidance"));
  services.spreadsheetApp.getUi().showSidebar(out);
}

/** Menu: opens the settings dialog. */
export function showSettings(services: SidebarServices): void {
  const lang = uiLang(services);
  const out = page(services, "Settings", { mode: "settings", lang, loan: "", poll: false }).setWidth(560).setHeight(680);
  services.spreadsheetApp.getUi().showModalDialog(out, tx(lang, "settings.title"));
}

function context(services: AppServices): SidebarContext & { ss: GoogleAppsScript.Spreadsheet.Spreadsheet; tz: string } {
  const lang = uiLang(services);
  const settings = loadSettings(services.propertiesService.getDocumentProperties());
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const formatDate = (d: Date, z: string, f: string) => services.utilities.formatDate(d, z, f);
  return {
    lang,
    settings,
    ss,
    tz,
    ledgerSheet: findLedgerSheet(ss, settings) ?? LEDGER_SHEET,
    cellContext: sheetsCellContext(services.utilities, tz, settings.dateOrder),
    recordedAt: formatDate(new Date(), tz, "yyyy-MM-dd HH:mm"),
  };
}

/**
 * The card of `loanId`, or (blank) of the account on the active row of the
 * ledger or of a call sheet; on a call sheet, for that sheet's date, else today.
 */
export function sidebarCardUi(services: AppServices, loanId: string): CardView | Failure {
  const cx = context(services);
  const sheet = cx.ss.getActiveSheet();
  const today = todayInZone((d, z, f) => services.utilities.formatDate(d, z, f), cx.tz);
  const sheetDate = dateOfCallSheet(sheet.getName());
  let id = String(loanId ?? "").trim();
  if (id === "") {
    const row = sheet.getActiveRange()?.getRow() ?? 0;
    const width = sheet.getLastColumn();
    if (row < 2 || width < 1) return { ok: false, errors: [tx(cx.lang, "error.no_row")] };
    // A ledger's header may stand below title rows (SPEC §3): the row among the first ten naming the most fields.
    const top = sheet.getRange(1, 1, Math.max(1, Math.min(HEADER_SEARCH_ROWS, sheet.getLastRow())), width).getValues() as Cell[][];
    const at = sheetDate !== null ? 0 : findHeaderRow((i) => top[i], cx.settings.columnMapping, cx.settings.headerRow);
    const header = top[at];
    const col =
      sheetDate !== null ? callColumnsOf([header]).loan_id : (mapHeaders(header, cx.settings.columnMapping).columns.loan_id ?? -1);
    if (col < 0 || row <= at + 1) return { ok: false, errors: [tx(cx.lang, "error.no_row")] };
    id = cellText(sheet.getRange(row, col + 1).getValue() as Cell).trim();
    if (id === "") return { ok: false, errors: [tx(cx.lang, "error.no_row")] };
  }
  return customerCard(new SheetsBook(cx.ss, services.spreadsheetApp), id, isoDay(sheetDate ?? today), cx);
}

/**
 * The sidebar's poll: the selected row's loan id only — one cell, read with the
 * loan-id column the last poll found (`hint`: the sheet's name and the column);
 * the header row and the settings are read only when the sheet changed.
 */
export function sidebarSelectionUi(services: AppServices, hint: string): Selection {
  const sheet = services.spreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  const row = sheet.getActiveRange()?.getRow() ?? 0;
  if (row < 2) return { loanId: "", hint };
  const name = sheet.getName();
  const [hintSheet, hintCol] = hint.split("\t");
  let col = hintSheet === name && /^\d+$/.test(hintCol ?? "") ? Number(hintCol) : -1;
  if (col < 0) {
    const width = sheet.getLastColumn();
    if (width < 1) return { loanId: "", hint: "" };
    const header = sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[];
    const settings = loadSettings(services.propertiesService.getDocumentProperties());
    col =
      dateOfCallSheet(name) !== null ? callColumnsOf([header]).loan_id : (mapHeaders(header, settings.columnMapping).columns.loan_id ?? -1);
    if (col < 0) return { loanId: "", hint: "" };
  }
  const loanId = cellText(sheet.getRange(row, col + 1).getValue() as Cell).trim();
  return { loanId, hint: `${name}\t${col}` };
}

/** Records a call from the card, under the document lock. */
export function sidebarRecordUi(services: AppServices, form: RecordForm): RecordDone | Failure {
  const cx = context(services);
  return withDocumentLock(
    services.lockService,
    () => ({ ok: false, errors: [ui(cx.lang, "run.busy")] }),
    () => recordFromSidebar(new SheetsBook(cx.ss, services.spreadsheetApp), form, cx),
  );
}

/** The settings dialog's content. */
export function settingsLoadUi(services: AppServices): SettingsView | Failure {
  const cx = context(services);
  // The daily run's switch shows whether the trigger is really there (it can be deleted from the Apps Script dashboard).
  const settings = { ...cx.settings, dailyTrigger: dailyRunIsOn(services.scriptApp, cx.ss) };
  return getSettingsView(new SheetsBook(cx.ss, services.spreadsheetApp), { ...cx, settings });
}

/** Saves the dialog's settings in the document properties (nothing when a value is bad); turns the daily trigger on or off with them. */
export function settingsSaveUi(services: AppServices, json: string): SettingsSaved | SettingsRefused {
  const cx = context(services);
  const props = services.propertiesService.getDocumentProperties();
  // The trigger first (it can be refused), then the settings: a refusal leaves nothing half-saved.
  // Set every time, so a trigger deleted from the dashboard comes back when the switch says on.
  let refused: string | undefined;
  const saved = saveSettingsJson(
    {
      save: (s) => {
        refused = setDailyTrigger(services.scriptApp, cx.ss, s.dailyTrigger).refused;
        if (refused === undefined) saveSettings(props, s);
      },
    },
    json,
    cx.lang,
  );
  if (refused !== undefined) return { ok: false, errors: [ui(cx.lang, "trigger.refused", { reason: refused })], fields: ["dailyTrigger"] };
  return saved;
}
