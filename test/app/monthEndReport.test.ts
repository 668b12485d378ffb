import { contactLogColumns, contactLogHeader, contactLogRow } from "../../src/app/contactLog";
import { MemoryBook } from "../../src/app/memoryBook";
import {
  RATIO_LABELS,
  REPORT_LABELS,
  REPORT_RATIOS,
  type StaffSummaryRow,
  TREND_AMOUNT,
  TREND_COUNT,
  monthEndFromBook,
  reportLabel,
  writeMonthEndReport,
} from "../../src/app/monthEndReport";
import { CONTACT_LOG_SHEET, LEDGER_SHEET, reportSheetName } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { BUCKETS } from "../../src/domain/classify";
import { emptyMonth, encodeMonth, historySheetName, recordDay } from "../../src/domain/history";
import type { Lang } from "../../src/domain/i18n";
import { ROLL_TO } from "../../src/domain/monthEnd";
import { parseIsoDay } from "../../src/domain/days";
import { defaultSettings } from "../../src/domain/settings";
import { entry } from "../fixtures/contactEntry";
import { handBook } from "../fixtures/handBook";

const SHEET = reportSheetName("2026-10");
const settings = defaultSettings();

/** The rows of a section: those after the row whose first cell is `title`, up to the next empty row (header first). */
function section(values: Cell[][], title: string): Cell[][] {
  const at = values.findIndex((r) => r[0] === title);
  if (at < 0) throw new Error(`no section “${title}”`);
  const out: Cell[][] = [];
  for (let i = at + 1; i < values.length && values[i].some((c) => c !== null && c !== undefined && c !== ""); i++) out.push(values[i]);
  return out;
}

// Hand values for October 2026 (test/fixtures/handStore.ts; the same as test/domain/monthEnd.test.ts):
// E′ = 30 Sep: active P1 10000, P2 10000, P3 8000 (C), P4 6000, P5 5000 (M1), P6 7000 (M2), P8 4000 (C), P9 3000 (M3+) → 53,000 over 8.
// E = 31 Oct: P2 M1 10000, P4 M2 6000, P9 M3+ 3000; P5 and P8 settled, P6 written off, P1 and P3 C, P7 new (C).
const HAND: Record<(typeof REPORT_RATIOS)[number], number> = {
  m1_ratio_amount: 10000 / 53000,
  m1_ratio_count: 1 / 8,
  m2_ratio_amount: 6000 / 53000,
  m2_ratio_count: 1 / 8,
  m3plus_ratio_amount: 3000 / 53000,
  m3plus_ratio_count: 1 / 8,
  c_m1_rate_amount: (10000 / 53500 + 8000 / 53000) / 2,
};

describe("the month-end report sheet on the hand-worked store, October 2026", () => {
  const book = handBook();
  const staff: StaffSummaryRow[] = [
    { staff: "王芳", dials: 40, reached: 22, ptps: 9, ptpsKept: 6, cured: 1 },
    { staff: "Li Lei", dials: 25, reached: 10, ptps: 3, ptpsKept: 1, cured: 0 },
  ];
  const report = writeMonthEndReport(book, "2026-10", settings, "en", staff);
  const values = book.read(SHEET) as Cell[][];
  const L = (key: keyof typeof REPORT_LABELS, params?: Record<string, string | number>) => reportLabel("en", key, params);

  it("is written under its bilingual name, with the same figures `daihou report --json` prints", () => {
    expect(report.sheet).toBe("月末报告 Report 2026-10");
    expect(values).not.toBeNull();
    expect(values[0][0]).toBe("Month-end report 2026-10");
    expect(values[1][0]).toBe("Previous month end E′ = 2026-09-30, month end E = 2026-10-31");
    expect(report.figures).toEqual(monthEndFromBook(book, "2026-10", settings));
  });

  it("figures table: the hand values as numbers, the baselines from settings, over or within", () => {
    const rows = section(values, L("figures"));
    expect(rows[0]).toEqual([L("figure"), L("value"), L("baseline"), L("status"), L("reason")]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(REPORT_RATIOS.map((k) => RATIO_LABELS[k].en));
    REPORT_RATIOS.forEach((key, i) => {
      const [, value, baseline, status, reason] = rows[i + 1];
      expect(value).toBeCloseTo(HAND[key], 12);
      expect(baseline).toBe(settings.baselines[key]);
      expect(status).toBe(HAND[key] > settings.baselines[key] ? L("over") : L("within"));
      expect(reason).toBe("");
    });
    // A baseline above the figure reads "within".
    const lenient = { ...settings, baselines: { ...settings.baselines, m1_ratio_count: 0.5 } };
    const other = new MemoryBook();
    for (const [name, sheet] of book.sheets) other.put(name, sheet.values);
    writeMonthEndReport(other, "2026-10", lenient, "en");
    expect(section(other.read(SHEET) as Cell[][], L("figures"))[2].slice(0, 4)).toEqual([
      RATIO_LABELS.m1_ratio_count.en,
      1 / 8,
      0.5,
      L("within"),
    ]);
  });

  it("ratios are written with a percent format, principal with a money format", () => {
    const options = book.sheets.get(SHEET)?.options;
    const formatAt = (row: number, col: number) =>
      options?.numberFormats?.find(
        (f) => row >= f.row && row < f.row + (f.rows ?? 1) && col >= f.column && col < f.column + (f.columns ?? 1),
      )?.format;
    const figureRow = values.findIndex((r) => r[0] === RATIO_LABELS.m1_ratio_amount.en) + 1;
    expect(formatAt(figureRow, 2)).toBe("percent");
    expect(formatAt(figureRow, 3)).toBe("percent");
    const principalRow = values.findIndex((r) => r[0] === L("roll_principal")) + 3; // title, header, then C
    expect(formatAt(principalRow, 2)).toBe("money");
    expect(options?.landscape).toBe(true);
  });

  it("C-M1 per due day", () => {
    const rows = section(values, L("c_m1"));
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      [1, expect.closeTo(10000 / 53500, 12), ""],
      [16, expect.closeTo(8000 / 53000, 12), ""],
    ]);
  });

  it("trend: a row per month the history covers up to the month, the seven ratios, empty where unavailable", () => {
    expect(book.sheetNames().filter((n) => n.startsWith("历史 History"))).toEqual(
      ["2026-08", "2026-09", "2026-10", "2026-11"].map(historySheetName),
    );
    const rows = section(values, L("trend"));
    const columns = [...TREND_AMOUNT, ...TREND_COUNT];
    expect(rows[0]).toEqual([L("month"), ...columns.map((k) => RATIO_LABELS[k].en)]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["2026-08", "2026-09", "2026-10"]);
    // August: E′ = 31 July is before the history starts.
    expect(rows[1].slice(1).every((c) => c === null)).toBe(true);
    // September by hand: E′ = 31 Aug: P1 11000, P2 10000, P3 8500, P4 6000, P5 5000, P8 4000 (C), P6 7000 (M1, DPD 15), P9 3000 (M3, DPD 61) → 54,500 over 8.
    // E = 30 Sep: P4 6000 and P5 5000 in M1, P6 7000 in M2, P9 3000 in M3+. C-M1: the job had not run on 2 August (the base) → unavailable.
    const sep = Object.fromEntries(columns.map((k, i) => [k, rows[2][i + 1]]));
    expect(sep.m1_ratio_amount).toBeCloseTo(11000 / 54500, 12);
    expect(sep.m1_ratio_count).toBeCloseTo(2 / 8, 12);
    expect(sep.m2_ratio_amount).toBeCloseTo(7000 / 54500, 12);
    expect(sep.m3plus_ratio_amount).toBeCloseTo(3000 / 54500, 12);
    expect(sep.m3plus_ratio_count).toBeCloseTo(1 / 8, 12);
    expect(sep.c_m1_rate_amount).toBeNull();
    for (const [i, k] of columns.entries()) expect(rows[3][i + 1]).toBeCloseTo(HAND[k], 12);
    expect(report.trend.map((f) => f.month)).toEqual(["2026-08", "2026-09", "2026-10"]);
  });

  it("two line charts over the trend table, beside the tables", () => {
    const charts = book.sheets.get(SHEET)?.charts ?? [];
    const header = values.findIndex((r) => r[0] === L("month")) + 1;
    expect(
      charts.map((c) => [c.title, c.headerRow, c.firstRow, c.lastRow, c.categoryColumn, c.firstSeriesColumn, c.lastSeriesColumn]),
    ).toEqual([
      [L("chart_amount"), header, header + 1, header + 3, 1, 2, 1 + TREND_AMOUNT.length],
      [L("chart_count"), header, header + 1, header + 3, 1, 2 + TREND_AMOUNT.length, 1 + TREND_AMOUNT.length + TREND_COUNT.length],
    ]);
    expect(charts.every((c) => c.anchor.column > 8 && c.valueFormat === "percent")).toBe(true);
  });

  it("roll matrix: every cell, counts and Σ principal at E′", () => {
    const counts = section(values, L("roll_count"));
    const principal = section(values, L("roll_principal"));
    const states = ["C", "M1", "M2", "M3", "M3+", "settled", "written off"];
    expect(counts[0]).toEqual([L("roll_corner"), ...states]);
    expect(principal[0]).toEqual([L("roll_corner"), ...states]);
    expect(counts.slice(1).map((r) => r[0])).toEqual([...BUCKETS]);
    for (const r of [...counts.slice(1), ...principal.slice(1)]) {
      expect(r).toHaveLength(1 + ROLL_TO.length);
      expect(r.slice(1).every((c) => typeof c === "number")).toBe(true);
    }
    const cell = (rows: Cell[][], from: string, to: string) => rows[1 + BUCKETS.indexOf(from as never)][1 + ROLL_TO.indexOf(to as never)];
    const expected: [string, string, number, number][] = [
      ["C", "C", 2, 18000], // P1, P3
      ["C", "M1", 1, 10000], // P2
      ["C", "settled", 1, 4000], // P8
      ["M1", "M2", 1, 6000], // P4
      ["M1", "settled", 1, 5000], // P5
      ["M2", "written_off", 1, 7000], // P6
      ["M3+", "M3+", 1, 3000], // P9
    ];
    let total = 0;
    for (const [from, to, n, amount] of expected) {
      expect([from, to, cell(counts, from, to), cell(principal, from, to)]).toEqual([from, to, n, amount]);
      total += n;
    }
    const allCounts = counts.slice(1).flatMap((r) => r.slice(1) as number[]);
    expect(allCounts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it("M1 outcome in the course's words", () => {
    const rows = section(values, L("m1_outcome"));
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["ONE 优秀 (excellent)", 1, 0.5], // P5 settled
      ["TWO 能接受 (acceptable)", 0, 0],
      ["THREE oh no!!!", 1, 0.5], // P4 to M2
    ]);
  });

  it("staff summary, one row per collector as given", () => {
    const rows = section(values, L("staff"));
    expect(rows).toEqual([
      [L("collector"), L("dials"), L("reached"), L("ptps"), L("ptps_kept"), L("cured")],
      ["王芳", 40, 22, 9, 6, 1],
      ["Li Lei", 25, 10, 3, 1, 0],
    ]);
    const without = new MemoryBook();
    for (const [name, sheet] of book.sheets) without.put(name, sheet.values);
    writeMonthEndReport(without, "2026-10", settings, "en");
    expect((without.read(SHEET) as Cell[][]).some((r) => r[0] === L("staff"))).toBe(false);
  });

  it("without rows given, the staff summary comes from the book's contact log", () => {
    const withLog = new MemoryBook();
    for (const [name, sheet] of book.sheets) withLog.put(name, sheet.values);
    const oct = (day: number) => parseIsoDay(`2026-10-${String(day).padStart(2, "0")}`);
    const log = [
      // 甲 dials P2 twice (no answer, then a promise for 25 Oct that is not kept: P2 stays unpaid).
      entry({ date: oct(5), staff: "甲", loanId: "P2", outcome: "no_answer", sourceRow: 2 }),
      entry({
        date: oct(6),
        staff: "甲",
        loanId: "P2",
        outcome: "ptp",
        ptpDate: oct(25),
        ptpAmount: 1000,
        ptpMethod: "wechat",
        sourceRow: 3,
      }),
      // 乙 reaches P3 in M1 on 18 Oct; P3 pays on the 20th and is C at the month end: cured.
      entry({ date: oct(18), staff: "乙", loanId: "P3", outcome: "says_paid", sourceRow: 4 }),
    ];
    const at = contactLogColumns([contactLogHeader("en")]);
    withLog.put(CONTACT_LOG_SHEET, [contactLogHeader("en"), ...log.map((e) => contactLogRow(e, "en", at))]);
    writeMonthEndReport(withLog, "2026-10", settings, "en");
    const rows = section(withLog.read(SHEET) as Cell[][], L("staff"));
    expect(rows.slice(1).sort((a, b) => String(a[0]).localeCompare(String(b[0]), "zh"))).toEqual([
      ["甲", 2, 1, 1, 0, 0],
      ["乙", 1, 1, 0, 0, 1],
    ]);
  });

  it("lists the accounts that rolled worse (P2, P6, P4) and those that cured (P5), largest principal first", () => {
    // P3 missed 16 October and paid on the 20th: C at both month ends, so neither list.
    const worse = section(values, L("rolled_worse", { count: 3 }));
    expect(worse).toEqual([
      [L("loan_id"), L("at_prev"), L("at_end"), L("principal_prev")],
      ["P2", "C", "M1", 10000],
      ["P6", "M2", "written off", 7000],
      ["P4", "M1", "M2", 6000],
    ]);
    expect(section(values, L("cured_list", { count: 1 })).slice(1)).toEqual([["P5", "M1", "settled", 5000]]);
    expect(report.transitions?.map((t) => t.loanId)).toEqual(["P1", "P2", "P3", "P4", "P5", "P6", "P8", "P9"]);
  });

  it("writes every label in Chinese too", () => {
    const zhBook = new MemoryBook();
    for (const [name, sheet] of book.sheets) zhBook.put(name, sheet.values);
    writeMonthEndReport(zhBook, "2026-10", settings, "zh", staff);
    const zh = zhBook.read(SHEET) as Cell[][];
    const Z = (key: keyof typeof REPORT_LABELS, params?: Record<string, string | number>) => reportLabel("zh", key, params);
    expect(zh[0][0]).toBe("月末报告 2026-10");
    for (const title of ["figures", "c_m1", "trend", "roll_count", "roll_principal", "m1_outcome", "staff"] as const) section(zh, Z(title));
    expect(section(zh, Z("m1_outcome")).map((r) => r[0])).toEqual([Z("outcome"), "ONE 优秀", "TWO 能接受", "THREE oh no!!!"]);
    expect(section(zh, Z("rolled_worse", { count: 3 }))[2]).toEqual(["P6", "M2", "核销", 7000]);
    expect(section(zh, Z("cured_list", { count: 1 }))[1]).toEqual(["P5", "M1", "结清", 5000]);
    expect(zhBook.sheets.get(SHEET)?.charts.map((c) => c.title)).toEqual([Z("chart_amount"), Z("chart_count")]);
  });

  it("every label has both languages", () => {
    for (const [key, text] of Object.entries(REPORT_LABELS)) {
      for (const lang of ["zh", "en"] as Lang[])
        expect([key, typeof text[lang] === "string" && text[lang].length > 0]).toEqual([key, true]);
    }
  });

  it("a month the history does not reach: the figures are empty with the reason, and re-writing replaces the sheet", () => {
    const b = new MemoryBook();
    for (const [name, sheet] of book.sheets) b.put(name, sheet.values);
    writeMonthEndReport(b, "2026-11", settings, "en");
    const nov = b.read(reportSheetName("2026-11")) as Cell[][];
    const rows = section(nov, L("figures"));
    expect(rows[1].slice(0, 5)).toEqual([
      RATIO_LABELS.m1_ratio_amount.en,
      null,
      0.03,
      L("unavailable"),
      "the job has not run on or around 2026-11-30",
    ]);
    expect(section(nov, L("rolled_worse", { count: "—" }))[1]).toEqual([L("unavailable"), "the job has not run on or around 2026-11-30"]);
    writeMonthEndReport(b, "2026-11", settings, "en");
    expect(b.sheetNames().filter((n) => n === reportSheetName("2026-11"))).toHaveLength(1);
    expect(b.sheets.get(reportSheetName("2026-11"))?.charts).toHaveLength(2);
  });
});

describe("the staff summary judges promises with the ledger's installment, as the daily job does", () => {
  const oct = (day: number) => parseIsoDay(`2026-10-${String(day).padStart(2, "0")}`);
  const A = (u: string, principal: number) => ({ oldestUnpaid: parseIsoDay(u), principal, status: "A" as const });
  // P is two installments behind on 5 Oct; 丙 gets a promise of 1,000 (one installment) for 10 Oct. By then one
  // installment is cleared (oldest unpaid moves from 16 Aug to 16 Sep) though principal fell only 300 (the rest was interest).
  function book(): MemoryBook {
    const b = new MemoryBook();
    let h = emptyMonth("2026-10");
    for (const [day, obs] of [
      [5, A("2026-08-16", 10000)],
      [10, A("2026-09-16", 9700)],
      [31, A("2026-09-16", 9700)],
    ] as const)
      h = recordDay(h, oct(day), new Map([["P", { obs, dueDay: 16 }]]));
    b.put(historySheetName("2026-10"), encodeMonth(h));
    const at = contactLogColumns([contactLogHeader("en")]);
    const promise = entry({
      date: oct(6),
      staff: "丙",
      loanId: "P",
      outcome: "ptp",
      ptpDate: oct(10),
      ptpAmount: 1000,
      ptpMethod: "wechat",
    });
    b.put(CONTACT_LOG_SHEET, [contactLogHeader("en"), contactLogRow(promise, "en", at)]);
    return b;
  }
  const staffRow = (b: MemoryBook) => section(b.read(SHEET) as Cell[][], reportLabel("en", "staff")).slice(1);

  it("kept with the ledger's installment of 1,000; only the principal's fall (partial) without a ledger", () => {
    const withLedger = book();
    withLedger.put(LEDGER_SHEET, [
      ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "每期还款额", "还款日"],
      ["P", "钱七", "13800000009", 9700, "2026-09-16", 1000, 16],
    ]);
    writeMonthEndReport(withLedger, "2026-10", settings, "en", undefined, { sheet: LEDGER_SHEET });
    expect(staffRow(withLedger)).toEqual([["丙", 1, 1, 1, 1, 0]]);
    const without = book();
    writeMonthEndReport(without, "2026-10", settings, "en");
    expect(staffRow(without)).toEqual([["丙", 1, 1, 1, 0, 0]]);
  });
});
