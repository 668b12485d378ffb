/**
 * The store's settings as a sheet a person can read and edit (SPEC §7): one
 * setting a row — its key, its value, what it means in the book's language —
 * then the staff as rows of name, role and calls a day. Pure table ↔ settings,
 * so the local book and Sheets can both use it. Values are checked by the same
 * rules as the Sheets settings dialog (`settingsIssues`).
 */
import { type Cell, readDate } from "../domain/cells";
import type { Day } from "../domain/days";
import { isoDay } from "../domain/days";
import { FIELD_KEYS, type FieldKey } from "../domain/fields";
import { type Lang, type MessageKey, t } from "../domain/i18n";
import { type Settings, type StaffMember, defaultSettings, settingsIssues } from "../domain/settings";
import type { WriteOptions } from "./port";

/** The settings sheet's name (both languages, like Daihou's other sheets). */
export const SETTINGS_SHEET = "设置 Settings";

/** The staff block's key for `--set` and in messages. */
export const STAFF_KEY = "staff";

type Bilingual = Record<Lang, string>;

/** A value that does not read or does not validate: which setting, where, what was found, and why. */
export interface SettingsProblem {
  key: string;
  /** The sheet's row (1-based), or null for a value given on the command line. */
  row: number | null;
  /** The value as found. */
  text: string;
  en: string;
  zh: string;
}

/** One entry as found: the cell and where it came from. */
interface Entry {
  value: Cell;
  row: number | null;
}

/** The settings as found in a sheet or given with `--set`, before they are read. */
export interface SettingEntries {
  values: Map<string, Entry>;
  /** The staff rows (name, role, calls a day); null when the sheet has no staff block. */
  staff: { cells: Cell[]; row: number | null }[] | null;
}

interface Spec {
  key: string;
  /** The `settingsIssues` fields this key answers for. */
  fields: readonly string[];
  meaning: Bilingual;
  show(s: Settings, lang: Lang): Cell;
  read(s: Settings, v: Cell): void;
  percent?: boolean;
}

// ---------------------------------------------------------------- reading cells

/** The cell as trimmed text (full-width forms folded); a date as yyyy-mm-dd. */
function textOf(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  return String(v).normalize("NFKC").trim();
}

/** The cell as trimmed text as typed (a header or a name: full-width forms kept). */
function typedText(v: Cell): string {
  return typeof v === "string" ? v.trim() : textOf(v);
}

/** A number; NaN when the cell holds anything else (the settings check then refuses it). */
function numberOf(v: Cell): number {
  if (typeof v === "number") return v;
  const s = textOf(v);
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

const LIST_SEPARATOR = /[,;、\s]+/;

function numbersOf(v: Cell): number[] {
  if (typeof v === "number") return [v];
  return textOf(v)
    .split(LIST_SEPARATOR)
    .filter((x) => x !== "")
    .map(numberOf);
}

/** Dates: a date cell, or dates as text separated by commas, spaces or new lines; NaN for one that does not read. */
function daysOf(v: Cell): Day[] {
  if (v instanceof Date || typeof v === "number") {
    const d = readDate(v);
    return [typeof d === "number" ? d : Number.NaN];
  }
  return textOf(v)
    .split(LIST_SEPARATOR)
    .filter((x) => x !== "")
    .map((x) => {
      const d = readDate(x);
      return typeof d === "number" ? d : Number.NaN;
    });
}

const ON = new Set(["on", "true", "yes", "y", "1", "开", "是", "启用", "打开"]);
const OFF = new Set(["off", "false", "no", "n", "0", "关", "否", "停用", "关闭"]);

/** On or off; anything else is kept as it is, which the settings check refuses. */
function switchOf(v: Cell): boolean {
  if (typeof v === "boolean") return v;
  const s = textOf(v).toLowerCase();
  if (ON.has(s)) return true;
  if (OFF.has(s)) return false;
  return s as unknown as boolean;
}

/** A fraction: 0.03, or 3% written as text. */
function fractionOf(v: Cell): number {
  const s = textOf(v);
  if (typeof v !== "number" && s.endsWith("%")) return numberOf(s.slice(0, -1).trim()) / 100;
  return numberOf(v);
}

const ROLE_NAMES: Record<StaffMember["role"], readonly string[]> = {
  staff: ["staff", "collector", "客服", "催收专员", "催收员", "贷后专员", "员工"],
  manager: ["manager", "store manager", "store_manager", "门店经理", "店长", "经理"],
  account_manager: ["account_manager", "account manager", "客户经理"],
  back_office: ["back_office", "back office", "后线"],
};
const ROLE_SHOWN: Record<StaffMember["role"], Bilingual> = {
  staff: { zh: "客服", en: "staff" },
  manager: { zh: "门店经理", en: "manager" },
  account_manager: { zh: "客户经理", en: "account_manager" },
  back_office: { zh: "后线", en: "back_office" },
};

/** The role a person wrote (either language); anything else is kept, which the settings check refuses. */
export function roleOf(v: Cell): StaffMember["role"] {
  const s = textOf(v).toLowerCase().replace(/\s+/g, " ");
  for (const [role, names] of Object.entries(ROLE_NAMES)) if (names.includes(s)) return role as StaffMember["role"];
  return textOf(v) as StaffMember["role"];
}

function languageOf(v: Cell): Settings["language"] {
  const s = textOf(v).toLowerCase();
  if (["zh", "中文", "chinese", "zh-cn"].includes(s)) return "zh";
  if (["en", "english", "英文", "英语"].includes(s)) return "en";
  if (["auto", "自动", ""].includes(s)) return "auto";
  return s as Settings["language"];
}

const onOff = (b: boolean, lang: Lang) => t(lang, b ? "word.on" : "word.off");

// ---------------------------------------------------------------- the settings, row by row

function specs(): Spec[] {
  const base = defaultSettings();
  const list: Spec[] = [
    {
      key: "lang",
      fields: ["language"],
      meaning: {
        zh: "语言：zh（中文）、en（English）或 auto（跟随 --lang、LANG，否则按台账表头）",
        en: "Language: zh, en, or auto (follow --lang and LANG, else the ledger's headers)",
      },
      show: (s) => s.language,
      read: (s, v) => {
        s.language = languageOf(v);
      },
    },
    {
      key: "grace_days",
      fields: ["graceDays"],
      meaning: {
        zh: "宽限天数：最早未还款日之后这么多天内不算逾期（0–30）",
        en: "Grace days: days after the oldest unpaid due date that do not count as overdue (0–30)",
      },
      show: (s) => s.graceDays,
      read: (s, v) => {
        s.graceDays = numberOf(v);
      },
    },
    {
      key: "due_days",
      fields: ["dueDays"],
      meaning: {
        zh: "门店的还款日（每月几号，1–28，用逗号分隔），用于 C-M1",
        en: "The store's due days (days of month 1–28, comma-separated), for C-M1",
      },
      show: (s) => s.dueDays.join(","),
      read: (s, v) => {
        s.dueDays = numbersOf(v);
      },
    },
    {
      key: "buckets",
      fields: ["bucketStarts"],
      meaning: {
        zh: "M1、M2、M3、M3+ 的起始逾期天数（4 个递增整数）",
        en: "First DPD of M1, M2, M3 and M3+ (four increasing whole numbers)",
      },
      show: (s) => s.bucketStarts.join(","),
      read: (s, v) => {
        s.bucketStarts = numbersOf(v) as Settings["bucketStarts"];
      },
    },
    {
      key: "first_due_min_days",
      fields: ["firstDueMinDays"],
      meaning: {
        zh: "台账没有首期还款日时：放款后至少这么多天才到首期",
        en: "When the ledger has no first due date: at least this many days from disbursement to it",
      },
      show: (s) => s.firstDueMinDays,
      read: (s, v) => {
        s.firstDueMinDays = numberOf(v);
      },
    },
    {
      key: "date_order",
      fields: ["dateOrder"],
      meaning: {
        zh: "11/1/2026 这类日期的顺序：MDY（月/日/年）或 DMY（日/月/年）",
        en: "How dates like 11/1/2026 read: MDY (month first) or DMY (day first)",
      },
      show: (s) => s.dateOrder,
      read: (s, v) => {
        s.dateOrder = textOf(v).toUpperCase() as Settings["dateOrder"];
      },
    },
    {
      key: "holidays",
      fields: ["holidays"],
      meaning: { zh: "节假日（不上班），如 2026-10-01,2026-10-02", en: "Holidays (not worked), e.g. 2026-10-01,2026-10-02" },
      show: (s) => s.holidays.map(isoDay).join(","),
      read: (s, v) => {
        s.holidays = daysOf(v);
      },
    },
    {
      key: "makeup_days",
      fields: ["makeupWorkdays"],
      meaning: { zh: "调休工作日（周末上班），如 2026-10-11", en: "Make-up working days (调休, weekends worked), e.g. 2026-10-11" },
      show: (s) => s.makeupWorkdays.map(isoDay).join(","),
      read: (s, v) => {
        s.makeupWorkdays = daysOf(v);
      },
    },
    {
      key: "call_hours",
      fields: ["callHours"],
      meaning: { zh: "通话时段，须在 08:00–22:00 之内，如 08:00-22:00", en: "Call hours, inside 08:00–22:00, e.g. 08:00-22:00" },
      show: (s) => `${String(s.callHoursStart).padStart(2, "0")}:00-${String(s.callHoursEnd).padStart(2, "0")}:00`,
      read: (s, v) => {
        const m = /^(\d{1,2})(?::00)?\s*[-–~至到]\s*(\d{1,2})(?::00)?$/.exec(textOf(v));
        s.callHoursStart = m ? Number(m[1]) : Number.NaN;
        s.callHoursEnd = m ? Number(m[2]) : Number.NaN;
      },
    },
    {
      key: "max_dials",
      fields: ["maxUnansweredDialsPerNumberPerDay"],
      meaning: { zh: "每个号码每天未接通拨打上限", en: "Unanswered dials per number per day, at most" },
      show: (s) => s.maxUnansweredDialsPerNumberPerDay,
      read: (s, v) => {
        s.maxUnansweredDialsPerNumberPerDay = numberOf(v);
      },
    },
    {
      key: "third_party_script",
      fields: ["thirdPartyScriptOnOtherNumbers"],
      meaning: { zh: "拨打单位和家庭电话时先用第三方话术（开/关）", en: "Third-party script first on work and home numbers (on/off)" },
      show: (s, lang) => onOff(s.thirdPartyScriptOnOtherNumbers, lang),
      read: (s, v) => {
        s.thirdPartyScriptOnOtherNumbers = switchOf(v);
      },
    },
    {
      key: "daily_trigger",
      fields: ["dailyTrigger"],
      meaning: {
        zh: "在 Google 表格中每天 07:00 自动运行今日作业（开/关）",
        en: "In Google Sheets, run today's work every day at 07:00 (on/off)",
      },
      show: (s, lang) => onOff(s.dailyTrigger, lang),
      read: (s, v) => {
        s.dailyTrigger = switchOf(v);
      },
    },
  ];
  for (const k of Object.keys(base.baselines)) {
    list.push({
      key: `baseline.${k}`,
      fields: [`baselines.${k}`],
      meaning: { zh: `月末指标 ${k} 的基准（上限，如 3%）`, en: `Month-end baseline (maximum) of ${k}, e.g. 3%` },
      show: (s) => s.baselines[k] ?? null,
      read: (s, v) => {
        s.baselines = { ...s.baselines, [k]: fractionOf(v) };
      },
      percent: true,
    });
  }
  for (const k of Object.keys(base.bucketColours) as (keyof Settings["bucketColours"])[]) {
    list.push({
      key: `colour.${k}`,
      fields: [`bucketColours.${k}`],
      meaning: { zh: `台账中 ${k} 行的颜色，如 #FFCC80`, en: `Colour of ${k} rows in the ledger, e.g. #FFCC80` },
      show: (s) => s.bucketColours[k],
      read: (s, v) => {
        s.bucketColours = { ...s.bucketColours, [k]: textOf(v).toUpperCase() };
      },
    });
  }
  for (const f of FIELD_KEYS) {
    const name = (lang: Lang) => t(lang, `field.${f}` as MessageKey);
    list.push({
      key: `mapping.${f}`,
      fields: [`columnMapping.${f}`],
      meaning: {
        zh: `台账中“${name("zh")}”所在列的表头（空白 = 自动识别）`,
        en: `The ledger's header for ${name("en")} (blank: found by its usual headers)`,
      },
      show: (s) => s.columnMapping[f] ?? null,
      read: (s, v) => {
        const text = typedText(v);
        const mapping: Partial<Record<FieldKey, string>> = { ...s.columnMapping };
        if (text === "") delete mapping[f];
        else mapping[f] = text;
        s.columnMapping = mapping;
      },
    });
  }
  return list;
}

const SPECS = specs();
const SPEC_BY_KEY = new Map(SPECS.map((s) => [s.key.toLowerCase(), s]));

/** Every key `--set` and the sheet take, in the sheet's order (the staff last). */
export const SETTING_KEYS: readonly string[] = [...SPECS.map((s) => s.key), STAFF_KEY];

/** A key as a person wrote it (any case, full-width forms) → the key, or null when there is no such setting. */
export function settingKey(text: string): string | null {
  const k = text.normalize("NFKC").trim().toLowerCase();
  if (k === STAFF_KEY) return STAFF_KEY;
  return SPEC_BY_KEY.get(k)?.key ?? null;
}

// ---------------------------------------------------------------- the sheet

const HEADER: Record<Lang, Cell[]> = { zh: ["设置", "值", "说明"], en: ["Setting", "Value", "Meaning"] };
const STAFF_HEADER: Record<Lang, Cell[]> = { zh: ["员工姓名", "角色", "每日呼叫量"], en: ["Staff name", "Role", "Calls a day"] };
const STAFF_NOTE: Bilingual = {
  zh: "以下每行一位员工：姓名、角色（客服、门店经理、客户经理、后线）、每日呼叫量",
  en: "One member of staff a row below: name, role (staff, manager, account_manager, back_office), calls a day",
};
const HEADER_WORDS = new Set(["设置", "setting", "key", "键"]);
const STAFF_ROLE_WORDS = new Set(["角色", "role"]);

/** The sheet of these settings: the rows, and the number formats of its percentages. */
export function settingsSheetRows(s: Settings, lang: Lang): { rows: Cell[][]; options: WriteOptions } {
  const rows: Cell[][] = [HEADER[lang].slice()];
  const numberFormats: NonNullable<WriteOptions["numberFormats"]> = [];
  for (const spec of SPECS) {
    rows.push([spec.key, spec.show(s, lang), spec.meaning[lang]]);
    if (spec.percent) numberFormats.push({ row: rows.length, column: 2, format: "percent" });
  }
  rows.push([null, null, null], [STAFF_KEY, null, STAFF_NOTE[lang]], STAFF_HEADER[lang].slice());
  for (const m of s.staff) rows.push([m.name, roleText(m.role, lang), m.dailyCapacity]);
  return { rows, options: { freezeHeader: true, widths: [24, 28, 70], numberFormats } };
}

/** The entries of a settings sheet; rows that name no setting are problems. */
export function readSettingsSheet(values: readonly (readonly Cell[])[]): { entries: SettingEntries; problems: SettingsProblem[] } {
  const entries: SettingEntries = { values: new Map(), staff: null };
  const problems: SettingsProblem[] = [];
  values.forEach((r, i) => {
    const row = i + 1;
    const a = textOf(r[0] ?? null);
    const b = r[1] ?? null;
    if (entries.staff !== null) {
      if (r.slice(0, 3).every((c) => textOf(c ?? null) === "")) return;
      entries.staff.push({ cells: [r[0] ?? null, r[1] ?? null, r[2] ?? null], row });
      return;
    }
    if (STAFF_ROLE_WORDS.has(textOf(b).toLowerCase()) && settingKey(a) === null) {
      entries.staff = [];
      return;
    }
    if (a === "" || HEADER_WORDS.has(a.toLowerCase()) || a.toLowerCase() === STAFF_KEY) return;
    const key = settingKey(a);
    if (key === null) problems.push({ key: a, row, text: textOf(b), ...UNKNOWN });
    else if (entries.values.has(key)) problems.push({ key, row, text: textOf(b), ...TWICE });
    else entries.values.set(key, { value: b, row });
  });
  return { entries, problems };
}

const UNKNOWN = { en: "no such setting (see “daihou settings --help”)", zh: "没有这项设置（见“daihou settings --help”）" };
const TWICE = { en: "this setting is given twice", zh: "这项设置出现了两次" };
const STAFF_SHAPE = {
  en: "staff must be name:role:calls a day, members separated by “;” (张敏:staff:40;王芳:manager:20)",
  zh: "员工须写成 姓名:角色:每日呼叫量，多人用“;”分隔（张敏:staff:40;王芳:manager:20）",
};

/** Sets `key=value` (as typed on the command line) in the entries; a problem when the key is unknown or the staff list does not read. */
export function setEntry(entries: SettingEntries, assignment: string): SettingsProblem | null {
  const eq = assignment.indexOf("=");
  const rawKey = eq < 0 ? assignment : assignment.slice(0, eq);
  const text = eq < 0 ? "" : assignment.slice(eq + 1);
  const key = eq < 0 ? null : settingKey(rawKey);
  if (key === null) return { key: rawKey, row: null, text, ...UNKNOWN };
  if (key !== STAFF_KEY) {
    entries.values.set(key, { value: text, row: null });
    return null;
  }
  const members = text
    .normalize("NFKC")
    .split(/[;|]/)
    .map((m) => m.trim())
    .filter((m) => m !== "")
    .map((m) => m.split(":").map((x) => x.trim()));
  if (members.some((parts) => parts.length !== 3)) return { key, row: null, text, ...STAFF_SHAPE };
  entries.staff = members.map((cells) => ({ cells, row: null }));
  return null;
}

/** The settings the entries say (the defaults where a setting is left out), and every value that does not validate. */
export function settingsOfEntries(entries: SettingEntries): { settings: Settings; problems: SettingsProblem[] } {
  const s = defaultSettings();
  for (const spec of SPECS) {
    const e = entries.values.get(spec.key);
    if (e) spec.read(s, e.value);
  }
  if (entries.staff) {
    s.staff = entries.staff.map(({ cells }) => ({
      name: typedText(cells[0] ?? null),
      role: roleOf(cells[1] ?? null),
      dailyCapacity: numberOf(cells[2] ?? null),
    }));
  }
  const problems = settingsIssues(s).map((issue): SettingsProblem => {
    const staff = /^staff\.(\d+)\./.exec(issue.field);
    if (staff || issue.field === "staff") {
      const at = staff ? entries.staff?.[Number(staff[1])] : undefined;
      // The member as written: `name:role:calls` on the command line, the row's cells in the sheet.
      const text = at ? at.cells.map(textOf).join(at.row === null ? ":" : " | ") : "";
      return { key: STAFF_KEY, row: at?.row ?? null, text, en: issue.en, zh: issue.zh };
    }
    const spec = SPECS.find((x) => x.fields.includes(issue.field));
    const e = spec ? entries.values.get(spec.key) : undefined;
    return { key: spec?.key ?? issue.field, row: e?.row ?? null, text: e ? textOf(e.value) : "", en: issue.en, zh: issue.zh };
  });
  return { settings: s, problems };
}

/** The settings as JSON: the `--set` keys, lists as arrays, dates as yyyy-mm-dd, the groups (baseline, colour, mapping) as objects. */
export function settingsJson(s: Settings): Record<string, unknown> {
  return {
    lang: s.language,
    grace_days: s.graceDays,
    due_days: s.dueDays,
    buckets: s.bucketStarts,
    first_due_min_days: s.firstDueMinDays,
    date_order: s.dateOrder,
    holidays: s.holidays.map(isoDay),
    makeup_days: s.makeupWorkdays.map(isoDay),
    call_hours: [s.callHoursStart, s.callHoursEnd],
    max_dials: s.maxUnansweredDialsPerNumberPerDay,
    third_party_script: s.thirdPartyScriptOnOtherNumbers,
    daily_trigger: s.dailyTrigger,
    baseline: { ...s.baselines },
    colour: { ...s.bucketColours },
    mapping: Object.fromEntries(FIELD_KEYS.map((f) => [f, s.columnMapping[f] ?? null])),
    staff: s.staff.map((m) => ({ name: m.name, role: m.role, daily_calls: m.dailyCapacity })),
  };
}

/** The settings as text rows (key, value, meaning) for a readable listing; percentages as `3%`. */
export function settingsTextRows(s: Settings, lang: Lang): { key: string; value: string; meaning: string }[] {
  return SPECS.map((spec) => {
    const v = spec.show(s, lang);
    const value = spec.percent && typeof v === "number" ? `${Math.round(v * 1e6) / 1e4}%` : textOf(v);
    return { key: spec.key, value, meaning: spec.meaning[lang] };
  });
}

/** A role as the sheet writes it in `lang`. */
export function roleText(role: StaffMember["role"], lang: Lang): string {
  return ROLE_SHOWN[role]?.[lang] ?? role;
}
