/**
 * The local book's fast paths: the zip on Node's zlib (zip.ts) and the
 * worksheet value reader (sheetXml.ts) against ExcelJS's own reading of the
 * same files — a store's book written by ExcelJS and the same book saved by
 * LibreOffice (needs `soffice`, package libreoffice-calc-nogui).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DataValidation, Workbook, type Worksheet } from "exceljs";
import JSZip from "jszip";
import { LEDGER_SHEET } from "../../src/app/names";
import { type LocalBook, bookOf, loadBook, saveBook } from "../../src/node/book";
import { readZip, writeZip } from "../../src/node/zip";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-bookio-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("zip on Node's zlib", () => {
  const entries = [
    { name: "[Content_Types].xml", data: "<Types/>" },
    { name: "xl/worksheets/sheet1.xml", data: `<x>${"合同 0012 &amp; ".repeat(5000)}</x>` },
    { name: "xl/media/image1.png", data: Buffer.from([0, 1, 2, 250, 251, 252]) },
  ];

  test.each([0, 1, 6])("written at level %i, it reads back, and JSZip reads it too", async (level) => {
    const bytes = writeZip(entries, level);
    const back = readZip(bytes);
    expect(back.map((e) => [e.name, Buffer.from(e.data).toString("base64")])).toEqual(
      entries.map((e) => [e.name, Buffer.from(e.data).toString("base64")]),
    );
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await zip.file("xl/worksheets/sheet1.xml")?.async("string")).toBe(entries[1].data);
  });

  test("reads what JSZip writes; a damaged or cut archive throws", async () => {
    const zip = new JSZip();
    zip.folder("xl");
    zip.file("xl/a.xml", "<a>一二三</a>");
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(readZip(bytes).map((e) => [e.name, e.data.toString()])).toEqual([["xl/a.xml", "<a>一二三</a>"]]);
    const damaged = Buffer.from(writeZip([{ name: "a.xml", data: "<a>hello hello hello</a>" }], 0));
    damaged[40] ^= 0xff; // a byte of the stored data (after the 30-byte header and the name): the CRC no longer matches
    expect(() => readZip(damaged)).toThrow(/damaged/);
    expect(() => readZip(bytes.subarray(0, bytes.length - 30))).toThrow();
  });
});

interface SheetExtras {
  dataValidations: { model: Record<string, DataValidation | undefined> };
}

/** A store's ledger with every kind of cell a store's file may hold, its own formats, rules and a list. */
async function storeBook(path: string, date1904 = false): Promise<void> {
  const wb = new Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet(LEDGER_SHEET);
  ws.addRow(["合同编号", "客户", "本金", "放款日期", "比例", "公式", "备注", "核对"]);
  ws.addRow(["0012", "张三", 12345.5, utc(2026, 3, 5), 0.125, { formula: "C2*2", result: 24691 }, 'a & b < c > "d"', true]);
  ws.addRow([
    "00340",
    { richText: [{ text: "李" }, { text: "四", font: { bold: true } }] },
    8000,
    utc(1999, 12, 31),
    0.5,
    { formula: 'A3&"x"', result: "00340x" },
    "line1\nline2",
    false,
  ]);
  ws.addRow(["HT003", "王五", { error: "#N/A" }, null, 1, { formula: "NOW()", result: utc(2026, 11, 1) }, "  spaced  ", "TRUE"]);
  ws.addRow([
    "HT004",
    "赵六",
    0,
    "2026-04-18",
    null,
    { formula: "1/0", result: { error: "#DIV/0!" } },
    { text: "link", hyperlink: "http://x" },
    null,
  ]);
  ws.addRow(["HT005", "", -3.25e-7, 45000, 2, { formula: "SUM(C2:C3)" }, "_x0041_ kept", 1]);
  ws.getCell("B7").value = "merged";
  ws.mergeCells("B7:C8");
  ws.getCell("A9").value = "after merge";
  for (const r of [2, 3, 4]) ws.getCell(`E${r}`).numFmt = "0.00%";
  ws.getCell("C2").numFmt = "#,##0.00";
  ws.getCell("D6").numFmt = "yyyy-mm-dd";
  ws.getCell("C6").numFmt = "0.00E+00";
  ws.getColumn(2).width = 20;
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.addConditionalFormatting({
    ref: "C2:C6",
    rules: [{ type: "cellIs", operator: "greaterThan", formulae: ["10000"], priority: 1, style: { font: { bold: true } } }],
  });
  (ws as unknown as SheetExtras).dataValidations.model.H2 = { type: "list", allowBlank: true, formulae: ['"是,否"'] };
  const other = wb.addWorksheet("其他 Other");
  other.getCell("C5").value = 7;
  other.getCell("A1").value = { formula: "台账!A2", result: "0012" };
  await wb.xlsx.writeFile(path);
}

/** The book as ExcelJS alone reads it (the slow path loadBook no longer takes). */
async function excelJsBook(path: string): Promise<LocalBook> {
  const wb = new Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return bookOf(wb);
}

function expectSameBook(fast: LocalBook, slow: LocalBook): void {
  expect([...fast.sheets.keys()]).toEqual([...slow.sheets.keys()]);
  for (const [name, sheet] of slow.sheets) {
    const other = fast.sheets.get(name);
    expect({ name, values: other?.values }).toEqual({ name, values: sheet.values });
    expect({ name, options: other?.options }).toEqual({ name, options: sheet.options });
    expect(other?.rowColours).toEqual(sheet.rowColours);
    expect(other?.dropdowns).toEqual(sheet.dropdowns);
  }
  expect(fast.foreign).toEqual(slow.foreign);
}

describe("loading reads every cell as ExcelJS does", () => {
  test.each([false, true])("a store's book written by ExcelJS (1904 dates: %s)", async (date1904) => {
    const path = join(tmp, `store-${date1904}.xlsx`);
    await storeBook(path, date1904);
    const fast = await loadBook(path);
    expectSameBook(fast, await excelJsBook(path));
    const ledger = fast.sheets.get(LEDGER_SHEET);
    expect(ledger?.values[1]).toEqual(["0012", "张三", 12345.5, utc(2026, 3, 5), 0.125, 24691, 'a & b < c > "d"', true]);
    expect(ledger?.values[2][1]).toBe("李四");
    expect(ledger?.values[5][5]).toBe("=SUM(C2:C3)");
    expect(ledger?.values[6].slice(1, 3)).toEqual(["merged", null]);
    expect(ledger?.options.numberFormats).toEqual([
      { row: 2, column: 3, rows: 1, columns: 1, format: "money" },
      { row: 2, column: 5, rows: 3, columns: 1, format: "percent" },
    ]);
    expect(fast.foreign.get(LEDGER_SHEET)?.validations.H2).toMatchObject({ type: "list", formulae: ['"是,否"'] });
  });

  test("the same book saved by LibreOffice", () => {
    const path = join(tmp, "store-false.xlsx");
    const out = join(tmp, "lo");
    const run = spawnSync(
      "soffice",
      [`-env:UserInstallation=file://${join(tmp, "lo-profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", out, path],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(run.status).toBe(0);
    const converted = join(out, "store-false.xlsx");
    return Promise.all([loadBook(converted), excelJsBook(converted)]).then(([fast, slow]) => {
      // LibreOffice writes booleans as FALSE()/TRUE() formulas with their result. ExcelJS drops a
      // formula's result when it is false, 0 or "" (and the book then held "=FALSE()"); the reader keeps it.
      const h3 = slow.sheets.get(LEDGER_SHEET)?.values[2];
      expect(h3?.[7]).toBe("=FALSE()");
      if (h3) h3[7] = false;
      expectSameBook(fast, slow);
      expect(fast.sheets.get(LEDGER_SHEET)?.values[1][0]).toBe("0012");
    });
  });

  test("Daihou's own book: save → load gives what ExcelJS reads, and the store's cells and formats are kept", async () => {
    const store = join(tmp, "store-false.xlsx");
    const book = await loadBook(store);
    book.setRowColours(LEDGER_SHEET, [{ keyColumn: 2, equals: "张三", colour: "#FFF59D", lastRow: 6, lastColumn: 8 }]);
    book.write("呼叫表 Calls", [
      ["a", "b"],
      ["0001", 2],
    ]);
    book.setDropdowns("呼叫表 Calls", [{ column: 1, lastRow: 2, values: Array.from({ length: 60 }, (_, i) => `选项 ${i}`) }]);
    const path = join(tmp, "daihou.xlsx");
    await saveBook(book, path);
    const fast = await loadBook(path);
    expectSameBook(fast, await excelJsBook(path));
    expect(fast.sheets.get(LEDGER_SHEET)?.values).toEqual(book.sheets.get(LEDGER_SHEET)?.values);
    expect(fast.foreign).toEqual(book.foreign);
    expect(fast.sheets.get("呼叫表 Calls")?.dropdowns).toEqual(book.sheets.get("呼叫表 Calls")?.dropdowns);
    const ws = (await new Workbook().xlsx.readFile(path)).getWorksheet(LEDGER_SHEET) as Worksheet;
    expect(ws.getCell("A2").numFmt).toBe("@");
    expect(ws.getCell("D2").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("C2").numFmt).toBe("#,##0.00");
  });
});
