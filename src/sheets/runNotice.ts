/**
 * Where people see the last run's outcome (SPEC §7): a toast when the
 * spreadsheet opens if the last unattended run failed, did not finish or found
 * no spreadsheet — only where the auth mode lets onOpen read the document's
 * properties — and the top of the guidance sidebar.
 */
import type { Lang } from "../domain/i18n";
import { type MenuServices, type OpenEvent, isAuthModeNone } from "./menu";
import { ui } from "../domain/messages/sheets";
import { type RunStatus, loadStatus, needsAttention, newer, statusLevel, statusText } from "./runStatus";

/** The services the notice reads: the document's properties, the user's (where a firing with no document recorded itself). */
export type NoticeServices = Pick<MenuServices, "spreadsheetApp" | "scriptApp"> & {
  propertiesService: Pick<GoogleAppsScript.Properties.PropertiesService, "getDocumentProperties"> &
    Partial<Pick<GoogleAppsScript.Properties.PropertiesService, "getUserProperties">>;
};

/** The last run's status: the document's, or a newer record of a firing that found no document. */
export function lastRunStatus(services: NoticeServices): RunStatus | null {
  const own = loadStatus(services.propertiesService.getDocumentProperties());
  let orphan: RunStatus | null = null;
  try {
    const user = loadStatus(services.propertiesService.getUserProperties?.());
    orphan = user?.state === "no_spreadsheet" ? user : null;
  } catch {
    orphan = null;
  }
  return newer(own, orphan);
}

/** On opening: a toast when the last unattended run needs someone. Never throws; reads nothing in AuthMode.NONE. */
export function noticeOnOpen(services: NoticeServices, lang: Lang, e?: OpenEvent): void {
  if (isAuthModeNone(e, services.scriptApp)) return;
  try {
    const status = lastRunStatus(services);
    if (!status || !needsAttention(status)) return;
    services.spreadsheetApp.getActiveSpreadsheet().toast(statusText(lang, status), ui(lang, "status.title"), 30);
  } catch {
    // Not readable here (an add-on not yet used in this document): no notice.
  }
}

/** The status line the sidebar shows at its top, or null before the first run. */
export function sidebarStatus(services: NoticeServices, lang: Lang): { text: string; level: "ok" | "warn" | "error" } | null {
  try {
    const status = lastRunStatus(services);
    return status ? { text: statusText(lang, status), level: statusLevel(status) } : null;
  } catch {
    return null;
  }
}
