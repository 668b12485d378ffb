import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { parseIsoDay } from "../../src/domain/days";
import { defaultSettings } from "../../src/domain/settings";
import { classifyTable } from "../../src/node/classifyCommand";
import { readTableFile } from "../../src/node/tableFile";
import { displayWidth } from "../../src/node/text";
import { AS_OF, EXPECTED_MIXED } from "./expected";
import { fixture, runCli, sha256 } from "./harness";

const MIXED_CSV = fixture("ledger-mixed.csv");
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

let tmp: string;
let mixedXlsx: string;

/** The mixed ledger again, as an .xlsx with real dates, numbers, a formula, rich text, a hyperlink and error cells. */
async function writeMixedXlsx(path: string): Promise<void> {
  const wb = new Workbook();
  const notes = wb.addWorksheet("说明");
  notes.addRow(["本工作簿第二张表是台账"]);
  const ws = wb.addWorksheet("贷款台账");
  ws.addRow([
    "状态",
    "剩余本金",
    "门店",
    "合同编号",
    "最早未还款日",
    "手机号码",
    "客户姓名",
    "每月还款日",
    "备注",
    "放款日期",
    "首期还款日",
    "近三月入M1次数",
  ]);
  const rows: unknown[][] = [
    [
      "正常",
      12345,
      "南山店",
      "HT001",
      null,
      "13800002001",
      { richText: [{ text: "张" }, { text: "伟", font: { bold: true } }] },
      16,
      null,
      utc(2025, 3, 5),
      null,
      0,
    ],
    [
      "正常",
      8000,
      "福田店",
      "HT002",
      utc(2026, 11, 1),
      "13800002002",
      "李娜",
      1,
      { text: "通话录音", hyperlink: "https://example.invalid/r/2" },
      utc(2025, 4, 18),
      null,
      1,
    ],
    ["正常", 8000, "南山店", "HT003", utc(2026, 10, 1), "13800002003", "王芳", 1, { error: "#N/A" }, utc(2025, 5, 20), null, 2],
    [
      "正常",
      { formula: "1000+234.56", result: 1234.56 },
      "南山店",
      "HT004",
      utc(2026, 9, 1),
      "13800002004",
      "刘洋",
      1,
      null,
      utc(2025, 6, 2),
      utc(2025, 7, 1),
      null,
    ],
    [
      "正常",
      5000,
      { formula: "VLOOKUP(D6,门店表!A:B,2,0)", result: { error: "#N/A" } },
      "HT005",
      utc(2026, 8, 16),
      "13800002005",
      "陈静",
      16,
      null,
      utc(2025, 6, 23),
      null,
      null,
    ],
    ["正常", 20000, "南山店", "HT006", utc(2026, 8, 15), "13800002006", "杨帆", 15, null, utc(2025, 7, 8), null, null],
    ["正常", 3000, "南山店", "HT007", utc(2026, 11, 14), "13800002007", "赵磊", 14, null, utc(2025, 7, 15), null, 1],
    ["正常", 4500, "福田店", "HT008", utc(2026, 11, 13), "13800002008", "黄丽", 13, null, utc(2025, 8, 1), null, null],
    ["结清", 0, "南山店", "HT009", null, "13800002009", "周强", 16, null, utc(2025, 8, 11), null, null],
    ["核销", 5000, "南山店", "HT010", utc(2025, 12, 1), "13800002010", "吴敏", 1, null, utc(2024, 12, 1), null, null],
    ["正常", 0, "福田店", "HT011", null, "13800002011", "徐涛", 16, null, utc(2025, 9, 3), null, null],
    [null, 9000, "南山店", "HT012", null, "13800002012", "孙丽娟", 1, null, utc(2026, 11, 10), utc(2026, 12, 1), null],
    [
      "正常",
      7000,
      "南山店",
      "HT013",
      { formula: "DATE(2026,10,16)", result: utc(2026, 10, 16) },
      "13800002013",
      "马超",
      16,
      null,
      utc(2025, 9, 19),
      null,
      null,
    ],
    ["正常", 6000, "福田店", "HT014", null, "13800002014", "朱琳", 16, null, utc(2025, 10, 9), null, 2],
    ["正常", 11000, "南山店", "HT015", "10/14/2026", "13800002015", "胡军", 14, null, utc(2025, 10, 22), null, null],
    ["正常", 2000, "南山店", "007788", null, "13800002016", "郭芳", 1, null, utc(2025, 1, 1), null, null],
    ["正常", 15000, "福田店", "HT017", null, "13800002017", "何磊", 16, null, utc(2026, 11, 5), null, null],
    ["正常", "１２,０００", "南山店", "HT018", utc(2026, 11, 1), "13800002018", "高翔", 1, null, utc(2025, 11, 26), null, null],
  ];
  for (const r of rows) ws.addRow(r);
  for (const col of [5, 10, 11]) ws.getColumn(col).numFmt = "yyyy-mm-dd";
  await wb.xlsx.writeFile(path);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-classify-"));
  mixedXlsx = join(tmp, "ledger-mixed.xlsx");
  await writeMixedXlsx(mixedXlsx);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("classify --json", () => {
  test("the fixture really has a BOM and CRLF line ends", () => {
    const bytes = readFileSync(MIXED_CSV);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("\r\n");
  });

  test("CSV with shuffled Chinese headers, extra columns, mixed dates and amounts", async () => {
    const run = await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows).toEqual(EXPECTED_MIXED);
    for (const r of rows) expect(Object.keys(r)).toEqual(["loan_id", "dpd", "bucket", "class"]);
  });

  test("the same ledger as .xlsx gives the same result", async () => {
    const run = await runCli(["classify", "--ledger", mixedXlsx, "--date", AS_OF, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(EXPECTED_MIXED);
  });

  test("bad rows are named on stderr, left out, and the rest is classified (exit 0)", async () => {
    const file = fixture("ledger-bad-rows.csv");
    const run = await runCli(["classify", "--ledger", file, "--date", AS_OF, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { loan_id: "A1", dpd: 0, bucket: "C", class: "A" },
      { loan_id: "C3", dpd: 29, bucket: "M1", class: null },
    ]);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${escapeRegExp(file)}: row 3, column “合同编号”: .*DUP.*rows 3, 5`));
    expect(lines[1]).toMatch(new RegExp(`^${escapeRegExp(file)}: row 4, column “最早未还款日”: “明天” is not a date`));
    expect(lines[2]).toMatch(new RegExp(`^${escapeRegExp(file)}: row 5, column “合同编号”: `));
    // No customer names or phone numbers on stderr.
    for (const secret of ["林慧", "罗斌", "郑爽", "梁伟", "谢婷", "138000030"]) expect(run.stderr).not.toContain(secret);
  });

  test("bad rows in Chinese", async () => {
    const file = fixture("ledger-bad-rows.csv");
    const run = await runCli(["classify", "--ledger", file, "--date", AS_OF, "--json", "--lang", "zh"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${file}：第 4 行，“最早未还款日”列：“明天”不是能识别的日期`);
  });

  test("a missing required column stops the run (exit 2) naming the field and the headers looked for", async () => {
    const file = fixture("ledger-no-principal.csv");
    const run = await runCli(["classify", "--ledger", file, "--date", AS_OF, "--json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain("outstanding principal (剩余本金)");
    for (const header of ["剩余本金", "未还本金", "贷款余额", "Outstanding principal"]) expect(run.stderr).toContain(header);
    expect(run.stderr).not.toContain("林慧");
  });

  test("a file that cannot be read exits 2 naming the file", async () => {
    const missing = join(tmp, "nope.csv");
    let run = await runCli(["classify", "--ledger", missing, "--date", AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(missing);
    const corrupt = join(tmp, "broken.xlsx");
    writeFileSync(corrupt, "this is not a workbook");
    run = await runCli(["classify", "--ledger", corrupt, "--date", AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(corrupt);
    const neither = join(tmp, "neither.csv");
    writeFileSync(neither, Buffer.from([0xba, 0xcf, 0xcd, 0xac, 0xff, 0xe0, 0xba, 0xc5, 0x0a])); // 合同 in GBK, then a byte neither UTF-8 nor GB18030 has
    run = await runCli(["classify", "--ledger", neither, "--date", AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("neither UTF-8 nor GB18030/GBK");
  });

  test("--book: a missing book exits 2; an existing one is accepted", async () => {
    const missing = join(tmp, "no-book.xlsx");
    let run = await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF, "--book", missing, "--json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(missing);
    run = await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF, "--book", mixedXlsx, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(EXPECTED_MIXED);
  });

  test("input files are never written", async () => {
    const before = [MIXED_CSV, mixedXlsx].map(sha256);
    await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF]);
    await runCli(["classify", "--ledger", mixedXlsx, "--date", AS_OF, "--json"]);
    expect([MIXED_CSV, mixedXlsx].map(sha256)).toEqual(before);
  });
});

describe("classify table output", () => {
  test("aligned table with CJK names, provisional mark and bucket summary", async () => {
    const run = await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`${MIXED_CSV} as of ${AS_OF}: 15 active accounts`);
    const table = lines.slice(2, 2 + 1 + EXPECTED_MIXED.length);
    expect(table[0]).toMatch(/^loan id\s+customer\s+DPD\s+bucket\s+class\s+outstanding principal$/);
    // Right-aligned last column: equal display widths mean the CJK names were padded by width.
    const widths = new Set(table.map(displayWidth));
    expect(widths.size).toBe(1);
    const row = (id: string) => table.find((l) => l.startsWith(`${id} `)) as string;
    expect(row("HT001")).toMatch(/^HT001\s+张伟\s+0\s+C\s+A\s+12,345\.00$/);
    expect(row("HT012")).toMatch(/孙丽娟\s+0\s+C\s+NEW\s+9,000\.00$/);
    expect(row("007788")).toMatch(/\s+0\s+C\s+A\*\s+2,000\.00$/);
    expect(row("HT006")).toMatch(/\s+91\s+M3\+\s+20,000\.00$/);
    expect(run.stdout).toContain("* provisional: fewer than 3 months of history known");
    const summary = (label: string) => lines.find((l) => l.startsWith(`${label} `)) as string;
    expect(summary("C")).toMatch(/^C\s+6\s+47,345\.00\s/);
    expect(summary("M1")).toMatch(/^M1\s+4\s+31,500\.00\s/);
    expect(summary("M2")).toMatch(/^M2\s+2\s+19,000\.00\s/);
    expect(summary("M3")).toMatch(/^M3\s+2\s+6,234\.56\s/);
    expect(summary("M3+")).toMatch(/^M3\+\s+1\s+20,000\.00\s/);
    expect(summary("total")).toMatch(/^total\s+15\s+124,079\.56$/);
  });

  test("Chinese from LANG, English from --lang", async () => {
    const zh = await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF], { LANG: "zh_CN.UTF-8" });
    expect(zh.stdout).toContain("合同编号");
    expect(zh.stdout).toMatch(/合计\s+15\s+124,079\.56/);
    expect(zh.stdout).toContain("暂定");
    const en = await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF, "--lang", "en"], { LANG: "zh_CN.UTF-8" });
    expect(en.stdout).toContain("outstanding principal");
    const zh2 = await runCli(["classify", "--ledger", MIXED_CSV, "--date", AS_OF, "--lang=zh"], { LANG: "C" });
    expect(zh2.stdout).toContain("剩余本金");
  });
});

describe("the shipped sample ledger", () => {
  test("the sample: no bad rows, every bucket, classes A/B/C/NEW, some left out", async () => {
    const table = await readTableFile(join(__dirname, "..", "..", "samples", "sample-ledger.csv"));
    expect(table.rows).toHaveLength(40);
    const { rows, problems } = classifyTable(table, defaultSettings(), parseIsoDay("2026-11-14"));
    expect(problems).toEqual([]);
    const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
    expect({
      C: count((r) => r.bucket === "C"),
      M1: count((r) => r.bucket === "M1"),
      M2: count((r) => r.bucket === "M2"),
      M3: count((r) => r.bucket === "M3"),
      "M3+": count((r) => r.bucket === "M3+"),
    }).toEqual({ C: 22, M1: 6, M2: 3, M3: 2, "M3+": 2 });
    for (const cls of ["A", "B", "C", "NEW"]) expect(count((r) => r.class === cls)).toBeGreaterThan(0);
    expect(count((r) => r.provisional)).toBeGreaterThan(0);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
