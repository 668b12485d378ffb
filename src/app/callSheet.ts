/**
 * The call sheet (呼叫表): tasks written as rows with empty outcome and PTP
 * columns under dropdowns, and read back (for `daihou calls` and recording).
 */
import type { Cell } from "../domain/cells";
import { type CallTask, type PhoneKind, type TaskType, windowText } from "../domain/calls";
import { isoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { talkingPoints } from "../domain/talkingPoints";
import {
  CALL_COLUMNS,
  CALL_HEADERS,
  type CallColumn,
  CLASS_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  PHONE_LABELS,
  PTP_METHODS,
  PTP_METHOD_LABELS,
  TASK_LABELS,
  keyOfLabel,
} from "./names";
import type { BookPort } from "./port";

const col = (c: CallColumn) => CALL_COLUMNS.indexOf(c);

/** The rows of a call sheet for these tasks (header first). */
export function callSheetRows(tasks: readonly CallTask[], lang: Lang): Cell[][] {
  const rows: Cell[][] = [CALL_COLUMNS.map((c) => CALL_HEADERS[c][lang])];
  for (const task of tasks) {
    const r: Cell[] = new Array(CALL_COLUMNS.length).fill("");
    r[col("owner")] = task.owner;
    r[col("window")] = windowText(task.window) ?? "—";
    r[col("task")] = TASK_LABELS[task.type][lang];
    r[col("customer")] = task.customer;
    r[col("loan_id")] = task.loanId;
    r[col("bucket")] = task.bucket;
    r[col("class")] = task.reminderClass ? CLASS_LABELS[task.reminderClass][lang] + (task.provisional ? "*" : "") : "";
    r[col("amount_due")] = task.amountDue ?? "";
    r[col("due_date")] = task.dueDate === null ? "" : isoDay(task.dueDate);
    r[col("number")] = task.number;
    r[col("number_kind")] = task.phone ? PHONE_LABELS[task.phone][lang] : "";
    r[col("talking_points")] = talkingPoints(task, lang);
    r[col("flag")] = task.overCapacity ? (lang === "zh" ? "超出当日容量，顺延" : "over capacity: carry to tomorrow") : "";
    rows.push(r);
  }
  return rows;
}

/** Writes the call sheet with its dropdowns. */
export function writeCallSheet(port: BookPort, sheet: string, tasks: readonly CallTask[], lang: Lang): void {
  const rows = callSheetRows(tasks, lang);
  port.write(sheet, rows, { freezeHeader: true, widths: [14, 12, 12, 10, 14, 6, 6, 10, 11, 14, 8, 60, 14, 20, 11, 10, 12, 20] });
  const lastRow = Math.max(2, rows.length);
  port.setDropdowns(sheet, [
    { column: col("outcome") + 1, lastRow, values: OUTCOMES.map((o) => OUTCOME_LABELS[o][lang]) },
    { column: col("ptp_method") + 1, lastRow, values: PTP_METHODS.map((m) => PTP_METHOD_LABELS[m][lang]) },
  ]);
}

/** A call-sheet row as `daihou calls --json` prints it (SPEC §7). */
export interface CallRowJson {
  loan_id: string;
  type: TaskType;
  window: string | null;
  phone: PhoneKind | null;
  owner: string;
}

/** Reads a call sheet's tasks back from its values. */
export function readCallSheet(values: readonly Cell[][]): CallRowJson[] {
  const out: CallRowJson[] = [];
  for (const r of values.slice(1)) {
    const type = keyOfLabel(TASK_LABELS, r[col("task")]);
    if (!type) continue;
    const w = String(r[col("window")] ?? "");
    out.push({
      loan_id: String(r[col("loan_id")] ?? ""),
      type,
      window: /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(w) ? w : null,
      phone: keyOfLabel(PHONE_LABELS, r[col("number_kind")]),
      owner: String(r[col("owner")] ?? ""),
    });
  }
  return out;
}
