/**
 * Apps Script's limits on time-driven triggers, as the fake ScriptApp applies
 * them when it plays an Editor add-on ("Restrictions" in Google's add-on
 * triggers guide): one time-driven trigger per user and document, firing at
 * most once an hour — creating another, or a faster one (a one-off `after` of
 * less than an hour included), is refused with an error. A bound script has
 * neither limit (only the 20-triggers-per-user quota).
 */

/** How the script is deployed. */
export type Deployment = "bound" | "addon";

/** A clock trigger's schedule as the builder collects it. */
export interface Schedule {
  everyDays?: number;
  everyHours?: number;
  everyMinutes?: number;
  atHour?: number;
  nearMinute?: number;
  timeZone?: string;
  after?: number;
}

const HOUR_MS = 3_600_000;

/** Throws as Apps Script does when `schedule` may not be created beside `existing` (this user's clock triggers in this document). */
export function checkTriggerLimits(deployment: Deployment, existing: readonly { schedule: Schedule }[], schedule: Schedule): void {
  const { everyDays, everyHours, everyMinutes, after } = schedule;
  if (everyDays === undefined && everyHours === undefined && everyMinutes === undefined && after === undefined)
    throw new Error("The trigger has no schedule.");
  if (existing.length >= 20)
    throw new Error("This script has too many triggers. Triggers must be deleted from the script before more can be added.");
  if (deployment !== "addon") return;
  if (existing.length >= 1)
    throw new Error("This add-on has created too many time-based triggers in this document for this Google user account.");
  const tooOften = everyMinutes !== undefined || (everyHours !== undefined && everyHours < 1) || (after !== undefined && after < HOUR_MS);
  if (tooOften) throw new Error("Add-ons may not create time-based triggers that run more than once an hour.");
}
