/**
 * The progress of a daily run that stopped before Apps Script's time limit,
 * kept in the document's properties until a later execution finishes the run
 * (see resumableBook.ts). One value, a few hundred bytes: the date, the ledger
 * sheet, each step done (its content hash and what it did: sheet names and
 * counts, never a cell's content) and how many executions it has taken.
 */
import type { StepLabel, StepRecord } from "./resumableBook";

/** The property key holding the progress. */
export const PROGRESS_KEY = "daihou.continuation";
/** Continuations (firings of the daily run's trigger that resume a stopped run) in a row before Daihou stops continuing by itself. */
export const MAX_CONTINUATIONS = 20;

type Properties = Pick<GoogleAppsScript.Properties.Properties, "getProperty" | "setProperty" | "deleteProperty">;

/** A stopped run's progress. */
export interface Progress {
  /** The run's date, yyyy-MM-dd. */
  date: string;
  ledgerSheet: string;
  /** The steps done, in order. */
  steps: StepRecord[];
  /** Steps in all, as the last execution counted them. */
  total: number;
  /** Executions so far (the first one included). */
  executions: number;
  /** Executions in a row that resumed the run from the daily run's trigger (a run from the menu starts again from 0). */
  continuations: number;
}

const OPS: readonly StepLabel["op"][] = ["write", "columns", "colours", "dropdowns", "charts", "delete"];

function isStep(x: unknown): x is StepRecord {
  if (!x || typeof x !== "object") return false;
  const { hash, label } = x as Partial<StepRecord>;
  return typeof hash === "string" && !!label && typeof label.sheet === "string" && OPS.includes(label.op);
}

/** The stored progress; null when there is none or it cannot be read (then the run starts over, which is always correct). */
export function loadProgress(props: Properties): Progress | null {
  const text = props.getProperty(PROGRESS_KEY);
  if (!text) return null;
  try {
    const p = JSON.parse(text) as Partial<Progress>;
    const counts = [p.total, p.executions, p.continuations].every((n) => Number.isInteger(n) && (n as number) >= 0);
    if (typeof p.date !== "string" || typeof p.ledgerSheet !== "string" || !Array.isArray(p.steps) || !p.steps.every(isStep) || !counts)
      return null;
    return p as Progress;
  } catch {
    return null;
  }
}

export function saveProgress(props: Properties, progress: Progress): void {
  props.setProperty(PROGRESS_KEY, JSON.stringify(progress));
}

export function clearProgress(props: Properties): void {
  props.deleteProperty(PROGRESS_KEY);
}
