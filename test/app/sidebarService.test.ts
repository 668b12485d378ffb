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
      entry({
        date: parseIsoDay("2026-11-13"),
        numberKind: "home",
        number: "01066666666",
        outcome: "new_contact",
        note: "家人给了新手机 139 1234 5678",
        sourceRow: 3,
      }),
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
      {
        loanId: "L1",
        date: "2026-11-17",
        outcome: "no_answer",
        numberKind: "mobile",
        time: "10:00",
        ptpDate: "",
        ptpAmount: "",
        ptpMethod: "",
        note: "",
      },
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
      {
        loanId: "L1",
        date: "2026-11-17",
        outcome: "no_answer",
        numberKind: "mobile",
        time: "10:00",
        ptpDate: "",
        ptpAmount: "",
        ptpMethod: "",
        note: "",
      },
      cx,
    );
    expect(done.ok).toBe(true);
    expect(reads.get(LEDGER_SHEET)).toBe(2);
    expect(reads.get(CONTACT_LOG_SHEET)).toBe(2);
  });
});

describe("numbers (SPEC §4): a newly recorded number first, the old one after it; dials counted across days", () => {
  // L2 is in M1 (oldest unpaid 1 Nov), its mobile still good; on the 13th the customer gave a new mobile.
  function book(extra: ReturnType<typeof entry>[] = []): MemoryBook {
    const b = new MemoryBook();
    b.put(LEDGER_SHEET, [
      ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "每期还款额", "还款日"],
      ["L2", "李四", "13800000002", 10000, "2026-11-01", 1000, 1],
    ]);
    const log = [
      entry({ loanId: "L2", customer: "李四", date: parseIsoDay("2026-11-01"), outcome: "no_answer", number: "13800000002", sourceRow: 2 }),
      entry({ loanId: "L2", customer: "李四", date: parseIsoDay("2026-11-05"), outcome: "no_answer", number: "13800000002", sourceRow: 2 }),
      entry({ loanId: "L2", customer: "李四", date: parseIsoDay("2026-11-09"), outcome: "hardship", number: "13800000002", sourceRow: 2 }),
      entry({
        loanId: "L2",
        customer: "李四",
        date: parseIsoDay("2026-11-13"),
        outcome: "new_contact",
        number: "13800000002",
        note: "new mobile 13912345678",
        sourceRow: 3,
      }),
      ...extra,
    ];
    const at = contactLogColumns([contactLogHeader("en")]);
    b.put(CONTACT_LOG_SHEET, [contactLogHeader("en"), ...log.map((e) => contactLogRow(e, "en", at))]);
    return b;
  }

  it("the card lists the new mobile first, the old one after it, and dials the new one", () => {
    const card = customerCard(book(), "L2", "2026-11-17", cx) as CardView;
    expect(card.numbers.filter((n) => n.kind === "mobile").map((n) => n.number)).toEqual(["13912345678", "13800000002"]);
    expect(card.numbers.find((n) => n.next)?.number).toBe("13912345678");
    expect(card.tasks[0].type).toBe("collection");
  });

  it("the card counts this delinquency's dials across days, from the day it entered M1", () => {
    // Calls on 11-01 (the due day itself, DPD 0: before M1), 11-05, 11-09 and 11-13 (the call that gave the new number):
    // three in this delinquency, so the next is the 4th.
    const card = customerCard(book(), "L2", "2026-11-17", cx) as CardView;
    expect(card.nextWhy.join(" ")).toMatch(/^Dial 4 of this delinquency/);
  });

  it("without recorded dials, an account 29 days late is not on its 1st dial", () => {
    const b = new MemoryBook();
    b.put(LEDGER_SHEET, [
      ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "每期还款额", "还款日"],
      ["L3", "王五", "13800000003", 10000, "2026-11-01", 1000, 1],
    ]);
    const card = customerCard(b, "L3", "2026-11-30", { ...cx, lang: "zh" }) as CardView;
    expect(card.dpd).toBe(29);
    expect(card.nextWhy.join(" ")).toContain("29");
    expect(card.nextWhy.join(" ")).not.toMatch(/第 ?1 ?次/);
  });
});

describe("card states", () => {
  function book(): MemoryBook {
    const b = new MemoryBook();
    b.put(LEDGER_SHEET, [
      ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "每期还款额", "还款日", "状态"],
      ["S1", "赵六", "13800000004", 0, "", 5720, 16, "结清"],
      ["M3", "钱七", "13800000005", 9000, "2026-08-01", 1000, 1, "正常"],
      ["M2", "孙八", "13800000006", 9000, "2026-10-01", 1780, 1, "正常"],
    ]);
    return b;
  }

  it("a settled account shows no bucket badge, class, amount due or next due date, and no call form", () => {
    const card = customerCard(book(), "S1", "2026-11-30", cx) as CardView;
    expect(card.active).toBe(false);
    expect(card).toMatchObject({ bucket: "", reminderClass: "", amountDue: "", amountOverdue: "", dueDate: "", callable: false });
  });

  it("with no row selected, the card says how to pick one", () => {
    const r = customerCard(book(), "", "2026-11-30", { ...cx, lang: "zh" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toContain("选中一行");
      expect(r.errors[0]).not.toContain("台账中没有账户");
    }
  });

  it("the M3 handover card offers no call form and pre-selects no number", () => {
    const card = customerCard(book(), "M3", "2026-11-30", cx) as CardView;
    expect(card.tasks.map((k) => k.type)).toEqual(["handover"]);
    expect(card.callable).toBe(false);
    expect(card.defaultKind).toBe("");
  });

  it("an M2 account shows the whole overdue amount beside the installment", () => {
    const card = customerCard(book(), "M2", "2026-11-29", { ...cx, lang: "zh" }) as CardView;
    expect(card.amountDue).toBe("1,780");
    expect(card.amountOverdue).toBe("2 期共 3,560 元");
    expect(card.callable).toBe(true);
    expect(card.tasks[0].talkingPoints).toContain("2 期共 3,560 元");
  });

  it("pressing Record on an empty form says nothing was filled in, and writes nothing", () => {
    const b = book();
    const before = JSON.stringify([...b.sheets.entries()]);
    const r = recordFromSidebar(
      b,
      {
        loanId: "M2",
        date: "2026-11-29",
        outcome: "",
        numberKind: "mobile",
        time: "",
        ptpDate: "",
        ptpAmount: "",
        ptpMethod: "",
        note: "",
      },
      cx,
    );
    expect(r).toEqual({ ok: false, errors: ["Nothing was filled in: choose the call's outcome first."] });
    expect(JSON.stringify([...b.sheets.entries()])).toBe(before);
  });
});
