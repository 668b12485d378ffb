/**
 * The optional daily run (SPEC §7): ONE time-driven trigger per user and
 * spreadsheet, calling the top-level `dailyTrigger` every hour — the most an
 * Editor add-on may have, and the same code path for a bound script. Each
 * firing decides what to do (see unattended.ts): finish a stopped run, else run
 * today's work once the spreadsheet's local hour is 07:00 or later and today is
 * not done, else return at once. No other trigger is ever created (no one-off
 * continuation: an add-on's second time-driven trigger in a document is refused).
 * Installing and removing are idempotent and never throw.
 */

/** The top-level function the trigger calls (a stub in build/Code.js; see entry.ts). */
export const DAILY_TRIGGER_FUNCTION = "dailyTrigger";
/** The local hour from which a firing runs today's work. */
export const DAILY_TRIGGER_HOUR = 7;
/** Hours between firings (Apps Script's minimum for an add-on's time-driven trigger). */
export const TRIGGER_EVERY_HOURS = 1;
/** The handler of the one-off continuation trigger of earlier versions: removed wherever one is left. */
export const OLD_CONTINUE_FUNCTION = "continueDailyJob";

/** The parts of ScriptApp the trigger functions use. */
export type TriggerScriptApp = Pick<GoogleAppsScript.Script.ScriptApp, "getUserTriggers" | "newTrigger" | "deleteTrigger">;
type Spreadsheet = Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, "getSpreadsheetTimeZone">;

/** This user's triggers in this spreadsheet calling `handler` (triggers of other documents are never touched). */
function triggersOf(scriptApp: TriggerScriptApp, ss: Spreadsheet, handler: string): GoogleAppsScript.Script.Trigger[] {
  return scriptApp
    .getUserTriggers(ss as GoogleAppsScript.Spreadsheet.Spreadsheet)
    .filter((trigger) => trigger.getHandlerFunction() === handler);
}

/** This user's daily-run triggers in this spreadsheet. */
export function dailyTriggers(scriptApp: TriggerScriptApp, ss: Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return triggersOf(scriptApp, ss, DAILY_TRIGGER_FUNCTION);
}

/** Removes one-off continuation triggers an earlier version left; returns how many there were. */
export function removeOldContinuations(scriptApp: TriggerScriptApp, ss: Spreadsheet): number {
  const old = triggersOf(scriptApp, ss, OLD_CONTINUE_FUNCTION);
  for (const trigger of old) scriptApp.deleteTrigger(trigger);
  return old.length;
}

/** What turning the daily run on or off did. */
export interface TriggerChange {
  /** True when the daily run's trigger exists now. */
  on: boolean;
  /** Apps Script's refusal of the trigger, as it said it (turning on only). */
  refused?: string;
}

/** Makes sure exactly one daily-run trigger exists (an hourly one when it has to make it). Never throws: a refusal is returned. */
export function installDailyTrigger(scriptApp: TriggerScriptApp, ss: Spreadsheet): TriggerChange {
  try {
    // A continuation left by an earlier version would hold the add-on's one time-driven trigger.
    removeOldContinuations(scriptApp, ss);
    const existing = dailyTriggers(scriptApp, ss);
    for (const extra of existing.slice(1)) scriptApp.deleteTrigger(extra);
    if (existing.length > 0) return { on: true };
    scriptApp.newTrigger(DAILY_TRIGGER_FUNCTION).timeBased().everyHours(TRIGGER_EVERY_HOURS).create();
    return { on: true };
  } catch (e) {
    return { on: false, refused: e instanceof Error ? e.message : String(e) };
  }
}

/** Removes every daily-run trigger (and any old continuation); returns how many there were. Never throws. */
export function removeDailyTrigger(scriptApp: TriggerScriptApp, ss: Spreadsheet): number {
  try {
    removeOldContinuations(scriptApp, ss);
    const existing = dailyTriggers(scriptApp, ss);
    for (const trigger of existing) scriptApp.deleteTrigger(trigger);
    return existing.length;
  } catch {
    return 0;
  }
}

/** Turns the daily run on or off; never throws. */
export function setDailyTrigger(scriptApp: TriggerScriptApp, ss: Spreadsheet, on: boolean): TriggerChange {
  if (on) return installDailyTrigger(scriptApp, ss);
  removeDailyTrigger(scriptApp, ss);
  return { on: false };
}

/** True when the daily run's trigger exists (false when Apps Script cannot say). */
export function dailyRunIsOn(scriptApp: TriggerScriptApp, ss: Spreadsheet): boolean {
  try {
    return dailyTriggers(scriptApp, ss).length > 0;
  } catch {
    return false;
  }
}
