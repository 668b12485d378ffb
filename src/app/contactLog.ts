/**
 * The contact log (催收记录): Daihou's append-only sheet of worked call-sheet
 * rows, and the ledger's contact columns (latest contact, new mobile, new
 * contact info) made from it.
 */
import { type Cell, type CellContext, DEFAULT_CELL_CONTEXT, cellText, isCellError, readAmount, readDate } from "../domain/cells";
import { type ContactEntry, newContactOf } from "../domain/contacts";
import type { PtpStatus } from "../domain/promises";
import { isoDay } from "../domain/days";
import { type Lang, t } from "../domain/i18n";
import { formatAmount } from "../domain/talkingPoints";
import {
  CONTACT_LOG_COLUMNS,
  CONTACT_LOG_HEADERS,
  type ContactLogColumn,
  OUTCOME_LABELS,
  PHONE_LABELS,
  PTP_METHODS,
  PTP_METHOD_LABELS,
  type PtpMethod,
  TASK_LABELS,
  columnIndexes,
  keyOfLabel,
} from "./names";

/** The contact log as read: its entries (in sheet order), their keys, and its rows to append to. */
export interface ContactLog {
  /** The sheet's rows as read (header first); a new header when the sheet does not exist yet. */
  rows: Cell[][];
  entries: ContactEntry[];
  exists: boolean;
}

/** The log's header row. */
export function contactLogHeader(lang: Lang): Cell[] {
  return CONTACT_LOG_COLUMNS.map((c) => CONTACT_LOG_HEADERS[c][lang]);
}

/** Reads the contact log's values (null: no sheet yet). Rows without a date, loan id or known outcome are kept but not used. */
export function readContactLog(
  values: readonly (readonly Cell[])[] | null,
  lang: Lang,
  ctx: CellContext = DEFAULT_CELL_CONTEXT,
): ContactLog {
  if (!values || values.length === 0) return { rows: [contactLogHeader(lang)], entries: [], exists: values !== null };
  const at = columnIndexes(CONTACT_LOG_COLUMNS, CONTACT_LOG_HEADERS, values[0]);
  const entries: ContactEntry[] = [];
  for (const r of values.slice(1)) {
    const e = entryOfRow(r, at, ctx);
    if (e) entries.push(e);
  }
  return { rows: values.map((r) => r.slice()), entries, exists: true };
}

function entryOfRow(r: readonly Cell[], at: Record<ContactLogColumn, number>, ctx: CellContext): ContactEntry | null {
  const cell = (c: ContactLogColumn): Cell => (at[c] >= 0 ? r[at[c]] : null);
  const text = (c: ContactLogColumn) => cellText(cell(c)).trim();
  const date = readDate(cell("date"), ctx);
  const outcome = keyOfLabel(OUTCOME_LABELS, cell("outcome"));
  const loanId = text("loan_id");
  if (isCellError(date) || outcome === null || loanId === "") return null;
  const ptpDate = text("ptp_date") === "" ? null : readDate(cell("ptp_date"), ctx);
  const ptpAmount = text("ptp_amount") === "" ? null : readAmount(cell("ptp_amount"));
  const method = text("ptp_method");
  const row = Number(text("source_row"));
  return {
    date,
    time: text("time"),
    window: text("window"),
    staff: text("staff"),
    loanId,
    customer: text("customer"),
    task: keyOfLabel(TASK_LABELS, cell("task")),
    numberKind: keyOfLabel(PHONE_LABELS, cell("number_kind")),
    number: text("number"),
    outcome,
    ptpDate: ptpDate === null || isCellError(ptpDate) ? null : ptpDate,
    ptpAmount: ptpAmount === null || isCellError(ptpAmount) ? null : ptpAmount,
    ptpMethod: keyOfLabel(PTP_METHOD_LABELS, method) ?? method,
    note: text("note"),
    sourceRow: Number.isInteger(row) ? row : 0,
    recordedAt: text("recorded_at"),
  };
}

/** The label of a PTP method key, or the text as typed. */
export function methodText(method: string, lang: Lang): string {
  return (PTP_METHODS as readonly string[]).includes(method) ? PTP_METHOD_LABELS[method as PtpMethod][lang] : method;
}

/** One log row for an entry, in the log's column order (`at`, from its header). Dates and numbers are written as text. */
export function contactLogRow(e: ContactEntry, lang: Lang, at: Record<ContactLogColumn, number>): Cell[] {
  const values: Record<ContactLogColumn, Cell> = {
    date: isoDay(e.date),
    time: e.time,
    window: e.window,
    staff: e.staff,
    loan_id: e.loanId,
    customer: e.customer,
    task: e.task ? TASK_LABELS[e.task][lang] : "",
    number_kind: e.numberKind ? PHONE_LABELS[e.numberKind][lang] : "",
    number: e.number,
    outcome: OUTCOME_LABELS[e.outcome][lang],
    ptp_date: e.ptpDate === null ? "" : isoDay(e.ptpDate),
    ptp_amount: e.ptpAmount ?? "",
    ptp_method: methodText(e.ptpMethod, lang),
    note: e.note,
    source_row: e.sourceRow,
    recorded_at: e.recordedAt,
  };
  const width = Math.max(CONTACT_LOG_COLUMNS.length, ...CONTACT_LOG_COLUMNS.map((c) => at[c] + 1));
  const row: Cell[] = new Array(width).fill("");
  for (const c of CONTACT_LOG_COLUMNS) if (at[c] >= 0) row[at[c]] = values[c];
  return row;
}

/** Column indexes of a log's header. */
export function contactLogColumns(rows: readonly (readonly Cell[])[]): Record<ContactLogColumn, number> {
  return columnIndexes(CONTACT_LOG_COLUMNS, CONTACT_LOG_HEADERS, rows[0] ?? []);
}

/** Widths of the log's columns (characters). */
export const CONTACT_LOG_WIDTHS = [11, 7, 12, 12, 14, 10, 12, 10, 14, 22, 11, 10, 12, 30, 8, 17];

/** A promise's status in words (the ledger's latest contact, the customer card). */
export const PTP_STATUS_LABELS: Record<PtpStatus, Record<Lang, string>> = {
  kept: { zh: "已兑现", en: "kept" },
  partial: { zh: "部分兑现", en: "partly kept" },
  broken: { zh: "违约", en: "broken" },
  pending: { zh: "待到期", en: "pending" },
};

/** The ledger's "latest contact" text: `2026-11-16 14:05 · 甲 · 手机 · 已联系-承诺还款 · 承诺 2026-11-20 1,000 微信（待到期）`. */
export function latestContactText(e: ContactEntry, status: PtpStatus | null, lang: Lang): string {
  const parts = [e.time ? `${isoDay(e.date)} ${e.time}` : isoDay(e.date), e.staff];
  if (e.numberKind) parts.push(PHONE_LABELS[e.numberKind][lang]);
  parts.push(OUTCOME_LABELS[e.outcome][lang]);
  if (e.outcome === "ptp" && e.ptpDate !== null) {
    const promise = t(lang, "contact.ptp", {
      date: isoDay(e.ptpDate),
      amount: formatAmount(e.ptpAmount),
      method: methodText(e.ptpMethod, lang),
    }).trim();
    parts.push(status ? t(lang, "contact.ptp_status", { promise, status: PTP_STATUS_LABELS[status][lang] }) : promise);
  }
  return parts.filter((p) => p !== "").join(" · ");
}

/** The three contact columns of one account from its entries (in order): latest contact, new mobile, new contact info ("" where the log has none). */
export function contactColumnValues(
  entries: readonly ContactEntry[],
  status: (e: ContactEntry) => PtpStatus | null,
  lang: Lang,
): [string, string, string] {
  if (entries.length === 0) return ["", "", ""];
  const latest = entries[entries.length - 1];
  let mobile = "";
  let other = "";
  for (const e of entries) {
    if (e.outcome !== "new_contact") continue;
    const c = newContactOf(e.note);
    if (c.mobile) mobile = c.mobile;
    if (c.other) other = c.other;
  }
  return [latestContactText(latest, status(latest), lang), mobile, other];
}
