/**
 * The Daihou menu. `createAddonMenu` puts it under Extensions both in a bound
 * script and as an Editor add-on. onOpen may run in AuthMode.NONE (an add-on in
 * a document where it is not yet used): then nothing of the document is read —
 * no properties, no cells, no locale — and the language follows the user's locale.
 */
import type { Lang } from "../domain/i18n";
import { langOfLocale } from "../domain/i18n";
import { type UiKey, ui } from "../domain/messages/sheets";
import { loadSettings } from "./settingsStore";

/** The Apps Script services the menu uses (the globals in Sheets, fakes in tests). */
export interface MenuServices {
  spreadsheetApp: Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, "getUi" | "getActiveSpreadsheet">;
  session: Pick<GoogleAppsScript.Base.Session, "getActiveUserLocale">;
  propertiesService: Pick<GoogleAppsScript.Properties.PropertiesService, "getDocumentProperties"> &
    Partial<Pick<GoogleAppsScript.Properties.PropertiesService, "getUserProperties">>;
  scriptApp: { AuthMode: { NONE: unknown } };
}

/** An open or install event, or nothing when run from the editor. */
export interface OpenEvent {
  authMode?: unknown;
}

/** A menu item: its label key and the top-level function it calls (a stub in build/Code.js). */
export interface MenuItem {
  label: UiKey;
  handler: string;
}

/** The menu, top to bottom; null is a separator. */
export const MENU_ITEMS: readonly (MenuItem | null)[] = [
  { label: "menu.run_today", handler: "menuRunToday" },
  { label: "menu.record_results", handler: "menuRecordResults" },
  null,
  { label: "menu.month_end", handler: "menuMonthEnd" },
  null,
  { label: "menu.guidance", handler: "menuGuidance" },
  { label: "menu.settings", handler: "menuSettings" },
  { label: "menu.daily_trigger", handler: "menuToggleDailyTrigger" },
  null,
  { label: "menu.insert_sample", handler: "menuInsertSample" },
];

/** True when the event says the script may not touch the document (AuthMode.NONE). */
export function isAuthModeNone(e: OpenEvent | undefined, scriptApp: MenuServices["scriptApp"]): boolean {
  if (!e || e.authMode === undefined || e.authMode === null) return false;
  return e.authMode === scriptApp.AuthMode.NONE || String(e.authMode) === String(scriptApp.AuthMode.NONE);
}

/**
 * The interface language: the store's setting when it names one, else the
 * spreadsheet's locale; in AuthMode.NONE (or when those cannot be read) the
 * user's own locale; English as the last resort.
 */
export function uiLang(services: MenuServices, e?: OpenEvent): Lang {
  if (!isAuthModeNone(e, services.scriptApp)) {
    try {
      const language = loadSettings(services.propertiesService.getDocumentProperties()).language;
      if (language === "zh" || language === "en") return language;
      return langOfLocale(services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
    } catch {
      // Not readable here: fall back to the user's locale.
    }
  }
  try {
    return langOfLocale(services.session.getActiveUserLocale());
  } catch {
    return "en";
  }
}

/** Adds the Daihou menu in the user's language; returns that language. */
export function createAddonMenu(services: MenuServices, e?: OpenEvent): Lang {
  const lang = uiLang(services, e);
  let menu = services.spreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    menu = item ? menu.addItem(ui(lang, item.label), item.handler) : menu.addSeparator();
  }
  menu.addToUi();
  return lang;
}
