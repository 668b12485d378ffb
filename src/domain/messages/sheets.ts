/**
 * Texts only the Sheets surface shows (menu items, notices, custom-function
 * errors), in English and Chinese. `zh` must have exactly the keys of `en`.
 * Messages shared with the CLI live in src/domain/i18n.ts.
 */
import type { Lang } from "../i18n";
import { fillPlaceholders } from "../template";

const en = {
  "menu.run_today": "Run today's work",
  "menu.record_results": "Record call results",
  "menu.month_end": "Month-end report",
  "menu.guidance": "Guidance sidebar",
  "menu.settings": "Settings",
  "menu.insert_sample": "Insert a sample store",
  "menu.daily_trigger": "Daily run at 07:00: on/off",
  "notice.title": "Daihou",
  "run.started": "Running… {rows} rows in “{sheet}”.",
  "run.busy": "Another run of today's work is still going on in this spreadsheet. Nothing was changed: try again in a minute.",
  "run.no_ledger":
    "No ledger found: there is no sheet named “{name}”, and no sheet has a first row with the columns Daihou needs. Headers looked for:\n{headers}",
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
  "run.stopped_title": "Today's work: {date} — not finished yet",
  "run.stopped": "Stopped before Apps Script's 6-minute limit: steps done {done} of {total} ({steps}).",
  "run.continues":
    "The daily run's hourly trigger finishes the rest within the hour — or choose “{run}” again (the steps done are not redone).",
  "run.continue_by_hand":
    "The daily run is off, so nothing finishes the rest by itself: choose “{run}” again to finish (the steps done are not redone).",
  "run.gave_up":
    "Daihou has continued {count} times in a row without finishing, so it stops continuing by itself: choose “{run}” again to go on, or make the ledger smaller (move settled loans to another sheet).",
  "run.resumed":
    "This finished a run stopped before the time limit ({executions} executions in all; steps already done and not redone: {skipped}).",
  "run.nothing_to_continue": "There is no stopped run to continue: it was finished meanwhile.",
  "step.none": "none yet",
  "step.write": "“{sheet}” written ({rows} rows)",
  "step.columns": "columns {first}–{last} of “{sheet}” written for rows 1–{rows}",
  "step.colours": "row colours set on “{sheet}”",
  "step.dropdowns": "dropdowns set on “{sheet}”",
  "step.charts": "charts drawn on “{sheet}”",
  "step.delete": "“{sheet}” deleted",
  "sample.exists":
    "A sheet named “{sheet}” already exists, so no sample was inserted: Daihou never overwrites a store's sheet. Rename or delete that sheet to insert the sample.",
  "sample.inserted": "Inserted a sample store: {loans} invented loans in “{sheet}”. Now choose “{run}” in the Daihou menu.",
  "trigger.on": "Daily run on: Daihou runs today's work every day between 07:00 and 08:00 ({zone}), without opening the spreadsheet.",
  "trigger.off": "Daily run off: today's work runs only from the menu.",
  "trigger.refused": "Apps Script refused the daily run's trigger, so the daily run is off: {reason}",
  "status.by_menu": "from the menu",
  "status.by_trigger": "by the daily run",
  "status.finished":
    "Last run: {date} ({by}), finished {at}: {rows} rows, {active} active accounts, {tasks} tasks, {notCounted} rows not counted.",
  "status.stopped":
    "Last run: {date} ({by}), started {at}, NOT FINISHED: steps done {done} of {total}. The daily run finishes it within the hour when it is on; or choose “{run}”.",
  "status.running": "Last run: {date} ({by}) started {at} and has not finished. If it is not running now it was cut off: choose “{run}”.",
  "status.busy": "Last run: {date} ({by}) at {at} was skipped: another run held the spreadsheet. The next hourly firing tries again.",
  "status.no_spreadsheet":
    "The daily run's trigger fired at {at} but Apps Script gave it no spreadsheet, so nothing ran. Open the spreadsheet and choose “Run today's work”; for a dependable unattended run install Daihou as a bound script (see README).",
  "status.failed": "Last run: {date} ({by}) FAILED at {at}: {reason}",
  "status.title": "Daihou: the last daily run needs attention",
  "record.no_call_sheet":
    "There is no call sheet “{sheet}” to record: run today's work for that date first, or open the call sheet you want to record and choose “Record call results” again.",
  "record.done_title": "Call results: {date}",
  "record.done":
    "Recorded in “{log}”: {recorded} rows. Already recorded before: {already}. Left on the call sheet for correction: {refused}.",
  "record.refused_head": "Not recorded (fix these rows on the call sheet, then record again):",
  "report.no_history":
    "Daihou has no history in this spreadsheet yet: run today's work first, every day, and the month-end report follows.",
  "report.done": "Month-end report for {month} written to “{sheet}”.",
  "cf.error": "ERROR: {reason}",
  "cf.error_in": "ERROR in {arg}: {reason}",
  "cf.negative": "“{text}” is below zero",
  "cf.no_as_of":
    "give the date to count to, e.g. Daihou_AsOf (the date of the last daily run) or a date cell; Daihou never assumes today, which Sheets would not recalculate",
  "hf.matrix_corner": "from \\ to",
  "stamp.as_of": "As of (Daihou_AsOf)",
  "stamp.run": "Run stamp (Daihou_Run)",
  "stamp.note": "Written by each run of today's work. Formulas that pass Daihou_AsOf or Daihou_Run recalculate after every run.",
  "stamp.figures": "Latest complete month, recalculated after every run:",
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
  "run.stopped_title": "今日作业：{date}（尚未完成）",
  "run.stopped": "为免超过 Apps Script 的 6 分钟限制，已先停下：已完成 {done}/{total} 步（{steps}）。",
  "run.continues": "每日自动运行的整点触发器会在一小时内完成其余部分，也可再次选择“{run}”（已完成的步骤不会重做）。",
  "run.continue_by_hand": "每日自动运行未开启，其余部分不会自动完成：请再次选择“{run}”完成其余部分（已完成的步骤不会重做）。",
  "run.gave_up": "Daihou 已连续继续 {count} 次仍未完成，不再自动继续：请再次选择“{run}”继续，或缩小台账（把已结清的贷款移到其他工作表）。",
  "run.resumed": "本次完成了此前因时间限制停下的作业（共运行 {executions} 次；已完成、未重做的步骤：{skipped}）。",
  "run.nothing_to_continue": "没有需要继续的作业：它已在此期间完成。",
  "step.none": "尚无",
  "step.write": "已写入“{sheet}”（{rows} 行）",
  "step.columns": "已写入“{sheet}”的 {first}–{last} 列（第 1–{rows} 行）",
  "step.colours": "已设置“{sheet}”的行颜色",
  "step.dropdowns": "已设置“{sheet}”的下拉列表",
  "step.charts": "已绘制“{sheet}”的图表",
  "step.delete": "已删除“{sheet}”",
  "sample.exists": "已有名为“{sheet}”的工作表，未插入示例：Daihou 从不覆盖门店的工作表。如需插入示例，请先将该表改名或删除。",
  "sample.inserted": "已插入示例门店：“{sheet}”中有 {loans} 笔虚构贷款。请在 Daihou 菜单中选择“{run}”。",
  "trigger.on": "每日自动运行已开启：Daihou 每天 07:00–08:00（{zone}）自动运行今日作业，无需打开表格。",
  "trigger.off": "每日自动运行已关闭：今日作业只在菜单中运行。",
  "trigger.refused": "Apps Script 拒绝创建每日自动运行的触发器，每日自动运行未开启：{reason}",
  "status.by_menu": "菜单运行",
  "status.by_trigger": "每日自动运行",
  "status.finished": "上次运行：{date}（{by}），{at} 完成：{rows} 行，活跃账户 {active} 户，任务 {tasks} 条，未计入 {notCounted} 行。",
  "status.stopped":
    "上次运行：{date}（{by}），{at} 开始，尚未完成：已完成 {done}/{total} 步。若每日自动运行已开启，一小时内会自动完成；也可选择“{run}”。",
  "status.running": "上次运行：{date}（{by}）于 {at} 开始，尚未结束。如果现在没有在运行，说明它被中断了：请选择“{run}”。",
  "status.busy": "上次运行：{date}（{by}）于 {at} 被跳过：另一个运行正在使用表格。下一次整点触发会再试。",
  "status.no_spreadsheet":
    "每日自动运行的触发器于 {at} 触发，但 Apps Script 没有提供表格，所以没有运行。请打开表格并选择“运行今日作业”；若要可靠地自动运行，请以绑定脚本方式安装 Daihou（见 README）。",
  "status.failed": "上次运行：{date}（{by}）于 {at} 失败：{reason}",
  "status.title": "Daihou：上次每日自动运行需要处理",
  "record.no_call_sheet": "没有可录入的呼叫表“{sheet}”：请先运行该日的今日作业，或打开要录入的呼叫表后再选择“录入呼叫结果”。",
  "record.done_title": "呼叫结果：{date}",
  "record.done": "已记入“{log}”：{recorded} 行。此前已录入：{already} 行。留在呼叫表待更正：{refused} 行。",
  "record.refused_head": "未录入（请在呼叫表上更正这些行后再次录入）：",
  "report.no_history": "此表格中还没有 Daihou 的历史：请每天运行今日作业，之后即可生成月末报表。",
  "report.done": "{month} 月末报表已写入“{sheet}”。",
  "cf.error": "错误：{reason}",
  "cf.error_in": "错误（{arg}）：{reason}",
  "cf.negative": "“{text}”小于零",
  "cf.no_as_of":
    "请给出计算到哪一天，例如 Daihou_AsOf（上次每日作业的日期）或一个日期单元格；Daihou 不会默认用今天，因为表格不会为此重新计算",
  "hf.matrix_corner": "月初 \\ 月末",
  "stamp.as_of": "作业日期（Daihou_AsOf）",
  "stamp.run": "运行标记（Daihou_Run）",
  "stamp.note": "每次运行今日作业时写入。引用 Daihou_AsOf 或 Daihou_Run 的公式会在每次运行后重新计算。",
  "stamp.figures": "最近一个完整月份的指标，每次运行后重新计算：",
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
  return fillPlaceholders(UI_MESSAGES[lang][key], params);
}
