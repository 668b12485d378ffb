/**
 * The hostile-ledger corpus (SPEC §3, §7): every ledger in ./ledgers (and a few
 * written here: .xlsx files and a 100,000-row CSV) through `classify --json`,
 * `day`, `record` and `report --json`, in-process. Each file's bytes must stay
 * as they were (runCli checks), every bad row must be named on stderr with its
 * row and column header, and the good rows must be classified.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { LEDGER_SHEET } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { t } from "../../src/domain/i18n";
import type { MessageKey } from "../../src/domain/i18n";
import { printable } from "../../src/node/text";
import { runCli } from "../node/harness";
import { sheetsOf } from "../node/store";
import { DATE, EXPECTED, type Expected, type Flag, GENERATED } from "./expected";

const EN = { LANG: "en_US.UTF-8" };
const LEDGERS = join(__dirname, "ledgers");
const MONTH = DATE.slice(0, 7);
const tmp = mkdtempSync(join(tmpdir(), "daihou-corpus-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const pathOf = (name: string) => (GENERATED.includes(name) ? join(tmp, name) : join(LEDGERS, name));

// ------------------------------------------------------------ generated cases

const H = ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日", "状态"];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function writeXlsx(name: string, header: unknown[], rows: (unknown[] | null)[], withNotes = false): Promise<void> {
  const wb = new Workbook();
  if (withNotes) wb.addWorksheet("说明").addRow(["这张表不是台账", 1, 2]);
  const ws = wb.addWorksheet("台账");
  ws.getRow(1).values = header as never;
  rows.forEach((r, i) => {
    if (r) ws.getRow(i + 2).values = r as never;
  });
  await wb.xlsx.writeFile(join(tmp, name));
}

async function writeGenerated(): Promise<void> {
  const row = (id: unknown, principal: unknown, oldest: unknown = null, name: unknown = "测试客户", mobile: unknown = "13800000001") => [
    id,
    name,
    mobile,
    principal,
    oldest,
    20,
    "正常",
  ];
  await writeXlsx(
    "typed.xlsx",
    H,
    [
      row("X1", 10000, utc(2026, 11, 1)),
      row("X2", -5),
      row("X3", true),
      row("X4", { error: "#N/A" }),
      row("X6", { formula: "SUM(A1)", result: 500 }),
      row("X7", { formula: "SUM(A1)" }),
      row("X8", 100, utc(1949, 12, 31)),
      row("X9", 100, 46327),
      row(12, 100, null, { richText: [{ text: "富" }, { font: { bold: true }, text: "文本" }] }),
      row("X11", 100, utc(2026, 12, 1)),
      row("0013", 100, null, "长".repeat(10_000)),
      row("X14", 1e15, null, { text: "王😀", hyperlink: "mailto:x@example.com" }),
      row("X15", "¥8,000", null, "محمد", 13912345678),
    ],
    true,
  );
  const h2 = ["合同编号", "客户姓名", "剩余本金\n(元)", "最早未还款日", "还款日"];
  await writeXlsx("blank-rows.xlsx", h2, [
    ["Y1", "a", 100, null, 1],
    null,
    ["Y2", "b", 200, null, 1],
    ["Y3", "c", "abc", null, 1],
    null,
    ["", " ", null, null, null],
  ]);
  await writeXlsx(
    "missing-principal.xlsx",
    H.filter((h) => h !== "剩余本金"),
    [["Z1", "a", "13800000001", null, 1, "正常"]],
  );

  // 100,000 rows; bad ones planted at known spreadsheet rows (the header is row 1).
  const lines = [H.join(",")];
  for (let r = 2; r <= 100_001; r++) {
    const cells = [
      `L${r}`,
      `客户${r % 997}`,
      `138${String(r).padStart(8, "0")}`,
      String(1000 + (r % 50_000)),
      r % 7 === 0 ? "2026-10-01" : "",
      String(1 + (r % 28)),
      "正常",
    ];
    if (r === 1_000) cells[3] = "abc";
    if (r === 25_000) cells[4] = "2026-02-30";
    if (r === 50_001) cells[0] = "#N/A";
    if (r === 60_000 || r === 90_000) cells[0] = "DUP";
    if (r === 77_777) cells[4] = "2027-01-01";
    if (r === 100_001) cells[3] = "-1";
    lines.push(cells.join(","));
  }
  writeFileSync(join(tmp, "big-100k.csv"), `${lines.join("\r\n")}\r\n`);
}

beforeAll(writeGenerated, 60_000);

// ------------------------------------------------------------ checks

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The English reason text as a pattern, its {params} matching anything. */
function reasonPattern(key: string): RegExp {
  return new RegExp(escapeRegExp(t("en", `reason.${key}` as MessageKey)).replace(/\\\{\w+\\\}/g, "[\\s\\S]*"));
}

interface Line {
  row: number;
  column: string;
  text: string;
}

/** stderr as problem lines; every line must be one (`FILE: row N, column “H”: reason`). */
function problemLines(stderr: string, file: string): Line[] {
  if (stderr === "") return [];
  return stderr
    .replace(/\n$/, "")
    .split("\n")
    .map((text) => {
      const m = /^: row (\d+), column “(.*?)”: /.exec(text.startsWith(file) ? text.slice(file.length) : "");
      expect({ line: text.slice(0, 300), parsed: m !== null }).toEqual({ line: text.slice(0, 300), parsed: true });
      return { row: Number(m?.[1]), column: m?.[2] ?? "", text };
    });
}

/** Every expected flag is one line of stderr, and there is no other line. */
function expectFlags(stderr: string, file: string, flagged: Flag[], notes: string[] = []): void {
  // Notes on the whole ledger (SPEC §3: said once) are lines of their own; every other line is a problem line.
  let rest = stderr.replace(/\n$/, "").split("\n");
  for (const note of notes) {
    expect({ note, times: rest.filter((l) => l.startsWith(file) && l.includes(note)).length }).toEqual({ note, times: 1 });
    rest = rest.filter((l) => !l.includes(note));
  }
  rest = rest.filter((l) => l !== "");
  const lines = problemLines(rest.length === 0 ? "" : `${rest.join("\n")}\n`, file);
  const unmatched = lines.slice();
  for (const f of flagged) {
    const i = unmatched.findIndex(
      (l) =>
        l.row === f.row &&
        l.column === printable(f.column) &&
        reasonPattern(f.reason).test(l.text) &&
        (f.text === undefined || l.text.includes(f.text)),
    );
    expect({ flag: f, found: i >= 0 }).toEqual({ flag: f, found: true });
    unmatched.splice(i, 1);
  }
  expect(unmatched.map((l) => l.text.slice(0, 300))).toEqual([]);
}

/** The store's cells of an .xlsx ledger equal those of the book's ledger sheet (Daihou's columns are right of them). */
async function expectStoreCellsKept(input: string, book: string): Promise<void> {
  const given = (await sheetsOf(input)).get("台账") as Cell[][];
  const kept = (await sheetsOf(book)).get(LEDGER_SHEET) as Cell[][];
  const width = given[0].length;
  // An empty-text cell comes back as an empty cell (today); both are blank to the store.
  const norm = (r: Cell[] | undefined) => Array.from({ length: width }, (_, c) => (r?.[c] === "" ? null : (r?.[c] ?? null)));
  expect(kept.length).toBeGreaterThanOrEqual(given.length);
  for (let r = 0; r < Math.max(given.length, kept.length); r++) {
    const store = norm(given[r]);
    // Rows past the file's last row are blank in the store's columns.
    expect({ row: r + 1, cells: norm(kept[r]) }).toEqual({ row: r + 1, cells: store });
  }
}

/** `full`: also `record` and `report` (left out for the 100,000-row book: about 40 s and 20 s today). */
async function runCase(name: string, exp: Expected, full = true): Promise<void> {
  const ledger = pathOf(name);
  const book = join(tmp, `${name}.book.xlsx`);
  const c = await runCli(["classify", "--ledger", ledger, "--date", DATE, "--json"], EN);
  expect(c.code).toBe(exp.exit);
  if (exp.exit === 2) {
    expect(c.stdout).toBe("");
    for (const s of [ledger, ...exp.stderr]) expect(c.stderr).toContain(s);
    const d = await runCli(["day", "--book", book, "--date", DATE, "--ledger", ledger], EN, [book]);
    expect(d.code).toBe(2);
    for (const s of [ledger, ...exp.stderr]) expect(d.stderr).toContain(s);
    expect(existsSync(book)).toBe(false);
    return;
  }
  const rows = JSON.parse(c.stdout) as { loan_id: string; dpd: number; bucket: string; class: string | null }[];
  expect(rows).toHaveLength(exp.good);
  for (const r of rows) expect(Object.keys(r)).toEqual(["loan_id", "dpd", "bucket", "class"]);
  if (exp.ids) expect(rows.map((r) => r.loan_id)).toEqual(exp.ids);
  if (exp.dpd) {
    const dpd = Object.fromEntries(rows.filter((r) => r.loan_id in (exp.dpd ?? {})).map((r) => [r.loan_id, r.dpd]));
    expect(dpd).toEqual(exp.dpd);
  }
  expectFlags(c.stderr, ledger, exp.flagged, exp.notes);

  const d = await runCli(["day", "--book", book, "--date", DATE, "--ledger", ledger], EN, [book]);
  expect(d.code).toBe(0);
  expectFlags(d.stderr, ledger, exp.flagged, exp.notes);
  expect(d.stdout).toMatch(new RegExp(`active accounts?: ?${exp.good}\\b|${exp.good} active accounts`));
  expect(d.stdout).toContain(`rows not counted: ${new Set(exp.flagged.map((f) => f.row)).size}`);
  if (!full) return;

  const r = await runCli(["record", "--book", book, "--date", DATE], EN, [book]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
  expect(r.stdout).toContain("filled rows: 0 · recorded now: 0 · already recorded: 0");

  // --json only reads the book (runCli checks its bytes).
  const p = await runCli(["report", "--book", book, "--month", MONTH, "--json"], EN);
  expect(p.code).toBe(0);
  expect(JSON.parse(p.stdout)).toMatchObject({ month: MONTH });

  if (name.endsWith(".xlsx")) await expectStoreCellsKept(ledger, book);
}

// ------------------------------------------------------------ tests

describe("hostile ledger corpus", () => {
  test("every committed ledger has an expected outcome, and every expected one is there", () => {
    const files = readdirSync(LEDGERS).sort();
    const listed = Object.keys(EXPECTED)
      .filter((n) => !GENERATED.includes(n))
      .sort();
    expect(files).toEqual(listed);
    expect(files.length + GENERATED.length).toBeGreaterThanOrEqual(40);
  });

  const small = Object.entries(EXPECTED).filter(([name]) => name !== "big-100k.csv");
  test.each(small)("%s", async (name, exp) => {
    await runCase(name, exp);
  });

  test("big-100k.csv: 100,000 rows, 7 bad rows planted (classify and day)", async () => {
    await runCase("big-100k.csv", EXPECTED["big-100k.csv"], false);
  }, 120_000);
});
