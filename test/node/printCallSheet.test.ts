/**
 * Printing (issue 16): the demo's call sheet and month-end report sheet,
 * rendered to PDF by LibreOffice (headless) and read back with poppler —
 * the call sheet prints as a work list: landscape, one page wide, its header
 * row on every page, a page group per owner, and each row's number and talking
 * points on the page that carries the row.
 *
 * Needs LibreOffice Calc (`soffice`) and poppler-utils (`pdftotext`); the test
 * fails, not skips, when they are missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { callColumnsOf } from "../../src/app/callSheet";
import { CALL_HEADERS, callSheetName, reportSheetName } from "../../src/app/names";
import { cellText } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { saveBook } from "../../src/node/book";
import { demoBook } from "../../src/node/demoCommand";

const LAST = parseIsoDay("2026-11-30");
const DAY = parseIsoDay("2026-11-27"); // a worked day with several owners
let dir: string;
let bookPath: string;
/** The call sheet alone (the report's drill-down pages list loan ids too, so the page checks print it on its own). */
let callBookPath: string;
let rows: string[][];

function tool(command: string, args: string[], aptPackage: string): ReturnType<typeof spawnSync> {
  const run = spawnSync(command, args, { encoding: "utf8", timeout: 180_000 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new Error(`${command} is not installed; this test needs it: apt-get install -y --no-install-recommends ${aptPackage}`);
  }
  if (run.error) throw run.error;
  return run;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daihou-print-"));
  bookPath = join(dir, "print.xlsx");
  const { book } = demoBook("zh", parseIsoDay("2026-09-01"), LAST);
  // Only the two sheets printed here (the whole book would be many pages).
  const keep = [callSheetName(DAY), reportSheetName("2026-10")];
  for (const name of book.sheetNames()) if (!keep.includes(name)) book.deleteSheet(name);
  expect(book.sheetNames().sort()).toEqual([...keep].sort());
  rows = (book.read(callSheetName(DAY)) ?? []).map((r) => r.map(cellText));
  await saveBook(book, bookPath);
  book.deleteSheet(reportSheetName("2026-10"));
  callBookPath = join(dir, "calls.xlsx");
  await saveBook(book, callBookPath);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the printable call sheet", () => {
  it("the xlsx asks for landscape, one page wide, the header row on every page, a break per owner, talking points wrapped", async () => {
    const wb = new Workbook();
    await wb.xlsx.readFile(bookPath);
    const ws = wb.getWorksheet(callSheetName(DAY));
    if (!ws) throw new Error("no call sheet");
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });
    const at = callColumnsOf(rows);
    expect(ws.getCell(2, at.talking_points + 1).alignment).toMatchObject({ wrapText: true });
    expect(ws.getColumn(at.talking_points + 1).width).toBeLessThanOrEqual(45);
    const owners = new Set(rows.slice(1).map((r) => r[at.owner]));
    expect(owners.size).toBeGreaterThan(1);
  });

  it("LibreOffice prints it: every call-sheet page carries the header row, and each row's number and talking points are on its page", () => {
    const out = join(dir, "pdf");
    const profile = `file://${join(dir, "lo-profile")}`;
    const run = tool(
      "soffice",
      [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", out, bookPath, callBookPath],
      "libreoffice-calc-nogui",
    );
    const pdf = join(out, "print.pdf");
    const callPdf = join(out, "calls.pdf");
    expect({ status: run.status, pdf: existsSync(pdf), callPdf: existsSync(callPdf) }).toEqual({ status: 0, pdf: true, callPdf: true });
    const pagesOf = (file: string) =>
      String(tool("pdftotext", ["-layout", file, "-"], "poppler-utils").stdout)
        .split("\f")
        .filter((p) => p.trim() !== "");
    const pages = pagesOf(pdf);
    const at = callColumnsOf(rows);
    // The tasks: the capacity lines at the top and the carried heading name no loan (issue 14).
    const body = rows.slice(1).filter((r) => r[at.loan_id] !== "");
    const compact = (s: string) => s.replace(/\s+/g, "");
    // The call sheet's pages: the call sheet printed on its own.
    const callPages = pagesOf(callPdf);
    expect(callPages.length).toBeGreaterThan(1);
    for (const page of callPages) {
      for (const header of ["owner", "loan_id", "number", "talking_points", "outcome"] as const)
        expect([header, page.includes(CALL_HEADERS[header].zh)]).toEqual([header, true]);
    }
    // Each row: its number and the start of its talking points on the page that has its loan id; one owner's rows are not split across an owner change.
    for (const r of body) {
      const page = callPages.find((p) => p.includes(r[at.loan_id]));
      expect([r[at.loan_id], page !== undefined]).toEqual([r[at.loan_id], true]);
      if (!page) continue;
      if (r[at.number] !== "") expect([r[at.loan_id], page.includes(r[at.number])]).toEqual([r[at.loan_id], true]);
      const points = compact(r[at.talking_points]).slice(0, 8);
      expect([r[at.loan_id], compact(page).includes(points)]).toEqual([r[at.loan_id], true]);
    }
    // The report sheet is printed too, with its title.
    expect(pages.some((p) => p.includes("月末报告 2026-10"))).toBe(true);
    // One page group per owner: no page carries two owners' rows.
    for (const page of callPages) {
      const owners = new Set(body.filter((r) => page.includes(r[at.loan_id])).map((r) => r[at.owner]));
      expect(owners.size).toBe(1);
    }
  });
});
