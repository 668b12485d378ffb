/**
 * The settings dialog's mapping (SPEC §3): the header row found among the first
 * ten rows (or as Settings remember it), the required fields of the shape, and a
 * field another field stands in for "found via" it, not required and not found (issue 16).
 */
import { MemoryBook } from "../../src/app/memoryBook";
import { LEDGER_SHEET } from "../../src/app/names";
import { getSettingsView } from "../../src/app/sidebarService";
import { defaultSettings } from "../../src/domain/settings";

const view = (rows: unknown[][], headerRow = 0) => {
  const book = new MemoryBook();
  book.put(LEDGER_SHEET, rows as never);
  return getSettingsView(book, { lang: "en", settings: { ...defaultSettings(), headerRow }, ledgerSheet: LEDGER_SHEET });
};

test("a title above the header: the mapping is read from the header row, which the view names", () => {
  const v = view([["上海徐汇门店贷款台账"], [], ["合同编号", "客户姓名", "剩余本金", "逾期天数"], ["L1", "王伟", 100, 3]]);
  expect(v.headerRow).toBe(3);
  expect(v.headers).toEqual(["合同编号", "客户姓名", "剩余本金", "逾期天数"]);
  expect(v.missing).toBe("");
  expect(v.fields.find((f) => f.key === "due_day")?.required).toBe(false);
});

test("the row Settings remember is used", () => {
  const v = view(
    [
      ["合同编号", "备注"],
      ["合同编号", "客户姓名", "剩余本金", "逾期天数"],
    ],
    1,
  );
  expect(v.headerRow).toBe(1);
  expect(v.missing).toContain("customer");
});

test("a schedule's header: its own fields are the required ones", () => {
  const v = view([["合同编号", "客户姓名", "期数", "应还日期", "应还金额", "应还本金", "已还金额"]]);
  const required = v.fields.filter((f) => f.required).map((f) => f.key);
  expect(required).toEqual(expect.arrayContaining(["installment_no", "due_date", "amount_due", "principal_due"]));
  expect(required).not.toContain("outstanding_principal");
  expect(v.missing).toBe("");
});

const viewOfHeader = (header: string[], lang: "zh" | "en" = "zh") => {
  const book = new MemoryBook();
  book.write(LEDGER_SHEET, [header]);
  return getSettingsView(book, { lang, settings: defaultSettings(), ledgerSheet: LEDGER_SHEET });
};

test("逾期天数 is found via 最早未还款日 when the ledger has the oldest unpaid date, and the other way round", () => {
  const withOldest = viewOfHeader(["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日"]);
  const dpd = withOldest.fields.find((f) => f.key === "dpd");
  expect(dpd).toMatchObject({ required: false, detected: "", foundVia: "最早未还款日" });
  expect(withOldest.fields.find((f) => f.key === "oldest_unpaid_due_date")).toMatchObject({ detected: "最早未还款日" });
  expect(withOldest.missing).toBe("");
  const withDpd = viewOfHeader(["Loan ID", "Customer", "Mobile", "Outstanding principal", "DPD", "Due day"], "en");
  expect(withDpd.fields.find((f) => f.key === "oldest_unpaid_due_date")).toMatchObject({ required: false, foundVia: "days past due" });
  // Neither: both are required and not found, with no stand-in.
  const neither = viewOfHeader(["合同编号", "客户姓名", "手机号码", "剩余本金", "还款日"]);
  const both = neither.fields.filter((f) => f.key === "dpd" || f.key === "oldest_unpaid_due_date");
  for (const f of both) expect(f).toMatchObject({ required: true, detected: "" });
  for (const f of both) expect(f.foundVia).toBeUndefined();
});
