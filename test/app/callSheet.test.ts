import { callColumnsOf, callSheetRows } from "../../src/app/callSheet";
import { CALL_COLUMNS, CALL_INPUT_COLUMNS } from "../../src/app/names";
import type { CallTask } from "../../src/domain/calls";
import { parseIsoDay } from "../../src/domain/days";
import { talkingPoints } from "../../src/domain/talkingPoints";

const task: CallTask = {
  type: "reminder",
  loanId: "HT202600042",
  ledgerRow: 7,
  customer: "王小明",
  owner: "李娜",
  ownerRole: "staff",
  window: { start: 9, end: 12 },
  phone: "work",
  number: "02166440985",
  bucket: "C",
  dpd: 0,
  reminderClass: "B",
  provisional: true,
  principal: 8000,
  amountDue: 1234.5,
  amountOverdue: null,
  installmentsOverdue: null,
  dueDate: parseIsoDay("2026-11-20"),
  thirdParty: true,
  overCapacity: true,
  capacity: 80,
};

describe("callSheetRows", () => {
  test.each(["zh", "en"] as const)("each cell sits under its own header (%s)", (lang) => {
    const rows = callSheetRows([task], lang);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(CALL_COLUMNS.length);
    const at = callColumnsOf(rows);
    const cell = (c: (typeof CALL_COLUMNS)[number]) => rows[1][at[c]];
    expect(cell("owner")).toBe("李娜");
    expect(cell("window")).toBe("09:00-12:00");
    expect(cell("task")).toBe(lang === "zh" ? "温馨提醒" : "Reminder");
    expect(cell("customer")).toBe("王小明");
    expect(cell("loan_id")).toBe("HT202600042");
    expect(cell("bucket")).toBe("C");
    expect(cell("class")).toBe("B*");
    expect(cell("amount_due")).toBe(1234.5);
    expect(cell("due_date")).toBe("2026-11-20");
    expect(cell("number")).toBe("02166440985");
    expect(cell("number_kind")).toBe(lang === "zh" ? "单位电话" : "Work phone");
    expect(cell("talking_points")).toBe(talkingPoints(task, lang));
    expect(cell("flag")).toBe(lang === "zh" ? "超出当日容量，顺延" : "over capacity: carry to tomorrow");
    for (const c of CALL_INPUT_COLUMNS) expect(cell(c)).toBe("");
  });

  test("a task without window, number, class or due date leaves those cells plain", () => {
    const rows = callSheetRows(
      [
        {
          ...task,
          type: "handover",
          window: null,
          phone: null,
          number: "",
          reminderClass: null,
          dueDate: null,
          amountDue: null,
          overCapacity: false,
        },
      ],
      "en",
    );
    const at = callColumnsOf(rows);
    expect(rows[1][at.window]).toBe("—");
    expect(rows[1][at.number_kind]).toBe("");
    expect(rows[1][at.class]).toBe("");
    expect(rows[1][at.due_date]).toBe("");
    expect(rows[1][at.amount_due]).toBe("");
    expect(rows[1][at.flag]).toBe("");
  });
});
