/**
 * The outcome of the last run of today's work — from the menu or the trigger —
 * kept in the document's properties where the next person sees it (the sidebar's
 * top, a toast on opening): an add-on's failing trigger e-mails no one (SPEC §7).
 * One small JSON value: dates, times, counts, step numbers and the error in plain
 * words in both languages — never a cell's content.
 */
import type { Lang } from "../domain/i18n";
import { ui } from "../domain/messages/sheets";

/** The property key holding the status. */
export const STATUS_KEY = "daihou.runStatus";

/** How the last run ended (running: it started and has not recorded an end — still going, or cut off). */
export type RunState = "running" | "finished" | "stopped" | "failed" | "busy" | "no_spreadsheet";

/** The last run's outcome. */
export interface RunStatus {
  /** The run's date, yyyy-MM-dd; null when it never got that far (no spreadsheet). */
  date: string | null;
  by: "menu" | "trigger";
  state: RunState;
  /** Local times in the spreadsheet's zone, yyyy-MM-dd HH:mm:ss. */
  startedAt: string;
  finishedAt: string | null;
  /** Steps done of all, for a run stopped before the time limit. */
  steps: { done: number; total: number } | null;
  counts: { rows: number; active: number; tasks: number; notCounted: number } | null;
  /** Why it failed, in both languages. */
  error: { en: string; zh: string } | null;
  /** True when only someone can mend it (no ledger, a missing column, a run that stopped too often): the trigger does not retry that date. */
  needsFix?: boolean;
  /** The latest date whose run finished. */
  doneDate: string | null;
  /** Runs finished in this spreadsheet: part of the run stamp. */
  seq: number;
}

type Props = Pick<GoogleAppsScript.Properties.Properties, "getProperty" | "setProperty">;

const STATES: readonly RunState[] = ["running", "finished", "stopped", "failed", "busy", "no_spreadsheet"];

/** The stored status, or null (none yet, or unreadable). */
export function loadStatus(props: Props | null | undefined): RunStatus | null {
  if (!props) return null;
  const text = props.getProperty(STATUS_KEY);
  try {
    const s = JSON.parse(text ?? "null") as Partial<RunStatus> | null;
    if (!s || typeof s !== "object" || !STATES.includes(s.state as RunState) || typeof s.startedAt !== "string") return null;
    return { date: null, by: "menu", finishedAt: null, steps: null, counts: null, error: null, doneDate: null, seq: 0, ...s } as RunStatus;
  } catch {
    return null;
  }
}

export function saveStatus(props: Props, status: RunStatus): void {
  props.setProperty(STATUS_KEY, JSON.stringify(status));
}

/** The newer of two statuses (local times compare as text). */
export function newer(a: RunStatus | null, b: RunStatus | null): RunStatus | null {
  if (!a) return b;
  if (!b) return a;
  return b.startedAt > a.startedAt ? b : a;
}

/** True when the last unattended run needs someone: it failed, did not finish, or found no spreadsheet. */
export function needsAttention(s: RunStatus | null): boolean {
  return (
    !!s && s.by === "trigger" && (s.state === "failed" || s.state === "stopped" || s.state === "running" || s.state === "no_spreadsheet")
  );
}

/** The severity the sidebar shows the status with. */
export function statusLevel(s: RunStatus): "ok" | "warn" | "error" {
  if (s.state === "finished") return "ok";
  if (s.state === "failed" || s.state === "no_spreadsheet") return "error";
  return "warn";
}

const n = (x: number) => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The status in plain words, one or two lines. */
export function statusText(lang: Lang, s: RunStatus): string {
  const by = ui(lang, s.by === "trigger" ? "status.by_trigger" : "status.by_menu");
  const date = s.date ?? "—";
  const run = ui(lang, "menu.run_today");
  switch (s.state) {
    case "finished": {
      const c = s.counts ?? { rows: 0, active: 0, tasks: 0, notCounted: 0 };
      return ui(lang, "status.finished", {
        date,
        by,
        at: s.finishedAt ?? s.startedAt,
        rows: n(c.rows),
        active: n(c.active),
        tasks: n(c.tasks),
        notCounted: n(c.notCounted),
      });
    }
    case "stopped":
      return ui(lang, "status.stopped", { date, by, at: s.startedAt, done: s.steps?.done ?? 0, total: s.steps?.total ?? 0, run });
    case "running":
      return ui(lang, "status.running", { date, by, at: s.startedAt, run });
    case "busy":
      return ui(lang, "status.busy", { date, by, at: s.startedAt });
    case "no_spreadsheet":
      return ui(lang, "status.no_spreadsheet", { at: s.startedAt });
    default:
      return ui(lang, "status.failed", { date, by, at: s.finishedAt ?? s.startedAt, reason: s.error?.[lang] ?? "" });
  }
}
