import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ConditionalFormattingOptions, type DataValidation, ValueType, Workbook, type Worksheet } from "exceljs";
import { MemoryBook } from "../../src/app/memoryBook";
import { LEDGER_SHEET } from "../../src/app/names";
import type { Dropdown, RowColourRule } from "../../src/app/port";
import type { Cell } from "../../src/domain/cells";
import { historySheetName } from "../../src/domain/history";
import { LISTS_SHEET, LocalBook, loadBook, saveBook } from "../../src/node/book";
import { runCli } from "./harness";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-book-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const HYPERLINK = '=HYPERLINK("http://x","y")';
const CALLS = "呼叫表 Calls 2026-11-30";

/** Values as a sheet holds them: "" is an empty cell, trailing empty cells and rows do not count. */
function normalise(values: readonly Cell[][]): Cell[][] {
  const rows = values.map((r) => {
    const row = r.map((c) => (c === "" || c === undefined ? null : c));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    return row;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

interface SheetExtras {
  conditionalFormattings: ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, DataValidation | undefined> };
}
const extras = (ws: Worksheet) => ws as unknown as SheetExtras;

async function openXlsx(path: string): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function formulaCells(wb: Workbook): string[] {
  const found: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ValueType.Formula || cell.formula) found.push(`${ws.name}!${cell.address}`);
      }),
    ),
  );
  return found;
}

const LONG_LIST = Array.from({ length: 40 }, (_, i) => `选项 option ${i + 1}`);
const ledgerValues: Cell[][] = [
  ["合同编号", "客户姓名", "剩余本金", "放款日期", "备注", "核对", "错误", "Daihou·账龄"],
  ["0012", "张三", 12345.5, utc(2026, 3, 5), HYPERLINK, true, { error: "#N/A" }, "M1"],
  ["HT002", "李四", "8,000", "2026-04-18", "+86 138 0000 0000", false, null, ""],
  ["HT003", "王五", 0, null, "-5", "TRUE", "@home", "M3+"],
];
const rowColours: RowColourRule[] = [
  { keyColumn: 8, equals: "M1", colour: "#FFF59D", lastRow: 4, lastColumn: 8 },
  { keyColumn: 8, equals: "M3+", colour: "#B71C1C", lastRow: 4, lastColumn: 8 },
];
const dropdowns: Dropdown[] = [
  { column: 3, lastRow: 3, values: ["已联系-承诺还款", "无人接听", "关机"] },
  { column: 4, lastRow: 3, values: LONG_LIST },
  { column: 5, lastRow: 3, values: ["a, with a comma", 'say "hi"'] },
];

function sampleBook(): MemoryBook {
  const book = new MemoryBook();
  book.put(LEDGER_SHEET, ledgerValues, { freezeHeader: true });
  book.setRowColours(LEDGER_SHEET, rowColours);
  book.write(historySheetName("2026-11"), [
    ["loan_id", "due_day", "timeline (day,oldest unpaid,principal,status;…) runs:14,15"],
    ["0012", 16, "14,,12345.5,A"],
    ["HT002", "", "14,20261101,8000,A;15,,7000,A"],
  ]);
  book.write(
    CALLS,
    [
      ["负责人", "时段", "任务", "客户", "合同编号"],
      ["客服 Staff", "09:00-12:00", "温馨提醒", "张三", "0012"],
      ["客服 Staff", "14:00-17:00", "催收", "李四", "HT002"],
    ],
    { freezeHeader: true, widths: [14, 12, 12, 10, 14] },
  );
  book.setDropdowns(CALLS, dropdowns);
  return book;
}

describe("the local book", () => {
  test("save → load keeps every value, text as text, dates as dates, and Daihou's formatting", async () => {
    const path = join(tmp, "round-trip.xlsx");
    const book = sampleBook();
    await saveBook(book, path);
    const loaded = await loadBook(path);

    expect([...loaded.sheets.keys()]).toEqual([LEDGER_SHEET, historySheetName("2026-11"), CALLS]);
    for (const [name, sheet] of book.sheets) expect(normalise(loaded.sheets.get(name)?.values ?? [])).toEqual(normalise(sheet.values));
    const ledger = loaded.sheets.get(LEDGER_SHEET)?.values as Cell[][];
    expect(ledger[1][0]).toBe("0012");
    expect(ledger[1][4]).toBe(HYPERLINK);
    expect(ledger[1][3]).toEqual(utc(2026, 3, 5));
    expect(ledger[2][2]).toBe("8,000");
    expect(ledger[3][5]).toBe("TRUE");
    expect(ledger[1][6]).toEqual({ error: "#N/A" });

    expect(loaded.sheets.get(LEDGER_SHEET)?.rowColours).toEqual(rowColours);
    expect(loaded.sheets.get(CALLS)?.dropdowns).toEqual(dropdowns);
    expect(loaded.sheets.get(CALLS)?.options).toMatchObject({ freezeHeader: true, widths: [14, 12, 12, 10, 14] });
  });

  test("in the file: no formula anywhere, text at risk formatted as text, dates with a date format, rules and lists present", async () => {
    const path = join(tmp, "inspect.xlsx");
    await saveBook(sampleBook(), path);
    const wb = await openXlsx(path);
    expect(formulaCells(wb)).toEqual([]);

    const ws = wb.getWorksheet(LEDGER_SHEET) as Worksheet;
    expect(ws.getCell("A2").type).toBe(ValueType.String);
    expect(ws.getCell("A2").numFmt).toBe("@");
    expect(ws.getCell("E2").type).toBe(ValueType.String);
    expect(ws.getCell("E2").value).toBe(HYPERLINK);
    expect(ws.getCell("D2").type).toBe(ValueType.Date);
    expect(ws.getCell("D2").numFmt).toBe("yyyy-mm-dd");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    const cf = extras(ws).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0].ref).toBe("A2:H4");
    expect(cf[0].rules.map((r) => (r as { formulae: string[] }).formulae[0])).toEqual([
      'AND($H2="M1",N("Daihou")=0)',
      'AND($H2="M3+",N("Daihou")=0)',
    ]);
    expect(cf[0].rules.every((r) => r.type === "expression")).toBe(true);

    const calls = wb.getWorksheet(CALLS) as Worksheet;
    const dv = extras(calls).dataValidations.model;
    expect(dv.C2).toMatchObject({ type: "list", formulae: ['"已联系-承诺还款,无人接听,关机"'] });
    expect(dv.C3).toMatchObject({ type: "list" });
    expect(dv.C4).toBeUndefined();
    // Over 255 characters, or values with commas or quotes: the list is on the hidden sheet.
    expect(dv.D2?.formulae[0]).toBe(`${LISTS_SHEET}!$A$1:$A$${LONG_LIST.length}`);
    expect(dv.E2?.formulae[0]).toBe(`${LISTS_SHEET}!$B$1:$B$2`);
    const lists = wb.getWorksheet(LISTS_SHEET) as Worksheet;
    expect(lists.state).toBe("hidden");
    expect(lists.getCell("A40").value).toBe("选项 option 40");
    expect(lists.getCell("B1").value).toBe("a, with a comma");
  });

  test("saving is atomic: no temporary file is left and the old book is replaced whole", async () => {
    const path = join(tmp, "atomic.xlsx");
    await saveBook(sampleBook(), path);
    const book = await loadBook(path);
    book.write("新表 New", [["x"], ["y"]]);
    await saveBook(book, path);
    expect(existsSync(`${path}.tmp`)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await loadBook(path)).sheetNames()).toContain("新表 New");
  });

  test("load → save → load is stable and does not duplicate Daihou's rules or the lists sheet", async () => {
    const a = join(tmp, "stable-a.xlsx");
    const b = join(tmp, "stable-b.xlsx");
    await saveBook(sampleBook(), a);
    const first = await loadBook(a);
    await saveBook(first, b);
    const second = await loadBook(b);
    expect([...second.sheets.keys()]).toEqual([...first.sheets.keys()]);
    for (const [name, sheet] of first.sheets) {
      const other = second.sheets.get(name);
      expect(other?.values).toEqual(sheet.values);
      expect(other?.rowColours).toEqual(sheet.rowColours);
      expect(other?.dropdowns).toEqual(sheet.dropdowns);
    }
    const wb = await openXlsx(b);
    expect(wb.worksheets.map((w) => w.name)).toEqual([LEDGER_SHEET, historySheetName("2026-11"), CALLS, LISTS_SHEET]);
    expect(extras(wb.getWorksheet(LEDGER_SHEET) as Worksheet).conditionalFormattings.flatMap((c) => c.rules)).toHaveLength(2);
  });

  test("an empty book cannot be saved; a damaged file cannot be loaded", async () => {
    await expect(saveBook(new LocalBook(), join(tmp, "empty.xlsx"))).rejects.toThrow();
    await expect(loadBook(join(tmp, "nope.xlsx"))).rejects.toMatchObject({ reason: "missing" });
  });
});

describe("the store's own formatting on the ledger", () => {
  const LEDGER: Cell[][] = [
    ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日"],
    ["L1", "张三", "13800000001", 12000, "", 16],
    ["L2", "李四", "13800000002", 8000, "2026-10-16", 16],
    ["L3", "王五", "13800000003", 20000, "2026-08-01", 1],
  ];
  const STORE_RULE: ConditionalFormattingOptions = {
    ref: "D2:D4",
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        formulae: ["10000"],
        priority: 1,
        style: { font: { color: { argb: "FFC00000" }, bold: true } },
      },
    ],
  };

  async function storeBook(path: string): Promise<void> {
    const wb = new Workbook();
    const ws = wb.addWorksheet(LEDGER_SHEET);
    for (const row of LEDGER) ws.addRow(row);
    ws.addConditionalFormatting(STORE_RULE);
    extras(ws).dataValidations.model.F2 = { type: "whole", operator: "between", allowBlank: true, formulae: [1, 28] };
    await wb.xlsx.writeFile(path);
  }

  test("survives two daily jobs, while Daihou's rules are replaced, not added again", async () => {
    const path = join(tmp, "store-rules.xlsx");
    await storeBook(path);
    for (const date of ["2026-11-14", "2026-11-15"]) {
      const run = await runCli(["day", "--book", path, "--date", date], { LANG: "en_US.UTF-8" }, [path]);
      expect(run.code).toBe(0);
    }
    const ws = (await openXlsx(path)).getWorksheet(LEDGER_SHEET) as Worksheet;
    const rules = extras(ws).conditionalFormattings.flatMap((cf) => cf.rules.map((r) => ({ ref: cf.ref, rule: r })));
    const store = rules.filter((r) => r.rule.type === "cellIs");
    const daihou = rules.filter((r) => JSON.stringify(r.rule).includes('N(\\"Daihou\\")=0'));
    expect(store).toHaveLength(1);
    expect(store[0].ref).toBe("D2:D4");
    expect(store[0].rule).toMatchObject({ operator: "greaterThan", formulae: ["10000"], style: { font: { bold: true } } });
    expect(daihou).toHaveLength(4);
    expect(rules).toHaveLength(5);
    expect(extras(ws).dataValidations.model.F2).toMatchObject({ type: "whole", formulae: [1, 28] });
    // The store's cells are as they were; Daihou's columns are to the right.
    expect(ws.getCell("D2").value).toBe(12000);
    expect(ws.getCell("G1").value).toBe("Daihou·DPD");
    expect(ws.getCell("H3").value).toBe("M1");
  });
});
