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

/** Checks a settings object; returns one plain message per bad value (empty when fine). */
export function validateSettings(s: Settings): string[] {
  const bad: string[] = [];
  const b = s.bucketStarts;
  if (b.length !== 4 || !b.every((n) => Number.isInteger(n) && n >= 1) || !(b[0] < b[1] && b[1] < b[2] && b[2] < b[3])) {
    bad.push("bucketStarts must be four whole numbers ≥ 1 in increasing order (M1, M2, M3, M3+)");
  }
  if (!Number.isInteger(s.graceDays) || s.graceDays < 0 || s.graceDays > 30) bad.push("graceDays must be a whole number 0–30");
  if (s.dueDays.length === 0 || !s.dueDays.every((d) => Number.isInteger(d) && d >= 1 && d <= 28)) {
    bad.push("dueDays must be one or more days of month 1–28");
  }
  if (!Number.isInteger(s.firstDueMinDays) || s.firstDueMinDays < 0) bad.push("firstDueMinDays must be a whole number ≥ 0");
  if (!(s.callHoursStart >= 8 && s.callHoursEnd <= 22 && s.callHoursStart < s.callHoursEnd)) {
    bad.push("call hours must lie inside 08:00–22:00");
  }
  if (!Number.isInteger(s.maxUnansweredDialsPerNumberPerDay) || s.maxUnansweredDialsPerNumberPerDay < 1) {
    bad.push("maxUnansweredDialsPerNumberPerDay must be a whole number ≥ 1");
  }
  return bad;
}
