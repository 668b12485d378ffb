/**
 * Finding fields by header (SPEC §3's table). The synonyms below are copied from
 * SPEC.md by hand, not taken from FIELD_HEADERS, so the code is checked against SPEC.
 */
import { type FieldKey, mapHeaders, normalizeHeader } from "../../src/domain/fields";

/** SPEC §3, "example headers", field by field. */
const SPEC_HEADERS: [FieldKey, string[]][] = [
  ["loan_id", ["合同编号", "合同号", "借款编号", "贷款编号", "借据号", "Loan ID", "Contract No"]],
  ["customer", ["客户姓名", "姓名", "借款人", "Customer", "Name"]],
  ["mobile", ["手机号码", "手机", "Mobile"]],
  ["work_phone", ["单位电话", "公司电话", "Work phone"]],
  ["home_phone", ["家庭电话", "住宅电话", "Home phone"]],
  ["outstanding_principal", ["剩余本金", "未还本金", "贷款余额", "Outstanding principal"]],
  ["oldest_unpaid_due_date", ["最早未还款日", "Oldest unpaid due date"]],
  ["dpd", ["逾期天数", "DPD", "Days past due"]],
  ["due_day", ["还款日", "每月还款日", "Due day"]],
  ["next_due_date", ["下期还款日", "Next due date"]],
  ["installment", ["每期还款额", "月还款额", "期供", "Installment"]],
  ["disbursed_on", ["放款日期", "Disbursed on"]],
  ["first_due_date", ["首期还款日", "First due date"]],
  ["status", ["状态", "Status"]],
  ["manager", ["客户经理", "Account manager"]],
  ["collector", ["催收员", "贷后专员", "Collector"]],
  ["preferred_time", ["方便联系时间", "Preferred contact time"]],
  ["m1_entries_3m", ["近三月入M1次数", "M1 months (last 3)"]],
];

const CASES = SPEC_HEADERS.flatMap(([field, headers]) => headers.map((h) => [field, h] as [FieldKey, string]));

/** ASCII → full-width forms (U+FF01…U+FF5E), space → ideographic space U+3000. */
function fullWidth(s: string): string {
  return [...s].map((c) => (c === " " ? "\u3000" : c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
}

describe("every SPEC §3 header synonym is recognised", () => {
  it("the SPEC list written out here has all 18 fields", () => {
    expect(SPEC_HEADERS).toHaveLength(18);
    expect(CASES).toHaveLength(54); // 7+5+3+3+3+4+2+3+3+2+4+2+2+2+2+3+2+2
  });

  it.each(CASES)("%s ← “%s”", (field, header) => {
    expect(mapHeaders([header]).columns[field]).toBe(0);
  });

  it.each(CASES)("%s ← “%s” in upper case, lower case, padded and full-width", (field, header) => {
    for (const variant of [
      header.toUpperCase(),
      header.toLowerCase(),
      `  ${header} `,
      fullWidth(header),
      fullWidth(header.toUpperCase()),
    ]) {
      expect(mapHeaders(["备注", variant]).columns[field]).toBe(1);
    }
  });

  it.each(CASES)("%s ← “%s” with spaces inside, doubled or removed", (field, header) => {
    const spaced = [...header].join(" ");
    const doubled = header.replace(/ /g, "  ");
    const joined = header.replace(/ /g, "");
    for (const variant of [spaced, doubled, joined]) expect(mapHeaders([variant]).columns[field]).toBe(0);
  });

  it.each([
    ["ＬＯＡＮ　ＩＤ", "loan_id"],
    [" loan id ", "loan_id"],
    ["Contract  No", "loan_id"],
    ["CONTRACT NO", "loan_id"],
    ["ｃｏｎｔｒａｃｔ ｎｏ", "loan_id"],
    ["days PAST due", "dpd"],
    ["ＤＰＤ", "dpd"],
    ["ｍ１ months （last ３）", "m1_entries_3m"],
  ])("“%s” → %s", (header, field) => {
    expect(mapHeaders([header]).columns[field as FieldKey]).toBe(0);
  });

  it("a header with a unit in brackets: 剩余本金(元), （元）, [元], 【元】", () => {
    for (const h of ["剩余本金(元)", "剩余本金（元）", "剩余本金 (元)", "贷款余额[元]", "未还本金【元】", "Outstanding principal (CNY)"]) {
      expect(mapHeaders([h]).columns.outstanding_principal).toBe(0);
    }
    expect(mapHeaders(["每期还款额(元)"]).columns.installment).toBe(0);
  });

  it("normalizeHeader folds case, spaces and full-width forms", () => {
    expect(normalizeHeader("ＬＯＡＮ　ＩＤ")).toBe("loanid");
    expect(normalizeHeader(" Contract  No ")).toBe("contractno");
    expect(normalizeHeader("剩余本金（元）")).toBe("剩余本金(元)");
    expect(normalizeHeader(null)).toBe("");
  });
});

describe("mapHeaders on a whole header row", () => {
  const row = [
    "备注",
    "手机号码",
    "合同编号",
    "Branch",
    "剩余本金(元)",
    "客户姓名",
    "最早未还款日",
    "还款日",
    "单位电话",
    "Home phone",
    "",
  ];

  it("finds each field's column whatever the order, ignoring unrelated headers", () => {
    const m = mapHeaders(row);
    expect(m.columns).toEqual({
      mobile: 1,
      loan_id: 2,
      outstanding_principal: 4,
      customer: 5,
      oldest_unpaid_due_date: 6,
      due_day: 7,
      work_phone: 8,
      home_phone: 9,
    });
    expect(m.missing).toEqual([]);
    expect(m.headers).toEqual(row);
  });

  it("the first of two matching columns wins", () => {
    const m = mapHeaders(["手机", "合同编号", "手机号码"]);
    expect(m.columns.mobile).toBe(0);
  });

  it("keeps the header text as typed, blanks for empty header cells", () => {
    expect(mapHeaders([" Loan ID ", null, 5]).headers).toEqual([" Loan ID ", "", "5"]);
  });

  it("a ledger with no required column reports every required field and the SPEC headers looked for", () => {
    const m = mapHeaders(["备注", "门店"]);
    expect(m.missing.map((x) => x.fields)).toEqual([
      ["loan_id"],
      ["customer"],
      ["outstanding_principal"],
      ["oldest_unpaid_due_date", "dpd"],
    ]);
    const spec = new Map(SPEC_HEADERS);
    for (const miss of m.missing) {
      const want = miss.fields.flatMap((f) => spec.get(f) ?? []);
      expect(miss.lookedFor).toEqual(expect.arrayContaining(want));
    }
  });

  it("missing principal only: one entry naming the field and its headers", () => {
    const m = mapHeaders(["合同编号", "客户姓名", "逾期天数", "下期还款日"]);
    expect(m.missing).toHaveLength(1);
    expect(m.missing[0].fields).toEqual(["outstanding_principal"]);
    expect(m.missing[0].lookedFor).toEqual(expect.arrayContaining(["剩余本金", "未还本金", "贷款余额", "Outstanding principal"]));
  });

  describe("one-of groups", () => {
    const base = ["合同编号", "客户姓名", "剩余本金"];
    it.each([
      [["最早未还款日", "还款日"], "oldest unpaid + due day"],
      [["逾期天数", "还款日"], "dpd + due day"],
      [["最早未还款日", "下期还款日"], "oldest unpaid + next due date"],
      [["DPD", "Next due date"], "dpd + next due date"],
      [["最早未还款日", "逾期天数", "还款日", "下期还款日"], "all four"],
    ])("%p is enough (%s)", (extra) => {
      expect(mapHeaders([...base, ...extra]).missing).toEqual([]);
    });
    it("neither oldest unpaid nor DPD: one missing entry for the pair, with both fields' headers", () => {
      const m = mapHeaders([...base, "还款日"]);
      expect(m.missing).toHaveLength(1);
      expect(m.missing[0].fields).toEqual(["oldest_unpaid_due_date", "dpd"]);
      expect(m.missing[0].lookedFor).toEqual(
        expect.arrayContaining(["最早未还款日", "Oldest unpaid due date", "逾期天数", "DPD", "Days past due"]),
      );
    });
    it("neither due day nor next due date: still a ledger (a collections export, SPEC §3: only reminders, confirmations and C-M1 need it)", () => {
      const m = mapHeaders([...base, "逾期天数", "逾期金额"]);
      expect(m.missing).toEqual([]);
      expect(m.shape).toBe("ledger");
    });
  });

  describe("Settings overrides", () => {
    it("an override names a column no synonym would find", () => {
      const m = mapHeaders(["编号", "户名", "余额", "欠款起始日", "扣款日"], {
        loan_id: "编号",
        customer: "户名",
        outstanding_principal: "余额",
        oldest_unpaid_due_date: "欠款起始日",
        due_day: "扣款日",
      });
      expect(m.columns).toEqual({ loan_id: 0, customer: 1, outstanding_principal: 2, oldest_unpaid_due_date: 3, due_day: 4 });
      expect(m.missing).toEqual([]);
    });
    it("an override wins over a synonym elsewhere in the row", () => {
      const m = mapHeaders(["合同编号", "新合同编号"], { loan_id: "新合同编号" });
      expect(m.columns.loan_id).toBe(1);
    });
    it("an override is matched ignoring case, spaces and full-width forms", () => {
      expect(mapHeaders(["ＲＥＦ　ＮＯ"], { loan_id: "ref no" }).columns.loan_id).toBe(0);
    });
    it("a column taken by an override is not given to another field", () => {
      const m = mapHeaders(["手机", "Mobile"], { work_phone: "手机" });
      expect(m.columns.work_phone).toBe(0);
      expect(m.columns.mobile).toBe(1);
    });
    it("an override whose column is absent is listed among the headers looked for", () => {
      const m = mapHeaders(["客户姓名"], { loan_id: "编号" });
      const loan = m.missing.find((x) => x.fields[0] === "loan_id");
      expect(loan?.lookedFor[0]).toBe("编号");
      expect(loan?.lookedFor).toEqual(expect.arrayContaining(["合同编号", "Loan ID"]));
    });
  });
});
