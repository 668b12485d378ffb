/**
 * The call sheet (呼叫表): tasks written as rows with empty outcome and PTP
 * columns under dropdowns, and read back (for `daihou calls` and recording).
 */
import { type Cell, isBlank } from "../domain/cells";
import { type CallTask, type PhoneKind, type TaskType, windowText } from "../domain/calls";
import { capacitySummary } from "../domain/capacity";
import type { Bucket, ReminderClass } from "../domain/classify";
import { isoDay } from "../domain/days";
import { type Lang, t } from "../domain/i18n";
import { talkingPoints } from "../domain/talkingPoints";
import { fillPlaceholders } from "../domain/template";
import {
  CALL_COLUMNS,
  CALL_HEADERS,
  CALL_INPUT_COLUMNS,
  CAPACITY_LABELS,
  type CallColumn,
  CLASS_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  PHONE_LABELS,
  PTP_METHODS,
  PTP_METHOD_LABELS,
  TASK_LABELS,
  columnIndexes,
  keyOfLabel,
} from "./names";
import type { BookPort, PrintLayout } from "./port";

/** Each call-sheet column's index, found once. */
const COL = Object.fromEntries(CALL_COLUMNS.map((c, i) => [c, i])) as Record<CallColumn, number>;
const col = (c: CallColumn) => COL[c];

/** The flag on a task carried over its owner's capacity. */
/** The flag on a row carried over capacity (SPEC §4). */
export const OVER_CAPACITY: Record<Lang, string> = CAPACITY_LABELS.carried_flag;

/** The rows of a call sheet for these tasks (header first). */
export function callSheetRows(tasks: readonly CallTask[], lang: Lang): Cell[][] {
  const rows: Cell[][] = [CALL_COLUMNS.map((c) => CALL_HEADERS[c][lang])];
  for (const task of tasks) {
    // One literal in CALL_COLUMNS order (V8 then allocates the rows, which live to the end of the run, straight into the old generation).
    const r: Cell[] = [
      task.owner,
      windowText(task.window) ?? "—",
      TASK_LABELS[task.type][lang],
      task.customer,
      task.loanId,
      task.bucket,
      task.reminderClass ? CLASS_LABELS[task.reminderClass][lang] + (task.provisional ? "*" : "") : "",
      task.amountDue ?? "",
      task.amountOverdue ?? "",
      task.dueDate === null ? "" : isoDay(task.dueDate),
      task.number,
      task.phone ? PHONE_LABELS[task.phone][lang] : "",
      talkingPoints(task, lang),
      task.overCapacity ? CAPACITY_LABELS.carried_flag[lang] : "",
      "", // outcome
      "", // ptp_date
      "", // ptp_amount
      "", // ptp_method
      "", // note
      "", // call_time
    ];
    rows.push(r);
  }
  return rows;
}

/** A row of the sheet's layout (a capacity line, the carried heading): no task, so nothing reads it as one. */
function layoutRow(cells: Partial<Record<CallColumn, Cell>>): Cell[] {
  return CALL_COLUMNS.map((c) => cells[c] ?? "");
}

/**
 * The call sheet as written (SPEC §4 "Capacity"): the header; one capacity line per
 * owner (tasks, capacity, carried); the kept tasks in window order; then, under
 * their own heading, the tasks carried over capacity. `tasks` are in the order
 * orderAndCap leaves them (the carried ones last).
 */
export function callSheetLayout(tasks: readonly CallTask[], lang: Lang): Cell[][] {
  const rows = callSheetRows(tasks, lang);
  const lines = capacitySummary(tasks);
  if (lines.length === 0) return rows;
  const out: Cell[][] = [rows[0]];
  for (const l of lines) {
    const figures =
      l.capacity === null
        ? fillPlaceholders(CAPACITY_LABELS.figures_uncapped[lang], { tasks: l.tasks })
        : fillPlaceholders(CAPACITY_LABELS.figures[lang], { tasks: l.tasks, capacity: l.capacity, carried: l.carried });
    out.push(layoutRow({ owner: l.owner, task: CAPACITY_LABELS.line[lang], talking_points: figures }));
  }
  const firstCarried = tasks.findIndex((x) => x.overCapacity);
  const kept = firstCarried < 0 ? tasks.length : firstCarried;
  for (let i = 0; i < kept; i++) out.push(rows[i + 1]);
  if (kept < tasks.length) {
    out.push(layoutRow({ owner: CAPACITY_LABELS.carried_heading[lang], task: CAPACITY_LABELS.carried_task[lang] }));
    for (let i = kept; i < tasks.length; i++) out.push(rows[i + 1]);
  }
  return out;
}

/** Writes a call sheet's rows (header first) in one write, with its dropdowns on the outcome and method columns. */
export function writeCallSheetRows(port: BookPort, sheet: string, rows: Cell[][], lang: Lang): void {
  const at = columnIndexes(CALL_COLUMNS, CALL_HEADERS, rows[0] ?? []);
  // Amounts as money (12,345.67), on the rows written and the typed promise amounts alike.
  const money = (["amount_due", "amount_overdue", "ptp_amount"] as const).filter((c) => at[c] >= 0 && rows.length > 1);
  const numberFormats = money.map((c) => ({ row: 2, column: at[c] + 1, rows: rows.length - 1, format: "money" as const }));
  port.write(sheet, rows, { freezeHeader: true, widths: CALL_SHEET_WIDTHS, print: callSheetPrint(rows), numberFormats });
  const lastRow = Math.max(2, rows.length);
  port.setDropdowns(sheet, [
    { column: at.outcome + 1, lastRow, values: OUTCOMES.map((o) => OUTCOME_LABELS[o][lang]) },
    { column: at.ptp_method + 1, lastRow, values: PTP_METHODS.map((m) => PTP_METHOD_LABELS[m][lang]) },
  ]);
}

/** Column widths (characters): talking points wrapped at a width a printed page can hold. */
const CALL_SHEET_WIDTHS = [10, 12, 10, 9, 14, 5, 5, 10, 11, 11, 14, 8, 40, 12, 18, 11, 10, 10, 16, 8];

/**
 * How a call sheet prints as a work list: its header on every page, a new page
 * where the owner changes (one page group per owner), the owner, talking points,
 * flag and note wrapped. Rows are in the sheet's order (broken promises come first).
 */
export function callSheetPrint(rows: readonly (readonly Cell[])[]): PrintLayout {
  const at = callColumnsOf(rows);
  const breaksBefore: number[] = [];
  if (at.owner >= 0 && at.loan_id >= 0) {
    // Owners change between task rows; the layout rows (capacity lines, the carried heading) name no loan and
    // go with the tasks after them, so a break comes before them, never between them.
    let lastOwner: string | null = null;
    let runStart = -1;
    for (let i = 1; i < rows.length; i++) {
      if (String(rows[i][at.loan_id] ?? "") === "") {
        if (runStart < 0) runStart = i;
        continue;
      }
      const owner = String(rows[i][at.owner] ?? "");
      const first = runStart < 0 ? i : runStart;
      if (lastOwner !== null && owner !== lastOwner && first > 1) breaksBefore.push(first + 1);
      lastOwner = owner;
      runStart = -1;
    }
  }
  const wrapColumns = (["owner", "talking_points", "flag", "note"] as const).filter((c) => at[c] >= 0).map((c) => at[c] + 1);
  return { titleRows: 1, breaksBefore, wrapColumns };
}

/** Where each call-sheet column is on a sheet, by its header (either language). */
export function callColumnsOf(values: readonly (readonly Cell[])[]): Record<CallColumn, number> {
  return columnIndexes(CALL_COLUMNS, CALL_HEADERS, values[0] ?? []);
}

/** True when staff filled in any of the row's input columns (outcome, PTP, note, time). */
export function isFilledRow(row: readonly Cell[], at: Record<CallColumn, number>): boolean {
  return CALL_INPUT_COLUMNS.some((c) => at[c] >= 0 && !isBlank(row[at[c]]));
}

/**
 * A call sheet written again for a date whose sheet staff have started to fill
 * in (the daily job re-run): nothing typed is lost, and rows keep their numbers.
 * When the old sheet has no filled row, the new rows replace it. Otherwise every
 * old row stays where it was, as it was; an unfilled old row whose task is gone
 * today says so in its flag; the new tasks not on the old sheet (by loan and task)
 * are added below.
 */
export function mergeCallSheet(old: readonly (readonly Cell[])[] | null, fresh: Cell[][], lang: Lang): Cell[][] {
  if (!old || old.length < 2) return fresh;
  const at = callColumnsOf(old);
  if (!old.slice(1).some((r) => isFilledRow(r, at))) return fresh;
  const keyOf = (r: readonly Cell[], loan: number, task: number) =>
    `${String(r[loan] ?? "").trim()}\u0000${keyOfLabel(TASK_LABELS, r[task]) ?? ""}`;
  const freshKeys = new Set(fresh.slice(1).map((r) => keyOf(r, col("loan_id"), col("task"))));
  const oldKeys = new Set<string>();
  const merged: Cell[][] = [old[0].slice()];
  for (const r of old.slice(1)) {
    const row = r.slice();
    const key = keyOf(r, at.loan_id, at.task);
    oldKeys.add(key);
    if (!isFilledRow(r, at) && !freshKeys.has(key) && at.flag >= 0) {
      while (row.length <= at.flag) row.push("");
      row[at.flag] = t(lang, "call.no_longer_task");
    }
    merged.push(row);
  }
  const width = merged[0].length;
  for (const r of fresh.slice(1)) {
    // The fresh layout rows (capacity lines, the carried heading) are not tasks: the old sheet keeps its own.
    if (keyOfLabel(TASK_LABELS, r[col("task")]) === null) continue;
    if (oldKeys.has(keyOf(r, col("loan_id"), col("task")))) continue;
    // In the old sheet's layout (an older sheet may have fewer columns).
    const row: Cell[] = new Array(Math.max(width, CALL_COLUMNS.length)).fill("");
    for (const c of CALL_COLUMNS) if (at[c] >= 0) row[at[c]] = r[col(c)];
    merged.push(row);
  }
  return merged;
}

/** A call-sheet row as `daihou calls --json` prints it (SPEC §7). */
export interface CallRowJson {
  loan_id: string;
  type: TaskType;
  window: string | null;
  phone: PhoneKind | null;
  owner: string;
  bucket: Bucket | null;
  /** The reminder class (C bucket only), null otherwise. */
  class: ReminderClass | null;
  amount_due: number | null;
  /** Null unless DPD ≥ 1 (SPEC §4 "Amounts on a task"). */
  amount_overdue: number | null;
  /** True when carried over the owner's capacity (SPEC §4). */
  carried: boolean;
}

const BUCKETS: readonly string[] = ["C", "M1", "M2", "M3", "M3+"];

/** A number from an amount cell (a number, or text as the sheet may hold it); null when blank or not a number. */
function amountCell(v: Cell | undefined): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const text = String(v ?? "")
    .replace(/,/g, "")
    .trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Reads a call sheet's tasks back from its values (columns found by their headers). */
export function readCallSheet(values: readonly (readonly Cell[])[]): CallRowJson[] {
  const at = callColumnsOf(values);
  const cell = (r: readonly Cell[], c: CallColumn) => (at[c] >= 0 ? r[at[c]] : undefined);
  const out: CallRowJson[] = [];
  for (const r of values.slice(1)) {
    const type = keyOfLabel(TASK_LABELS, cell(r, "task"));
    if (!type) continue;
    const w = String(cell(r, "window") ?? "");
    const bucket = String(cell(r, "bucket") ?? "").trim();
    out.push({
      loan_id: String(cell(r, "loan_id") ?? ""),
      type,
      window: /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(w) ? w : null,
      phone: keyOfLabel(PHONE_LABELS, cell(r, "number_kind")),
      owner: String(cell(r, "owner") ?? ""),
      bucket: BUCKETS.includes(bucket) ? (bucket as Bucket) : null,
      class: keyOfLabel(CLASS_LABELS, String(cell(r, "class") ?? "").replace(/\*$/, "")),
      amount_due: amountCell(cell(r, "amount_due")),
      amount_overdue: amountCell(cell(r, "amount_overdue")),
      carried: keyOfLabel(CAPACITY_LABELS, cell(r, "flag")) === "carried_flag",
    });
  }
  return out;
}
