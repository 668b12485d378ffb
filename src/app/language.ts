/**
 * Which language Daihou speaks to a store (SPEC §7): the `--lang` flag, else
 * LANG/LC_ALL when it names zh or en (`C.UTF-8` names neither), else the
 * book's language (its settings, else the headers Daihou wrote in it), else the
 * language of the ledger's own headers. A Chinese store gets Chinese without asking.
 */
import { type Cell, cellText } from "../domain/cells";
import type { Lang } from "../domain/i18n";
import type { LanguageSetting } from "../domain/settings";
import { CALL_HEADERS, CONTACT_LOG_SHEET, LEDGER_SHEET, OWNED_LEDGER_HEADERS, dateOfCallSheet, keyOfLabel } from "./names";
import type { BookPort } from "./port";

/** What the person asked for before any book is read: the flag, else the environment's locale. */
export interface LangChoice {
  flag?: Lang | null;
  env?: Lang | null;
}

/** When nothing names a language (no flag, locale, book or ledger): Chinese, the stores' language. */
export const FALLBACK_LANG: Lang = "zh";

/** zh or en when a locale string names one (`zh_CN.UTF-8`, `en-US`), else null (`C.UTF-8`, `POSIX`, empty). */
export function langNamed(locale: string | undefined | null): Lang | null {
  const s = (locale ?? "").trim();
  if (/^zh([_.@-]|$)/i.test(s)) return "zh";
  if (/^en([_.@-]|$)/i.test(s)) return "en";
  return null;
}

/** The language the environment names: LC_ALL, else LC_MESSAGES, else LANG — the first that names zh or en. */
export function langOfEnv(env: Record<string, string | undefined>): Lang | null {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const lang = langNamed(env[name]);
    if (lang) return lang;
  }
  return null;
}

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;

/** The language of a ledger's own headers (Daihou's columns left out): zh when most name themselves in Chinese, null when none says. */
export function langOfHeaders(header: readonly Cell[] | null | undefined): Lang | null {
  let zh = 0;
  let en = 0;
  for (const cell of header ?? []) {
    const text = cellText(cell);
    if (text.startsWith("Daihou·")) continue;
    if (HAN.test(text)) zh++;
    else if (LATIN.test(text)) en++;
  }
  if (zh === 0 && en === 0) return null;
  return zh >= en ? "zh" : "en";
}

/** The language Daihou wrote the book in: its language setting, else the headers of Daihou's own columns and sheets; null when the book does not say. */
export function langOfBook(port: BookPort, setting: LanguageSetting = "auto"): Lang | null {
  if (setting === "zh" || setting === "en") return setting;
  const ledger = port.readHeader(LEDGER_SHEET);
  for (const cell of ledger ?? []) {
    const text = cellText(cell);
    if (!text.startsWith("Daihou·")) continue;
    for (const labels of Object.values(OWNED_LEDGER_HEADERS)) {
      if (labels.zh === text && labels.en !== text) return "zh";
      if (labels.en === text && labels.zh !== text) return "en";
    }
  }
  const sheets = port.sheetNames();
  const calls = sheets.filter((n) => dateOfCallSheet(n) !== null).sort();
  for (const sheet of [...calls.reverse(), CONTACT_LOG_SHEET]) {
    if (!sheets.includes(sheet)) continue;
    for (const cell of port.readHeader(sheet) ?? []) {
      const key = keyOfLabel(CALL_HEADERS, cell);
      if (key === null) continue;
      const text = cellText(cell).trim();
      if (CALL_HEADERS[key].zh === text && CALL_HEADERS[key].en !== text) return "zh";
      if (CALL_HEADERS[key].en === text && CALL_HEADERS[key].zh !== text) return "en";
    }
  }
  return null;
}

/**
 * The run's language by SPEC §7's rule. `book` is the book when there is one; `ledgerHeader` the
 * header row of a ledger file given on the command line (else the book's ledger sheet is looked at).
 */
export function chooseLang(
  choice: LangChoice,
  book?: BookPort | null,
  ledgerHeader?: readonly Cell[] | null,
  setting: LanguageSetting = "auto",
): Lang {
  if (choice.flag) return choice.flag;
  if (choice.env) return choice.env;
  const fromBook = book ? langOfBook(book, setting) : setting === "auto" ? null : setting;
  if (fromBook) return fromBook;
  return langOfHeaders(ledgerHeader ?? book?.readHeader(LEDGER_SHEET)) ?? FALLBACK_LANG;
}
