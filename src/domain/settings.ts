import type { Day } from "./days";
import type { FieldKey } from "./fields";

/** Which order `11/1/2026`-style dates are read in when day and month are both ≤ 12. */
export type DateOrder = "MDY" | "DMY";

/** Interface language; `auto` follows the spreadsheet's locale. */
export type LanguageSetting = "auto" | "zh" | "en";

/** A member of staff who owns call-sheet tasks. */
export interface StaffMember {
  name: string;
  role: "staff" | "manager" | "account_manager" | "back_office";
  dailyCapacity: number;
}

/** Everything a store can change; defaults are the course's and SPEC's. */
export interface Settings {
  /** First DPD of M1, M2, M3 and M3+ (C is everything below the first). */
  bucketStarts: [number, number, number, number];
  graceDays: number;
  /** The store's fixed due days (for C-M1 and defaults). */
  dueDays: number[];
  /** Days after disbursement before the first due date may fall, when it is not given. */
  firstDueMinDays: number;
  dateOrder: DateOrder;
  /** Holidays (not worked) and make-up working days (调休), as Days. */
  holidays: Day[];
  makeupWorkdays: Day[];
  /** Header overrides: field → header text in the ledger. */
  columnMapping: Partial<Record<FieldKey, string>>;
  /** The ledger's header row (1–10), as the mapping in Settings remembers it; 0: found by Daihou (the row among the first ten naming the most known fields). */
  headerRow: number;
  language: LanguageSetting;
  staff: StaffMember[];
  /** Compliance guards. */
  callHoursStart: number;
  callHoursEnd: number;
  maxUnansweredDialsPerNumberPerDay: number;
  thirdPartyScriptOnOtherNumbers: boolean;
  /** Month-end baselines (maxima), as fractions. */
  baselines: Record<string, number>;
  /** Row colours by bucket (C has none). */
  bucketColours: { M1: string; M2: string; M3: string; "M3+": string };
  dailyTrigger: boolean;
}

/** The defaults a new store starts with. */
export function defaultSettings(): Settings {
  return {
    bucketStarts: [1, 31, 61, 91],
    graceDays: 0,
    dueDays: [1, 16],
    firstDueMinDays: 15,
    dateOrder: "MDY",
    holidays: [],
    makeupWorkdays: [],
    columnMapping: {},
    headerRow: 0,
    language: "auto",
    staff: [],
    callHoursStart: 8,
    callHoursEnd: 22,
    maxUnansweredDialsPerNumberPerDay: 6,
    thirdPartyScriptOnOtherNumbers: true,
    baselines: {
      m1_ratio_amount: 0.03,
      m1_ratio_count: 0.03,
      m2_ratio_amount: 0.01,
      m2_ratio_count: 0.01,
      m3plus_ratio_amount: 0.01,
      m3plus_ratio_count: 0.01,
      c_m1_rate_amount: 0.02,
    },
    bucketColours: { M1: "#FFF59D", M2: "#FFCC80", M3: "#EF9A9A", "M3+": "#B71C1C" },
    dailyTrigger: false,
  };
}

/** A setting that does not validate: the field it belongs to and the message in both languages. */
export interface SettingsIssue {
  field: string;
  en: string;
  zh: string;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const ROLES: readonly StaffMember["role"][] = ["staff", "manager", "account_manager", "back_office"];

/** Checks a settings object; one issue per bad value, with zh and en messages (empty when fine). */
export function settingsIssues(s: Settings): SettingsIssue[] {
  const bad: SettingsIssue[] = [];
  const add = (field: string, en: string, zh: string) => bad.push({ field, en, zh });
  const b = s.bucketStarts;
  if (
    !Array.isArray(b) ||
    b.length !== 4 ||
    !b.every((n) => Number.isInteger(n) && n >= 1) ||
    !(b[0] < b[1] && b[1] < b[2] && b[2] < b[3])
  ) {
    add(
      "bucketStarts",
      "bucketStarts must be four whole numbers ≥ 1 in increasing order (M1, M2, M3, M3+)",
      "账龄分界须为 4 个递增的整数（≥ 1，依次为 M1、M2、M3、M3+ 的起始逾期天数）",
    );
  }
  if (!Number.isInteger(s.graceDays) || s.graceDays < 0 || s.graceDays > 30)
    add("graceDays", "graceDays must be a whole number 0–30", "宽限天数须为 0–30 的整数");
  if (!Array.isArray(s.dueDays) || s.dueDays.length === 0 || !s.dueDays.every((d) => Number.isInteger(d) && d >= 1 && d <= 28)) {
    add("dueDays", "dueDays must be one or more days of month 1–28", "还款日须为一个或多个 1–28 之间的日期");
  }
  if (!Number.isInteger(s.firstDueMinDays) || s.firstDueMinDays < 0)
    add("firstDueMinDays", "firstDueMinDays must be a whole number ≥ 0", "首期最少天数须为 ≥ 0 的整数");
  if (!(s.callHoursStart >= 8 && s.callHoursEnd <= 22 && s.callHoursStart < s.callHoursEnd)) {
    add("callHours", "call hours must lie inside 08:00–22:00", "通话时段须在 08:00–22:00 之内，且开始早于结束");
  }
  if (!Number.isInteger(s.maxUnansweredDialsPerNumberPerDay) || s.maxUnansweredDialsPerNumberPerDay < 1) {
    add(
      "maxUnansweredDialsPerNumberPerDay",
      "maxUnansweredDialsPerNumberPerDay must be a whole number ≥ 1",
      "每个号码每天未接通拨打上限须为 ≥ 1 的整数",
    );
  }
  for (const [field, list] of [
    ["holidays", s.holidays],
    ["makeupWorkdays", s.makeupWorkdays],
  ] as const) {
    if (!Array.isArray(list) || !list.every((d) => Number.isInteger(d)))
      add(field, `${field} must be a list of dates`, field === "holidays" ? "节假日须为日期列表" : "调休工作日须为日期列表");
  }
  if (!Number.isInteger(s.headerRow) || s.headerRow < 0 || s.headerRow > 10)
    add("headerRow", "headerRow must be 0 (found automatically) or a row 1–10", "表头行须为 0（自动查找）或 1–10 行");
  if (!["auto", "zh", "en"].includes(s.language)) add("language", "language must be auto, zh or en", "语言须为 自动、中文 或 English");
  if (s.dateOrder !== "MDY" && s.dateOrder !== "DMY") add("dateOrder", "dateOrder must be MDY or DMY", "日期顺序须为 MDY 或 DMY");
  if (!Array.isArray(s.staff)) add("staff", "staff must be a list", "员工须为列表");
  else
    s.staff.forEach((m, i) => {
      const n = i + 1;
      if (!m || typeof m.name !== "string" || m.name.trim() === "")
        add(`staff.${i}.name`, `staff member ${n} needs a name`, `第 ${n} 位员工需要姓名`);
      if (!m || !ROLES.includes(m.role))
        add(
          `staff.${i}.role`,
          `staff member ${n}: the role must be staff, manager, account_manager or back_office`,
          `第 ${n} 位员工的角色无效`,
        );
      if (!m || !Number.isInteger(m.dailyCapacity) || m.dailyCapacity < 0) {
        add(
          `staff.${i}.dailyCapacity`,
          `staff member ${n}: the daily capacity must be a whole number ≥ 0`,
          `第 ${n} 位员工的每日容量须为 ≥ 0 的整数`,
        );
      }
    });
  for (const [k, v] of Object.entries(s.baselines ?? {})) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1)
      add(`baselines.${k}`, `baseline ${k} must be a fraction 0–1 (0.03 = 3%)`, `基准 ${k} 须为 0–1 之间的小数（0.03 = 3%）`);
  }
  for (const k of ["M1", "M2", "M3", "M3+"] as const) {
    if (!COLOUR.test(String(s.bucketColours?.[k] ?? "")))
      add(`bucketColours.${k}`, `the colour of ${k} must be like #FFCC80`, `${k} 的颜色须写成 #FFCC80 这样的格式`);
  }
  if (typeof s.dailyTrigger !== "boolean") add("dailyTrigger", "dailyTrigger must be on or off", "每日自动运行须为开或关");
  if (typeof s.thirdPartyScriptOnOtherNumbers !== "boolean") {
    add("thirdPartyScriptOnOtherNumbers", "the third-party script guard must be on or off", "第三方话术开关须为开或关");
  }
  return bad;
}

/** Checks a settings object; returns one plain message per bad value (empty when fine). */
export function validateSettings(s: Settings): string[] {
  return settingsIssues(s).map((i) => i.en);
}
