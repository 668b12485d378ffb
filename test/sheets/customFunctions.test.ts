import { defaultSettings } from "../../src/domain/settings";
import { dayFromYmd, dayOfUtcDate } from "../../src/domain/days";
import type { Lang } from "../../src/domain/i18n";
import {
  type Arg,
  bucketCells,
  type CustomFunctionEnv,
  dpdCells,
  reminderClassCells,
  type SheetsEnvServices,
  sheetsEnv,
} from "../../src/sheets/customFunctions";
import { UI_MESSAGES } from "../../src/domain/messages/sheets";
import { intlFormatDate, midnightIn } from "./fakes";

function env(lang: Lang = "en"): CustomFunctionEnv {
  return { cellContext: { dateOrder: "MDY", dateToDay: dayOfUtcDate }, lang: () => lang };
}

/** A date cell as .xlsx or a UTC spreadsheet hands it over. */
function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

const serial = (y: number, m: number, d: number) => dayFromYmd(y, m, d) + 25569;

describe("DPD", () => {
  const dpd = (dates: Arg, asOf?: Arg, grace?: Arg, e = env()) => dpdCells(dates, asOf, grace, e);

  test("a single date in gives a number out", () => {
    expect(dpd(utc(2026, 11, 1), utc(2026, 11, 14))).toBe(13);
  });

  test("month ends and leap days", () => {
    expect(dpd(utc(2024, 2, 28), utc(2024, 3, 1))).toBe(2);
    expect(dpd(utc(2023, 2, 28), utc(2023, 3, 1))).toBe(1);
    expect(dpd(utc(2024, 2, 29), utc(2024, 3, 1))).toBe(1);
    expect(dpd(utc(2026, 1, 31), utc(2026, 3, 1))).toBe(29);
    expect(dpd(utc(2025, 12, 31), utc(2026, 1, 1))).toBe(1);
  });

  test("due today or later is 0", () => {
    expect(dpd(utc(2026, 11, 14), utc(2026, 11, 14))).toBe(0);
    expect(dpd(utc(2026, 11, 16), utc(2026, 11, 14))).toBe(0);
  });

  test("as_of is required: without it the cell says so (never a silent today, which Sheets would not recalculate)", () => {
    const needed =
      "ERROR in as_of: give the date to count to, e.g. Daihou_AsOf (the date of the last daily run) or a date cell; Daihou never assumes today, which Sheets would not recalculate";
    expect(dpd(utc(2026, 11, 1))).toBe(needed);
    expect(dpd(utc(2026, 11, 1), "")).toBe(needed);
    expect(dpd([[utc(2026, 11, 1)], [""]], "")).toEqual([[needed], [""]]);
    expect(dpd(utc(2026, 11, 1), "", undefined, env("zh"))).toMatch(/^错误（as_of）：请给出计算到哪一天，例如 Daihou_AsOf/);
  });

  test("grace days are taken off, never below 0", () => {
    expect(dpd(utc(2026, 11, 1), utc(2026, 11, 14), 3)).toBe(10);
    expect(dpd(utc(2026, 11, 1), utc(2026, 11, 14), "3天")).toBe(10);
    expect(dpd(utc(2026, 11, 12), utc(2026, 11, 14), 5)).toBe(0);
    expect(dpd(utc(2026, 11, 1), utc(2026, 11, 14), "")).toBe(13);
  });

  test("dates as text and serial numbers", () => {
    expect(dpd("2026-11-01", "2026-11-14")).toBe(13);
    expect(dpd("2026/11/1", utc(2026, 11, 14))).toBe(13);
    expect(dpd("2026年11月1日", utc(2026, 11, 14))).toBe(13);
    expect(dpd(serial(2026, 11, 1), serial(2026, 11, 14))).toBe(13);
    expect(dpd("20261101", utc(2026, 11, 14))).toBe(13);
  });

  test("a range in gives a range of the same shape out; blanks give blanks; bad cells say why", () => {
    const out = dpd(
      [
        [utc(2026, 11, 1), ""],
        ["abc", utc(2026, 10, 16)],
        [null, "#N/A"],
        ["2026-02-30", "   "],
      ],
      utc(2026, 11, 14),
    );
    expect(out).toEqual([
      [13, ""],
      ["ERROR: “abc” is not a date Daihou can read (write it like 2026-11-01)", 29],
      ["", "ERROR: the cell holds the error value #N/A"],
      ["ERROR: “2026-02-30” is not a real calendar date", ""],
    ]);
  });

  test("a column of as_of dates of the same shape pairs up cell by cell", () => {
    const out = dpd([[utc(2026, 11, 1)], [utc(2026, 11, 1)]], [[utc(2026, 11, 2)], [utc(2026, 12, 1)]]);
    expect(out).toEqual([[1], [30]]);
  });

  test("a 1×1 range for as_of applies to every cell", () => {
    expect(dpd([[utc(2026, 11, 1)], [utc(2026, 11, 2)]], [[utc(2026, 11, 3)]])).toEqual([[2], [1]]);
  });

  test("an as_of range of another shape is reported in every cell, not thrown", () => {
    const out = dpd([[utc(2026, 11, 1)], [utc(2026, 11, 2)]], [[utc(2026, 11, 3), utc(2026, 11, 4)]]);
    expect(out).toEqual([
      ["ERROR in as_of: must be one cell or a range of the same size as dates (2×1)"],
      ["ERROR in as_of: must be one cell or a range of the same size as dates (2×1)"],
    ]);
  });

  test("bad as_of and grace days name the argument", () => {
    expect(dpd(utc(2026, 11, 1), "soon")).toBe("ERROR in as_of: “soon” is not a date Daihou can read (write it like 2026-11-01)");
    expect(dpd(utc(2026, 11, 1), utc(2026, 11, 14), -2)).toBe("ERROR in grace_days: “-2” is below zero");
    expect(dpd(utc(2026, 11, 1), utc(2026, 11, 14), 1.5)).toBe("ERROR in grace_days: “1.5” is not a whole number");
  });

  test("errors in Chinese when the spreadsheet is Chinese", () => {
    expect(dpd("abc", utc(2026, 11, 14), undefined, env("zh"))).toBe("错误：“abc”不是能识别的日期（请写成 2026-11-01 这样的格式）");
    expect(dpd(utc(2026, 11, 1), "x", undefined, env("zh"))).toBe("错误（as_of）：“x”不是能识别的日期（请写成 2026-11-01 这样的格式）");
  });

  test("the language is looked up only when there is an error to show", () => {
    const lang = jest.fn((): Lang => "en");
    dpdCells([[utc(2026, 11, 1)]], utc(2026, 11, 14), undefined, { ...env(), lang });
    expect(lang).not.toHaveBeenCalled();
    dpdCells([["x"], ["y"]], utc(2026, 11, 14), undefined, { ...env(), lang });
    expect(lang).toHaveBeenCalledTimes(1);
  });
});

describe("BUCKET", () => {
  const bucket = (dpd: Arg, boundaries?: Arg, e = env()) => bucketCells(dpd, boundaries, e);

  test("every boundary of the default buckets", () => {
    expect(
      bucket([
        [0, 1, 30, 31],
        [60, 61, 90, 91],
        [500, "", "abc", -1],
      ]),
    ).toEqual([
      ["C", "M1", "M1", "M2"],
      ["M2", "M3", "M3", "M3+"],
      ["M3+", "", "ERROR: “abc” is not a whole number", "ERROR: “-1” is below zero"],
    ]);
  });

  test("a single value in gives a single value out", () => {
    expect(bucket(45)).toBe("M2");
    expect(bucket("5天")).toBe("M1");
    expect(bucket("")).toBe("");
    expect(bucket(2.5)).toBe("ERROR: “2.5” is not a whole number");
    expect(bucket(utc(2026, 1, 1))).toBe("ERROR: “2026-01-01” is not a whole number");
  });

  test("boundaries as a row or a column of 4 numbers", () => {
    expect(bucket([[0], [7], [8], [22]], [[1, 8, 15, 22]])).toEqual([["C"], ["M1"], ["M2"], ["M3+"]]);
    expect(bucket(14, [[1], [8], [15], [22]])).toBe("M2");
    expect(bucket(14, [["", ""]])).toBe("M1");
  });

  test("bad boundaries are reported in each non-blank cell", () => {
    const msg =
      "ERROR in boundaries: boundaries must be 4 whole numbers ≥ 1 in increasing order (the first DPD of M1, M2, M3 and M3+), not 1, 2, 3";
    expect(bucket([[5], [""]], [[1, 2, 3]])).toEqual([[msg], [""]]);
    expect(bucket(5, [[1, 31, 31, 91]])).toMatch(/^ERROR in boundaries/);
    expect(bucket(5, [[0, 31, 61, 91]])).toMatch(/^ERROR in boundaries/);
    expect(bucket(5, 7)).toMatch(/^ERROR in boundaries/);
  });
});

describe("REMINDER_CLASS", () => {
  const cls = (m1: Arg, dpd?: Arg, first?: Arg, asOf?: Arg, e = env()) => reminderClassCells(m1, dpd, first, asOf, e);

  test("A, B, C from the months in M1", () => {
    expect(cls(0)).toBe("A");
    expect(cls(1)).toBe("B");
    expect(cls(2)).toBe("C");
    expect(cls(3)).toBe("C");
    expect(cls("1次")).toBe("B");
  });

  test("more than 3 months is an error, as in the ledger's 近三月入M1次数 column", () => {
    expect(cls(4)).toMatch(/^ERROR/);
    expect(cls(4)).toContain("is not a number of months from 0 to 3");
  });

  test("blank when overdue", () => {
    expect(cls(0, 5)).toBe("");
    expect(cls(2, 0)).toBe("C");
    expect(cls(1, "")).toBe("B");
  });

  test("NEW before the first due date; A, B or C on it", () => {
    expect(cls(0, 0, utc(2026, 11, 16), utc(2026, 11, 15))).toBe("NEW");
    expect(cls(0, 0, utc(2026, 11, 16), utc(2026, 11, 16))).toBe("A");
    expect(cls("", 0, utc(2026, 11, 16), utc(2026, 11, 15))).toBe("NEW");
    expect(cls("", 0, utc(2026, 11, 16), utc(2026, 11, 16))).toBe("");
    expect(cls(1, 0, utc(2026, 12, 1), utc(2026, 11, 14))).toBe("NEW");
    // With a first due date the class needs as_of: never a silent today.
    expect(cls(1, 0, utc(2026, 12, 1))).toMatch(/^ERROR in as_of: give the date to count to/);
  });

  test("a range drives the shape; others pair up or apply to all", () => {
    const out = cls(
      [[0], [1], [2], [""], ["x"], [0]],
      [[0], [3], [""], [""], [0], [0]],
      [[""], [""], [""], [""], [""], [utc(2026, 12, 1)]],
      utc(2026, 11, 14),
    );
    expect(out).toEqual([["A"], [""], ["C"], [""], ["ERROR: “x” is not a whole number"], ["NEW"]]);
  });

  test("bad cells in other arguments name them", () => {
    expect(cls(0, "late")).toBe("ERROR in dpd: “late” is not a whole number");
    expect(cls(0, 0, "someday")).toMatch(/^ERROR in first_due_date: “someday” is not a date/);
    expect(cls(-1)).toBe("ERROR: “-1” is below zero");
  });
});

describe("sheetsEnv: dates in the spreadsheet's time zone", () => {
  function fakeApp(timeZone: string, locale = "en_US") {
    const calls = { timeZone: 0, locale: 0 };
    const app: SheetsEnvServices = {
      getActiveSpreadsheet: () => ({
        getSpreadsheetTimeZone: () => {
          calls.timeZone++;
          return timeZone;
        },
        getSpreadsheetLocale: () => {
          calls.locale++;
          return locale;
        },
      }),
    };
    return { app, calls };
  }

  const cases: [number[], number[], number][] = [
    [[2024, 2, 28], [2024, 3, 1], 2],
    [[2024, 2, 29], [2024, 3, 1], 1],
    [[2026, 1, 31], [2026, 3, 1], 29],
    [[2026, 11, 1], [2026, 11, 14], 13],
    [[2026, 12, 31], [2027, 1, 1], 1],
  ];

  for (const timeZone of ["UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati"]) {
    test(`DPD of Sheets dates at midnight in ${timeZone}`, () => {
      const { app, calls } = fakeApp(timeZone);
      const formatDate = jest.fn(intlFormatDate);
      const at = (ymd: number[]) => new Date(midnightIn(timeZone, ymd[0], ymd[1], ymd[2]));
      const out = dpdCells(
        cases.map(([u]) => [at(u)]),
        cases.map(([, t]) => [at(t)]),
        undefined,
        sheetsEnv(app, formatDate),
      );
      expect(out).toEqual(cases.map(([, , want]) => [want]));
      expect(calls.timeZone).toBe(1);
      expect(calls.locale).toBe(0);
      // One conversion per distinct instant (2024-03-01 appears twice).
      expect(formatDate).toHaveBeenCalledTimes(9);
      // Against text dates too: a Date read as its UTC date would be a day off east of UTC.
      const iso = (ymd: number[]) => ymd.map((n) => String(n).padStart(2, "0")).join("-");
      const mixed = dpdCells(
        cases.map(([u]) => [at(u)]),
        cases.map(([, t]) => [iso(t)]),
        undefined,
        sheetsEnv(app, intlFormatDate),
      );
      expect(mixed).toEqual(cases.map(([, , want]) => [want]));
    });
  }

  test("text dates follow the store's date order, and messages its language, as the daily job does", () => {
    const { app, calls } = fakeApp("UTC", "en_US");
    const dmy = () => ({ ...defaultSettings(), dateOrder: "DMY" as const, language: "zh" as const });
    // 1/11/2026 is 1 November for a DMY store: 13 days late on the 14th.
    expect(dpdCells("1/11/2026", "2026-11-14", undefined, sheetsEnv(app, intlFormatDate, dmy))).toBe(13);
    // Without settings (the defaults): month/day/year, 11 January.
    expect(dpdCells("1/11/2026", "2026-11-14", undefined, sheetsEnv(app, intlFormatDate))).toBe(307);
    expect(sheetsEnv(app, intlFormatDate, dmy).lang()).toBe("zh");
    expect(calls.locale).toBe(0);
  });

  test("Shanghai midnight is the day before in UTC, so the UTC date would be wrong", () => {
    const d = new Date(midnightIn("Asia/Shanghai", 2024, 2, 28));
    expect(d.toISOString()).toBe("2024-02-27T16:00:00.000Z");
    const { app } = fakeApp("Asia/Shanghai");
    expect(dpdCells(d, new Date(midnightIn("Asia/Shanghai", 2024, 3, 1)), undefined, sheetsEnv(app, intlFormatDate))).toBe(2);
  });

  test("error texts follow the spreadsheet's locale; the time zone is not read without dates", () => {
    const { app, calls } = fakeApp("Asia/Shanghai", "zh_CN");
    expect(bucketCells("abc", undefined, sheetsEnv(app, intlFormatDate))).toBe("错误：“abc”不是整数");
    expect(calls).toEqual({ timeZone: 0, locale: 1 });
  });

  test("a time zone the formatter cannot read gives an error text, not NaN", () => {
    const { app } = fakeApp("Mars/Olympus");
    const broken = () => "not a date";
    expect(dpdCells(utc(2026, 11, 1), "2026-11-14", undefined, sheetsEnv(app, broken))).toBe(
      "ERROR: “2026-11-01” is not a date Daihou can read (write it like 2026-11-01)",
    );
  });
});

describe("messages", () => {
  test("zh has exactly the keys of en, all non-empty", () => {
    expect(Object.keys(UI_MESSAGES.zh).sort()).toEqual(Object.keys(UI_MESSAGES.en).sort());
    for (const text of [...Object.values(UI_MESSAGES.en), ...Object.values(UI_MESSAGES.zh)]) expect(text.trim()).not.toBe("");
  });
});
