/**
 * `daihou calls --book B.xlsx --date D [--json]` (SPEC §7): a date's call sheet
 * read back from the book. The book is only read.
 */
import { OVER_CAPACITY, callColumnsOf, readCallSheet } from "../app/callSheet";
import { RECORDED } from "../app/recordOutcomes";
import {
  CALL_HEADERS,
  CAPACITY_LABELS,
  CLASS_LABELS,
  type CallColumn,
  PHONE_LABELS,
  TASK_LABELS,
  callSheetName,
  keyOfLabel,
} from "../app/names";
import { type Cell, cellText } from "../domain/cells";
import { isoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import type { LangChoice } from "../app/language";
import { type Options, type Write, parseDateArg, required } from "./args";
import { loadBook } from "./book";
import { bookSettings, commandLang, ledgerHeaderOf } from "./bookSettings";
import { ct } from "../domain/messages/cli";
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
    if (keyOfLabel(CAPACITY_LABELS, cell(r, "task")) === "line")
      lines.push(`${printable(cell(r, "owner"))}: ${printable(cell(r, "talking_points"))}`);
  if (lines.length > 2) lines.push("");
  if (rows.length === 0) {
    lines.push(ct(lang, "calls.none"));
  } else {
    const header = TABLE_COLUMNS.map((c) => CALL_HEADERS[c][lang]);
    const body = rows.map((r) =>
      TABLE_COLUMNS.map((c) => {
        const text = printable(inLang(lang, c, cell(r, c)));
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

/** Labels of the call sheet's own values (task, class, number type, Daihou's flags): shown in the run's language whatever language the sheet was written in. */
const FLAG_LABELS = { over: OVER_CAPACITY, recorded: RECORDED };

/** A call-sheet value in `lang`: Daihou's labels are translated, anything staff typed is shown as it is. */
export function inLang(lang: Lang, column: CallColumn, text: string): string {
  const star = column === "class" && text.endsWith("*") ? "*" : "";
  const bare = star ? text.slice(0, -1) : text;
  const labels =
    column === "task"
      ? TASK_LABELS
      : column === "number_kind"
        ? PHONE_LABELS
        : column === "class"
          ? CLASS_LABELS
          : column === "flag"
            ? FLAG_LABELS
            : null;
  if (labels === null) return text;
  const key = keyOfLabel(labels as Record<string, Record<Lang, string>>, bare);
  return key === null ? text : (labels as Record<string, Record<Lang, string>>)[key][lang] + star;
}

/** Runs `calls`; resolves to the exit code. */
export async function runCalls(
  argLang: Lang,
  opts: Options,
  out: Write,
  err: Write,
  choice: LangChoice = { flag: argLang },
): Promise<number> {
  const bookPath = required(argLang, "calls", opts, "book");
  const t = parseDateArg(argLang, "calls", required(argLang, "calls", opts, "date"));
  const book = await loadBook(bookPath);
  // Read and checked like every command's, though the call sheet is only read back.
  const lang = commandLang(choice, book, bookSettings(book, bookPath), ledgerHeaderOf(book));
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
