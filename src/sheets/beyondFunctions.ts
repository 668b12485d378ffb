/**
 * FORECAST_RATIO and VINTAGE (SPEC §6, §7): the figures beyond the month-end
 * ratios, read from the spreadsheet's history sheets, its ledger (disbursement
 * dates, for the vintage) and its contact log — the same figures as the report
 * sheet and `daihou report --json` (`beyondFigures` over the store's facts).
 * A month's figures are cached in the document cache under the month, the run
 * stamp and the settings, like the other history functions. None of them throws.
 */
import { beyondLabel, beyondReasonText } from "../app/beyondLabels";
import { beyondFromBook } from "../app/beyondReport";
import { latestCompleteMonth } from "../app/monthEndReport";
import { CONTACT_LOG_SHEET, LEDGER_SHEET } from "../app/names";
import { type Cell, cellText, isBlank } from "../domain/cells";
import type { MonthKey } from "../domain/days";
import type { BeyondFigures, BeyondUnavailable, ForecastKey } from "../domain/figures/beyond";
import { monthOfHistorySheet } from "../domain/history";
import type { Lang } from "../domain/i18n";
import type { Arg, Out } from "./customFunctions";
import { figuresKey, getJson, putJson } from "./figureCache";
import { type FigureResult, type HistoryFunctionEnv, type HistoryReader, basisOf, monthOfArg, readOnlyBook } from "./historyFunctions";
import { ui } from "../domain/messages/sheets";

/** The history functions' environment, with a reader of the ledger and contact log besides the history sheets. */
export interface BeyondFunctionEnv extends HistoryFunctionEnv {
  bookReader(): HistoryReader;
}

/** What the functions cache of a month: the figures and why some are missing. */
type Cached = BeyondFigures & { unavailable: BeyondUnavailable[] };

class NoFigure extends Error {
  constructor(readonly describe: (lang: Lang) => string) {
    super("no figure");
  }
}

function answer<T>(env: BeyondFunctionEnv, f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    let lang: Lang = "en";
    try {
      lang = env.lang();
    } catch {
      // English, then.
    }
    if (e instanceof NoFigure) return e.describe(lang);
    // A helper of historyFunctions' own that throws its text (a bad month or basis) carries `describe`.
    const d = (e as { describe?: (l: Lang) => string }).describe;
    if (typeof d === "function") return d(lang);
    return ui(lang, "cf.error", { reason: e instanceof Error ? e.message : String(e) });
  }
}

/** Reads the history sheets, the ledger and the contact log only; writing is refused. */
export function spreadsheetBookReader(ss: Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, "getSheets" | "getSheetByName">): HistoryReader {
  const cache = new Map<string, Cell[][] | null>();
  let names: string[] | undefined;
  return {
    sheetNames: () => {
      names ??= ss.getSheets().map((s) => s.getName());
      return names;
    },
    read: (sheet) => {
      if (monthOfHistorySheet(sheet) === null && sheet !== LEDGER_SHEET && sheet !== CONTACT_LOG_SHEET) return null;
      if (!cache.has(sheet)) {
        const found = ss.getSheetByName(sheet);
        cache.set(sheet, found ? (found.getDataRange().getValues() as Cell[][]) : null);
      }
      return cache.get(sheet) ?? null;
    },
  };
}

/** The figures of the month an argument names (blank: the latest complete month); from the cache when this run's are there. */
function figuresOf(monthArg: Arg, env: BeyondFunctionEnv): { month: MonthKey; f: Cached } {
  const given = monthOfArg(monthArg, () => env.cellContext());
  const port = readOnlyBook(env.bookReader());
  const month = given ?? latestCompleteMonth(port);
  if (month === null) throw new NoFigure((lang) => ui(lang, "hf.no_history"));
  const settings = env.settings();
  const cache = env.cache?.() ?? null;
  const stamp = cache ? (env.runStamp?.() ?? null) : null;
  const key = cache && stamp ? figuresKey(`beyond:${month}`, stamp, JSON.stringify(settings)) : null;
  const cached = cache && key ? getJson<Cached>(cache, key) : null;
  if (cached) return { month, f: cached };
  const b = beyondFromBook(port, month, settings, env.lang());
  const f: Cached = {
    forecast: b.forecast,
    vintage: b.vintage,
    cure_rate: b.cure_rate,
    promise_kept_rate: b.promise_kept_rate,
    contact_rate: b.contact_rate,
    collected_after_m1: b.collected_after_m1,
    unavailable: b.unavailable,
  };
  if (cache && key) putJson(cache, key, f);
  return { month, f };
}

function unavailable(month: MonthKey, f: Cached, figure: string): NoFigure {
  return new NoFigure((lang) => {
    const reasons = [
      ...new Set(
        f.unavailable.filter((u) => u.figure === figure || u.figure.startsWith(`${figure}.`)).map((u) => beyondReasonText(lang, u)),
      ),
    ];
    const reason = reasons.length > 0 ? reasons.join(lang === "zh" ? "；" : "; ") : beyondLabel(lang, "unavailable");
    return ui(lang, "hf.unavailable", { month, reason });
  });
}

const FORECAST_BUCKETS: Record<string, "m1" | "m2" | "m3plus"> = { M1: "m1", M2: "m2", "M3+": "m3plus", M3PLUS: "m3plus" };

function text(a: Arg): string {
  const cell = Array.isArray(a) ? (a[0]?.[0] ?? "") : a;
  return cellText(cell).normalize("NFKC").trim().toUpperCase();
}

/**
 * FORECAST_RATIO(bucket, [basis], [month]): next month's M1%, M2% or M3+% at
 * `month`'s roll rates (SPEC §6's Markov step), by principal ("$") or count ("#").
 */
export function forecastRatio(bucket: Arg, basis: Arg, month: Arg, env: BeyondFunctionEnv): FigureResult {
  return answer(env, () => {
    const which = FORECAST_BUCKETS[text(bucket)];
    if (!which) {
      const typed = cellText(Array.isArray(bucket) ? (bucket[0]?.[0] ?? "") : bucket);
      throw new NoFigure((lang) =>
        ui(lang, "cf.error_in", {
          arg: "bucket",
          reason: ui(lang, isBlank(typed) ? "hf.no_bucket" : "hf.bad_forecast_bucket", { text: typed }),
        }),
      );
    }
    const b = basisOf(basis);
    const { month: m, f } = figuresOf(month, env);
    const v = f.forecast?.[`${which}_ratio_${b}` as ForecastKey] ?? null;
    if (v === null) throw unavailable(m, f, "forecast");
    return v;
  }) as FigureResult;
}

/**
 * VINTAGE([month], [threshold]): one row per disbursement month the history
 * covers from its first day — the cohort, its loans, then the share ever in M1
 * or worse ("M1", the default) or M2 or worse ("M2") after 0, 1, 2 … months on book.
 */
export function vintageCells(month: Arg, threshold: Arg, env: BeyondFunctionEnv): Out[][] | string {
  return answer(env, () => {
    const th = text(threshold);
    const part = th === "" || th === "M1" ? "ever_m1" : th === "M2" || th === "M2+" ? "ever_m2plus" : null;
    if (part === null) {
      const typed = cellText(Array.isArray(threshold) ? (threshold[0]?.[0] ?? "") : threshold);
      throw new NoFigure((lang) => ui(lang, "cf.error_in", { arg: "threshold", reason: ui(lang, "hf.bad_threshold", { text: typed }) }));
    }
    const { month: m, f } = figuresOf(month, env);
    const v = f.vintage;
    if (v === null || Object.keys(v).length === 0) throw unavailable(m, f, "vintage");
    const cohorts = Object.keys(v).sort();
    const depth = Math.max(...cohorts.map((c) => v[c][part].length));
    const lang = env.lang();
    const header: Out[] = [ui(lang, "hf.vintage_corner"), ui(lang, "hf.loans"), ...Array.from({ length: depth }, (_, k) => k)];
    return [header, ...cohorts.map((c) => [c, v[c].loans, ...Array.from({ length: depth }, (_, k) => v[c][part][k] ?? "")] as Out[])];
  });
}
