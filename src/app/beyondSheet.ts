/**
 * The report sheet's sections beyond the month-end ratios (SPEC §6): the
 * forecast with the roll rates it used and its sentence, the vintage (a table
 * and a line chart, one line per cohort), cure rates, promise-kept rate by
 * collector, contact rate by hour and number type, collected after M1 — and
 * the drill-down: the accounts behind each figure.
 */
import type { Cell } from "../domain/cells";
import { type BeyondResult, CONTACT_HOURS, FORECAST_KEYS, NUMBER_TYPES } from "../domain/figures/beyond";
import type { MonthKey } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { type BeyondLabel, beyondFigureName, beyondLabel, beyondReasonText, forecastSentence } from "./beyondLabels";
import { RATIO_LABELS, STATE_LABELS } from "./reportLabels";
import type { ChartSpec, NumberFormatName } from "./port";

/** How the section adds rows to the sheet: `add` returns the row's 1-based number. */
export interface SheetRows {
  add(...cells: Cell[]): number;
  format(row: number, column: number, fmt: NumberFormatName, columns?: number, count?: number): void;
}

/** Where the vintage chart's data is (null when there is no vintage to draw). */
export type VintageChartData = Pick<
  ChartSpec,
  "headerRow" | "firstRow" | "lastRow" | "categoryColumn" | "firstSeriesColumn" | "lastSeriesColumn"
> | null;

/** Adds the sections; returns where the vintage chart's data is. */
export function addBeyondSections(
  s: SheetRows,
  lang: Lang,
  month: MonthKey,
  b: BeyondResult,
  baselines: Record<string, number>,
): VintageChartData {
  const L = (key: BeyondLabel, params?: Record<string, string | number>) => beyondLabel(lang, key, params);
  const why = (figure: string) =>
    b.unavailable
      .filter((u) => u.figure === figure || u.figure.startsWith(`${figure}.`))
      .map((u) => `${beyondFigureName(lang, u.figure)}: ${beyondReasonText(lang, u)}`)
      .join("; ");
  const pctRow = (label: string, v: number | null, reason = "") => {
    const r = s.add(label, v, v === null ? L("unavailable") : "", v === null ? reason : "");
    s.format(r, 2, "percent");
  };

  // Forecast.
  s.add(L("forecast"));
  if (b.forecast === null) s.add(L("unavailable"), why("forecast"));
  else {
    const sentence = forecastSentence(lang, month, b.forecast, baselines.m1_ratio_amount);
    if (sentence) s.add(sentence);
    for (const k of FORECAST_KEYS) {
      const v = b.forecast[k];
      const base = baselines[k] ?? null;
      const r = s.add(RATIO_LABELS[k][lang], v, base, v === null ? L("unavailable") : base !== null && v > base ? "↑" : "");
      s.format(r, 2, "percent", 2);
    }
    s.add(L("forecast_rates"));
    s.add(L("from_bucket"), L("at_end_count"), L("at_end_principal"), L("to_m1"), L("to_m2"), L("to_m3plus"), L("to_m1_amount"));
    for (const f of b.drill.forecastSteps) {
      const r = s.add(
        STATE_LABELS[f.from][lang],
        f.atEnd.count,
        f.atEnd.principal,
        f.rate.m1.count,
        f.rate.m2.count,
        f.rate.m3plus.count,
        f.rate.m1.amount,
      );
      s.format(r, 3, "money");
      s.format(r, 4, "percent", 4);
    }
  }
  s.add();

  // Vintage: MOB down the side, one column per cohort (one chart line each).
  let chart: VintageChartData = null;
  for (const part of ["ever_m1", "ever_m2plus"] as const) {
    s.add(L(part === "ever_m1" ? "vintage" : "vintage_m2"));
    const v = b.vintage;
    if (v === null || Object.keys(v).length === 0) {
      s.add(L("unavailable"), why("vintage"));
      s.add();
      break;
    }
    const cohorts = Object.keys(v).sort();
    const depth = Math.max(...cohorts.map((c) => v[c][part].length));
    s.add(L("loans"), ...cohorts.map((c) => v[c].loans));
    const header = s.add(L("cohort"), ...cohorts);
    for (let k = 0; k < depth; k++) {
      const r = s.add(L("mob", { k }), ...cohorts.map((c) => v[c][part][k] ?? null));
      s.format(r, 2, "percent", cohorts.length);
    }
    if (part === "ever_m1")
      chart = {
        headerRow: header,
        firstRow: header + 1,
        lastRow: header + depth,
        categoryColumn: 1,
        firstSeriesColumn: 2,
        lastSeriesColumn: 1 + cohorts.length,
      };
    s.add();
  }

  // Cure rates.
  s.add(L("cure"));
  const c = b.cure_rate;
  pctRow(L("cure_m1"), c?.m1 ?? null, why(c === null ? "cure_rate" : "cure_rate.m1"));
  pctRow(L("cure_m2"), c?.m2 ?? null, why(c === null ? "cure_rate" : "cure_rate.m2"));
  pctRow(L("self_cure_m1"), c?.self_cure_m1 ?? null, why(c === null ? "cure_rate" : "cure_rate.self_cure_m1"));
  s.add();

  // Promise-kept rate.
  s.add(L("promise_kept"));
  const p = b.promise_kept_rate;
  pctRow(L("store"), p?.store ?? null, why("promise_kept_rate"));
  for (const [name, v] of Object.entries(p?.by_collector ?? {})) pctRow(name, v);
  s.add();

  // Contact rate.
  s.add(L("contact"));
  const cr = b.contact_rate;
  if (cr === null) s.add(L("unavailable"), why("contact_rate"));
  else {
    s.add(L("hour"), ...CONTACT_HOURS.map((h) => `${h}:00`));
    const r = s.add("", ...CONTACT_HOURS.map((h) => cr.by_hour[String(h)]));
    s.format(r, 2, "percent", CONTACT_HOURS.length);
    s.add(L("number_type"), ...NUMBER_TYPES.map((k) => L(k)));
    const r2 = s.add("", ...NUMBER_TYPES.map((k) => cr.by_number_type[k]));
    s.format(r2, 2, "percent", NUMBER_TYPES.length);
  }
  s.add();

  // Collected after M1.
  s.add(L("collected"));
  const ca = b.collected_after_m1;
  for (const k of ["d30", "d60", "d90"] as const)
    pctRow(L(k), ca?.[k] ?? null, why(ca === null ? "collected_after_m1" : `collected_after_m1.${k}`));
  s.add();

  addDrillDown(s, lang, b);
  return chart;
}

/** The drill-down: which accounts rolled or cured, which cohort members went M1/M2+, the promises, the M1 entries. */
function addDrillDown(s: SheetRows, lang: Lang, b: BeyondResult): void {
  const L = (key: BeyondLabel, params?: Record<string, string | number>) => beyondLabel(lang, key, params);
  const yes = (v: boolean) => L(v ? "yes" : "no");
  const stateLabel = (st: string) => (st in STATE_LABELS ? STATE_LABELS[st as keyof typeof STATE_LABELS][lang] : st);
  s.add(L("drill"));
  s.add();
  s.add(L("drill_cures"));
  s.add(L("loan_id"), L("from"), L("to"), L("principal"), L("cured"), L("reached"));
  if (b.drill.cures.length === 0) s.add(L("none"));
  for (const x of b.drill.cures) s.format(s.add(x.loanId, x.from, stateLabel(x.to), x.principal, yes(x.cured), yes(x.reached)), 4, "money");
  s.add();
  s.add(L("drill_cohorts"));
  s.add(L("cohort"), L("loan_id"), L("first_m1"), L("first_m2"));
  if (b.drill.cohortMembers.length === 0) s.add(L("none"));
  for (const x of b.drill.cohortMembers) s.add(x.cohort, x.loanId, x.firstM1 ?? "", x.firstM2 ?? "");
  s.add();
  s.add(L("drill_promises"));
  s.add(L("loan_id"), L("staff"), L("date"), L("ptp_date"), L("amount"), L("status"));
  if (b.drill.promises.length === 0) s.add(L("none"));
  for (const x of b.drill.promises) {
    const status = ["kept", "partial", "broken", "pending"].includes(x.status) ? L(`status.${x.status}` as BeyondLabel) : x.status;
    s.format(s.add(x.loanId, x.staff, x.date, x.ptpDate ?? "", x.amount, status), 5, "money");
  }
  s.add();
  s.add(L("drill_entries"));
  s.add(L("loan_id"), L("entered_on"), L("principal_at_entry"), L("d30"), L("d60"), L("d90"));
  if (b.drill.m1Entries.length === 0) s.add(L("none"));
  for (const x of b.drill.m1Entries) s.format(s.add(x.loanId, x.enteredOn, x.principal, ...x.paid), 3, "money", 4);
  s.add();
}
