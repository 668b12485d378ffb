/** The message catalogue: both languages have the same keys and the same placeholders. */
import type { CellError } from "../../src/domain/cells";
import { FIELD_KEYS } from "../../src/domain/fields";
import { type MessageKey, en, langOfLocale, t, zh } from "../../src/domain/i18n";

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe("message catalogue", () => {
  const enKeys = Object.keys(en).sort();
  const zhKeys = Object.keys(zh).sort();

  it("zh and en have exactly the same keys", () => {
    expect(zhKeys).toEqual(enKeys);
    expect(enKeys.length).toBeGreaterThan(0);
  });

  it.each(enKeys)("%s: same placeholders in both languages, and no empty text", (key) => {
    const k = key as MessageKey;
    expect(placeholders(zh[k])).toEqual(placeholders(en[k]));
    expect(en[k].trim()).not.toBe("");
    expect(zh[k].trim()).not.toBe("");
  });

  it("every ledger field has a name in both languages", () => {
    for (const f of FIELD_KEYS) {
      expect(enKeys).toContain(`field.${f}`);
    }
  });

  it("every cell error code has a reason message", () => {
    const codes: CellError["code"][] = ["error_value", "bad_date", "impossible_date", "bad_amount", "bad_number", "formula"];
    for (const c of codes) expect(enKeys).toContain(`reason.${c}`);
  });

  it("every bucket has a name", () => {
    for (const b of ["C", "M1", "M2", "M3", "M3+"]) expect(enKeys).toContain(`bucket.${b}`);
  });
});

describe("t()", () => {
  it("fills placeholders, in both languages", () => {
    expect(t("en", "reason.bad_amount", { text: "abc" })).toBe("“abc” is not an amount of money");
    expect(t("zh", "reason.bad_amount", { text: "abc" })).toBe("“abc”不是金额");
    expect(t("en", "problem.line", { file: "a.csv", row: 4, column: "合同编号", reason: "there is no loan id" })).toBe(
      "a.csv: row 4, column “合同编号”: there is no loan id",
    );
    expect(t("zh", "problem.line", { file: "a.csv", row: 4, column: "合同编号", reason: "没有合同编号" })).toBe(
      "a.csv：第 4 行，“合同编号”列：没有合同编号",
    );
  });
  it("fills every occurrence and leaves an unknown placeholder visible", () => {
    expect(t("en", "reason.future_oldest_unpaid", { date: "2026-11-15" })).toBe(
      "the oldest unpaid due date 2026-11-15 is after the run date {asOf}",
    );
  });
  it("a message without placeholders comes back as it is", () => {
    expect(t("en", "reason.no_id")).toBe(en["reason.no_id"]);
    expect(t("zh", "reason.no_id")).toBe(zh["reason.no_id"]);
  });
  it("values containing braces or $ patterns are inserted literally", () => {
    expect(t("en", "reason.bad_amount", { text: "$& {text}" })).toBe("“$& {text}” is not an amount of money");
  });
});

describe("langOfLocale", () => {
  it.each([
    ["zh_CN", "zh"],
    ["zh-TW", "zh"],
    ["zh", "zh"],
    ["ZH_cn", "zh"],
    ["en_US", "en"],
    ["en", "en"],
    ["fr_FR", "en"],
    ["", "en"],
    [null, "en"],
    [undefined, "en"],
  ])("%p → %s", (locale, want) => expect(langOfLocale(locale)).toBe(want));
});
