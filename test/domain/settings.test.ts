/** Settings defaults are SPEC's, and bad values are named. */
import { type Settings, defaultSettings, validateSettings } from "../../src/domain/settings";

describe("defaultSettings follow SPEC", () => {
  const s = defaultSettings();
  it("buckets C 0 · M1 1–30 · M2 31–60 · M3 61–90 · M3+ 91+ (§2)", () => expect(s.bucketStarts).toEqual([1, 31, 61, 91]));
  it("grace days default 0 (§2)", () => expect(s.graceDays).toBe(0));
  it("due days 1 and 16 (§2, §6)", () => expect(s.dueDays).toEqual([1, 16]));
  it("first due date at least 15 days after disbursement (§3)", () => expect(s.firstDueMinDays).toBe(15));
  it("holiday and make-up working day lists start empty (§4)", () => {
    expect(s.holidays).toEqual([]);
    expect(s.makeupWorkdays).toEqual([]);
  });
  it("compliance guards on: 08:00–22:00, at most 6 unanswered dials, third-party script (§4)", () => {
    expect([s.callHoursStart, s.callHoursEnd, s.maxUnansweredDialsPerNumberPerDay, s.thirdPartyScriptOnOtherNumbers]).toEqual([
      8,
      22,
      6,
      true,
    ]);
  });
  it("no column overrides", () => expect(s.columnMapping).toEqual({}));
  it("the defaults are valid, and each call returns a fresh object", () => {
    expect(validateSettings(s)).toEqual([]);
    const other = defaultSettings();
    other.bucketStarts[0] = 5;
    expect(defaultSettings().bucketStarts[0]).toBe(1);
  });
});

describe("validateSettings", () => {
  const bad = (over: Partial<Settings>) => validateSettings({ ...defaultSettings(), ...over });
  it.each<[string, Partial<Settings>]>([
    ["bucket starts not increasing", { bucketStarts: [1, 61, 31, 91] }],
    ["bucket start 0", { bucketStarts: [0, 31, 61, 91] }],
    ["bucket start not whole", { bucketStarts: [1.5, 31, 61, 91] }],
    ["negative grace", { graceDays: -1 }],
    ["fractional grace", { graceDays: 1.5 }],
    ["due day 29", { dueDays: [1, 29] }],
    ["due day 0", { dueDays: [0] }],
    ["no due days", { dueDays: [] }],
    ["negative first-due days", { firstDueMinDays: -1 }],
    ["calls before 08:00", { callHoursStart: 7 }],
    ["calls after 22:00", { callHoursEnd: 23 }],
    ["start after end", { callHoursStart: 20, callHoursEnd: 9 }],
    ["zero dials", { maxUnansweredDialsPerNumberPerDay: 0 }],
  ])("%s is refused", (_label, over) => {
    expect(bad(over)).toHaveLength(1);
  });
  it.each<[string, Partial<Settings>]>([
    ["custom buckets", { bucketStarts: [4, 16, 46, 76] }],
    ["grace 3", { graceDays: 3 }],
    ["due days 1–28", { dueDays: [1, 5, 15, 28] }],
    ["narrower call hours", { callHoursStart: 9, callHoursEnd: 21 }],
  ])("%s is accepted", (_label, over) => {
    expect(bad(over)).toEqual([]);
  });
});
