/**
 * `daihou settings --book B.xlsx [--set KEY=VALUE ...] [--json]` (SPEC §7): the
 * book's settings, shown or changed. Every change is checked before anything is
 * written: one bad value and the book stays byte for byte as it was (exit 2).
 * A change is saved atomically, under the book's lock.
 */
import { existsSync } from "node:fs";
import {
  SETTINGS_SHEET,
  type SettingEntries,
  type SettingsProblem,
  readSettingsSheet,
  roleText,
  setEntry,
  settingsJson,
  settingsOfEntries,
  settingsTextRows,
} from "../app/settingsSheet";
import type { Lang } from "../domain/i18n";
import type { Settings } from "../domain/settings";
import { type Options, type Write, required } from "./args";
import { LocalBook, loadBook, saveBook, withBookLock } from "./book";
import type { LangChoice } from "../app/language";
import { SettingsUnusableError, bookSettings, commandLang, hasSettingsSheet, ledgerHeaderOf, writeSettingsSheet } from "./bookSettings";
import { checkBookPath } from "./dayCommand";
import { st } from "../domain/messages/settings";
import { FileUnusableError } from "./tableFile";
import { alignColumns } from "./text";

/** The readable listing: one setting a line, then the staff. */
export function renderSettings(lang: Lang, s: Settings, title: string): string {
  const rows = [[st(lang, "settings.col_key"), st(lang, "settings.col_value"), st(lang, "settings.col_meaning")]];
  for (const r of settingsTextRows(s, lang)) rows.push([r.key, r.value, r.meaning]);
  const lines = [title, "", ...alignColumns(rows, [false, false, false]), "", st(lang, "settings.staff")];
  if (s.staff.length === 0) lines.push(st(lang, "settings.no_staff"));
  else {
    const staff = [[st(lang, "settings.col_name"), st(lang, "settings.col_role"), st(lang, "settings.col_calls")]];
    for (const m of s.staff) staff.push([m.name, roleText(m.role, lang), String(m.dailyCapacity)]);
    lines.push(...alignColumns(staff, [false, false, true]));
  }
  return `${lines.join("\n")}\n`;
}

/** The `--set` values given, in order. */
function setsOf(opts: Options): string[] {
  const v = opts.set;
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** The entries with every --set applied, or the problems (unknown keys, staff lists that do not read). */
function applySets(entries: SettingEntries, sets: readonly string[]): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const assignment of sets) {
    const p = setEntry(entries, assignment);
    if (p) problems.push(p);
  }
  return problems;
}

/** Runs `settings`; resolves to the exit code. */
export async function runSettings(
  lang: Lang,
  opts: Options,
  out: Write,
  _err: Write,
  choice: LangChoice = { flag: lang },
): Promise<number> {
  const bookPath = required(lang, "settings", opts, "book");
  checkBookPath(lang, "settings", bookPath);
  const sets = setsOf(opts);

  if (sets.length === 0) {
    if (!existsSync(bookPath)) throw new FileUnusableError(bookPath, "missing");
    const book = await loadBook(bookPath);
    const settings = bookSettings(book, bookPath);
    const shown = commandLang(choice, book, settings, ledgerHeaderOf(book));
    if (opts.json === true) out(`${JSON.stringify(settingsJson(settings), null, 2)}\n`);
    else {
      const title = hasSettingsSheet(book)
        ? st(shown, "settings.title", { file: bookPath, sheet: SETTINGS_SHEET })
        : st(shown, "settings.defaults", { file: bookPath, sheet: SETTINGS_SHEET });
      out(renderSettings(shown, settings, title));
    }
    return 0;
  }

  const { settings, shown } = await withBookLock(bookPath, async () => {
    const book = existsSync(bookPath) ? await loadBook(bookPath) : new LocalBook();
    const values = book.read(SETTINGS_SHEET);
    // The sheet as it is: a row that names no setting must be mended there (rewriting the sheet would lose it).
    const { entries, problems } = values ? readSettingsSheet(values) : { entries: { values: new Map(), staff: null }, problems: [] };
    if (problems.length > 0) throw new SettingsUnusableError(bookPath, problems);
    const bad = applySets(entries, sets);
    if (bad.length > 0) throw new SettingsUnusableError(bookPath, bad, true);
    const read = settingsOfEntries(entries);
    if (read.problems.length > 0) {
      // A bad value given with --set is named as given; one left in the sheet, by its row.
      throw new SettingsUnusableError(bookPath, read.problems, true);
    }
    const shown = commandLang(choice, book, read.settings, ledgerHeaderOf(book));
    writeSettingsSheet(book, read.settings, shown);
    await saveBook(book, bookPath);
    return { settings: read.settings, shown };
  });
  if (opts.json === true) out(`${JSON.stringify(settingsJson(settings), null, 2)}\n`);
  else out(renderSettings(shown, settings, st(shown, "settings.changed", { file: bookPath, count: sets.length, sheet: SETTINGS_SHEET })));
  return 0;
}
