/**
 * Every run of today's work leaves its outcome in the run status (runStatus.ts)
 * and, when it finishes, a new run stamp (runStamp.ts) — and the one hourly
 * trigger's firing (SPEC §7): finish a stopped run if there is one, else run
 * today's work once the spreadsheet's local hour is 07:00 or later and today is
 * not done, else return at once. A firing with no active spreadsheet records
 * that and returns: no crash, no silence.
 */
import { type Day, isoDay, parseIsoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import type { Settings } from "../domain/settings";
import { MAX_CONTINUATIONS, loadProgress } from "./continuation";
import type { AppServices } from "./jobUi";
import { ui } from "../domain/messages/sheets";
import { type RunOutcome, type RunHooks, runTodayInSheets } from "./runToday";
import { type RunStatus, loadStatus, saveStatus } from "./runStatus";
import { runStamp, writeRunStamp } from "./runStamp";
import { DAILY_TRIGGER_HOUR } from "./trigger";
import { todayInZone } from "./zone";

type Props = Pick<GoogleAppsScript.Properties.Properties, "getProperty" | "setProperty" | "deleteProperty">;

/** The local time of `ms` in `tz`, as the status shows it. */
function localTime(services: AppServices, ms: number, tz: string, format = "yyyy-MM-dd HH:mm:ss"): string {
  return services.utilities.formatDate(new Date(ms), tz, format);
}

/** Why a run did not happen or finish, in both languages. */
export type Describe = (lang: Lang, outcome: RunOutcome) => string;

/**
 * Runs today's work (or `day`) as `runTodayInSheets` does, recording the run
 * in the status before it starts (so a run cut off shows as unfinished) and
 * after; a finished run writes the run stamp. An unexpected error is recorded,
 * then thrown on.
 */
export function recordedRun(
  services: AppServices,
  by: RunStatus["by"],
  settings: Settings,
  lang: Lang,
  day: Day | undefined,
  hooks: RunHooks,
  describe: Describe,
): RunOutcome {
  const props = services.propertiesService.getDocumentProperties();
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const before = loadStatus(props);
  const date = isoDay(day ?? todayInZone((d, z, f) => services.utilities.formatDate(d, z, f), tz));
  const status: RunStatus = {
    date,
    by,
    state: "running",
    startedAt: localTime(services, services.now(), tz),
    finishedAt: null,
    steps: null,
    counts: null,
    error: null,
    doneDate: before?.doneDate ?? null,
    seq: before?.seq ?? 0,
  };
  saveStatus(props, status);
  const end = (patch: Partial<RunStatus>): void => {
    saveStatus(props, { ...status, finishedAt: localTime(services, services.now(), tz), ...patch });
  };
  let outcome: RunOutcome;
  try {
    outcome = runTodayInSheets(services, settings, lang, day, {
      ...hooks,
      finished: (sheet, t) => {
        status.seq += 1;
        writeRunStamp(sheet, t, runStamp(localTime(services, services.now(), tz), status.seq), lang);
      },
    });
  } catch (e) {
    // Apps Script's own errors may come from another realm: read the message, whatever made the error.
    const reason = e !== null && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
    end({ state: "failed", error: { en: ui("en", "run.trigger_failed", { reason }), zh: ui("zh", "run.trigger_failed", { reason }) } });
    throw e;
  }
  if (outcome.ran) {
    const r = outcome.result;
    const counts = { rows: r.rows, active: r.active, tasks: r.tasks.length, notCounted: new Set(r.problems.map((p) => p.row)).size };
    const done = isoDay(r.t);
    end({ date: done, state: "finished", counts, doneDate: status.doneDate && status.doneDate > done ? status.doneDate : done });
  } else if (outcome.reason === "stopped" && outcome.progress.continuations >= MAX_CONTINUATIONS) {
    const gaveUp = (l: Lang) => `${describe(l, outcome)}`;
    end({
      date: isoDay(outcome.t),
      state: "failed",
      steps: { done: outcome.progress.steps.length, total: outcome.progress.total },
      error: { en: gaveUp("en"), zh: gaveUp("zh") },
      needsFix: true,
    });
  } else if (outcome.reason === "stopped") {
    end({
      date: isoDay(outcome.t),
      state: "stopped",
      finishedAt: null,
      steps: { done: outcome.progress.steps.length, total: outcome.progress.total },
    });
  } else if (outcome.reason === "busy" || outcome.reason === "nothing_to_continue") {
    end({ state: "busy" });
  } else {
    end({ state: "failed", error: { en: describe("en", outcome), zh: describe("zh", outcome) }, needsFix: true });
  }
  return outcome;
}

/** What one firing of the hourly trigger did. */
export type Firing =
  | { action: "no_spreadsheet" }
  | { action: "waiting" | "done_today" | "gave_up" | "failed_today" }
  | { action: "ran" | "continued"; outcome: RunOutcome };

/** Records a firing that found no spreadsheet: in the document's properties when Apps Script gives them, else the user's. */
function recordNoSpreadsheet(services: AppServices): void {
  const at = new Date(services.now()).toISOString().replace("T", " ").slice(0, 19);
  let props: Props | null = null;
  try {
    props = services.propertiesService.getDocumentProperties();
  } catch {
    props = null;
  }
  try {
    props ??= services.propertiesService.getUserProperties?.() ?? null;
    if (!props) return;
    const before = loadStatus(props);
    saveStatus(props, {
      date: null,
      by: "trigger",
      state: "no_spreadsheet",
      startedAt: `${at} UTC`,
      finishedAt: null,
      steps: null,
      counts: null,
      error: { en: ui("en", "status.no_spreadsheet", { at: `${at} UTC` }), zh: ui("zh", "status.no_spreadsheet", { at: `${at} UTC` }) },
      doneDate: before?.doneDate ?? null,
      seq: before?.seq ?? 0,
    });
  } catch {
    // Nowhere to record it: the log line below is all there is.
  }
}

/**
 * One firing of the hourly trigger. `run(day, continuing)` runs the work
 * (recorded, logged); the firing only decides whether and for which date.
 */
export function fireDailyTrigger(services: AppServices, run: (day: Day, continuing: boolean) => RunOutcome): Firing {
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  try {
    ss = services.spreadsheetApp.getActiveSpreadsheet();
  } catch {
    ss = null;
  }
  if (!ss) {
    recordNoSpreadsheet(services);
    services.log("Daihou daily run: the trigger fired with no active spreadsheet; nothing ran (recorded in the run status)");
    return { action: "no_spreadsheet" };
  }
  const props = services.propertiesService.getDocumentProperties();
  const tz = ss.getSpreadsheetTimeZone();
  const now = services.now();
  const today = localTime(services, now, tz, "yyyy-MM-dd");
  const hour = Number(localTime(services, now, tz, "HH"));
  const progress = loadProgress(props);
  if (progress && progress.continuations < MAX_CONTINUATIONS)
    return { action: "continued", outcome: run(parseIsoDay(progress.date), true) };
  if (hour < DAILY_TRIGGER_HOUR) return { action: "waiting" };
  const status = loadStatus(props);
  if (status?.doneDate !== null && status?.doneDate !== undefined && status.doneDate >= today) return { action: "done_today" };
  // A run of today that gave up continuing, or failed for want of a ledger or a column: the menu finishes it once
  // someone has mended it (an hourly retry would fail, and e-mail, every hour). Any other error is tried again next hour.
  if (progress && progress.date === today) return { action: "gave_up" };
  if (status && status.by === "trigger" && status.date === today && status.state === "failed" && status.needsFix)
    return { action: "failed_today" };
  return { action: "ran", outcome: run(parseIsoDay(today), false) };
}

/** The key of a firing's log line when nothing ran. */
export const FIRING_LOG: Record<"waiting" | "done_today" | "gave_up" | "failed_today", string> = {
  waiting: "before 07:00 in the spreadsheet's time zone: nothing to do yet",
  done_today: "today's work is done: nothing to do",
  gave_up: "today's run stopped too often in a row: choose Run today's work from the menu",
  failed_today: "today's run failed (see the run status): choose Run today's work from the menu after fixing it",
};
