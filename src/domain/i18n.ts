/**
 * The one message catalogue: every text a user sees, in English and Chinese.
 * `zh` must have exactly the keys of `en` (the type checker and a test enforce it).
 */
import { fillPlaceholders } from "./template";

/** A language Daihou speaks. */
export type Lang = "zh" | "en";

export const en = {
  "field.loan_id": "loan id",
  "field.customer": "customer",
  "field.mobile": "mobile",
  "field.work_phone": "work phone",
  "field.home_phone": "home phone",
  "field.outstanding_principal": "outstanding principal",
  "field.oldest_unpaid_due_date": "oldest unpaid due date",
  "field.dpd": "days past due",
  "field.due_day": "due day",
  "field.next_due_date": "next due date",
  "field.installment": "installment",
  "field.overdue_amount": "overdue amount",
  "field.disbursed_on": "disbursed on",
  "field.first_due_date": "first due date",
  "field.status": "status",
  "field.manager": "account manager",
  "field.collector": "collector",
  "field.preferred_time": "preferred contact time",
  "field.m1_entries_3m": "M1 months in the last 3",
  "field.installment_no": "installment number",
  "field.due_date": "installment due date",
  "field.amount_due": "amount due",
  "field.principal_due": "principal due",
  "field.amount_paid": "amount paid",
  "field.installment_status": "repayment status",
  "reason.bad_installment_no": "{text} is not an installment number (1, 2, 3 …)",
  "reason.duplicate_installment": "installment {number} of loan {id} is given more than once (rows {rows})",
  "reason.bad_installment_row": "loan {id} is not counted: its installment row {rows} cannot be read",
  "note.totals_rows": "{file}: row {rows} is a totals row ({text}) and is left out",
  "note.header_row": "{file}: the header is row {row} (the rows above it are a title)",
  "note.schedule": "{file}: read as a repayment schedule: {rows} installment rows, {loans} loans",
  "note.schedule_disagree": "{file}: loan {id}: its installment rows disagree on “{column}” (row {row}); the loan's first row is used",
  "note.no_due_dates": "{file}: the ledger has no due day (还款日) or next due date column: reminders, confirmations, first-installment reminders and C-M1 by due day are left out; collection work is scheduled",
  "note.no_due_dates_welcome": "{file}: the ledger has no due day (还款日), next due date or disbursement date column: reminders, confirmations, first-installment reminders, welcome calls and C-M1 by due day are left out; collection work is scheduled",
  "reason.no_id": "there is no loan id",
  "reason.duplicate_id": "loan id {id} is used on more than one row (rows {rows}); none of them is counted until it is fixed",
  "reason.error_value": "the cell holds the error value {text}",
  "reason.formula": "the cell holds a formula as text ({text}), not a value",
  "reason.bad_date": "“{text}” is not a date Daihou can read (write it like 2026-11-01)",
  "reason.impossible_date": "“{text}” is not a real calendar date",
  "reason.bad_amount": "“{text}” is not an amount of money",
  "reason.bad_number": "“{text}” is not a whole number",
  "reason.blank_required": "the cell is empty but this field is needed",
  "reason.negative_principal": "the outstanding principal {text} is below zero",
  "reason.future_oldest_unpaid": "the oldest unpaid due date {date} is after the run date {asOf}",
  "reason.bad_due_day": "{text} is not a day of the month (1–31)",
  "reason.negative_dpd": "days past due {text} is below zero",
  "reason.bad_m1_months": "{text} is not a number of months from 0 to 3",
  "problem.line": "{file}: row {row}, column “{column}”: {reason}",
  "problem.line_no_column": "{file}: row {row}: {reason}",
  "error.missing_column": "{file}: the ledger has no column for {fields}. Headers looked for: {headers}",
  "error.one_of": " or ",
  "bucket.C": "current",
  "bucket.M1": "M1 (1–30 days late)",
  "bucket.M2": "M2 (31–60 days late)",
  "bucket.M3": "M3 (61–90 days late)",
  "bucket.M3+": "M3+ (over 90 days late)",
  "class.provisional": "provisional: fewer than 3 months of history known",
} as const;

/** A message key. */
export type MessageKey = keyof typeof en;

export const zh: Record<MessageKey, string> = {
  "field.loan_id": "合同编号",
  "field.customer": "客户姓名",
  "field.mobile": "手机号码",
  "field.work_phone": "单位电话",
  "field.home_phone": "家庭电话",
  "field.outstanding_principal": "剩余本金",
  "field.oldest_unpaid_due_date": "最早未还款日",
  "field.dpd": "逾期天数",
  "field.due_day": "还款日",
  "field.next_due_date": "下期还款日",
  "field.installment": "每期还款额",
  "field.overdue_amount": "逾期金额",
  "field.disbursed_on": "放款日期",
  "field.first_due_date": "首期还款日",
  "field.status": "状态",
  "field.manager": "客户经理",
  "field.collector": "催收员",
  "field.preferred_time": "方便联系时间",
  "field.m1_entries_3m": "近三月入M1次数",
  "field.installment_no": "期数",
  "field.due_date": "应还日期",
  "field.amount_due": "应还金额",
  "field.principal_due": "应还本金",
  "field.amount_paid": "已还金额",
  "field.installment_status": "还款状态",
  "reason.bad_installment_no": "{text} 不是期数（1、2、3 …）",
  "reason.duplicate_installment": "合同 {id} 的第 {number} 期出现不止一次（第 {rows} 行）",
  "reason.bad_installment_row": "合同 {id} 不计入：它的还款计划第 {rows} 行无法读取",
  "note.totals_rows": "{file}：第 {rows} 行是合计行（{text}），不计入",
  "note.header_row": "{file}：表头在第 {row} 行（上面是标题）",
  "note.schedule": "{file}：按还款计划读取：{rows} 行分期，{loans} 笔贷款",
  "note.schedule_disagree": "{file}：合同 {id} 的各期在“{column}”上不一致（第 {row} 行）；采用该合同第一行的",
  "note.no_due_dates": "{file}：台账没有还款日或下期还款日列：温馨提醒、电话确认、首期提醒和按还款日的 C-M1 不安排；催收照常安排",
  "note.no_due_dates_welcome": "{file}：台账没有还款日、下期还款日或放款日期列：温馨提醒、电话确认、首期提醒、放款回访和按还款日的 C-M1 不安排；催收照常安排",
  "reason.no_id": "没有合同编号",
  "reason.duplicate_id": "合同编号 {id} 出现在多行（第 {rows} 行），改正之前这几行都不计入",
  "reason.error_value": "单元格是错误值 {text}",
  "reason.formula": "单元格里是文本形式的公式（{text}），不是数值",
  "reason.bad_date": "“{text}”不是能识别的日期（请写成 2026-11-01 这样的格式）",
  "reason.impossible_date": "“{text}”是日历上不存在的日期",
  "reason.bad_amount": "“{text}”不是金额",
  "reason.bad_number": "“{text}”不是整数",
  "reason.blank_required": "单元格为空，但这一项是必需的",
  "reason.negative_principal": "剩余本金 {text} 小于零",
  "reason.future_oldest_unpaid": "最早未还款日 {date} 晚于运行日期 {asOf}",
  "reason.bad_due_day": "{text} 不是每月的某一天（1–31）",
  "reason.negative_dpd": "逾期天数 {text} 小于零",
  "reason.bad_m1_months": "{text} 不是 0 到 3 之间的月数",
  "problem.line": "{file}：第 {row} 行，“{column}”列：{reason}",
  "problem.line_no_column": "{file}：第 {row} 行：{reason}",
  "error.missing_column": "{file}：台账中没有“{fields}”列。查找过的表头：{headers}",
  "error.one_of": "或",
  "bucket.C": "正常",
  "bucket.M1": "M1（逾期1–30天）",
  "bucket.M2": "M2（逾期31–60天）",
  "bucket.M3": "M3（逾期61–90天）",
  "bucket.M3+": "M3+（逾期90天以上）",
  "class.provisional": "暂定：已知历史不足3个月",
};

const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** The message for `key` in `lang` with `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fillPlaceholders(CATALOGUE[lang][key], params);
}

/** The language for a locale string such as `zh_CN`, `zh-TW`, `en_US`. */
export function langOfLocale(locale: string | undefined | null): Lang {
  return /^zh/i.test(locale ?? "") ? "zh" : "en";
}
