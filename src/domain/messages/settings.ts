/**
 * Texts of the book's settings in the `daihou` CLI (the `settings` command, and
 * a bad value stopping any command), in English and Chinese.
 */
import type { Lang } from "../i18n";
import { fillPlaceholders } from "../template";

const en = {
  "usage.settings": [
    "Usage: daihou settings --book B.xlsx [--set KEY=VALUE ...] [--json] [--lang zh|en]",
    "",
    "Shows the book's settings, kept in its “设置 Settings” sheet (made by the first",
    "“daihou day” with the defaults; a person may edit it there too), and changes them",
    "with --set. Every value is checked with the same rules as the Google Sheets settings",
    "dialog; one bad value changes nothing (exit 2, the book stays byte for byte as it was).",
    "Every command reads these settings; a bad value typed into the sheet stops it (exit 2).",
    "",
    "Options:",
    "  --book B.xlsx      the book (made with only its settings when missing and --set is given)",
    "  --set KEY=VALUE    change one setting; give --set again for more",
    "  --json             print the settings as one JSON object",
    "  --lang zh|en       language of the output (default: LANG, else the book's lang)",
    "  -h, --help         show this help",
    "",
    "Keys:",
    "  lang=zh|en|auto                 the book's language (auto: --lang, LANG, else the ledger's headers)",
    "  grace_days=0                    grace days, 0–30",
    "  due_days=1,16                   the store's due days, 1–28",
    "  buckets=1,31,61,91              first DPD of M1, M2, M3, M3+",
    "  first_due_min_days=15           days from disbursement to a first due date the ledger lacks",
    "  date_order=MDY|DMY              how 11/1/2026 reads",
    "  holidays=2026-10-01,2026-10-02  holidays (blank: none)",
    "  makeup_days=2026-10-11          make-up working days (调休)",
    "  call_hours=08:00-22:00          call hours, inside 08:00–22:00",
    "  max_dials=6                     unanswered dials per number per day, at most",
    "  third_party_script=on|off       third-party script first on work and home numbers",
    "  daily_trigger=on|off            Google Sheets: run today's work daily at 07:00",
    "  baseline.m1_ratio_amount=3%     a month-end baseline (also m1_ratio_count, m2_…, m3plus_…, c_m1_rate_amount)",
    "  colour.M1=#FFF59D               a bucket's row colour (M1, M2, M3, M3+)",
    "  mapping.loan_id=借据号           the ledger's header for a field (blank: found by its usual headers)",
    "  staff=张敏:staff:40;李强:staff:40;王芳:manager:20",
    "                                  the staff: name:role:calls a day, “;” between people; role",
    "                                  staff, manager, account_manager or back_office (客服, 门店经理,",
    "                                  客户经理, 后线 also accepted); staff= leaves none",
  ].join("\n"),
  "settings.title": "{file}: settings (sheet “{sheet}”)",
  "settings.defaults": "{file}: the book has no “{sheet}” sheet yet; these are the defaults (the next “daihou day” or --set writes them)",
  "settings.col_key": "setting",
  "settings.col_value": "value",
  "settings.col_meaning": "meaning",
  "settings.staff": "Staff",
  "settings.col_name": "name",
  "settings.col_role": "role",
  "settings.col_calls": "calls a day",
  "settings.no_staff": "no staff set: collectors come from the ledger's collector column, else one default member of staff",
  "settings.changed": "{file}: {count} setting(s) changed and written to the sheet “{sheet}”",
  "settings.bad_sheet": "{file} (sheet “{sheet}”), row {row}, {key}: {problem} (found “{text}”)",
  "settings.bad_sheet_no_row": "{file} (sheet “{sheet}”), {key}: {problem}",
  "settings.bad_set": "--set {key}={text}: {problem}",
  "settings.stopped":
    "{file}: nothing was done and the book is unchanged; correct the settings (in the sheet or with “daihou settings --book {file} --set KEY=VALUE”) and run again",
  "settings.refused": "{file}: nothing was changed",
} as const;

export type SettingsMessageKey = keyof typeof en;

const zh: Record<SettingsMessageKey, string> = {
  "usage.settings": [
    "用法：daihou settings --book B.xlsx [--set 键=值 ...] [--json] [--lang zh|en]",
    "",
    "显示账簿的设置（保存在“设置 Settings”工作表中：第一次运行“daihou day”时按默认值生成，",
    "也可以直接在表中修改），并用 --set 修改。每个值都按与 Google 表格设置对话框相同的规则检查；",
    "只要有一个值不对，什么都不改（退出码 2，账簿一个字节都不变）。",
    "所有命令都读取这些设置；表中填错的值会使命令停止（退出码 2）。",
    "",
    "选项：",
    "  --book B.xlsx      账簿（不存在且给了 --set 时，新建只含设置的账簿）",
    "  --set 键=值         修改一项设置；多项就多次给出 --set",
    "  --json             以一个 JSON 对象输出设置",
    "  --lang zh|en       输出语言（默认：LANG，否则账簿的 lang）",
    "  -h, --help         显示本帮助",
    "",
    "键：",
    "  lang=zh|en|auto                 账簿语言（auto：按 --lang、LANG，否则按台账表头）",
    "  grace_days=0                    宽限天数，0–30",
    "  due_days=1,16                   门店还款日，1–28",
    "  buckets=1,31,61,91              M1、M2、M3、M3+ 的起始逾期天数",
    "  first_due_min_days=15           台账无首期还款日时，放款后至少多少天到首期",
    "  date_order=MDY|DMY              11/1/2026 这类日期的顺序",
    "  holidays=2026-10-01,2026-10-02  节假日（留空：没有）",
    "  makeup_days=2026-10-11          调休工作日",
    "  call_hours=08:00-22:00          通话时段，须在 08:00–22:00 之内",
    "  max_dials=6                     每个号码每天未接通拨打上限",
    "  third_party_script=on|off       拨打单位、家庭电话时先用第三方话术",
    "  daily_trigger=on|off            Google 表格：每天 07:00 自动运行今日作业",
    "  baseline.m1_ratio_amount=3%     月末指标基准（还有 m1_ratio_count、m2_…、m3plus_…、c_m1_rate_amount）",
    "  colour.M1=#FFF59D               账龄行颜色（M1、M2、M3、M3+）",
    "  mapping.loan_id=借据号           台账中某字段的表头（留空：按常用表头识别）",
    "  staff=张敏:staff:40;李强:staff:40;王芳:manager:20",
    "                                  员工：姓名:角色:每日呼叫量，多人用“;”分隔；角色为 staff、",
    "                                  manager、account_manager 或 back_office（也可写 客服、门店经理、",
    "                                  客户经理、后线）；staff= 表示不设员工",
  ].join("\n"),
  "settings.title": "{file}：设置（工作表“{sheet}”）",
  "settings.defaults": "{file}：账簿中还没有“{sheet}”工作表；以下为默认值（下次运行“daihou day”或 --set 时写入）",
  "settings.col_key": "设置",
  "settings.col_value": "值",
  "settings.col_meaning": "说明",
  "settings.staff": "员工",
  "settings.col_name": "姓名",
  "settings.col_role": "角色",
  "settings.col_calls": "每日呼叫量",
  "settings.no_staff": "未设员工：催收员取自台账的催收员列，否则使用一位默认员工",
  "settings.changed": "{file}：已修改 {count} 项设置，并写入工作表“{sheet}”",
  "settings.bad_sheet": "{file}（工作表“{sheet}”）第 {row} 行，{key}：{problem}（填的是“{text}”）",
  "settings.bad_sheet_no_row": "{file}（工作表“{sheet}”），{key}：{problem}",
  "settings.bad_set": "--set {key}={text}：{problem}",
  "settings.stopped":
    "{file}：未做任何处理，账簿没有改变；请更正设置（在工作表中，或用“daihou settings --book {file} --set 键=值”）后再运行",
  "settings.refused": "{file}：没有做任何修改",
};

export const SETTINGS_MESSAGES: Record<Lang, Record<SettingsMessageKey, string>> = { en, zh };

/** A settings message in `lang` with `{name}` placeholders filled. */
export function st(lang: Lang, key: SettingsMessageKey, params: Record<string, string | number> = {}): string {
  return fillPlaceholders(SETTINGS_MESSAGES[lang][key], params);
}
