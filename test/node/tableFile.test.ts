import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { FileUnusableError, readTableFile } from "../../src/node/tableFile";
import { fixture, sha256 } from "./harness";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-table-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

async function unusable(path: string): Promise<FileUnusableError> {
  try {
    await readTableFile(path);
  } catch (e) {
    expect(e).toBeInstanceOf(FileUnusableError);
    expect((e as Error).message).toContain(path);
    return e as FileUnusableError;
  }
  throw new Error(`${path} was read`);
}

describe("CSV", () => {
  test("BOM dropped, CRLF, RFC 4180 quotes, values kept as strings", async () => {
    const path = fixture("ledger-mixed.csv");
    const before = sha256(path);
    const table = await readTableFile(path);
    expect(sha256(path)).toBe(before);
    expect(table.header[0]).toBe("状态");
    expect(table.header).toHaveLength(12);
    expect(table.rows).toHaveLength(18);
    expect(table.rows[0]).toEqual(["正常", "12,345.00", "南山店", "HT001", "", "13800002001", "张伟", "16", "", "2025-03-05", "", "0"]);
    expect(table.rows[1][8]).toBe("电话已通知, 未接");
    expect(table.rows[2][8]).toBe('他说"下周还"');
    expect(table.rows[15][3]).toBe("007788");
  });

  test("LF, no BOM, short rows padded, a quoted line break, blank lines keep row numbers", async () => {
    const path = write("lf.csv", 'id,name,note\n001,"a, b","x\ny"\n\n002\n');
    const table = await readTableFile(path);
    expect(table.header).toEqual(["id", "name", "note"]);
    expect(table.rows).toEqual([
      ["001", "a, b", "x\ny"],
      ["", null, null],
      ["002", null, null],
    ]);
  });

  test("unusable CSV files", async () => {
    expect((await unusable(join(tmp, "missing.csv"))).reason).toBe("missing");
    expect((await unusable(write("empty.csv", ""))).reason).toBe("empty");
    // Neither UTF-8 nor GB18030 (0xFF is no GB18030 lead byte); GBK itself now reads (below).
    expect((await unusable(write("neither.csv", Buffer.from([0xba, 0xcf, 0xff, 0xac, 0x2c, 0x41, 0x0a])))).reason).toBe("not_utf8");
    expect((await unusable(write("quote.csv", 'a,b\n1,"never closed\n2,3\n'))).reason).toBe("unclosed_quote");
    mkdirSync(join(tmp, "folder.csv"));
    expect((await unusable(join(tmp, "folder.csv"))).reason).toBe("not_a_file");
    expect((await unusable(write("ledger.pdf", "%PDF-1.4"))).reason).toBe("unsupported");
    expect((await unusable(write("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).reason).toBe("old_xls");
  });
});

describe("xlsx", () => {
  test("cell values: dates, numbers, rich text, formulas, errors, hyperlinks, blanks", async () => {
    const wb = new Workbook();
    wb.addWorksheet("Notes").addRow(["not the ledger"]);
    const ws = wb.addWorksheet("Ledger");
    ws.addRow(["id", "date", "amount", "formula", "bad formula", "error", "rich", "link", "blank", "leading zeros", "", "flag"]);
    ws.addRow([
      "L1",
      new Date(Date.UTC(2026, 10, 1)),
      12345.5,
      { formula: "A1*2", result: 42 },
      { formula: "NA()", result: { error: "#N/A" } },
      { error: "#REF!" },
      { richText: [{ text: "张" }, { text: "三" }] },
      { text: "see", hyperlink: "https://example.invalid" },
      null,
      "007",
      null,
      true,
    ]);
    ws.addRow(["L2"]);
    ws.addRow(["L3", null, null, { formula: "B2+1" }]);
    const path = join(tmp, "values.xlsx");
    await wb.xlsx.writeFile(path);
    const before = sha256(path);
    const table = await readTableFile(path);
    expect(sha256(path)).toBe(before);
    expect(table.header).toEqual([
      "id",
      "date",
      "amount",
      "formula",
      "bad formula",
      "error",
      "rich",
      "link",
      "blank",
      "leading zeros",
      "",
      "flag",
    ]);
    const [row, short, uncalculated] = table.rows;
    expect(row[1]).toEqual(new Date(Date.UTC(2026, 10, 1)));
    expect(row.slice(2)).toEqual([12345.5, 42, { error: "#N/A" }, { error: "#REF!" }, "张三", "see", null, "007", null, true]);
    expect(short).toEqual(["L2", null, null, null, null, null, null, null, null, null, null, null]);
    expect(uncalculated[3]).toBe("=B2+1");
  });

  test("the first worksheet when none is named like a ledger; header is row 1", async () => {
    const wb = new Workbook();
    wb.addWorksheet("Sheet1").addRows([
      ["合同编号", "剩余本金"],
      ["A", 1],
    ]);
    wb.addWorksheet("Sheet2").addRows([["other"]]);
    const path = join(tmp, "first.xlsx");
    await wb.xlsx.writeFile(path);
    expect(await readTableFile(path)).toEqual({ header: ["合同编号", "剩余本金"], rows: [["A", 1]] });
  });

  test("unusable workbooks", async () => {
    expect((await unusable(write("text.xlsx", "id,name\n1,2\n"))).reason).toBe("corrupt");
    expect((await unusable(write("zip.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])))).reason).toBe("corrupt");
    expect((await unusable(write("nothing.xlsx", ""))).reason).toBe("empty");
  });
});
