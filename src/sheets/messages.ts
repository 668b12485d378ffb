/**
 * Texts only the Sheets surface shows (menu items, notices, custom-function
 * errors), in English and Chinese. `zh` must have exactly the keys of `en`.
 * Messages shared with the CLI live in src/domain/i18n.ts.
 */
import type { Lang } from "../domain/i18n";

const en = {
  "menu.run_today": "Run today's work",
  "menu.record_results": "Record call results",
  "menu.month_end": "Month-end report",
  "menu.guidance": "Guidance sidebar",
  "menu.settings": "Settings",
  "menu.insert_sample": "Insert a sample store",
  "notice.title": "Daihou",
  "notice.coming_soon": "“{feature}” is coming in a later release of Daihou.",
  "cf.error": "ERROR: {reason}",
  "cf.error_in": "ERROR in {arg}: {reason}",
  "cf.negative": "“{text}” is below zero",
  "cf.bad_boundaries": "boundaries must be 4 whole numbers ≥ 1 in increasing order (the first DPD of M1, M2, M3 and M3+), not {text}",
  "cf.shape": "must be one cell or a range of the same size as {driver} ({rows}×{cols})",
} as const;

/** A key of the Sheets-only messages. */
export type UiKey = keyof typeof en;

const zh: Record<UiKey, string> = {
  "menu.run_today": "运行今日作业",
  "menu.record_results": "录入呼叫结果",
  "menu.month_end": "月末报表",
  "menu.guidance": "操作指引侧栏",
  "menu.settings": "设置",
  "menu.insert_sample": "插入示例门店",
  "notice.title": "贷后 Daihou",
  "notice.coming_soon": "“{feature}”将在 Daihou 的后续版本中提供。",
  "cf.error": "错误：{reason}",
  "cf.error_in": "错误（{arg}）：{reason}",
  "cf.negative": "“{text}”小于零",
  "cf.bad_boundaries": "账龄分界须为 4 个递增的整数（≥ 1，依次为 M1、M2、M3、M3+ 的起始逾期天数），而不是 {text}",
  "cf.shape": "须为单个单元格，或与 {driver} 大小相同的区域（{rows}×{cols}）",
};

/** Both catalogues. */
export const UI_MESSAGES: { en: Record<UiKey, string>; zh: Record<UiKey, string> } = { en, zh };

/** The Sheets message for `key` in `lang` with `{name}` placeholders filled. */
export function ui(lang: Lang, key: UiKey, params: Record<string, string | number> = {}): string {
  return UI_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
