/**
 * The settings dialog's mapping (SPEC §3): the header row found among the first
 * ten rows (or as Settings remember it), and the required fields of the shape.
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
  const v = view([["合同编号", "备注"], ["合同编号", "客户姓名", "剩余本金", "逾期天数"]], 1);
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
