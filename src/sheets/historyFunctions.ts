/**
 * The custom functions over month-end figures (SPEC §6, §7):
 *
 * - M1_RATIO, M2_RATIO, M3PLUS_RATIO, CM1_RATE and ROLL_RATE read Daihou's
 *   history sheets — only the ones the month needs, each with one
 *   getDataRange().getValues(): the month and the month before, and the months
 *   either side of them (`monthsForFigures`) only when a day the figures need
 *   was not a run day — and compute with `monthEndFigures`, so they agree with
 *   the month-end report and `daihou report --json`;
 * - OVERDUE_RATIO is pure: it reads only the ranges it is given.
 *
 * Each returns a fraction (format the cell as a percentage) or a readable text —
 * "unavailable for 2026-10: …" when the history cannot give the figure, "ERROR
 * in basis: …" for an argument it cannot use — in the spreadsheet's language.
 * None of them throws.
 */
import { cents } from "../domain/cells";
import { latestCompleteMonth, unavailableText } from "../app/monthEndReport";
import type { BookPort } from "../app/port";
import { type Cell, type CellContext, cellText, isBlank, isCellError, readAmount, readDate } from "../domain/cells";
import { BUCKETS, type Bucket } from "../domain/classify";
import { type MonthKey, addMonths, isoDay, monthBounds, monthOf, parseMonth } from "../domain/days";
import { HistoryView, type MonthHistory, decodeMonth, emptyMonth, historySheetName, monthOfHistorySheet } from "../domain/history";
import { type Lang, type MessageKey, t } from "../domain/i18n";
import {
  type MonthEndFigures,
  ROLL_TO,
  type RollTo,
  type Unavailable,
  daysForFigures,
  monthEndFigures,
  monthsForFigures,
} from "../domain/monthEnd";
import type { Settings } from "../domain/settings";
import { type Arg, type Out, sheetsEnv } from "./customFunctions";
import { type TextCache, figuresKey, getJson, putJson } from "./figureCache";
import { type UiKey, ui } from "../domain/messages/sheets";
import { RUN_NAME } from "./runStamp";
import { settingsOnDemand } from "./settingsStore";
import type { FormatDate } from "./zone";

/** A result: a fraction, or a readable text saying why there is none. */
export type FigureResult = number | string;

/** The part of the spreadsheet the history functions read. */
export interface HistoryReader {
  /** The names of the spreadsheet's sheets (read only when the month is left blank). */
  sheetNames(): string[];
  /** A history sheet's values, or null when there is no such sheet. Any other sheet reads as null. */
  read(sheet: string): Cell[][] | null;
}

/** What the history functions need from their surroundings; Sheets' comes from {@link sheetsHistoryEnv}, tests pass fakes. */
export interface HistoryFunctionEnv {
  /** Reads a month given as a date (a Date cell is a calendar day in the spreadsheet's time zone). */
  cellContext(): CellContext;
  /** The language of the texts. */
  lang(): Lang;
  /** The store's settings (bucket boundaries, grace days, due days). */
  settings(): Settings;
  /** The history sheets. */
  reader(): HistoryReader;
  /** The document cache, when there is one (figureCache.ts). */
  cache?(): TextCache | null;
  /** The last run's stamp (the Daihou_Run cell), or null when there is none: the cache key's freshness. */
  runStamp?(): string | null;
}

/** Why there is no number to return; caught at the top and turned into text. */
class NoFigure extends Error {
  constructor(readonly describe: (lang: Lang) => string) {
    super("no figure");
  }
}

function argFailure(arg: string, key: UiKey, params: Record<string, string | number> = {}): NoFigure {
  return new NoFigure((lang) => ui(lang, "cf.error_in", { arg, reason: ui(lang, key, params) }));
}

/** Runs `f`, turning every failure — expected or not — into a readable text. */
function answer(lang: () => Lang, f: () => FigureResult): FigureResult {
  try {
    return f();
  } catch (e) {
    let l: Lang = "en";
    try {
      l = lang();
    } catch {
      // English, then.
    }
    if (e instanceof NoFigure) return e.describe(l);
    return ui(l, "cf.error", { reason: e instanceof Error ? e.message : String(e) });
  }
}

/** One value out of an argument: a 1×1 range counts as its cell; a bigger range is refused. */
function single(a: Arg, arg: string): Cell {
  if (!Array.isArray(a)) return a;
  if (a.length === 1 && Array.isArray(a[0]) && a[0].length === 1) return a[0][0];
  if (a.every((row) => Array.isArray(row) && row.every(isBlank))) return "";
  throw argFailure(arg, "hf.one_cell");
}

/** Text as typed, for comparing: full-width forms folded, trimmed, upper case. */
function norm(c: Cell): string {
  return cellText(c).normalize("NFKC").trim().toUpperCase();
}

/** "$" (amount, the default) or "#" (count). */
export function basisOf(a: Arg): "amount" | "count" {
  const cell = single(a, "basis");
  if (isBlank(cell)) return "amount";
  const text = norm(cell).toLowerCase();
  if (["$", "¥", "amount", "金额"].includes(text)) return "amount";
  if (["#", "count", "户数", "笔数"].includes(text)) return "count";
  throw argFailure("basis", "hf.bad_basis", { text: cellText(cell) });
}

const MONTH_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;

/**
 * The month an argument names: `2026-10` (also `2026/10`, `2026年10月`,
 * `202610`), a date or date cell (its month, read in the spreadsheet's time
 * zone); null when blank.
 */
export function monthOfArg(a: Arg, ctx: () => CellContext): MonthKey | null {
  const cell = single(a, "month");
  if (isBlank(cell)) return null;
  const bad = () => argFailure("month", "hf.bad_month", { text: cellText(cell) });
  if (typeof cell === "boolean") throw bad();
  if (typeof cell === "string" || typeof cell === "number") {
    const text = String(cell).normalize("NFKC").trim();
    const m = MONTH_TEXT.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
    if (m) {
      const key = `${m[1]}-${m[2].padStart(2, "0")}`;
      if (!parseMonth(key)) throw bad();
      return key;
    }
  }
  const day = readDate(cell, ctx());
  if (isCellError(day) || Number.isNaN(day)) throw bad();
  return monthOf(day);
}

/** The BookPort over a reader, for the app's read-only use cases; writing is refused. */
export function readOnlyBook(reader: HistoryReader): BookPort {
  const refuse = (): never => {
    throw new Error("the history functions only read");
  };
  return {
    sheetNames: () => reader.sheetNames(),
    read: (sheet) => reader.read(sheet),
    readHeader: (sheet) => reader.read(sheet)?.[0] ?? null,
    write: refuse,
    writeColumns: refuse,
    setRowColours: refuse,
    setDropdowns: refuse,
    setCharts: refuse,
    deleteSheet: refuse,
  };
}

/**
 * The month-end figures of `month` from the history sheets: those of the month
 * and the month before first; the two either side too only when the job did not
 * run on a day the figures need (the same figures as from all four, read faster).
 */
export function figuresFromHistory(reader: HistoryReader, month: MonthKey, settings: Settings): MonthEndFigures {
  const read = (m: MonthKey): MonthHistory => {
    const values = reader.read(historySheetName(m));
    return values ? decodeMonth(m, values) : emptyMonth(m);
  };
  const [before, prev, current, after] = monthsForFigures(month);
  const core = [read(prev), read(current)];
  const ran = new Set(core.flatMap((h) => h.runDays));
  const months = daysForFigures(month, settings).every((d) => ran.has(d)) ? core : [read(before), ...core, read(after)];
  return monthEndFigures(new HistoryView(months), month, settings);
}

/** The month-end figures of the month an argument names (blank: the latest complete month); from the cache when this run's are there. */
function figuresFor(monthArg: Arg, env: HistoryFunctionEnv): MonthEndFigures {
  const given = monthOfArg(monthArg, () => env.cellContext());
  const reader = env.reader();
  const cache = env.cache?.() ?? null;
  const stamp = cache ? (env.runStamp?.() ?? null) : null;
  // The latest complete month (a blank month) is cached with the run too: finding it reads the last history sheet.
  const latestKey = cache && stamp ? figuresKey("latest", stamp, "") : null;
  const month = given ?? (cache && latestKey ? getJson<MonthKey>(cache, latestKey) : null) ?? latestCompleteMonth(readOnlyBook(reader));
  if (month === null) throw new NoFigure((lang) => ui(lang, "hf.no_history"));
  if (given === null && cache && latestKey) putJson(cache, latestKey, month);
  const settings = env.settings();
  const key = cache && stamp ? figuresKey(month, stamp, JSON.stringify(settings)) : null;
  const cached = cache && key ? getJson<MonthEndFigures>(cache, key) : null;
  if (cached) return cached;
  const figures = figuresFromHistory(reader, month, settings);
  if (cache && key) putJson(cache, key, figures);
  return figures;
}

/** The text for a figure the history cannot give: the month and every distinct reason. */
function unavailable(month: MonthKey, reasons: readonly Unavailable[]): NoFigure {
  return new NoFigure((lang) => {
    const texts = [...new Set(reasons.map((u) => unavailableText(lang, u)))];
    return ui(lang, "hf.unavailable", { month, reason: texts.join(t(lang, "sep.clauses")) });
  });
}

/** M1_RATIO, M2_RATIO and M3PLUS_RATIO: one of SPEC §6's overdue ratios. */
export type OverdueFigure = "m1" | "m2" | "m3plus";

/**
 * M1%, M2% or M3+% of a month (SPEC §6): Σ principal at E of the accounts in
 * the bucket (M3+: M3 and M3+) ÷ Σ principal at E′ of the accounts active at E′;
 * with basis "#", the numbers of accounts.
 */
export function overdueFigure(which: OverdueFigure, month: Arg, basis: Arg, env: HistoryFunctionEnv): FigureResult {
  return answer(env.lang, () => {
    const b = basisOf(basis);
    const f = figuresFor(month, env);
    const v = f[`${which}_ratio_${b}`];
    if (v === null)
      throw unavailable(
        f.month,
        f.unavailable.filter((u) => u.figure === "month_end"),
      );
    return v;
  });
}

/** C-M1% of a month (SPEC §6): the mean over the store's due days of the flow from C to M1 ÷ the principal a month before. */
export function cm1Rate(month: Arg, env: HistoryFunctionEnv): FigureResult {
  return answer(env.lang, () => {
    const f = figuresFor(month, env);
    const v = f.c_m1_rate_amount;
    if (v !== null) return v;
    const reasons = f.unavailable.filter((u) => u.figure.startsWith("c_m1_"));
    if (reasons.length === 0)
      throw new NoFigure((lang) => ui(lang, "hf.unavailable", { month: f.month, reason: ui(lang, "hf.no_due_days") }));
    throw unavailable(f.month, reasons);
  });
}

/** A bucket by name (any case, full-width forms too). */
function bucketOfArg(a: Arg, arg: string): Bucket {
  const cell = single(a, arg);
  const text = norm(cell);
  const bucket = BUCKETS.find((b) => b === text);
  if (bucket) return bucket;
  throw argFailure(arg, isBlank(cell) ? "hf.no_bucket" : "hf.bad_bucket", { text: cellText(cell) });
}

const END_STATES: Record<string, RollTo> = {
  SETTLED: "settled",
  结清: "settled",
  WRITTEN_OFF: "written_off",
  "WRITTEN OFF": "written_off",
  "WRITTEN-OFF": "written_off",
  WRITTENOFF: "written_off",
  核销: "written_off",
};

/** A column of the roll matrix: a bucket, settled (结清) or written_off (核销). */
function rollToOfArg(a: Arg): RollTo {
  const cell = single(a, "to");
  const text = norm(cell);
  const to = ROLL_TO.find((r) => r === text) ?? END_STATES[text];
  if (to) return to;
  throw argFailure("to", isBlank(cell) ? "hf.no_bucket" : "hf.bad_to", { text: cellText(cell) });
}

/**
 * ROLL_RATE(from, to, [month], [basis]): of the accounts in bucket `from` at E′
 * (the last day of the month before), the share in `to` at E — roll[from][to] ÷
 * Σ roll[from][*], by principal at E′ ("$") or by number of accounts ("#").
 */
export function rollRate(from: Arg, to: Arg, month: Arg, basis: Arg, env: HistoryFunctionEnv): FigureResult {
  return answer(env.lang, () => {
    const f0 = bucketOfArg(from, "from");
    const t0 = rollToOfArg(to);
    const part = basisOf(basis) === "amount" ? "principal" : "count";
    const f = figuresFor(month, env);
    if (f.roll === null)
      throw unavailable(
        f.month,
        f.unavailable.filter((u) => u.figure === "month_end"),
      );
    const row = f.roll[f0];
    const total = ROLL_TO.reduce((sum, k) => sum + row[k][part], 0);
    if (total <= 0) {
      const day = isoDay(monthBounds(addMonths(f.month, -1)).last);
      throw new NoFigure((lang) => ui(lang, "hf.unavailable", { month: f.month, reason: ui(lang, "hf.no_accounts", { bucket: f0, day }) }));
    }
    return row[t0][part] / total;
  });
}

/**
 * ROLL_MATRIX([month], [basis]): the whole roll matrix in one call — a header
 * row (the corner, then C, M1, M2, M3, M3+, settled, written_off), then one row
 * per bucket at E′ (C … M3+) with the count ("#") or Σ principal at E′ ("$")
 * of each cell (principal in cents, as report --json), as the month-end report's matrix; one text when unavailable.
 */
export function rollMatrixCells(month: Arg, basis: Arg, env: HistoryFunctionEnv): Out[][] | string {
  let matrix: Out[][] | null = null;
  const text = answer(env.lang, () => {
    const part = basisOf(basis) === "amount" ? "principal" : "count";
    const f = figuresFor(month, env);
    const roll = f.roll;
    if (roll === null)
      throw unavailable(
        f.month,
        f.unavailable.filter((u) => u.figure === "month_end"),
      );
    matrix = [
      [ui(env.lang(), "hf.matrix_corner"), ...ROLL_TO],
      ...BUCKETS.map((b) => [b, ...ROLL_TO.map((to) => (part === "principal" ? cents(roll[b][to].principal) : roll[b][to].count))]),
    ];
    return 0;
  });
  return matrix ?? String(text);
}

// ---------------------------------------------------------------- OVERDUE_RATIO

/** An argument as rows of cells (a single value is a 1×1 range). */
function asRows(a: Arg): Cell[][] {
  return Array.isArray(a) ? a : [[a]];
}

function sameShape(a: Cell[][], b: Cell[][]): boolean {
  return a.length === b.length && a.every((row, i) => Array.isArray(row) && Array.isArray(b[i]) && row.length === b[i].length);
}

/** An amount ≥ 0 from a cell of a range (blank = 0); a bad one names its place in the range. */
function amountAt(cell: Cell, arg: string, r: number, c: number): number {
  if (isBlank(cell)) return 0;
  const n = cell instanceof Date ? ({ code: "bad_amount", text: cellText(cell) } as const) : readAmount(cell);
  if (isCellError(n) || n < 0) {
    const text = cellText(cell);
    throw new NoFigure((lang) => {
      const reason = isCellError(n) ? t(lang, `reason.${n.code}` as MessageKey, { text: n.text }) : ui(lang, "cf.negative", { text });
      return ui(lang, "cf.error_in", { arg, reason: ui(lang, "hf.at_cell", { row: r + 1, col: c + 1, reason }) });
    });
  }
  return n;
}

/**
 * OVERDUE_RATIO(bucket, buckets, principal, prior_principal, [basis]), over the
 * user's own ranges, one row (or cell) per account, all of the same shape:
 *
 * - "$" (default): Σ principal over the cells whose `buckets` equals `bucket` ÷
 *   Σ prior_principal over the cells where prior_principal > 0;
 * - "#": the number of cells whose `buckets` equals `bucket` ÷ the number of
 *   cells where prior_principal > 0.
 *
 * `bucket` may be one label or a range of labels (any of them counts, e.g.
 * {"M3","M3+"} for SPEC's M3+%); labels compare ignoring case, spaces and
 * full-width forms. Blank amounts are 0.
 */
export function overdueRatioCells(
  bucket: Arg,
  buckets: Arg,
  principal: Arg,
  priorPrincipal: Arg,
  basis: Arg,
  lang: () => Lang,
): FigureResult {
  return answer(lang, () => {
    const wanted = new Set(
      asRows(bucket)
        .flat()
        .filter((c) => !isBlank(c))
        .map(norm),
    );
    if (wanted.size === 0) throw argFailure("bucket", "hf.no_bucket");
    const b = basisOf(basis);
    const labels = asRows(buckets);
    const amounts = asRows(principal);
    const prior = asRows(priorPrincipal);
    const size = { driver: "buckets", rows: labels.length, cols: labels[0]?.length ?? 0 };
    if (!sameShape(labels, amounts)) throw argFailure("principal", "cf.shape", size);
    if (!sameShape(labels, prior)) throw argFailure("prior_principal", "cf.shape", size);
    let num = 0;
    let numCount = 0;
    let base = 0;
    let baseCount = 0;
    for (let r = 0; r < labels.length; r++) {
      for (let c = 0; c < labels[r].length; c++) {
        const before = amountAt(prior[r][c], "prior_principal", r, c);
        if (before > 0) {
          base += before;
          baseCount++;
        }
        if (!isBlank(labels[r][c]) && wanted.has(norm(labels[r][c]))) {
          num += amountAt(amounts[r][c], "principal", r, c);
          numCount++;
        }
      }
    }
    if (baseCount === 0) throw new NoFigure((l) => ui(l, "hf.no_prior"));
    return b === "amount" ? num / base : numCount / baseCount;
  });
}

// ---------------------------------------------------------------- Sheets

/** What `sheetsHistoryEnv` reads from Apps Script. */
export interface HistoryEnvServices {
  spreadsheetApp: {
    getActiveSpreadsheet(): Pick<
      GoogleAppsScript.Spreadsheet.Spreadsheet,
      "getSpreadsheetTimeZone" | "getSpreadsheetLocale" | "getSheets" | "getSheetByName" | "getRangeByName"
    >;
  };
  propertiesService: Pick<GoogleAppsScript.Properties.PropertiesService, "getDocumentProperties">;
  formatDate: FormatDate;
  /** CacheService (absent: no cache). */
  cacheService?: Pick<GoogleAppsScript.Cache.CacheService, "getDocumentCache">;
}

/**
 * The history sheets of a spreadsheet, each read at most once per call with
 * one getDataRange().getValues(); sheets that are not history sheets are never read.
 */
export function spreadsheetHistoryReader(
  ss: Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, "getSheets" | "getSheetByName">,
): HistoryReader {
  const cache = new Map<string, Cell[][] | null>();
  let names: string[] | undefined;
  return {
    sheetNames: () => {
      names ??= ss.getSheets().map((s) => s.getName());
      return names;
    },
    read: (sheet) => {
      if (monthOfHistorySheet(sheet) === null) return null;
      if (!cache.has(sheet)) {
        const found = ss.getSheetByName(sheet);
        cache.set(sheet, found ? (found.getDataRange().getValues() as Cell[][]) : null);
      }
      return cache.get(sheet) ?? null;
    },
  };
}

/**
 * The environment of one call inside Sheets: the spreadsheet's locale (for the
 * texts) and time zone (for a month given as a date), the store's settings from
 * the document properties (the defaults when they cannot be read), and the
 * history sheets — each read lazily, at most once.
 */
export function sheetsHistoryEnv(services: HistoryEnvServices): HistoryFunctionEnv {
  let ss: ReturnType<HistoryEnvServices["spreadsheetApp"]["getActiveSpreadsheet"]> | undefined;
  const spreadsheet = () => {
    ss ??= services.spreadsheetApp.getActiveSpreadsheet();
    return ss;
  };
  let reader: HistoryReader | undefined;
  const loaded = settingsOnDemand(services.propertiesService);
  const base = sheetsEnv({ getActiveSpreadsheet: spreadsheet }, services.formatDate, loaded);
  return {
    cellContext: () => base.cellContext,
    lang: () => base.lang(),
    settings: loaded,
    reader: () => {
      reader ??= spreadsheetHistoryReader(spreadsheet());
      return reader;
    },
    cache: () => {
      try {
        return services.cacheService?.getDocumentCache() ?? null;
      } catch {
        return null;
      }
    },
    runStamp: () => {
      try {
        const stamp = cellText(spreadsheet().getRangeByName(RUN_NAME)?.getValue() as Cell).trim();
        return stamp === "" ? null : stamp;
      } catch {
        return null;
      }
    },
  };
}
