/** The sidebar's server side over a book: the customer card and recording a call from it. */
import { contactLogColumns, contactLogHeader, contactLogRow, readContactLog } from "../../src/app/contactLog";
import { MemoryBook } from "../../src/app/memoryBook";
import { CONTACT_LOG_SHEET, LEDGER_SHEET } from "../../src/app/names";
import { type CardView, customerCard, recordFromSidebar } from "../../src/app/sidebarService";
import { parseIsoDay } from "../../src/domain/days";
import { defaultSettings } from "../../src/domain/settings";
import { entry } from "../fixtures/contactEntry";

const cx = { lang: "en" as const, settings: defaultSettings(), ledgerSheet: LEDGER_SHEET };

describe("a new mobile from the contact log", () => {
  // L1 is in M1 (oldest unpaid 1 Nov). Its mobile was found invalid on the 12th; the family gave a new one on the 13th.
  function book(): MemoryBook {
    const b = new MemoryBook();
    b.put(LEDGER_SHEET, [
      ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "每期还款额", "还款日"],
      ["L1", "张三", "13800000001", 10000, "2026-11-01", 1000, 1],
    ]);
    const log = [
      entry({ date: parseIsoDay("2026-11-12"), outcome: "invalid_number" }),
      entry({ date: parseIsoDay("2026-11-13"), numberKind: "home", number: "01066666666", outcome: "new_contact", note: "家人给了新手机 139 1234 5678", sourceRow: 3 }),
    ];
    const at = contactLogColumns([contactLogHeader("en")]);
    b.put(CONTACT_LOG_SHEET, [contactLogHeader("en"), ...log.map((e) => contactLogRow(e, "en", at))]);
    return b;
  }

  it("is the mobile the card shows, and the number a call recorded from the card is logged with", () => {
    const b = book();
    const card = customerCard(b, "L1", "2026-11-17", cx) as CardView;
    expect(card.numbers.find((n) => n.kind === "mobile")?.number).toBe("13912345678");
    const done = recordFromSidebar(
      b,
      { loanId: "L1", date: "2026-11-17", outcome: "no_answer", numberKind: "mobile", time: "10:00", ptpDate: "", ptpAmount: "", ptpMethod: "", note: "" },
      cx,
    );
    expect(done.ok).toBe(true);
    const logged = readContactLog(b.read(CONTACT_LOG_SHEET), "en").entries;
    expect(logged[logged.length - 1]).toMatchObject({ loanId: "L1", numberKind: "mobile", number: "13912345678", outcome: "no_answer" });
  });

  it("recording reads the ledger and the contact log once for the form and once for the card it returns", () => {
    const b = book();
    const reads = new Map<string, number>();
    const read = b.read.bind(b);
    b.read = (sheet: string) => {
      reads.set(sheet, (reads.get(sheet) ?? 0) + 1);
      return read(sheet);
    };
    const done = recordFromSidebar(
      b,
      { loanId: "L1", date: "2026-11-17", outcome: "no_answer", numberKind: "mobile", time: "10:00", ptpDate: "", ptpAmount: "", ptpMethod: "", note: "" },
      cx,
    );
    expect(done.ok).toBe(true);
    expect(reads.get(LEDGER_SHEET)).toBe(2);
    expect(reads.get(CONTACT_LOG_SHEET)).toBe(2);
  });
});
