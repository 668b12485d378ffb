/**
 * The readable report's lines for the figures beyond the month-end ratios
 * (SPEC §6): the forecast's sentence and figures, vintage, cure, promise-kept
 * and contact rates, collected after M1 — the report sheet's own labels.
 */
import { beyondLabel, forecastSentence } from "../app/beyondLabels";
import { RATIO_LABELS } from "../app/monthEndReport";
import type { MonthKey } from "../domain/days";
import { type BeyondResult, CONTACT_HOURS, FORECAST_KEYS, NUMBER_TYPES } from "../domain/figures/beyond";
import type { Lang } from "../domain/i18n";
import { alignColumns } from "./text";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(2)}%`);

export function renderBeyond(lang: Lang, month: MonthKey, b: BeyondResult, baselines: Record<string, number>): string {
  const L = (key: Parameters<typeof beyondLabel>[1], params?: Record<string, string | number>) => beyondLabel(lang, key, params);
  const lines: string[] = [L("forecast")];
  if (b.forecast === null) lines.push(L("unavailable"));
  else {
    const sentence = forecastSentence(lang, month, b.forecast, baselines.m1_ratio_amount);
    if (sentence) lines.push(sentence);
    const f = b.forecast;
    lines.push(
      ...alignColumns(
        FORECAST_KEYS.map((k) => [RATIO_LABELS[k][lang], pct(f[k])]),
        [false, true],
      ),
    );
  }
  lines.push("", L("vintage"));
  if (b.vintage === null || Object.keys(b.vintage).length === 0) lines.push(L("unavailable"));
  else {
    const v = b.vintage;
    lines.push(
      ...alignColumns(
        [
          [L("cohort"), L("loans"), "ever M1 / ever M2+"],
          ...Object.keys(v)
            .sort()
            .map((c) => [c, String(v[c].loans), v[c].ever_m1.map((x, k) => `${pct(x)}/${pct(v[c].ever_m2plus[k])}`).join(" ")]),
        ],
        [false, true, false],
      ),
    );
  }
  const c = b.cure_rate;
  lines.push(
    "",
    L("cure"),
    ...alignColumns(
      [
        [L("cure_m1"), pct(c?.m1)],
        [L("cure_m2"), pct(c?.m2)],
        [L("self_cure_m1"), pct(c?.self_cure_m1)],
      ],
      [false, true],
    ),
  );
  const p = b.promise_kept_rate;
  lines.push(
    "",
    L("promise_kept"),
    ...alignColumns([[L("store"), pct(p?.store)], ...Object.entries(p?.by_collector ?? {}).map(([n, v]) => [n, pct(v)])], [false, true]),
  );
  const cr = b.contact_rate;
  lines.push("", L("contact"));
  if (cr === null) lines.push(L("unavailable"));
  else {
    lines.push(
      CONTACT_HOURS.filter((h) => cr.by_hour[String(h)] !== null)
        .map((h) => `${h}:00 ${pct(cr.by_hour[String(h)])}`)
        .join(" · "),
      NUMBER_TYPES.map((k) => `${L(k)} ${pct(cr.by_number_type[k])}`).join(" · "),
    );
  }
  const ca = b.collected_after_m1;
  lines.push("", L("collected"), (["d30", "d60", "d90"] as const).map((k) => `${L(k)} ${pct(ca?.[k])}`).join(" · "), "");
  return `${lines.join("\n")}\n`;
}
