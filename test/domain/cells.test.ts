/**
 * Reading single cells (SPEC §3 "Parsing"). Expected Days are hand-computed:
 * 2026-11-01 = 20758 (see days.test.ts); spreadsheet serial 25569 = 1970-01-01, so
 * serial s is Day s − 25569 and 46327 − 25569 = 20758 = 2026-11-01.
 */
import fc from "fast-check";
import {
  type Cell,
  type CellContext,
  DEFAULT_CELL_CONTEXT,
  cellText,
  errorOf,
  isBlank,
  isCellError,
  readAmount,
  readDate,
  readPhone,
  readText,
  readWholeNumber,
} from "../../src/domain/cells";

const DAY_2026_11_01 = 20758;
const DAY_2026_01_11 = 20454 + 10; // 2026-01-01 = 20454
const DAY_2026_01_13 = 20454 + 12;
const DAY_2028_02_29 = 21243;
const DAY_2024_02_29 = 19782;

const MDY: CellContext = { ...DEFAULT_CELL_CONTEXT, dateOrder: "MDY" };
const DMY: CellContext = { ...DEFAULT_CELL_CONTEXT, dateOrder: "DMY" };

describe("readDate: every date form of SPEC §3", () => {
  it.each<[string, Cell, number]>([
    ["Date object at UTC midnight", new Date(Date.UTC(2026, 10, 1)), DAY_2026_11_01],
    ["Date object late in the UTC day", new Date(Date.UTC(2026, 10, 1, 23, 30)), DAY_2026_11_01],
    ["serial number 46327", 46327, DAY_2026_11_01],
    ["serial number with a time fraction", 46327.75, DAY_2026_11_01],
    ["serial 25569 = 1970-01-01", 25569, 0],
    ["serial 25568 = 1969-12-31", 25568, -1],
    ["numeric text serial", "46327", DAY_2026_11_01],
    ["numeric text serial with spaces", " 46327 ", DAY_2026_11_01],
    ["ISO text", "2026-11-01", DAY_2026_11_01],
    ["slashes, no padding", "2026/11/1", DAY_2026_11_01],
    ["slashes, padded", "2026/11/01", DAY_2026_11_01],
    ["dots", "2026.11.01", DAY_2026_11_01],
    ["Chinese", "2026年11月1日", DAY_2026_11_01],
    ["Chinese, padded", "2026年11月01日", DAY_2026_11_01],
    ["ISO with a time", "2026-11-01 00:00:00", DAY_2026_11_01],
    ["full-width digits and dashes", "２０２６－１１－０１", DAY_2026_11_01],
    ["full-width slashes", "２０２６／１１／１", DAY_2026_11_01],
    ["yyyymmdd number", 20261101, DAY_2026_11_01],
    ["yyyymmdd text", "20261101", DAY_2026_11_01],
    ["leap day 2028-02-29", "2028-02-29", DAY_2028_02_29],
    ["leap day 2024/2/29", "2024/2/29", DAY_2024_02_29],
  ])("%s", (_label, cell, want) => {
    expect(readDate(cell)).toBe(want);
  });

  it("11/1/2026 is 1 November under MDY and 11 January under DMY", () => {
    expect(readDate("11/1/2026", MDY)).toBe(DAY_2026_11_01);
    expect(readDate("11/1/2026", DMY)).toBe(DAY_2026_01_11);
    expect(readDate("1/11/2026", DMY)).toBe(DAY_2026_11_01);
    expect(readDate("01/11/2026", MDY)).toBe(DAY_2026_01_11);
  });

  it("the default order is MDY", () => {
    expect(readDate("11/1/2026")).toBe(DAY_2026_11_01);
  });

  it("13/1/2026 and 1/13/2026 are unambiguous whatever the setting", () => {
    for (const ctx of [MDY, DMY]) {
      expect(readDate("13/1/2026", ctx)).toBe(DAY_2026_01_13);
      expect(readDate("1/13/2026", ctx)).toBe(DAY_2026_01_13);
    }
  });

  it("uses the context's own Date-to-day conversion for Date objects", () => {
    const shanghai: CellContext = { dateOrder: "MDY", dateToDay: (d) => Math.floor((d.getTime() + 8 * 3_600_000) / 86_400_000) };
    // 2026-10-31T16:00Z is midnight of 2026-11-01 in UTC+8
    expect(readDate(new Date(Date.UTC(2026, 9, 31, 16)), shanghai)).toBe(DAY_2026_11_01);
  });

  it.each<[string, Cell]>([
    ["2026-02-30", "2026-02-30"],
    ["2026-02-29 (not a leap year)", "2026-02-29"],
    ["2026/4/31", "2026/4/31"],
    ["2026年2月30日", "2026年2月30日"],
    ["31/2/2026 (DMY reading forced)", "31/2/2026"],
    ["20260230 as a number", 20260230],
  ])("impossible calendar date %s → impossible_date", (_label, cell) => {
    const r = readDate(cell);
    expect(isCellError(r) && r.code).toBe("impossible_date");
  });

  it.each<[string, Cell]>([
    ["garbage text", "abc"],
    ["Chinese words", "明天"],
    ["month 13", "2026-13-01"],
    ["day 32", "2026-01-32"],
    ["half a date", "2026-11"],
    ["a boolean", true],
    ["a tiny number", 5],
    ["a negative number", -3],
    ["an Invalid Date", new Date(Number.NaN)],
  ])("unreadable %s → bad_date", (_label, cell) => {
    const r = readDate(cell);
    expect(isCellError(r) && r.code).toBe("bad_date");
  });

  it.each<[Cell, string]>([
    ["#N/A", "#N/A"],
    ["#REF!", "#REF!"],
    [" #VALUE! ", "#VALUE!"],
    ["#DIV/0!", "#DIV/0!"],
    [{ error: "#N/A" }, "#N/A"],
    [{ error: "#REF!" }, "#REF!"],
  ])("error value %p → error_value", (cell, text) => {
    expect(readDate(cell)).toEqual({ code: "error_value", text });
  });

  it("a formula left as text → formula", () => {
    const r = readDate("=DATE(2026,11,1)");
    expect(isCellError(r) && r.code).toBe("formula");
  });

  it("an error keeps the text the store typed", () => {
    expect(readDate("abc")).toEqual({ code: "bad_date", text: "abc" });
    expect(readDate("2026-02-30")).toEqual({ code: "impossible_date", text: "2026-02-30" });
  });
});

describe("readAmount: every money form of SPEC §3", () => {
  it.each<[Cell, number]>([
    ["12,345.67", 12345.67],
    ["¥8000", 8000],
    ["￥8,000", 8000],
    ["8000元", 8000],
    ["8,000.00 元", 8000],
    ["¥ 8,000元", 8000],
    ["１２３４５", 12345],
    ["１２，３４５．５", 12345.5],
    ["1.2万", 12000],
    ["1.2万元", 12000],
    ["3万", 30000],
    ["8000", 8000],
    [" 8000 ", 8000],
    [8000, 8000],
    [12345.67, 12345.67],
    [0, 0],
    ["0", 0],
    [-500, -500],
    ["-500", -500],
    ["-1,500.50", -1500.5],
    ["人民币5000", 5000],
    ["RMB 5,000", 5000],
  ])("%p → %p", (cell, want) => {
    expect(readAmount(cell)).toBe(want);
  });

  it.each<Cell>(["abc", "八千", "12.3.4", "1,2a", "¥", "万", true, new Date(Date.UTC(2026, 10, 1)), Number.NaN, Number.POSITIVE_INFINITY])(
    "%p → bad_amount",
    (cell) => {
      const r = readAmount(cell);
      expect(isCellError(r) && r.code).toBe("bad_amount");
    },
  );

  it("bad_amount keeps the store's text", () => {
    expect(readAmount(" abc ")).toEqual({ code: "bad_amount", text: " abc " });
  });

  it("error values → error_value", () => {
    expect(readAmount("#N/A")).toEqual({ code: "error_value", text: "#N/A" });
    expect(readAmount("#REF!")).toEqual({ code: "error_value", text: "#REF!" });
    expect(readAmount({ error: "#N/A" })).toEqual({ code: "error_value", text: "#N/A" });
  });

  it("a formula left as text → formula", () => {
    const r = readAmount("=1000+234.56");
    expect(isCellError(r) && r.code).toBe("formula");
  });
});

describe("readWholeNumber", () => {
  it.each<[Cell, number]>([
    [5, 5],
    ["5", 5],
    ["5天", 5],
    ["１５", 15],
    ["每月15日", 15],
    ["16号", 16],
    ["2次", 2],
    ["0", 0],
    ["-3", -3],
  ])("%p → %p", (cell, want) => expect(readWholeNumber(cell)).toBe(want));

  it.each<Cell>(["abc", "1.5", 1.5, "五"])("%p → bad_number", (cell) => {
    const r = readWholeNumber(cell);
    expect(isCellError(r) && r.code).toBe("bad_number");
  });

  it("error values → error_value", () => {
    expect(readWholeNumber({ error: "#N/A" })).toEqual({ code: "error_value", text: "#N/A" });
    expect(readWholeNumber("#REF!")).toEqual({ code: "error_value", text: "#REF!" });
  });
});

describe("text, blanks and phones", () => {
  it("isBlank: null, undefined, empty and whitespace (including the full-width space)", () => {
    for (const v of [null, undefined, "", "   ", "\u3000", "\t"] as Cell[]) expect(isBlank(v)).toBe(true);
    for (const v of [0, "0", false, "x", { error: "#N/A" }] as Cell[]) expect(isBlank(v)).toBe(false);
  });
  it("cellText / readText", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(1001)).toBe("1001");
    expect(cellText(new Date(Date.UTC(2026, 10, 1)))).toBe("2026-11-01");
    expect(cellText({ error: "#N/A" })).toBe("#N/A");
    expect(readText("  张三 ")).toBe("张三");
  });
  it.each<[Cell, string]>([
    ["13800138000", "13800138000"],
    [13800138000, "13800138000"],
    ["138-0013-8000", "13800138000"],
    ["138 0013 8000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["0086-13800138000", "13800138000"],
    ["(010) 6552-1234", "01065521234"],
    ["（０１０）６５５２１２３４", "01065521234"],
    ["", ""],
    [null, ""],
    ["none", ""],
    ["无", ""],
    ["#N/A", ""],
    [{ error: "#N/A" }, ""],
  ])("readPhone(%p) = %p", (cell, want) => expect(readPhone(cell)).toBe(want));
});

describe("the fast paths read exactly what the general rules read (property)", () => {
  // The general rules, written out here as SPEC §3 states them (independent of the fast paths in cells.ts).
  const amountByRule = (s: string): number | "bad" => {
    const text = s.normalize("NFKC").replace(/[\s,¥$]|RMB|CNY|人民币|元/gi, "");
    return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Math.round(Number(text) * 100) / 100 : "bad";
  };
  const phoneByRule = (s: string): string => {
    const text = s
      .normalize("NFKC")
      .replace(/[\s\-()（）.]/g, "")
      .replace(/^(\+86|0086)(?=1\d{10}$)/, "");
    return /^\+?\d{5,20}$/.test(text) ? text : "";
  };
  const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

  it("amounts of digits and a decimal point", () => {
    fc.assert(
      fc.property(digits(0, 16), fc.option(digits(0, 4), { nil: undefined }), (whole, frac) => {
        const s = frac === undefined ? whole : `${whole}.${frac}`;
        const got = readAmount(s);
        expect(isCellError(got) ? "bad" : got).toBe(amountByRule(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("phones of digits, spaces, dashes, brackets and dots", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789 -().+"), maxLength: 24 }), (s) => {
        expect(readPhone(s)).toBe(phoneByRule(s));
      }),
      { numRuns: 2000 },
    );
    for (const s of ["0086 138 1234 5678", "008613812345678", "+86 138-1234-5678", "021-66440985", "13950200853"])
      expect(readPhone(s)).toBe(phoneByRule(s));
  });

  it("phones with full-width characters, +86, letters and other separators", () => {
    const unit = fc.constantFrom(..."0123456789 -().+８６（）\u3000\u00a0#a元", "０", "１");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (s) => {
        expect(readPhone(s)).toBe(errorOf(s) ? "" : phoneByRule(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("yyyy-mm-dd dates, real or not, and near misses", () => {
    const n2 = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, "0"));
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
        n2,
        n2,
      )
      .map(([y, m, d]) => `${y}-${m}-${d}`);
    const byRule = (s: string): number | string => {
      const [y, m, d] = s.split("-").map(Number);
      if (m < 1 || m > 12 || d < 1 || d > 31) return "bad_date";
      const t = new Date(0);
      t.setUTCFullYear(y, m - 1, d);
      return t.getUTCMonth() === m - 1 ? t.getTime() / 86_400_000 : "impossible_date";
    };
    fc.assert(
      fc.property(iso, (s) => {
        const got = readDate(s);
        expect(isCellError(got) ? got.code : got).toBe(byRule(s));
        if (isCellError(got)) expect(got.text).toBe(s);
      }),
      { numRuns: 3000 },
    );
    // Near misses go to the general rules (full-width digits, spaces, a slash, a missing zero, a letter).
    for (const s of ["２０２６-１１-０１", " 2026-11-01", "2026-11-01 ", "2026/11/01", "2026-11-1", "2026-11-01T08:00"]) {
      expect(readDate(s)).toBe(DAY_2026_11_01);
    }
    expect(readDate("2026-1-11")).toBe(DAY_2026_01_11);
    expect(readDate("2026-11-0a")).toEqual({ code: "bad_date", text: "2026-11-0a" });
    expect(readDate("2026-11-31")).toEqual({ code: "impossible_date", text: "2026-11-31" });
  });

  it("whole numbers of digits, and digits with other characters", () => {
    const byRule = (s: string): number | "bad" => {
      const text = s
        .normalize("NFKC")
        .replace(/\s+/g, "")
        .replace(/^每月/, "")
        .replace(/[日号天次]$/, "");
      return /^[-+]?\d+$/.test(text) ? Number(text) : "bad";
    };
    const unit = fc.constantFrom(..."0123456789 +-日天１", "每月");
    fc.assert(
      fc.property(fc.oneof(digits(0, 20), fc.string({ unit, maxLength: 8 })), (s) => {
        const got = readWholeNumber(s);
        expect(isCellError(got) ? "bad" : got).toBe(byRule(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("text is trimmed of every kind of space, and only error values are errors", () => {
    const unit = fc.constantFrom(..."ab张 #\t\n\u3000\u00a0\u2003\ufeff", "N/A", "REF!");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), (s) => {
        expect(readText(s)).toBe(s.trim());
        expect(errorOf(s) !== null).toBe(/^#(N\/A|REF!)$/i.test(s.trim()));
      }),
      { numRuns: 3000 },
    );
  });

  it("error values are found whatever the text starts with, and blanks are blank", () => {
    const starts = fc.constantFrom("", " ", "\u3000", "\u00a0", "#", "＃", "a", "王", "1");
    fc.assert(
      fc.property(starts, fc.constantFrom("#N/A", "#REF!", "#n/a", "N/A", "", " "), (a, b) => {
        const s = a + b;
        const isError = /^#(N\/A|REF!)$/i.test(s.trim());
        expect(isCellError(readAmount(s)) && (readAmount(s) as { code: string }).code === "error_value").toBe(isError);
        expect(isBlank(s)).toBe(s.normalize("NFKC").trim() === "");
      }),
    );
  });
});
