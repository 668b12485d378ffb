/** The settings dialog's column list (issue 16): a field another field stands in for is "found via" it, not required and not found. */
import { MemoryBook } from "../../src/app/memoryBook";
import { LEDGER_SHEET } from "../../src/app/names";
import { getSettingsView } from "../../src/app/sidebarService";
import { defaultSettings } from "../../src/domain/settings";

const view = (header: string[], lang: "zh" | "en" = "zh") => {
  const book = new MemoryBook();
  book.write(LEDGER_SHEET, [header]);
  const v = getSettingsView(book, { lang, settings: defaultSettings(), ledgerSheet: LEDGER_SHEET });
  if (!v.ok) throw new Error("no view");
  return v;
};

test("逾期天数 is found via 最早未还款日 when the ledger has the oldest unpaid date, and the other way round", () => {
  const withOldest = view(["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日"]);
  const dpd = withOldest.fields.find((f) => f.key === "dpd");
  expect(dpd).toMatchObject({ required: false, detected: "", foundVia: "最早未还款日" });
  expect(withOldest.fields.find((f) => f.key === "oldest_unpaid_due_date")).toMatchObject({ detected: "最早未还款日" });
  expect(withOldest.missing).toBe("");
  const withDpd = view(["Loan ID", "Customer", "Mobile", "Outstanding principal", "DPD", "Due day"], "en");
  expect(withDpd.fields.find((f) => f.key === "oldest_unpaid_due_date")).toMatchObject({ required: false, foundVia: "days past due" });
  // Neither: both are required and not found, with no stand-in.
  const neither = view(["合同编号", "客户姓名", "手机号码", "剩余本金", "还款日"]);
  const both = neither.fields.filter((f) => f.key === "dpd" || f.key === "oldest_unpaid_due_date");
  for (const f of both) expect(f).toMatchObject({ required: true, detected: "" });
  for (const f of both) expect(f.foundVia).toBeUndefined();
});
