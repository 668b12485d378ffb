/**
 * `daihou calls --book B.xlsx --date D [--json]` (SPEC §7): a date's call sheet
 * read back from the book. The book is only read.
 */
import { callColumnsOf, readCallSheet } from "../app/callSheet";
import { CALL_HEADERS, CAPACITY_LABELS, type CallColumn, TASK_LABELS, callSheetName, keyOfLabel } from "../app/names";
import { type Cell, cellText } from "../domain/cells";
import { isoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { type Options, type Write, parseDateArg, required } from "./args";
import { loadBook } from "./book";
import { bookSettings, commandLang, ledgerHeaderOf } from "./bookSettings";
import { ct } from "./messages";
import { alignColumns, printable, truncate } from "./text";

/** The columns the readable table shows, in order. */
const TABLE_COLUMNS: readonly CallColumn[] = [
  "owner",
  "window",
  "task",
  "loan_id",
  "customer",
  "bucket",
  "class",
  "amount_overdue",
  "number_kind",
  "number",
  "flag",
];

/** The JSON array, one task per line. */
export function formatCallsJson(values: readonly (readonly Cell[])[]): string {
  const items = readCallSheet(values).map((r) => JSON.stringify(r));
  return items.length === 0 ? "[]\n" : `[\n${items.join(",\n")}\n]\n`;
}

/** The readable table of a call sheet's tasks. */
export function renderCalls(lang: Lang, values: readonly (readonly Cell[])[], title: string): string {
  const lines = [title, ""];
  // Columns by their headers, as --json reads them: a sheet kept from an older layout, or rearranged in Sheets, reads right.
  const at = callColumnsOf(values);
  const cell = (r: readonly Cell[], c: CallColumn) => (at[c] >= 0 ? cellText(r[at[c]]) : "");
  // The task rows; the sheet's capacity lines are printed above them, one an owner.
  const rows = values.slice(1).filter((r) => keyOfLabel(TASK_LABELS, cell(r, "task")) !== null);
  for (const r of values.slice(1))
    if (keyOfLabel(CAPACITY_LABELS, cell(r, "task")) === "line") lines.push(`${printable(cell(r, "owner"))}: ${printable(cell(r, "talking_points"))}`);
  if (lines.length > 2) lines.push("");
  if (rows.length === 0) {
    lines.push(ct(lang, "calls.none"));
  } else {
    const header = TABLE_COLUMNS.map((c) => CALL_HEADERS[c][lang]);
    const body = rows.map((r) =>
      TABLE_COLUMNS.map((c) => {
        const text = printable(cell(r, c));
        return c === "customer" ? truncate(text, 12) : truncate(text, 30);
      }),
    );
    lines.push(
      ...alignColumns(
        [header, ...body],
        TABLE_COLUMNS.map(() => false),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Runs `calls`; resolves to the exit code. */
export async function runCalls(runLang: Lang, opts: Options, out: Write, err: Write): Promise<number> {
  const bookPath = required(runLang, "calls", opts, "book");
  const t = parseDateArg(runLang, "calls", required(runLang, "calls", opts, "date"));
  const book = await loadBook(bookPath);
  // Read and checked like every command's, though the call sheet is only read back.
  const lang = commandLang(runLang, opts, bookSettings(book, bookPath), ledgerHeaderOf(book));
  const sheet = callSheetName(t);
  const values = book.read(sheet);
  if (values === null) {
    err(ct(lang, "calls.not_run", { file: bookPath, date: isoDay(t), sheet }));
    return 2;
  }
  if (opts.json === true) out(formatCallsJson(values));
  else out(renderCalls(lang, values, ct(lang, "calls.title", { file: bookPath, date: isoDay(t), count: readCallSheet(values).length })));
  return 0;
}
