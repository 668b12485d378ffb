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
  "menu.daily_trigger": "Daily run at 07:00: on/off",
  "notice.title": "Daihou",
  "notice.coming_soon": "“{feature}” is coming in a later release of Daihou.",
  "run.started": "Running… {rows} rows in “{sheet}”.",
  "run.busy": "Another run of today's work is still going on in this spreadsheet. Nothing was changed: try again in a minute.",
  "run.no_ledger": "No ledger found: there is no sheet named “{name}”, and no sheet has a first row with the columns Daihou needs. Headers looked for:\n{headers}",
  "run.missing_columns": "The ledger “{sheet}” has no column for {fields}. Nothing was changed. Headers looked for:\n{headers}",
  "run.one_of": " or ",
  "run.bad_date": "“{text}” is not a date: write it like 2026-11-16.",
  "run.done_title": "Today's work: {date}",
  "run.rows": "{rows} rows read from “{sheet}”.",
  "run.active": "Active accounts: {active} ({buckets}).",
  "run.tasks": "Tasks: {tasks}, on the call sheet “{sheet}”.",
  "run.all_counted": "Every row was counted.",
  "run.not_counted": "Rows not counted: {count} (each is marked ⚠ in the ledger's column “{column}”). The first {shown}:",
  "run.problem": "row {row}, column “{column}”: {reason}",
  "run.problem_row": "row {row}: {reason}",
  "run.more": "…and {count} more.",
  "run.trigger_failed": "Daihou's daily run could not run: {reason}",
  "sample.exists": "A sheet named “{sheet}” already exists, so no sample was inserted: Daihou never overwrites a store's sheet. Rename or delete that sheet to insert the sample.",
  "sample.inserted": "Inserted a sample store: {loans} invented loans in “{sheet}”. Now choose “{run}” in the Daihou menu.",
  "trigger.on": "Daily run on: Daihou runs today's work every day between 07:00 and 08:00 ({zone}), without opening the spreadsheet.",
  "trigger.off": "Daily run off: today's work runs only from the menu.",
  "cf.error": "ERROR: {reason}",
  "cf.error_in": "ERROR in {arg}: {reason}",
  "cf.negative": "“{text}” is below zero",
  "cf.bad_boundaries": "boundaries must be 4 whole numbers ≥ 1 in increasing order (the first DPD of M1, M2, M3 and M3+), not {text}",
  "cf.shape": "must be one cell or a range of the same size as {driver} ({rows}×{cols})",
  "hf.unavailable": "unavailable for {month}: {reason}",
  "hf.no_history": "unavailable: Daihou has no history in this spreadsheet yet (run today's work from the Daihou menu first)",
  "hf.no_accounts": "no accounts were in {bucket} on {day}",
  "hf.no_due_days": "Settings list no due days",
  "hf.no_prior": "unavailable: no cell of prior_principal is above 0, so there is nothing to divide by",
  "hf.one_cell": "must be one cell, not a range",
  "hf.bad_month": "“{text}” is not a month: write it like 2026-10, or give a date",
  "hf.bad_basis": 'must be "$" (amount) or "#" (count), not “{text}”',
  "hf.no_bucket": "give a bucket, such as M1",
  "hf.bad_bucket": "“{text}” is not a bucket: use C, M1, M2, M3 or M3+",
  "hf.bad_to": "“{text}” is not a bucket or an end state: use C, M1, M2, M3, M3+, settled (结清) or written_off (核销)",
  "hf.at_cell": "row {row}, column {col} of the range: {reason}",
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
  "menu.daily_trigger": "每日 07:00 自动运行：开/关",
  "notice.title": "贷后 Daihou",
  "notice.coming_soon": "“{feature}”将在 Daihou 的后续版本中提供。",
  "run.started": "正在运行…“{sheet}”共 {rows} 行。",
  "run.busy": "此表格中另一次今日作业仍在运行。未做任何更改，请稍后再试。",
  "run.no_ledger": "找不到台账：没有名为“{name}”的工作表，也没有哪个工作表的第一行包含 Daihou 需要的列。查找过的表头：\n{headers}",
  "run.missing_columns": "台账“{sheet}”中没有“{fields}”列，未做任何更改。查找过的表头：\n{headers}",
  "run.one_of": "或",
  "run.bad_date": "“{text}”不是日期，请写成 2026-11-16 这样的格式。",
  "run.done_title": "今日作业：{date}",
  "run.rows": "从“{sheet}”读取 {rows} 行。",
  "run.active": "在贷账户：{active}（{buckets}）。",
  "run.tasks": "任务：{tasks} 项，见呼叫表“{sheet}”。",
  "run.all_counted": "所有行均已计入。",
  "run.not_counted": "未计入的行：{count}（已在台账的“{column}”列标注 ⚠）。前 {shown} 条：",
  "run.problem": "第 {row} 行，“{column}”列：{reason}",
  "run.problem_row": "第 {row} 行：{reason}",
  "run.more": "……另有 {count} 条。",
  "run.trigger_failed": "Daihou 每日自动运行未能执行：{reason}",
  "sample.exists": "已有名为“{sheet}”的工作表，未插入示例：Daihou 从不覆盖门店的工作表。如需插入示例，请先将该表改名或删除。",
  "sample.inserted": "已插入示例门店：“{sheet}”中有 {loans} 笔虚构贷款。请在 Daihou 菜单中选择“{run}”。",
  "trigger.on": "每日自动运行已开启：Daihou 每天 07:00–08:00（{zone}）自动运行今日作业，无需打开表格。",
  "trigger.off": "每日自动运行已关闭：今日作业只在菜单中运行。",
  "cf.error": "错误：{reason}",
  "cf.error_in": "错误（{arg}）：{reason}",
  "cf.negative": "“{text}”小于零",
  "cf.bad_boundaries": "账龄分界须为 4 个递增的整数（≥ 1，依次为 M1、M2、M3、M3+ 的起始逾期天数），而不是 {text}",
  "cf.shape": "须为单个单元格，或与 {driver} 大小相同的区域（{rows}×{cols}）",
  "hf.unavailable": "{month} 无法计算：{reason}",
  "hf.no_history": "无法计算：此表格中还没有 Daihou 的历史记录（请先在 Daihou 菜单中运行今日作业）",
  "hf.no_accounts": "{day} 没有处于 {bucket} 的账户",
  "hf.no_due_days": "设置中没有还款日",
  "hf.no_prior": "无法计算：prior_principal 中没有大于 0 的单元格，没有可作分母的金额",
  "hf.one_cell": "须为单个单元格，而不是区域",
  "hf.bad_month": "“{text}”不是月份，请写成 2026-10 这样的格式，或给出一个日期",
  "hf.bad_basis": '须为 "$"（金额）或 "#"（户数），而不是“{text}”',
  "hf.no_bucket": "请给出账龄，例如 M1",
  "hf.bad_bucket": "“{text}”不是账龄，请用 C、M1、M2、M3 或 M3+",
  "hf.bad_to": "“{text}”不是账龄或结束状态，请用 C、M1、M2、M3、M3+、结清（settled）或核销（written_off）",
  "hf.at_cell": "区域第 {row} 行第 {col} 列：{reason}",
};

/** Both catalogues. */
export const UI_MESSAGES: { en: Record<UiKey, string>; zh: Record<UiKey, string> } = { en, zh };

/** The Sheets message for `key` in `lang` with `{name}` placeholders filled. */
export function ui(lang: Lang, key: UiKey, params: Record<string, string | number> = {}): string {
  return UI_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
