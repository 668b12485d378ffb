/**
 * The custom functions DPD, BUCKET and REMINDER_CLASS (SPEC §2, §7). A single
 * value in gives a value out; a range (2-D array) in gives a range of the same
 * shape out; a blank cell gives ""; a cell that cannot be read gives a readable
 * "ERROR: …" text in its own place, never an error for the whole range.
 *
 * The results depend only on the arguments (not on the store's settings, nor on
 * the clock: `as_of` is required where a date is needed — Daihou_AsOf in the
 * formulas Daihou inserts), so Sheets' caching of custom-function results is
 * always right; defaults are the SPEC's (grace days 0, buckets from DPD 1, 31, 61, 91).
 *
 * This code ships in every custom-function call: keep it small, import nothing
 * from src/node or src/app.
 */
import { type Cell, type CellContext, type CellError, cellText, isBlank, isCellError, readDate, readWholeNumber } from "../domain/cells";
import { bucketOf, classFromM1Months, daysPastDue } from "../domain/classify";
import type { Day } from "../domain/days";
import { type Lang, langOfLocale, type MessageKey, t } from "../domain/i18n";
import { type Settings, defaultSettings } from "../domain/settings";
import { type UiKey, ui } from "../domain/messages/sheets";
import { dateToDayInZone, type FormatDate } from "./zone";

/** An argument as Sheets passes it: one value, or a range as rows of values. */
export type Arg = Cell | Cell[][];
/** One result cell. */
export type Out = string | number;
/** A result: one value, or rows of values in the shape of the driving argument. */
export type Result = Out | Out[][];

/** What the functions need from their surroundings; Sheets' comes from {@link sheetsEnv}, tests pass fakes. */
export interface CustomFunctionEnv {
  /** How dates are read (order of `11/1/2026`, Date object → calendar day). */
  cellContext: CellContext;
  /** The language of error texts. */
  lang(): Lang;
}

/** The default first DPD of M1, M2, M3 and M3+. */
export const DEFAULT_BUCKET_STARTS: readonly [number, number, number, number] = [1, 31, 61, 91];

/** A cell that cannot be used; caught per cell and shown in its place. */
class CellFailure extends Error {
  constructor(
    readonly arg: string,
    readonly describe: (lang: Lang) => string,
  ) {
    super(arg);
  }
}

function failOn(arg: string, e: CellError): never {
  throw new CellFailure(arg, (lang) => t(lang, `reason.${e.code}` as MessageKey, { text: e.text }));
}

function failWith(arg: string, key: UiKey, params: Record<string, string | number>): never {
  throw new CellFailure(arg, (lang) => ui(lang, key, params));
}

function isRange(a: Arg): a is Cell[][] {
  return Array.isArray(a);
}

/** A 1×1 range, which counts as a single value. */
function isSingle(a: Cell[][]): boolean {
  return a.length === 1 && Array.isArray(a[0]) && a[0].length === 1;
}

function sameShape(a: Cell[][], b: Cell[][]): boolean {
  return a.length === b.length && a.every((row, i) => Array.isArray(row) && Array.isArray(b[i]) && row.length === b[i].length);
}

/**
 * Calls `f` for each cell of `driver`, giving it the cell and, through `at`, the
 * cell of each other argument at the same place (a single value or a 1×1 range
 * applies to every cell). Failures become error texts in their cells.
 */
function overCells(
  env: CustomFunctionEnv,
  driverName: string,
  driver: Arg,
  others: Record<string, Arg>,
  f: (cell: Cell, at: (name: string) => Cell) => Out,
): Result {
  const rows: Cell[][] = isRange(driver) ? driver : [[driver]];
  const misfits = new Set<string>();
  for (const [name, a] of Object.entries(others)) {
    if (isRange(a) && !isSingle(a) && !(isRange(driver) && sameShape(driver, a))) misfits.add(name);
  }
  const cellAt = (name: string, r: number, c: number): Cell => {
    const a = others[name];
    if (misfits.has(name)) {
      failWith(name, "cf.shape", { driver: driverName, rows: rows.length, cols: rows[0]?.length ?? 0 });
    }
    if (!isRange(a)) return a;
    return isSingle(a) ? a[0][0] : a[r][c];
  };
  let lang: Lang | undefined;
  const one = (cell: Cell, r: number, c: number): Out => {
    try {
      return f(cell, (name) => cellAt(name, r, c));
    } catch (e) {
      if (!(e instanceof CellFailure)) throw e;
      lang ??= env.lang();
      const reason = e.describe(lang);
      return e.arg === driverName ? ui(lang, "cf.error", { reason }) : ui(lang, "cf.error_in", { arg: e.arg, reason });
    }
  };
  if (!isRange(driver)) return one(driver, 0, 0);
  return driver.map((row, r) => row.map((cell, c) => one(cell, r, c)));
}

/** A calendar day from a date cell (not blank). */
function dayOf(cell: Cell, arg: string, env: CustomFunctionEnv): Day {
  const d = readDate(cell, env.cellContext);
  if (isCellError(d)) failOn(arg, d);
  if (Number.isNaN(d)) failOn(arg, { code: "bad_date", text: cellText(cell) });
  return d;
}

/**
 * `as_of`: required. Sheets recalculates a custom function only when an argument
 * changes, so a silent "today" would freeze on the day the formula was typed;
 * the formulas Daihou inserts pass Daihou_AsOf, the last daily run's date.
 */
function asOfDay(cell: Cell, env: CustomFunctionEnv): Day {
  if (isBlank(cell)) failWith("as_of", "cf.no_as_of", {});
  return dayOf(cell, "as_of", env);
}

/** A whole number ≥ 0 (not blank). */
function countOf(cell: Cell, arg: string): number {
  if (cell instanceof Date) failOn(arg, { code: "bad_number", text: cellText(cell) });
  const n = readWholeNumber(cell);
  if (isCellError(n)) failOn(arg, n);
  if (n < 0) failWith(arg, "cf.negative", { text: cellText(cell) });
  return n;
}

/**
 * DPD(dates, as_of, [grace_days]): days past due on `as_of` for each oldest
 * unpaid due date: as_of − date − grace days, never below 0.
 */
export function dpdCells(dates: Arg, asOf: Arg, graceDays: Arg, env: CustomFunctionEnv): Result {
  return overCells(env, "dates", dates, { as_of: asOf, grace_days: graceDays }, (cell, at) => {
    if (isBlank(cell)) return "";
    const oldestUnpaid = dayOf(cell, "dates", env);
    const day = asOfDay(at("as_of"), env);
    const grace = at("grace_days");
    return daysPastDue(oldestUnpaid, day, isBlank(grace) ? 0 : countOf(grace, "grace_days"));
  });
}

/** The bucket starts from a BUCKET `boundaries` argument (blank = defaults), or the failure to report. */
function bucketStarts(boundaries: Arg): readonly number[] | CellFailure {
  const cells = (isRange(boundaries) ? boundaries.flat() : [boundaries]).filter((c) => !isBlank(c));
  if (cells.length === 0) return DEFAULT_BUCKET_STARTS;
  const starts = cells.map((c) => (c instanceof Date ? Number.NaN : readWholeNumber(c)));
  const ok =
    starts.length === 4 &&
    starts.every((n) => typeof n === "number" && Number.isInteger(n) && n >= 1) &&
    (starts as number[]).every((n, i, a) => i === 0 || a[i - 1] < n);
  if (ok) return starts as number[];
  const text = cells.map(cellText).join(", ");
  return new CellFailure("boundaries", (lang) => ui(lang, "cf.bad_boundaries", { text }));
}

/** BUCKET(dpd, [boundaries]): C, M1, M2, M3 or M3+ for each DPD. */
export function bucketCells(dpdArg: Arg, boundaries: Arg, env: CustomFunctionEnv): Result {
  const starts = bucketStarts(boundaries);
  return overCells(env, "dpd", dpdArg, {}, (cell) => {
    if (isBlank(cell)) return "";
    const n = countOf(cell, "dpd");
    if (starts instanceof CellFailure) throw starts;
    return bucketOf(n, starts);
  });
}

/**
 * REMINDER_CLASS(m1_months, [dpd], [first_due_date], [as_of]): "" when the
 * account is overdue (dpd > 0); NEW while as_of is before the first due date;
 * else A (0 months in M1 or worse), B (1) or C (2 or 3). A blank m1_months
 * gives "" unless the account is NEW; more than 3 months is an error, as in the ledger.
 */
export function reminderClassCells(m1Months: Arg, dpdArg: Arg, firstDue: Arg, asOf: Arg, env: CustomFunctionEnv): Result {
  return overCells(env, "m1_months", m1Months, { dpd: dpdArg, first_due_date: firstDue, as_of: asOf }, (cell, at) => {
    const months = isBlank(cell) ? null : countOf(cell, "m1_months");
    // The same rule as the ledger's 近三月入M1次数 column: a number of months from 0 to 3.
    if (months !== null && months > 3)
      throw new CellFailure("m1_months", (lang) => t(lang, "reason.bad_m1_months", { text: cellText(cell) }));
    const dpdCell = at("dpd");
    if (!isBlank(dpdCell) && countOf(dpdCell, "dpd") > 0) return "";
    const firstCell = at("first_due_date");
    if (!isBlank(firstCell)) {
      const first = dayOf(firstCell, "first_due_date", env);
      if (asOfDay(at("as_of"), env) < first) return "NEW";
    }
    return months === null ? "" : classFromM1Months(months);
  });
}

/** What `sheetsEnv` reads from Apps Script. */
export interface SheetsEnvServices {
  getActiveSpreadsheet(): Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, "getSpreadsheetTimeZone" | "getSpreadsheetLocale">;
}

/**
 * The environment inside Sheets: the spreadsheet's time zone (read at most once
 * per call, only when a date is read), the store's date order and language from
 * its settings (read only when a text date or a message needs them; the
 * defaults without a reader), and the spreadsheet's locale for error texts when
 * the settings leave the language to it.
 */
export function sheetsEnv(
  spreadsheetApp: SheetsEnvServices,
  formatDate: FormatDate,
  settings: () => Pick<Settings, "dateOrder" | "language"> = defaultSettings,
): CustomFunctionEnv {
  let zone: string | undefined;
  const timeZone = () => {
    zone ??= spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
    return zone;
  };
  let toDay: ((d: Date) => Day) | undefined;
  return {
    cellContext: {
      get dateOrder() {
        return settings().dateOrder;
      },
      dateToDay: (d) => {
        toDay ??= dateToDayInZone(formatDate, timeZone());
        return toDay(d);
      },
    },
    lang: () => {
      const language = settings().language;
      if (language === "zh" || language === "en") return language;
      try {
        return langOfLocale(spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
      } catch {
        return "en";
      }
    },
  };
}
