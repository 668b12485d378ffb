/**
 * Reading single cell values as the store typed them: dates, money, whole
 * numbers and text (SPEC §3). Each reader returns a value or a `CellError`.
 */
import { type Day, dayFromYmd, dayOfUtcDate } from "./days";
import type { DateOrder } from "./settings";

/** A cell's value as a spreadsheet or file hands it over. */
export type Cell = string | number | boolean | Date | null | undefined | { error: string };

/** Why a cell could not be read; `code` keys the message catalogue. */
export interface CellError {
  code: "error_value" | "bad_date" | "impossible_date" | "bad_amount" | "bad_number" | "formula";
  text: string;
}

/** True for a `CellError`. */
export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && "code" in v && "text" in v;
}

/** How a Date object from the spreadsheet becomes a calendar day (the adapter knows the time zone). */
export type DateToDay = (d: Date) => Day;

/** Options for reading cells. */
export interface CellContext {
  dateOrder: DateOrder;
  dateToDay: DateToDay;
}

/** The default context: .xlsx/CSV dates are UTC midnights; `11/1/2026` is month/day/year. */
export const DEFAULT_CELL_CONTEXT: CellContext = { dateOrder: "MDY", dateToDay: dayOfUtcDate };

const ERROR_VALUE = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA)$/i;

/** True when a cell holds nothing (null, empty or only spaces). */
export function isBlank(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  if (v.length === 0) return true;
  // Fast path: a visible ASCII first character is never blank (NFKC leaves ASCII alone).
  const c = v.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return v.normalize("NFKC").trim() === "";
}

/** True when the text starts with a visible ASCII character other than "#", or a CJK ideograph (so it cannot be an error value). */
function plainStart(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c > 32 && c < 127 && c !== 35) || (c >= 0x4e00 && c <= 0x9fff) || s.length === 0;
}

/** True when the text needs no trimming and cannot be an error value: empty, or a plain start (above) and a visible ASCII or CJK last character. */
export function isPlainText(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(s.length - 1);
  return ((c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff)) && plainStart(s);
}

/** A whole number written in 1 to 15 ASCII digits (so exactly as `Number(s)` reads it); else -1 (the general reader decides). */
export function plainWhole(s: string): number {
  if (s.length === 0 || s.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Digits with at most two decimals (`12345`, `10963.33`, `.5`), up to 13 digits:
 * the amount, exactly as `Math.round(Number(s) * 100) / 100` gives it (whole cents
 * over 100); else NaN (the general reader decides).
 */
export function plainCents(s: string): number {
  let cents = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (decimals >= 0 && ++decimals > 2) return Number.NaN;
      cents = cents * 10 + (c - 48);
      digits++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 13) return Number.NaN;
  for (let k = Math.max(decimals, 0); k < 2; k++) cents *= 10;
  return cents / 100;
}

/**
 * A phone number written in ASCII digits with only spaces, dashes, brackets or dots
 * between them and no +86 / 0086 prefix: as `readPhone` reads it (the digits, or ""
 * when too short or too long); else null (the general reader decides).
 */
function plainPhone(s: string): string | null {
  const digits = plainPhoneDigits(s);
  if (digits === null || digits.startsWith("0086")) return null;
  return digits.length >= 5 && digits.length <= 20 ? digits : "";
}

/** ASCII digits with only spaces, dashes, brackets or dots between them (`021-66440985`): the digits; else null. */
function plainPhoneDigits(s: string): string | null {
  let separators = 0;
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 32 && c !== 45 && c !== 40 && c !== 41 && c !== 46) return null;
    separators++;
    last = i;
  }
  if (separators === 0) return s;
  // One separator (the commonest: an area code and a dash): the two sides.
  if (separators === 1) return s.slice(0, last) + s.slice(last + 1);
  // The digits between the separators.
  let out = "";
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (c >= 48 && c <= 57) continue;
    if (i > from) out += s.slice(from, i);
    from = i + 1;
  }
  return out;
}

/** `yyyy-mm-dd` exactly (the commonest form) as a checked day; else undefined (the general reader decides). */
export function plainIsoDate(s: string): Day | CellError | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
  const m = digitAt(s, 5) * 10 + digitAt(s, 6);
  const d = digitAt(s, 8) * 10 + digitAt(s, 9);
  return Number.isNaN(y + m + d) ? undefined : checked(y, m, d, s);
}

/** The ASCII digit at s[i] as a number; NaN when it is not one. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** The cell as display text (for messages and text fields). */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  return String(v);
}

/** An error value (`#N/A`, `#REF!` …), or null. */
export function errorOf(v: Cell): CellError | null {
  if (typeof v === "object" && v !== null && !(v instanceof Date)) return { code: "error_value", text: v.error };
  // Error values start with "#" (after any spaces): a cell starting with another visible
  // ASCII character or a CJK ideograph is none, without the trim and the pattern.
  if (typeof v === "string" && !plainStart(v)) {
    const t = v.trim();
    if (ERROR_VALUE.test(t)) return { code: "error_value", text: t };
  }
  return null;
}

/**
 * Excel/Sheets serial day numbers (1900 system) read as dates: 1950-01-01 … 2199-12-31.
 * Outside that a number is not a plausible loan date (a bare `2026` would be 1905-07-18) and is flagged.
 */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 109_574;
const SERIAL_EPOCH = 25_569; // serial of 1970-01-01

/** Reads a date: a Date object, a serial number, `yyyymmdd`, or text (`2026-11-01`, `2026/11/1`, `2026年11月1日`, `11/1/2026`). */
export function readDate(v: Cell, ctx: CellContext = DEFAULT_CELL_CONTEXT): Day | CellError {
  // Fast path: `yyyy-mm-dd` (digits and dashes are never an error value).
  if (typeof v === "string") {
    const iso = plainIsoDate(v);
    if (iso !== undefined) return iso;
  }
  const err = errorOf(v);
  if (err) return err;
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? { code: "bad_date", text: "Invalid Date" } : ctx.dateToDay(v);
  }
  if (typeof v === "number") return dateFromNumber(v, String(v));
  const text = String(v ?? "")
    .normalize("NFKC")
    .trim();
  if (/^\d+(\.\d+)?$/.test(text)) return dateFromNumber(Number(text), text);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    // Unambiguous when one part is over 12; otherwise the setting decides.
    if (a > 12 && b <= 12) return checked(Number(m[3]), b, a, text);
    if (b > 12 && a <= 12) return checked(Number(m[3]), a, b, text);
    return ctx.dateOrder === "DMY" ? checked(Number(m[3]), b, a, text) : checked(Number(m[3]), a, b, text);
  }
  if (text.startsWith("=")) return { code: "formula", text };
  return { code: "bad_date", text };
}

function dateFromNumber(n: number, text: string): Day | CellError {
  if (Number.isInteger(n) && n >= 19000101 && n <= 99991231) {
    return checked(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, text);
  }
  if (n >= SERIAL_MIN && n <= SERIAL_MAX) return Math.floor(n) - SERIAL_EPOCH;
  return { code: "bad_date", text };
}

function checked(y: number, m: number, d: number, text: string): Day | CellError {
  if (m < 1 || m > 12 || d < 1 || d > 31) return { code: "bad_date", text };
  const day = dayFromYmd(y, m, d);
  return Number.isNaN(day) ? { code: "impossible_date", text } : day;
}

/** Reads an amount of money: `12,345.6`, `¥8000`, `8000元`, `１２３４５`, `1.2万`. */
export function readAmount(v: Cell): number | CellError {
  // Fast path: digits and a point (never an error value).
  if (typeof v === "string") {
    const plain = plainCents(v);
    if (!Number.isNaN(plain)) return plain;
  }
  const err = errorOf(v);
  if (err) return err;
  if (typeof v === "number") return Number.isFinite(v) ? v : { code: "bad_amount", text: String(v) };
  if (v instanceof Date || typeof v === "boolean") return { code: "bad_amount", text: cellText(v) };
  const raw = String(v ?? "");
  let text = raw.normalize("NFKC").replace(/[\s,¥$]|RMB|CNY|人民币|元/gi, "");
  let scale = 1;
  if (text.endsWith("万")) {
    scale = 10_000;
    text = text.slice(0, -1);
  }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { code: raw.trim().startsWith("=") ? "formula" : "bad_amount", text: raw };
  return Math.round(Number(text) * scale * 100) / 100;
}

/** Reads a whole number (DPD, due day, month counts): `5`, `5天`, `每月15日`, `１５`. */
export function readWholeNumber(v: Cell): number | CellError {
  // Fast path: digits only (never an error value).
  if (typeof v === "string") {
    const n = plainWhole(v);
    if (n >= 0) return n;
  }
  const err = errorOf(v);
  if (err) return err;
  if (typeof v === "number") return Number.isInteger(v) ? v : { code: "bad_number", text: String(v) };
  const raw = String(v ?? "");
  const text = raw
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^每月/, "")
    .replace(/[日号天次]$/, "");
  if (!/^[-+]?\d+$/.test(text)) return { code: "bad_number", text: raw };
  return Number(text);
}

/** Reads text, trimmed; numbers and dates become their display text. */
export function readText(v: Cell): string {
  // Fast path: text with nothing to trim is itself.
  if (typeof v === "string" && isPlainText(v)) return v;
  return cellText(v).trim();
}

/**
 * Reads a phone number as digits (and a leading + kept off): spaces, dashes,
 * brackets and the +86 / 0086 prefix removed. Empty when nothing usable remains.
 */
export function readPhone(v: Cell): string {
  const raw = typeof v === "string" ? v : cellText(v);
  // Fast path: digits and separators (never an error value), without the +86 / 0086 prefix, need no more cleaning.
  const plain = plainPhone(raw);
  if (plain !== null) return plain;
  if (errorOf(v)) return "";
  let text = raw.normalize("NFKC").replace(/[\s\-()（）.]/g, "");
  text = text.replace(/^(\+86|0086)(?=1\d{10}$)/, "");
  return /^\+?\d{5,20}$/.test(text) ? text : "";
}

/** An amount rounded to cents (sums and products of amounts in floating point). */
export function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
