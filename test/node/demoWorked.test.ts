/**
 * Issue 16's demo: under LANG=C.UTF-8 the Chinese store's book comes out in
 * Chinese, its staff have worked the call sheets (through the record path),
 * every complete month has a report sheet with charts, and the printed summary
 * names the last complete month's figures and the sheets to open first.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { callColumnsOf, readCallSheet } from "../../src/app/callSheet";
import { CONTACT_LOG_SHEET, LEDGER_SHEET, OUTCOME_LABELS, callSheetName, dateOfCallSheet, reportSheetName } from "../../src/app/names";
import { type Cell, cellText } from "../../src/domain/cells";
import { isoDay, parseIsoDay } from "../../src/domain/days";
import { loadBook } from "../../src/node/book";
import { DEMO_DATE, DEMO_STAFF } from "../../src/node/demoCommand";
import { runCli } from "./harness";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-demo-worked-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("LANG=C.UTF-8 daihou demo: a worked month", () => {
  it("writes the worked book and prints a Chinese summary naming the last month's figures and the sheets to open", async () => {
    const run = await runCli(["demo", "--out", tmp], { LANG: "C.UTF-8" });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const path = join(tmp, "daihou-demo.xlsx");
    // The summary in Chinese: the last complete month's figures and the sheets to open first.
    expect(run.stdout).toContain("Daihou 演示");
    expect(run.stdout).toContain(`2026-11 月末指标（工作表“${reportSheetName("2026-11")}”）`);
    expect(run.stdout).toMatch(/M1%（金额）\s+\d+\.\d\d%/);
    expect(run.stdout).toContain(`请先打开：“${reportSheetName("2026-11")}”`);
    expect(run.stdout).toMatch(/催收记录 \d{3,} 条/);
    expect(run.stdout).not.toMatch(/Reminder|Collection|current/);

    const book = await loadBook(path);
    const names = book.sheetNames();
    // A report sheet with its two trend charts for every complete month (the first is July: June's E′ is before the first run),
    // and the vintage chart (issue 19: the demo's ledger gives disbursement dates).
    for (const month of ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]) {
      expect(names).toContain(reportSheetName(month));
      expect(book.sheets.get(reportSheetName(month))?.charts.map((c) => c.title)).toEqual([
        "逾期占比趋势（金额）",
        "逾期占比趋势（户数）",
        "Vintage：曾入 M1 及以上（按放款后月数）",
      ]);
    }
    expect(names).not.toContain(reportSheetName("2026-06"));
    // The contact log: hundreds of calls, in Chinese, by the roster's collectors.
    const log = book.read(CONTACT_LOG_SHEET) as Cell[][];
    expect(log.length).toBeGreaterThan(300);
    const outcomes = new Set(log.slice(1).map((r) => cellText(r[9])));
    for (const o of ["ptp", "no_answer", "invalid_number", "sms_sent", "hardship"] as const)
      expect([o, outcomes.has(OUTCOME_LABELS[o].zh)]).toEqual([o, true]);
    const staff = new Set(log.slice(1).map((r) => cellText(r[3])));
    for (const s of DEMO_STAFF) expect([s.name, staff.has(s.name)]).toEqual([s.name, true]);
    // Promises with all three elements.
    const promises = log.slice(1).filter((r) => cellText(r[9]) === OUTCOME_LABELS.ptp.zh);
    expect(promises.length).toBeGreaterThan(50);
    for (const p of promises.slice(0, 50)) for (const c of [10, 11, 12]) expect(cellText(p[c])).not.toBe("");
    // Past call sheets carry the outcomes staff filled in; today's is left to work. Named collectors own the tasks.
    const yesterday = book.read(callSheetName(parseIsoDay(DEMO_DATE) - 1)) as Cell[][];
    const at = callColumnsOf(yesterday);
    expect(yesterday.slice(1).filter((r) => cellText(r[at.outcome]) !== "").length).toBeGreaterThan(10);
    const today = book.read(callSheetName(parseIsoDay(DEMO_DATE))) as Cell[][];
    expect(today.slice(1).every((r) => cellText(r[at.outcome]) === "")).toBe(true);
    const owners = new Set(readCallSheet(today).map((r) => r.owner));
    for (const name of ["张敏", "李强", "陈静"]) expect(owners).toContain(name);
    // Broken promises, SMS and lost contacts came back onto the sheets.
    const kept = names.filter((n) => dateOfCallSheet(n) !== null).flatMap((n) => readCallSheet(book.read(n) as Cell[][]));
    for (const type of ["broken_promise", "sms", "lost_contact"]) expect([type, kept.some((r) => r.type === type)]).toEqual([type, true]);
    // The ledger's why-column and the call sheet's values follow the language (Chinese), not only the headers.
    expect(cellText((book.read(LEDGER_SHEET) as Cell[][])[0].at(-1))).toMatch(/^Daihou·/);
    expect(readCallSheet(today).length).toBeGreaterThan(0);
    expect(today.slice(1).some((r) => cellText(r[at.task]) === "温馨提醒")).toBe(true);

    // The report sheet's figures are the ones `report --json` prints.
    const json = JSON.parse((await runCli(["report", "--book", path, "--json"], { LANG: "C.UTF-8" })).stdout);
    expect(json.month).toBe("2026-11");
    expect(run.stdout).toContain(`${(json.m1_ratio_amount * 100).toFixed(2)}%`);

    // Call sheets print landscape, one page wide, with their header on every page.
    const wb = new Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet(callSheetName(parseIsoDay(DEMO_DATE)));
    expect(ws?.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });
    const old = wb.getWorksheet(callSheetName(parseIsoDay(DEMO_DATE) - 10));
    expect(old?.pageSetup).toMatchObject({ orientation: "landscape", printTitlesRow: "1:1" });
    expect(isoDay(parseIsoDay(DEMO_DATE))).toBe(DEMO_DATE);
  }, 120_000);
});
