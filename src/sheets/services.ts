/**
 * The Apps Script globals, gathered in one place so that every other module in
 * src/sheets takes its services as arguments and can be tested with fakes.
 * Only src/sheets/entry.ts calls these.
 */
import type { CustomFunctionEnv } from "./customFunctions";
import { sheetsEnv } from "./customFunctions";
import { settingsOnDemand } from "./settingsStore";
import { type HistoryFunctionEnv, sheetsHistoryEnv } from "./historyFunctions";
import { type BeyondFunctionEnv, spreadsheetBookReader } from "./beyondFunctions";
import type { AppServices } from "./jobUi";
import type { MenuServices } from "./menu";
import type { SidebarServices } from "./sidebarUi";

/** The services the menu and notices use. */
export function menuServices(): MenuServices {
  return { spreadsheetApp: SpreadsheetApp, session: Session, propertiesService: PropertiesService, scriptApp: ScriptApp };
}

/** Every service the daily job, the sample store and the daily-run trigger use. */
export function appServices(): AppServices {
  return {
    spreadsheetApp: SpreadsheetApp,
    lockService: LockService,
    utilities: Utilities,
    session: Session,
    propertiesService: PropertiesService,
    scriptApp: ScriptApp,
    log: (line) => console.log(line),
    now: () => Date.now(),
  };
}

/** The services the guidance sidebar and the settings dialog use. */
export function sidebarServices(): SidebarServices {
  return { ...appServices(), htmlService: HtmlService };
}

/** The environment of one custom-function call (time zone and locale read lazily, once). */
export function customFunctionEnv(): CustomFunctionEnv {
  return sheetsEnv(
    SpreadsheetApp,
    (date, timeZone, format) => Utilities.formatDate(date, timeZone, format),
    settingsOnDemand(PropertiesService),
  );
}

/** The environment of one call of a history custom function (locale, time zone, settings and history sheets read lazily, once). */
export function historyFunctionEnv(): HistoryFunctionEnv {
  return sheetsHistoryEnv({
    spreadsheetApp: SpreadsheetApp,
    propertiesService: PropertiesService,
    formatDate: (date, timeZone, format) => Utilities.formatDate(date, timeZone, format),
    cacheService: CacheService,
  });
}

/** The environment of FORECAST_RATIO and VINTAGE: the history functions', and a reader of the ledger and contact log too. */
export function beyondFunctionEnv(): BeyondFunctionEnv {
  let reader: ReturnType<typeof spreadsheetBookReader> | undefined;
  return {
    ...historyFunctionEnv(),
    bookReader: () => {
      reader ??= spreadsheetBookReader(SpreadsheetApp.getActiveSpreadsheet());
      return reader;
    },
  };
}
