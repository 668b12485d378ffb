/**
 * The book's settings for every `daihou` command (SPEC §7): read from the
 * book's “设置 Settings” sheet (the defaults while there is none), checked with
 * the Sheets dialog's rules; a value that does not validate stops the command
 * (exit 2) before anything is written. Also the run's language, which the
 * book's `lang` decides when neither --lang nor LANG names one.
 */
import { type LangChoice, chooseLang } from "../app/language";
import type { BookPort } from "../app/port";
import { LEDGER_SHEET } from "../app/names";
import { SETTINGS_SHEET, type SettingsProblem, readSettingsSheet, settingsOfEntries, settingsSheetRows } from "../app/settingsSheet";
import type { Cell } from "../domain/cells";
import type { Lang } from "../domain/i18n";
import { type Settings, defaultSettings } from "../domain/settings";
import { st } from "../domain/messages/settings";

/** Settings that do not validate: in the book's sheet, or given with --set. Exit 2; nothing is written. */
export class SettingsUnusableError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly SettingsProblem[],
    readonly fromSet = false,
  ) {
    super(`${file}: ${problems.map((p) => `${p.key}: ${p.en}`).join("; ")}`);
    this.name = "SettingsUnusableError";
  }
}

/** The lines a refusal prints on stderr: one per bad value, naming the setting and what is wrong, then what happened. */
export function settingsErrorLines(lang: Lang, e: SettingsUnusableError): string[] {
  const lines = e.problems.map((p) => {
    const problem = p[lang];
    if (p.row === null && e.fromSet) return st(lang, "settings.bad_set", { key: p.key, text: p.text, problem });
    if (p.row === null) return st(lang, "settings.bad_sheet_no_row", { file: e.file, sheet: SETTINGS_SHEET, key: p.key, problem });
    return st(lang, "settings.bad_sheet", { file: e.file, sheet: SETTINGS_SHEET, row: p.row, key: p.key, problem, text: p.text });
  });
  lines.push(st(lang, e.fromSet ? "settings.refused" : "settings.stopped", { file: e.file }));
  return lines;
}

/** True when the book keeps its settings sheet. */
export function hasSettingsSheet(book: BookPort): boolean {
  return book.read(SETTINGS_SHEET) !== null;
}

/** The book's settings: its settings sheet read and checked (the defaults when it has none). Throws `SettingsUnusableError`. */
export function bookSettings(book: BookPort, file: string): Settings {
  const values = book.read(SETTINGS_SHEET);
  if (!values) return defaultSettings();
  const { entries, problems } = readSettingsSheet(values);
  const read = settingsOfEntries(entries);
  const all = [...problems, ...read.problems];
  if (all.length > 0) throw new SettingsUnusableError(file, all);
  return read.settings;
}

/** The language a sheet of these settings is written in: the book's, else the run's. */
export function sheetLang(settings: Settings, lang: Lang): Lang {
  return settings.language === "auto" ? lang : settings.language;
}

/** Writes the settings sheet (replacing it). */
export function writeSettingsSheet(book: BookPort, settings: Settings, lang: Lang): void {
  const { rows, options } = settingsSheetRows(settings, sheetLang(settings, lang));
  book.write(SETTINGS_SHEET, rows, options);
}

/** Makes the settings sheet with these settings when the book has none yet (a person's own sheet is never rewritten). */
export function ensureSettingsSheet(book: BookPort, settings: Settings, lang: Lang): void {
  if (!hasSettingsSheet(book)) writeSettingsSheet(book, settings, lang);
}

/**
 * The run's language by SPEC §7's rule (chooseLang): --lang, else LANG/LC_ALL when it
 * names zh or en, else the book's `lang` setting or the language it was written in, else
 * the language of the ledger's headers.
 */
export function commandLang(
  choice: LangChoice,
  book: BookPort | null | undefined,
  settings: Settings,
  ledgerHeader?: readonly Cell[] | null,
): Lang {
  return chooseLang(choice, book, ledgerHeader, settings.language);
}

/** The header of the book's ledger sheet, if it has one (for the run's language). */
export function ledgerHeaderOf(book: BookPort): readonly Cell[] | null {
  return book.readHeader(LEDGER_SHEET);
}
