/**
 * The daily job as the user meets it: from the menu (a toast when a large
 * ledger starts, an alert with the summary at the end), from the daily trigger
 * (no UI at all: a trigger has none), and the menu's sample store and daily-run
 * switch. Summaries hold counts, rows, columns and reasons — never a customer's
 * name or number.
 */
import { LEDGER_SHEET, OWNED_LEDGER_HEADERS, TASK_LABELS } from "../app/names";
import { TASK_TYPES, type TaskType } from "../domain/calls";
import { BUCKETS } from "../domain/classify";
import { type Day, isoDay, parseIsoDay } from "../domain/days";
import type { MissingField } from "../domain/fields";
import { type Lang, type MessageKey, t } from "../domain/i18n";
import type { RowProblem } from "../domain/ledger";
import { MAX_CONTINUATIONS } from "./continuation";
import { type MenuServices, uiLang } from "./menu";
import { type UiKey, ui } from "../domain/messages/sheets";
import type { StepLabel } from "./resumableBook";
import type { RunOutcome, SheetsServices } from "./runToday";
import { insertSampleStore } from "./sample";
import { columnLetter } from "./sheetsBook";
import { loadSettings, updateStoredSettings } from "./settingsStore";
import { type TriggerScriptApp, dailyRunIsOn, setDailyTrigger } from "./trigger";
import { FIRING_LOG, fireDailyTrigger, recordedRun } from "./unattended";
import { todayInZone } from "./zone";

/** Every Apps Script service the add-in uses (the globals in Sheets, fakes in tests). */
export interface AppServices extends SheetsServices {
  session: MenuServices["session"];
  propertiesService: Pick<GoogleAppsScript.Properties.PropertiesService, "getDocumentProperties"> &
    Partial<Pick<GoogleAppsScript.Properties.PropertiesService, "getUserProperties">>;
  scriptApp: MenuServices["scriptApp"] & TriggerScriptApp;
  /** Where a run without UI (the trigger) writes its one line of counts. */
  log: (line: string) => void;
  /** The clock (ms), for stopping a run before Apps Script's time limit. */
  now: () => number;
}

/** Ledgers with at least this many rows get a "Running…" toast when the run starts. */
export const LARGE_LEDGER_ROWS = 1000;
/** Problems the summary lists one by one; the rest are only counted. */
export const PROBLEMS_SHOWN = 5;
/** Cell text quoted in a reason is cut to this many characters. */
const QUOTE_MAX = 40;

/** 12345 → "12,345". */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** One row not counted, as the summary lists it. */
export function problemText(lang: Lang, p: RowProblem): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.params))
    params[k] = typeof v === "string" && v.length > QUOTE_MAX ? `${v.slice(0, QUOTE_MAX)}…` : v;
  const reason = t(lang, p.reason as MessageKey, params);
  return p.column ? ui(lang, "run.problem", { row: p.row, column: p.column, reason }) : ui(lang, "run.problem_row", { row: p.row, reason });
}

/** One line per required field: its name, then every header Daihou looks for. */
function headersText(lang: Lang, fields: readonly MissingField[]): string {
  const [colon, comma] = [t(lang, "sep.colon"), t(lang, "sep.list")];
  return fields.map((m) => `• ${fieldNames(lang, m)}${colon}${m.lookedFor.join(comma)}`).join("\n");
}

function fieldNames(lang: Lang, m: MissingField): string {
  return m.fields.map((f) => t(lang, `field.${f}` as MessageKey)).join(ui(lang, "run.one_of"));
}

/** What the user reads after a run request: a title, the full text, and a one-line version for a toast. */
export interface Report {
  title: string;
  text: string;
  short: string;
}

/** What happens to the rest of a stopped run: the daily run's hourly trigger continues it, or someone must run it again (the daily run is off, or it has continued too often in a row). */
export type NextStep = "scheduled" | "manual" | "gave_up";

/** One step done, as "how far it got" lists it: sheet names, rows and columns only. */
export function stepText(lang: Lang, label: StepLabel): string {
  const sheet = label.sheet;
  const rows = thousands(label.rows ?? 0);
  if (label.op === "write") return ui(lang, "step.write", { sheet, rows });
  if (label.op === "columns")
    return ui(lang, "step.columns", {
      sheet,
      rows,
      first: columnLetter(label.firstColumn ?? 1),
      last: columnLetter(label.lastColumn ?? 1),
    });
  return ui(lang, `step.${label.op}`, { sheet });
}

/** The report of a run stopped before the time limit: how far it got, and what happens next. */
function describeStop(lang: Lang, outcome: Extract<RunOutcome, { reason: "stopped" }>, next: NextStep): Report {
  const p = outcome.progress;
  const steps = p.steps.length > 0 ? p.steps.map((s) => stepText(lang, s.label)).join(t(lang, "sep.clauses")) : ui(lang, "step.none");
  const first = ui(lang, "run.stopped", { done: p.steps.length, total: p.total, steps });
  const run = ui(lang, "menu.run_today");
  const then =
    next === "scheduled"
      ? ui(lang, "run.continues", { run })
      : next === "manual"
        ? ui(lang, "run.continue_by_hand", { run })
        : ui(lang, "run.gave_up", { count: MAX_CONTINUATIONS, run });
  return { title: ui(lang, "run.stopped_title", { date: isoDay(outcome.t) }), text: `${first}\n${then}`, short: first };
}

/** The report of a run request (`next`: what happens to the rest of a stopped run). */
export function describeOutcome(lang: Lang, outcome: RunOutcome, next: NextStep = "manual"): Report {
  const title = ui(lang, "notice.title");
  if (!outcome.ran && outcome.reason === "stopped") return describeStop(lang, outcome, next);
  if (!outcome.ran) {
    let text: string;
    if (outcome.reason === "busy") text = ui(lang, "run.busy");
    else if (outcome.reason === "nothing_to_continue") text = ui(lang, "run.nothing_to_continue");
    else if (outcome.reason === "no_ledger")
      text = ui(lang, "run.no_ledger", { name: LEDGER_SHEET, headers: headersText(lang, outcome.lookedFor) });
    else {
      const fields = outcome.missing.map((m) => fieldNames(lang, m)).join(t(lang, "sep.list"));
      text = ui(lang, "run.missing_columns", { sheet: outcome.ledgerSheet, fields, headers: headersText(lang, outcome.missing) });
    }
    return { title, text, short: text.split("\n")[0] };
  }
  const r = outcome.result;
  const buckets = BUCKETS.map((b) => `${b} ${thousands(r.byBucket[b].count)}`).join(" · ");
  const byType = new Map<TaskType, number>();
  for (const task of r.tasks) byType.set(task.type, (byType.get(task.type) ?? 0) + 1);
  const types = TASK_TYPES.filter((k) => byType.has(k)).map((k) => `${TASK_LABELS[k][lang]} ${thousands(byType.get(k) ?? 0)}`);
  const tasks = types.length > 0 ? `${thousands(r.tasks.length)} (${types.join(" · ")})` : "0";
  const lines = [
    ui(lang, "run.rows", { rows: thousands(r.rows), sheet: outcome.ledgerSheet }),
    ui(lang, "run.active", { active: thousands(r.active), buckets }),
    ui(lang, "run.tasks", { tasks, sheet: r.callSheet }),
    // What is said once about the ledger: a totals row, what cannot be scheduled, a schedule read (SPEC §3).
    ...(r.notes ?? []).map((note) => t(lang, note.key, { file: outcome.ledgerSheet, ...note.params })),
  ];
  // Problems come one per cell; the summary counts rows.
  const rows = new Set(r.problems.map((p) => p.row));
  if (rows.size === 0) lines.push(ui(lang, "run.all_counted"));
  else {
    const shown = r.problems.slice(0, PROBLEMS_SHOWN);
    lines.push(ui(lang, "run.not_counted", { count: thousands(rows.size), shown: shown.length, column: OWNED_LEDGER_HEADERS.why[lang] }));
    for (const p of shown) lines.push(`• ${problemText(lang, p)}`);
    if (r.problems.length > shown.length) lines.push(ui(lang, "run.more", { count: thousands(r.problems.length - shown.length) }));
  }
  if (outcome.resumed) lines.push(ui(lang, "run.resumed", { executions: outcome.resumed.executions, skipped: outcome.resumed.skipped }));
  const short = [lines[1], ui(lang, "run.tasks", { tasks: thousands(r.tasks.length), sheet: r.callSheet })].join(" ");
  return { title: ui(lang, "run.done_title", { date: isoDay(r.t) }), text: lines.join("\n"), short };
}

function alert(services: AppServices, title: string, text: string): void {
  const sheetsUi = services.spreadsheetApp.getUi();
  sheetsUi.alert(title, text, sheetsUi.ButtonSet.OK);
}

/** What happens to the rest of a stopped run: the hourly trigger finishes it when the daily run is on; else someone runs it again. */
export function nextStepOf(services: AppServices, outcome: RunOutcome): NextStep {
  if (outcome.ran || outcome.reason !== "stopped") return "manual";
  if (outcome.progress.continuations >= MAX_CONTINUATIONS) return "gave_up";
  return dailyRunIsOn(services.scriptApp, services.spreadsheetApp.getActiveSpreadsheet()) ? "scheduled" : "manual";
}

/** The run's report text, for the run status (both languages). */
function describer(services: AppServices): (lang: Lang, outcome: RunOutcome) => string {
  return (lang, outcome) => describeOutcome(lang, outcome, nextStepOf(services, outcome)).text;
}

/**
 * Runs the daily job from the menu for `isoDate` (yyyy-MM-dd; blank: today in
 * the spreadsheet's time zone) and shows what happened. Returns the text shown.
 */
export function runJobFromMenu(services: AppServices, isoDate = ""): string {
  const startedAt = services.now();
  const lang = uiLang(services);
  const title = ui(lang, "notice.title");
  let day: Day | undefined;
  if (isoDate.trim() !== "") {
    day = parseIsoDay(isoDate);
    if (Number.isNaN(day)) {
      const text = ui(lang, "run.bad_date", { text: isoDate });
      alert(services, title, text);
      return text;
    }
  }
  const properties = services.propertiesService.getDocumentProperties();
  const settings = loadSettings(properties);
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  let toasted = false;
  const hooks = {
    onStart: (sheet: string, rows: number) => {
      if (rows < LARGE_LEDGER_ROWS) return;
      ss.toast(ui(lang, "run.started", { rows: thousands(rows), sheet }), title, -1);
      toasted = true;
    },
    resume: { properties, now: services.now, startedAt, continuing: false },
  };
  const outcome = recordedRun(services, "menu", settings, lang, day, hooks, describer(services));
  const report = describeOutcome(lang, outcome, nextStepOf(services, outcome));
  // The summary toast replaces the "Running…" one, which would otherwise stay.
  if (toasted) ss.toast(report.short, title, 10);
  alert(services, report.title, report.text);
  return report.text;
}

/**
 * One firing of the daily run's hourly trigger, with no UI (a trigger has
 * none): finishes a stopped run, else runs today's work from 07:00 once, else
 * returns (unattended.ts). Each run is recorded in the run status and logged as
 * one line of counts. Another run holding the lock: logged, tried next hour. A
 * missing ledger or column is recorded, then thrown, so Apps Script tells a
 * bound script's owner.
 */
export function runJobFromTrigger(services: AppServices): RunOutcome | null {
  const startedAt = services.now();
  const firing = fireDailyTrigger(services, (day, continuing) => runWithoutUi(services, continuing, day, startedAt));
  if (firing.action === "ran" || firing.action === "continued") return firing.outcome;
  if (firing.action !== "no_spreadsheet") services.log(`Daihou daily run: ${FIRING_LOG[firing.action]}`);
  return null;
}

/** A run from the trigger: recorded, one log line of counts, or an error Apps Script reports to a bound script's owner. */
function runWithoutUi(services: AppServices, continuing: boolean, day: Day, startedAt: number): RunOutcome {
  const properties = services.propertiesService.getDocumentProperties();
  const settings = loadSettings(properties);
  const lang = uiLang(services);
  const hooks = { resume: { properties, now: services.now, startedAt, continuing } };
  const outcome = recordedRun(services, "trigger", settings, lang, day, hooks, describer(services));
  const next = nextStepOf(services, outcome);
  if (outcome.ran) {
    const r = outcome.result;
    const resumed = outcome.resumed ? ` (finished a stopped run: ${outcome.resumed.executions} executions)` : "";
    services.log(
      `Daihou daily run ${isoDay(r.t)}: ${r.rows} rows, ${r.active} active, ${r.tasks.length} tasks, ${new Set(r.problems.map((p) => p.row)).size} rows not counted${resumed}`,
    );
  } else if (outcome.reason === "busy") {
    services.log("Daihou daily run skipped: another run holds the lock; the next hourly firing tries again");
  } else if (outcome.reason === "nothing_to_continue") {
    services.log("Daihou continuation: no stopped run to continue");
  } else if (outcome.reason === "stopped" && next !== "gave_up") {
    const p = outcome.progress;
    services.log(
      `Daihou daily run ${isoDay(outcome.t)} stopped before the 6-minute limit: steps done ${p.steps.length} of ${p.total}; the next hourly firing continues it (continuation ${p.continuations + 1} of at most ${MAX_CONTINUATIONS})`,
    );
  } else {
    throw new Error(ui(lang, "run.trigger_failed", { reason: describeOutcome(lang, outcome, next).text }));
  }
  return outcome;
}

/** Menu: inserts the sample store unless `台账 Ledger` exists. Returns the text shown. */
export function insertSampleFromMenu(services: AppServices): string {
  const lang = uiLang(services);
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const title = ui(lang, "notice.title");
  if (ss.getSheetByName(LEDGER_SHEET)) {
    const text = ui(lang, "sample.exists", { sheet: LEDGER_SHEET });
    alert(services, title, text);
    return text;
  }
  const today = todayInZone((d, z, f) => services.utilities.formatDate(d, z, f), ss.getSpreadsheetTimeZone());
  const { loans } = insertSampleStore(ss, today);
  const text = ui(lang, "sample.inserted", { loans, sheet: LEDGER_SHEET, run: ui(lang, "menu.run_today") });
  ss.toast(text, title, 15);
  return text;
}

/** Turns the daily run on or off (idempotent) and records it in the settings. Returns the text shown. */
export function setDailyRunFromMenu(services: AppServices, on: boolean): string {
  const lang = uiLang(services);
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const change = setDailyTrigger(services.scriptApp, ss, on);
  updateStoredSettings(services.propertiesService.getDocumentProperties(), { dailyTrigger: change.on });
  const key: UiKey = change.refused !== undefined ? "trigger.refused" : change.on ? "trigger.on" : "trigger.off";
  const text = ui(lang, key, { zone: ss.getSpreadsheetTimeZone(), reason: change.refused ?? "" });
  ss.toast(text, ui(lang, "notice.title"), 10);
  return text;
}

/** Menu: turns the daily run on when it is off and off when it is on. Returns the text shown. */
export function toggleDailyRunFromMenu(services: AppServices): string {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  return setDailyRunFromMenu(services, !dailyRunIsOn(services.scriptApp, ss));
}
