/** The month-end report's ratios and the roll matrix's states, named in both languages (the report sheet, its text and the figures beyond the ratios share them). */
import type { RollTo } from "../domain/monthEnd";
import type { Labels } from "./names";

/** The seven ratios, in the figures table's order. */
export const REPORT_RATIOS = [
  "m1_ratio_amount",
  "m1_ratio_count",
  "m2_ratio_amount",
  "m2_ratio_count",
  "m3plus_ratio_amount",
  "m3plus_ratio_count",
  "c_m1_rate_amount",
] as const;
export type ReportRatio = (typeof REPORT_RATIOS)[number];

export const RATIO_LABELS: Labels<ReportRatio> = {
  m1_ratio_amount: { zh: "M1%（金额）", en: "M1% ($)" },
  m1_ratio_count: { zh: "M1%（户数）", en: "M1% (#)" },
  m2_ratio_amount: { zh: "M2%（金额）", en: "M2% ($)" },
  m2_ratio_count: { zh: "M2%（户数）", en: "M2% (#)" },
  m3plus_ratio_amount: { zh: "M3+%（金额）", en: "M3+% ($)" },
  m3plus_ratio_count: { zh: "M3+%（户数）", en: "M3+% (#)" },
  c_m1_rate_amount: { zh: "C-M1%（金额）", en: "C-M1% ($)" },
};

export const STATE_LABELS: Labels<RollTo> = {
  C: { zh: "C", en: "C" },
  M1: { zh: "M1", en: "M1" },
  M2: { zh: "M2", en: "M2" },
  M3: { zh: "M3", en: "M3" },
  "M3+": { zh: "M3+", en: "M3+" },
  settled: { zh: "结清", en: "settled" },
  written_off: { zh: "核销", en: "written off" },
};
