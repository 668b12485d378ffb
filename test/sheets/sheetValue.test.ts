import { asSheetValue } from "../../src/sheets/sheetsBook";

describe("text written to Sheets stays text", () => {
  it.each([
    '=HYPERLINK("http://x","y")',
    "+8613800000000",
    "-5",
    "@home",
    "0012",
    "1e5",
    "2026-11",
    "2026-11-01",
    "11/1",
    "12:30",
    "50%",
    "TRUE",
    "13800000001",
  ])("%s gets a leading apostrophe", (text) => {
    expect(asSheetValue(text)).toBe(`'${text}`);
  });
  it.each(["张三", "HT202600001", "M1", "A*", "最早未还款日 2026-10-16，宽限 0 天 → 逾期 29 天 → M1", ""])(
    "%s is written as it is",
    (text) => {
      expect(asSheetValue(text)).toBe(text);
    },
  );
  it("numbers, booleans and dates pass through; blanks become empty", () => {
    const date = new Date(0);
    expect(asSheetValue(12.5)).toBe(12.5);
    expect(asSheetValue(true)).toBe(true);
    expect(asSheetValue(date)).toBe(date);
    expect(asSheetValue(null)).toBe("");
  });
});
