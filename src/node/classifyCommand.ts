/**
 * The `classify` use case: a ledger table and a date in, each active account's
 * DPD, bucket and reminder class out (SPEC §2, §7), plus its renderings.
 */
import { cents } from "../domain/cells";
import { readHistory } from "../app/dailyJob";
import type { BookPort } from "../app/port";
import { BUCKETS, type Bucket, classify, lastThreeMonths, type M1MonthLookup, type ReminderClass } from "../domain/classify";
import type { Day } from "../domain/days";
import type { FieldKey } from "../domain/fields";
import { HistoryView } from "../domain/history";
import { type Lang, type MessageKey, t } from "../domain/i18n";
import { type LedgerNote, type MissingColumnsError, parseLedger, type RowProblem, type Table } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { ct } from "../domain/messages/cli";
import { alignColumns, formatMoney, printable, truncate } from "./text";

/** One active account, classified. */
export interface ClassifiedRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  loan_id: string;
  customer: string;
  principal: number;
  dpd: number;
  bucket: Bucket;
  /** Reminder class for accounts in C; null otherwise. */
  class: ReminderClass | null;
  /** True when the class rests on fewer than 3 known months. */
  provisional: boolean;
}

export interface ClassifyOutcome {
  /** Active accounts, in ledger row order. */
  rows: ClassifiedRow[];
  /** Rows that could not be read (left out of `rows`). */
  problems: RowProblem[];
  /** What is said once about the ledger (a totals row, what cannot be scheduled, a schedule read). */
  notes: LedgerNote[];
}

/**
 * Classifies every readable row of a ledger table on `asOf` and keeps the
 * active accounts. Throws `MissingColumnsError` when a required column is missing.
 */
export function classifyTable(table: Table, settings: Settings, asOf: Day, history?: M1MonthLookup): ClassifyOutcome {
  const ledger = parseLedger(table, settings, asOf);
  const rows: ClassifiedRow[] = [];
  for (const account of ledger.accounts) {
    const c = classify(account, asOf, settings, history);
    if (!c.active) continue;
    rows.push({
      row: account.row,
      loan_id: account.loanId,
      customer: account.customer,
      principal: account.principal,
      dpd: c.dpd,
      bucket: c.bucket,
      class: c.reminder ? c.reminder.reminderClass : null,
      provisional: c.reminder ? c.reminder.provisional : false,
    });
  }
  return { rows, problems: ledger.problems, notes: ledger.notes };
}

/**
 * "Was this account in M1 or worse in that month?" from a book's history: the
 * three months before `asOf` (SPEC §2), as the daily job recorded them.
 */
export function historyLookup(book: BookPort, asOf: Day, settings: Settings): M1MonthLookup {
  const view = new HistoryView(readHistory(book, lastThreeMonths(asOf)));
  return (loanId, month) => view.wasInM1(loanId, month, settings.graceDays, settings.bucketStarts[0]);
}

/** The `--json` record of an account: exactly these keys. */
export interface JsonRow {
  loan_id: string;
  dpd: number;
  bucket: Bucket;
  class: ReminderClass | null;
}

export function jsonRows(rows: readonly ClassifiedRow[]): JsonRow[] {
  return rows.map((r) => ({ loan_id: r.loan_id, dpd: r.dpd, bucket: r.bucket, class: r.class }));
}

/** The JSON array, one account per line. */
export function formatJson(rows: readonly ClassifiedRow[]): string {
  const items = jsonRows(rows).map((r) => JSON.stringify(r));
  return items.length === 0 ? "[]\n" : `[\n${items.join(",\n")}\n]\n`;
}

/** Count and Σ principal of one bucket (or of all). */
export interface BucketTotal {
  bucket: Bucket | "total";
  count: number;
  principal: number;
}

/** Per bucket C, M1, M2, M3, M3+ (every one present), then the total. */
export function bucketSummary(rows: readonly ClassifiedRow[]): BucketTotal[] {
  const totals = BUCKETS.map((bucket): BucketTotal => ({ bucket, count: 0, principal: 0 }));
  for (const r of rows) {
    const entry = totals[BUCKETS.indexOf(r.bucket)];
    entry.count++;
    entry.principal += r.principal;
  }
  const all: BucketTotal = { bucket: "total", count: rows.length, principal: 0 };
  for (const entry of totals) {
    entry.principal = cents(entry.principal);
    all.principal += entry.principal;
  }
  all.principal = cents(all.principal);
  return [...totals, all];
}

/** One problem line for stderr: `FILE: row N, column “HEADER”: reason`. */
export function problemLine(lang: Lang, file: string, p: RowProblem): string {
  const reason = t(lang, p.reason, p.params);
  return p.column === ""
    ? t(lang, "problem.line_no_column", { file, row: p.row, reason })
    : t(lang, "problem.line", { file, row: p.row, column: printable(p.column), reason });
}

/** A note on the ledger as a whole, one line: `FILE: …`. */
export function noteLine(lang: Lang, file: string, note: LedgerNote): string {
  return t(lang, note.key, { file, ...note.params });
}

/** A field's name for messages: `outstanding principal (剩余本金)` in English, `剩余本金` in Chinese. */
export function fieldName(lang: Lang, field: FieldKey): string {
  const key = `field.${field}` as MessageKey;
  const name = t(lang, key);
  const zh = t("zh", key);
  return name === zh ? name : t(lang, "field.both", { name, zh });
}

/** One line per missing required field, naming the headers looked for. */
export function missingColumnLines(lang: Lang, file: string, err: MissingColumnsError): string[] {
  return err.missing.map((m) =>
    t(lang, "error.missing_column", {
      file,
      fields: m.fields.map((f) => fieldName(lang, f)).join(t(lang, "error.one_of")),
      headers: m.lookedFor.join(t(lang, "sep.list")),
    }),
  );
}

const CUSTOMER_MAX_WIDTH = 20;

/** The readable table: one line per account, then the bucket summary. */
export function renderClassification(lang: Lang, outcome: ClassifyOutcome, title: string): string {
  const lines: string[] = [title, ""];
  if (outcome.rows.length === 0) {
    lines.push(ct(lang, "classify.none"));
  } else {
    const header = [
      t(lang, "field.loan_id"),
      t(lang, "field.customer"),
      ct(lang, "col.dpd"),
      ct(lang, "col.bucket"),
      ct(lang, "col.class"),
      t(lang, "field.outstanding_principal"),
    ];
    const body = outcome.rows.map((r) => [
      printable(r.loan_id),
      truncate(printable(r.customer), CUSTOMER_MAX_WIDTH),
      String(r.dpd),
      r.bucket,
      r.class === null ? "" : `${r.class}${r.provisional ? "*" : ""}`,
      formatMoney(r.principal),
    ]);
    lines.push(...alignColumns([header, ...body], [false, false, true, false, false, true]));
    if (outcome.rows.some((r) => r.provisional))
      lines.push("", ct(lang, "classify.provisional_mark", { text: t(lang, "class.provisional") }));
  }
  lines.push("");
  const summary = bucketSummary(outcome.rows).map((s) => [
    s.bucket === "total" ? ct(lang, "summary.total") : s.bucket,
    String(s.count),
    formatMoney(s.principal),
    s.bucket === "total" ? "" : t(lang, `bucket.${s.bucket}` as MessageKey),
  ]);
  lines.push(
    ...alignColumns([[ct(lang, "col.bucket"), ct(lang, "col.count"), ct(lang, "col.sum"), ""], ...summary], [false, true, true, false]),
  );
  if (outcome.problems.length > 0) {
    const badRows = new Set(outcome.problems.map((p) => p.row)).size;
    lines.push("", ct(lang, "classify.left_out", { count: badRows }));
  }
  return `${lines.join("\n")}\n`;
}
