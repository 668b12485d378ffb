/**
 * The call sheet (呼叫表): tasks written as rows with empty outcome and PTP
 * columns under dropdowns, and read back (for `daihou calls` and recording).
 */
import { type Cell, isBlank } from "../domain/cells";
import { type CallTask, type PhoneKind, type TaskType, windowText } from "../domain/calls";
import { isoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { talkingPoints } from "../domain/talkingPoints";
import {
  CALL_COLUMNS,
  CALL_HEADERS,
  CALL_INPUT_COLUMNS,
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
export const OVER_CAPACITY: Record<Lang, string> = { zh: "超出当日容量，顺延", en: "over capacity: carry to tomorrow" };

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
      task.dueDate === null ? "" : isoDay(task.dueDate),
      task.number,
      task.phone ? PHONE_LABELS[task.phone][lang] : "",
      talkingPoints(task, lang),
      task.overCapacity ? OVER_CAPACITY[lang] : "",
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

/** Writes a call sheet's rows (header first) in one write, with its dropdowns on the outcome and method columns. */
export function writeCallSheetRows(port: BookPort, sheet: string, rows: Cell[][], lang: Lang): void {
  const at = columnIndexes(CALL_COLUMNS, CALL_HEADERS, rows[0] ?? []);
  // Amounts as money (12,345.67), on the rows written and the typed promise amounts alike.
  const money = (["amount_due", "ptp_amount"] as const).filter((c) => at[c] >= 0 && rows.length > 1);
  const numberFormats = money.map((c) => ({ row: 2, column: at[c] + 1, rows: rows.length - 1, format: "money" as const }));
  port.write(sheet, rows, { freezeHeader: true, widths: CALL_SHEET_WIDTHS, print: callSheetPrint(rows), numberFormats });
  const lastRow = Math.max(2, rows.length);
  port.setDropdowns(sheet, [
    { column: at.outcome + 1, lastRow, values: OUTCOMES.map((o) => OUTCOME_LABELS[o][lang]) },
    { column: at.ptp_method + 1, lastRow, values: PTP_METHODS.map((m) => PTP_METHOD_LABELS[m][lang]) },
  ]);
}

/** Column widths (characters): talking points wrapped at a width a printed page can hold. */
const CALL_SHEET_WIDTHS = [10, 12, 10, 9, 14, 5, 5, 10, 11, 14, 8, 40, 12, 18, 11, 10, 10, 16, 8];

/**
 * How a call sheet prints as a work list: its header on every page, a new page
 * where the owner changes (one page group per owner), the owner, talking points,
 * flag and note wrapped. Rows are in the sheet's order (broken promises come first).
 */
export function callSheetPrint(rows: readonly (readonly Cell[])[]): PrintLayout {
  const at = callColumnsOf(rows);
  const breaksBefore: number[] = [];
  if (at.owner >= 0) {
    for (let i = 2; i < rows.length; i++) if (String(rows[i][at.owner] ?? "") !== String(rows[i - 1][at.owner] ?? "")) breaksBefore.push(i + 1);
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
      row[at.flag] = lang === "zh" ? "重新运行后今天已无此任务" : "no longer a task today (re-run)";
    }
    merged.push(row);
  }
  const width = merged[0].length;
  for (const r of fresh.slice(1)) {
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
    out.push({
      loan_id: String(cell(r, "loan_id") ?? ""),
      type,
      window: /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(w) ? w : null,
      phone: keyOfLabel(PHONE_LABELS, cell(r, "number_kind")),
      owner: String(cell(r, "owner") ?? ""),
    });
  }
  return out;
}
