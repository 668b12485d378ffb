/**
 * The optional daily run (SPEC §7): one time-driven trigger per user and
 * spreadsheet calling the top-level `dailyTrigger` every day at 07:00 in the
 * spreadsheet's time zone (Apps Script fires it some time in that hour).
 * Installing and removing are idempotent: there is never more than one.
 * And the one-off trigger that continues a run stopped before Apps Script's
 * 6-minute limit.
 */

/** The top-level function the trigger calls (a stub in build/Code.js; see entry.ts). */
export const DAILY_TRIGGER_FUNCTION = "dailyTrigger";
/** The hour the daily run starts, in the spreadsheet's time zone. */
export const DAILY_TRIGGER_HOUR = 7;

/** The parts of ScriptApp the trigger functions use. */
export type TriggerScriptApp = Pick<GoogleAppsScript.Script.ScriptApp, "getUserTriggers" | "newTrigger" | "deleteTrigger">;
type Spreadsheet = Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, "getSpreadsheetTimeZone">;

/** This user's triggers in this spreadsheet calling `handler` (triggers of other documents are never touched). */
function triggersOf(scriptApp: TriggerScriptApp, ss: Spreadsheet, handler: string): GoogleAppsScript.Script.Trigger[] {
  return scriptApp.getUserTriggers(ss as GoogleAppsScript.Spreadsheet.Spreadsheet).filter((trigger) => trigger.getHandlerFunction() === handler);
}

/** This user's daily-run triggers in this spreadsheet. */
export function dailyTriggers(scriptApp: TriggerScriptApp, ss: Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return triggersOf(scriptApp, ss, DAILY_TRIGGER_FUNCTION);
}

/** Makes sure exactly one daily-run trigger exists; true when it had to create it. */
export function installDailyTrigger(scriptApp: TriggerScriptApp, ss: Spreadsheet): boolean {
  const existing = dailyTriggers(scriptApp, ss);
  for (const extra of existing.slice(1)) scriptApp.deleteTrigger(extra);
  if (existing.length > 0) return false;
  scriptApp
    .newTrigger(DAILY_TRIGGER_FUNCTION)
    .timeBased()
    .everyDays(1)
    .atHour(DAILY_TRIGGER_HOUR)
    .inTimezone(ss.getSpreadsheetTimeZone())
    .create();
  return true;
}

/** Removes every daily-run trigger; returns how many there were. */
export function removeDailyTrigger(scriptApp: TriggerScriptApp, ss: Spreadsheet): number {
  const existing = dailyTriggers(scriptApp, ss);
  for (const trigger of existing) scriptApp.deleteTrigger(trigger);
  return existing.length;
}

/** Turns the daily run on or off. */
export function setDailyTrigger(scriptApp: TriggerScriptApp, ss: Spreadsheet, on: boolean): void {
  if (on) installDailyTrigger(scriptApp, ss);
  else removeDailyTrigger(scriptApp, ss);
}

/** The top-level function the one-off trigger of a run stopped before the time limit calls (see resumableBook.ts). */
export const CONTINUE_FUNCTION = "continueDailyJob";
/** How long after a stop the continuation starts. */
export const CONTINUE_AFTER_MS = 60_000;

/** Removes every continuation trigger (a one-off trigger stays listed, disabled, after it has run); returns how many there were. */
export function removeContinuationTriggers(scriptApp: TriggerScriptApp, ss: Spreadsheet): number {
  const existing = triggersOf(scriptApp, ss, CONTINUE_FUNCTION);
  for (const trigger of existing) scriptApp.deleteTrigger(trigger);
  return existing.length;
}

/**
 * Makes sure exactly one continuation trigger is waiting: the one made now, to
 * run in about a minute. False when Apps Script refuses it (an Editor add-on may
 * hold one time-driven trigger per document, which the daily run may be using):
 * then the run continues when someone chooses "Run today's work" again.
 */
export function scheduleContinuation(scriptApp: TriggerScriptApp, ss: Spreadsheet): boolean {
  removeContinuationTriggers(scriptApp, ss);
  try {
    scriptApp.newTrigger(CONTINUE_FUNCTION).timeBased().after(CONTINUE_AFTER_MS).create();
    return true;
  } catch {
    return false;
  }
}
