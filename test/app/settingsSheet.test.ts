import {
  SETTING_KEYS,
  type SettingEntries,
  readSettingsSheet,
  setEntry,
  settingsJson,
  settingsOfEntries,
  settingsSheetRows,
} from "../../src/app/settingsSheet";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { type Settings, defaultSettings } from "../../src/domain/settings";

const d = parseIsoDay;

/** Settings far from the defaults in every field. */
function custom(): Settings {
  return {
    ...defaultSettings(),
    bucketStarts: [3, 33, 63, 93],
    graceDays: 2,
    dueDays: [5, 20],
    firstDueMinDays: 10,
    dateOrder: "DMY",
    holidays: [d("2026-10-01"), d("2026-10-02")],
    makeupWorkdays: [d("2026-10-11")],
    columnMapping: { loan_id: "借据号", outstanding_principal: "贷款余额（元）" },
    language: "en",
    staff: [
      { name: "张敏", role: "staff", dailyCapacity: 40 },
      { name: "李强", role: "staff", dailyCapacity: 40 },
      { name: "王芳", role: "manager", dailyCapacity: 20 },
      { name: "周经理", role: "account_manager", dailyCapacity: 0 },
      { name: "赵磊", role: "back_office", dailyCapacity: 0 },
    ],
    callHoursStart: 9,
    callHoursEnd: 21,
    maxUnansweredDialsPerNumberPerDay: 4,
    thirdPartyScriptOnOtherNumbers: false,
    baselines: { ...defaultSettings().baselines, m1_ratio_amount: 0.025, c_m1_rate_amount: 0.015 },
    bucketColours: { M1: "#FFFFFF", M2: "#000000", M3: "#123456", "M3+": "#ABCDEF" },
    dailyTrigger: true,
  };
}

const read = (values: Cell[][]) => {
  const { entries, problems } = readSettingsSheet(values);
  const out = settingsOfEntries(entries);
  return { settings: out.settings, problems: [...problems, ...out.problems] };
};

/** The row of a key in a sheet's values. */
const rowOf = (values: Cell[][], key: string) => values.findIndex((r) => r[0] === key);

describe("the settings sheet", () => {
  test.each(["zh", "en"] as const)("defaults and custom settings round-trip through the sheet (%s)", (lang) => {
    for (const s of [defaultSettings(), custom()]) {
      const { rows } = settingsSheetRows(s, lang);
      const back = read(rows);
      expect(back.problems).toEqual([]);
      expect(back.settings).toEqual(s);
    }
  });

  test("one setting a row with its meaning in the book's language; the staff as rows of name, role, calls a day", () => {
    const { rows, options } = settingsSheetRows(custom(), "zh");
    expect(rows[0]).toEqual(["设置", "值", "说明"]);
    const grace = rows[rowOf(rows, "grace_days")];
    expect(grace.slice(0, 2)).toEqual(["grace_days", 2]);
    expect(String(grace[2])).toContain("宽限天数");
    expect(rows[rowOf(rows, "holidays")][1]).toBe("2026-10-01,2026-10-02");
    expect(rows[rowOf(rows, "due_days")][1]).toBe("5,20");
    const staffHeader = rows.findIndex((r) => r[1] === "角色");
    expect(rows[staffHeader]).toEqual(["员工姓名", "角色", "每日呼叫量"]);
    expect(rows.slice(staffHeader + 1, staffHeader + 4)).toEqual([
      ["张敏", "客服", 40],
      ["李强", "客服", 40],
      ["王芳", "门店经理", 20],
    ]);
    // Every key --set takes has its row (the staff as a block).
    for (const key of SETTING_KEYS) expect(rowOf(rows, key)).toBeGreaterThan(0);
    // Baselines are fractions shown as percentages.
    expect(options.numberFormats).toContainEqual({ row: rowOf(rows, "baseline.m1_ratio_amount") + 1, column: 2, format: "percent" });
    const en = settingsSheetRows(custom(), "en").rows;
    expect(en[0]).toEqual(["Setting", "Value", "Meaning"]);
    expect(String(en[rowOf(en, "grace_days")][2])).toMatch(/^Grace days/);
  });

  test("what a person types reads: Chinese roles, 3%, date cells, full-width commas, 开/关, any case of key", () => {
    const values: Cell[][] = [
      ["设置", "值", "说明"],
      ["GRACE_DAYS", "３", ""],
      ["due_days", "1，16", ""],
      ["holidays", new Date(Date.UTC(2026, 9, 1)), ""],
      ["makeup_days", "2026/10/11 2026年10月10日", ""],
      ["baseline.m2_ratio_count", "1.5%", ""],
      ["baseline.m1_ratio_count", 0.04, ""],
      ["third_party_script", "关", ""],
      ["daily_trigger", true, ""],
      ["lang", "中文", ""],
      ["call_hours", "9-21", ""],
      ["mapping.loan_id", "借据号", ""],
      [],
      ["员工姓名", "角色", "每日呼叫量"],
      ["张敏", "催收专员", "45"],
      [],
      ["王芳", "门店经理", 25],
      ["Li Qiang", "Collector", 30],
    ];
    const { settings, problems } = read(values);
    expect(problems).toEqual([]);
    expect(settings.graceDays).toBe(3);
    expect(settings.dueDays).toEqual([1, 16]);
    expect(settings.holidays).toEqual([d("2026-10-01")]);
    expect(settings.makeupWorkdays).toEqual([d("2026-10-11"), d("2026-10-10")]);
    expect(settings.baselines.m2_ratio_count).toBeCloseTo(0.015, 12);
    expect(settings.baselines.m1_ratio_count).toBe(0.04);
    expect(settings.thirdPartyScriptOnOtherNumbers).toBe(false);
    expect(settings.dailyTrigger).toBe(true);
    expect(settings.language).toBe("zh");
    expect([settings.callHoursStart, settings.callHoursEnd]).toEqual([9, 21]);
    expect(settings.columnMapping).toEqual({ loan_id: "借据号" });
    expect(settings.staff).toEqual([
      { name: "张敏", role: "staff", dailyCapacity: 45 },
      { name: "王芳", role: "manager", dailyCapacity: 25 },
      { name: "Li Qiang", role: "staff", dailyCapacity: 30 },
    ]);
    // Left out: the default.
    expect(settings.bucketStarts).toEqual(defaultSettings().bucketStarts);
  });

  test("bad values are named by setting, row and the dialog's rule", () => {
    const { rows } = settingsSheetRows(defaultSettings(), "zh");
    const at = (key: string) => rowOf(rows, key);
    rows[at("grace_days")][1] = -3;
    rows[at("due_days")][1] = "1,31";
    rows[at("holidays")][1] = "2026-02-30";
    rows[at("call_hours")][1] = "07:00-22:00";
    rows[at("third_party_script")][1] = "maybe";
    rows[at("colour.M2")][1] = "orange";
    rows[at("baseline.m1_ratio_amount")][1] = "30";
    rows.push(["张敏", "老板", 40], ["", "客服", "很多"]);
    rows.splice(3, 0, ["grace_dayz", "1", ""], ["buckets", "1,31,61,91", ""]);
    const { problems } = read(rows);
    const byKey = Object.fromEntries(problems.map((p) => [`${p.key}@${p.row}`, p]));
    const row = (key: string) => rows.findIndex((r, i) => r[0] === key && i > 0) + 1;
    expect(byKey[`grace_days@${row("grace_days")}`]).toMatchObject({
      text: "-3",
      en: "graceDays must be a whole number 0–30",
      zh: "宽限天数须为 0–30 的整数",
    });
    expect(byKey[`due_days@${row("due_days")}`]).toMatchObject({ text: "1,31", zh: expect.stringContaining("1–28") });
    expect(byKey[`holidays@${row("holidays")}`]).toMatchObject({ text: "2026-02-30" });
    expect(byKey[`call_hours@${row("call_hours")}`]).toMatchObject({ en: expect.stringContaining("08:00–22:00") });
    expect(byKey[`third_party_script@${row("third_party_script")}`]).toBeDefined();
    expect(byKey[`colour.M2@${row("colour.M2")}`]).toMatchObject({ text: "orange" });
    expect(byKey[`baseline.m1_ratio_amount@${row("baseline.m1_ratio_amount")}`]).toMatchObject({ en: expect.stringContaining("0–1") });
    expect(byKey["grace_dayz@4"]).toMatchObject({ en: expect.stringContaining("no such setting") });
    // buckets given twice: the second is the problem.
    expect(
      byKey[
        `buckets@${
          rows.length -
          rows
            .slice()
            .reverse()
            .findIndex((r) => r[0] === "buckets")
        }`
      ],
    ).toMatchObject({ en: "this setting is given twice" });
    // The staff rows by their own row numbers: a role that is none, a member with no name and calls that are no number.
    expect(byKey[`staff@${rows.length - 1}`]).toMatchObject({ en: expect.stringContaining("role") });
    expect(problems.filter((p) => p.key === "staff" && p.row === rows.length).map((p) => p.en)).toEqual([
      "staff member 2 needs a name",
      "staff member 2: the daily capacity must be a whole number ≥ 0",
    ]);
    expect(problems).toHaveLength(12);
  });

  test("--set: every documented key, staff as name:role:calls, unknown keys and bad shapes refused", () => {
    const entries: SettingEntries = { values: new Map(), staff: null };
    for (const a of [
      "grace_days=0",
      "due_days=1,16",
      "buckets=1,31,61,91",
      "holidays=2026-10-01,2026-10-02",
      "makeup_days=2026-10-11",
      "staff=张敏:staff:40;李强:staff:40;王芳:manager:20",
      "lang=en",
      "baseline.m1_ratio_amount=2.5%",
      "colour.M1=#abcdef",
      "mapping.collector=贷后专员",
      "call_hours=09:00-20:00",
    ])
      expect(setEntry(entries, a)).toBeNull();
    const { settings, problems } = settingsOfEntries(entries);
    expect(problems).toEqual([]);
    const json = settingsJson(settings);
    expect(json).toMatchObject({
      grace_days: 0,
      due_days: [1, 16],
      buckets: [1, 31, 61, 91],
      holidays: ["2026-10-01", "2026-10-02"],
      makeup_days: ["2026-10-11"],
      lang: "en",
      call_hours: [9, 20],
      staff: [
        { name: "张敏", role: "staff", daily_calls: 40 },
        { name: "李强", role: "staff", daily_calls: 40 },
        { name: "王芳", role: "manager", daily_calls: 20 },
      ],
      colour: { M1: "#ABCDEF" },
      mapping: { collector: "贷后专员", loan_id: null },
    });
    expect((json.baseline as Record<string, number>).m1_ratio_amount).toBeCloseTo(0.025, 12);
    // Chinese roles and full-width separators on the command line too.
    expect(setEntry(entries, "staff=张敏：客服：40；王芳：门店经理：20")).toBeNull();
    expect(settingsOfEntries(entries).settings.staff.map((m) => m.role)).toEqual(["staff", "manager"]);
    expect(setEntry(entries, "staff=")).toBeNull();
    expect(settingsOfEntries(entries).settings.staff).toEqual([]);
    expect(setEntry(entries, "grace=1")).toMatchObject({ key: "grace", en: expect.stringContaining("no such setting") });
    expect(setEntry(entries, "grace_days")).toMatchObject({ key: "grace_days" });
    expect(setEntry(entries, "staff=张敏:40")).toMatchObject({ key: "staff", en: expect.stringContaining("name:role:calls") });
    expect(setEntry(entries, "grace_days=-3")).toBeNull();
    expect(settingsOfEntries(entries).problems).toEqual([
      { key: "grace_days", row: null, text: "-3", en: "graceDays must be a whole number 0–30", zh: "宽限天数须为 0–30 的整数" },
    ]);
  });
});
