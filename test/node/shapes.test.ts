/**
 * The CLI on the shapes stores really have (SPEC §3, issue 15): a DPD-only
 * collections export of a ledger classifies like the ledger and says once what
 * cannot be scheduled; a repayment schedule and a ledger with a title and a
 * totals row classify like the plain ledger.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import Papa from "papaparse";
import { generateLoans, sampleLedger, sampleSchedule } from "../../src/app/sampleStore";
import type { Cell } from "../../src/domain/cells";
import { isoDay, parseIsoDay } from "../../src/domain/days";
import { runCli } from "./harness";

const T = parseIsoDay("2026-11-16");
const loans = generateLoans({ loans: 400, from: parseIsoDay("2025-05-01"), to: T - 1, seed: 99 });
const ledger = sampleLedger(loans, T);
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-shapes-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function csv(name: string, rows: Cell[][]): string {
  const path = join(tmp, name);
  writeFileSync(path, `\ufeff${Papa.unparse(rows.map((r) => r.map((c) => (c === null ? "" : String(c)))))}\r\n`);
  return path;
}

async function classified(path: string) {
  const run = await runCli(["classify", "--ledger", path, "--date", isoDay(T), "--json"]);
  expect(run.code).toBe(0);
  return { run, rows: JSON.parse(run.stdout) as { loan_id: string; dpd: number; bucket: string; class: string | null }[] };
}

/** The collections export a loan system gives: asset no., contract, customer, DPD, overdue amount (in 万), principal. */
function collectionsExport(): Cell[][] {
  const h = ledger[0];
  const at = (name: string) => h.indexOf(name);
  const out: Cell[][] = [["资产编号", "合同编号", "客户姓名", "手机号码", "逾期天数", "逾期金额", "剩余本金", "状态", "客户经理"]];
  ledger.slice(1).forEach((r, i) => {
    const oldest = String(r[at("最早未还款日")]);
    const dpd = oldest === "" ? 0 : Math.max(0, T - parseIsoDay(oldest));
    out.push([
      `ZC${i + 1}`,
      r[at("合同编号")],
      r[at("客户姓名")],
      r[at("手机号码")],
      dpd,
      dpd > 0 ? `${(Number(r[at("每期还款额")]) / 10000).toFixed(4)}万` : "",
      r[at("剩余本金")],
      r[at("状态")],
      r[at("客户经理")],
    ]);
  });
  return out;
}

describe("classify on the shapes stores have", () => {
  test("a DPD-only export of a ledger classifies exactly like the ledger (DPD, bucket), exit 0, one line saying what is not scheduled", async () => {
    const plain = await classified(csv("ledger.csv", ledger));
    const exported = await classified(csv("export.csv", collectionsExport()));
    const pick = (rows: typeof plain.rows) => rows.map((r) => [r.loan_id, r.dpd, r.bucket]);
    expect(pick(exported.rows)).toEqual(pick(plain.rows));
    expect(new Set(plain.rows.map((r) => r.bucket)).size).toBe(5);
    const lines = exported.run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /export\.csv: the ledger has no due day .*: reminders, confirmations, first-installment reminders, welcome calls and C-M1 by due day are left out; collection work is scheduled$/,
    );
  });

  test("the export through `day`: exit 0, collection work on the call sheet, the line said once", async () => {
    const book = join(tmp, "export-book.xlsx");
    const run = await runCli(["day", "--book", book, "--ledger", join(tmp, "export.csv"), "--date", isoDay(T), "--lang", "en"], undefined, [
      book,
    ]);
    expect(run.code).toBe(0);
    expect(
      run.stderr
        .trim()
        .split("\n")
        .filter((l) => l.includes("no due day")),
    ).toHaveLength(1);
    expect(run.stdout).toMatch(/no due day/);
    expect(run.stdout).toMatch(/collection/i);
  });

  test("a repayment schedule classifies exactly like the ledger (DPD, bucket, class)", async () => {
    const plain = await classified(join(tmp, "ledger.csv"));
    const schedule = await classified(csv("schedule.csv", sampleSchedule(loans, T)));
    expect(schedule.rows).toEqual(plain.rows);
    expect(schedule.run.stderr).toMatch(/read as a repayment schedule: \d+ installment rows, \d+ loans/);
  });

  test("a ledger with two title rows, blank rows and a 合计 row: as the plain ledger; a bad row named by its spreadsheet row; the totals row noted once", async () => {
    const width = ledger[0].length;
    const pad = (cells: Cell[]) => [...cells, ...new Array<Cell>(width - cells.length).fill("")];
    const bad = ledger[5].slice();
    bad[ledger[0].indexOf("剩余本金")] = "十万";
    const kept = [
      pad(["上海徐汇门店贷款台账（2026年10月）"]),
      pad(["", "单位：元"]),
      ledger[0],
      ...ledger.slice(1, 5),
      bad,
      pad([]),
      ...ledger.slice(6),
      pad(["合计"]),
    ];
    const plainRows = (await classified(join(tmp, "ledger.csv"))).rows.filter((r) => r.loan_id !== ledger[5][0]);
    const titled = await classified(csv("kept.csv", kept));
    expect(titled.rows).toEqual(plainRows);
    const err = titled.run.stderr.trim().split("\n");
    expect(err.filter((l) => /row 8, column “剩余本金”/.test(l))).toHaveLength(1);
    expect(err.filter((l) => l.includes("totals row"))).toEqual([
      `${join(tmp, "kept.csv")}: row ${kept.length} is a totals row (合计) and is left out`,
    ]);
  });

  test("the same kept ledger as .xlsx (a one-cell title row): as the plain ledger", async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["上海徐汇门店贷款台账（2026年10月）"]);
    ws.addRow([]);
    for (const r of ledger) ws.addRow(r.map((c) => (c === null ? "" : c)));
    ws.addRow(["小计"]);
    const path = join(tmp, "kept.xlsx");
    await wb.xlsx.writeFile(path);
    const plain = await classified(join(tmp, "ledger.csv"));
    const kept = await classified(path);
    expect(kept.rows).toEqual(plain.rows);
    expect(kept.run.stderr).toContain(`row ${ledger.length + 3} is a totals row (小计)`);
  });
});
