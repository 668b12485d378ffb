/**
 * The report sheet in the local book: written by `daihou report` (without
 * --json), read back by ExcelJS with its charts as real xlsx chart parts, kept
 * once through re-saving, and opened by LibreOffice (headless PDF export) with
 * the figures and the charts on the page.
 *
 * Needs LibreOffice Calc (`soffice`) and poppler-utils (`pdftotext`,
 * `pdftoppm`); the test fails, not skips, when they are missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import JSZip from "jszip";
import { reportSheetName } from "../../src/app/names";
import { loadBook, saveBook } from "../../src/node/book";
import { handBook } from "../fixtures/handBook";
import { handBeyondReasons } from "../fixtures/handBeyondReasons";
import { runCli } from "./harness";

const SHEET = reportSheetName("2026-10");
const QUOTED = `'${SHEET}'`;

let dir: string;
let bookPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daihou-report-sheet-"));
  bookPath = join(dir, "book.xlsx");
  await saveBook(handBook(), bookPath);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function zipOf(path: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(path));
}

/** The chart and drawing parts of a book. */
async function chartParts(path: string): Promise<{ charts: string[]; drawings: string[] }> {
  const names = Object.keys((await zipOf(path)).files);
  return {
    charts: names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort(),
    drawings: names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n)).sort(),
  };
}

/** Runs a tool; throws a message naming the apt package when it is not installed. */
function tool(command: string, args: string[], aptPackage: string): ReturnType<typeof spawnSync> {
  const run = spawnSync(command, args, { encoding: "utf8", timeout: 180_000 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new Error(`${command} is not installed; this test needs it: apt-get install -y --no-install-recommends ${aptPackage}`);
  }
  if (run.error) throw run.error;
  return run;
}

describe("the report sheet in the local book", () => {
  it("`daihou report` without --json writes the sheet and prints the readable report; --json leaves the book alone", async () => {
    const json = await runCli(["report", "--book", bookPath, "--month", "2026-10", "--json"]);
    expect(json.code).toBe(0);
    expect(Object.keys(JSON.parse(json.stdout))).not.toContain("unavailable");
    expect((await loadBook(bookPath)).sheets.has(SHEET)).toBe(false);

    const run = await runCli(["report", "--book", bookPath, "--month", "2026-10"], { LANG: "en_US.UTF-8" }, [bookPath]);
    expect(run.code).toBe(0);
    // No month-end figure is missing; the figures beyond them that this store's inputs lack are named with why (SPEC §6).
    expect(run.stderr).toBe(handBeyondReasons(bookPath));
    expect(run.stdout).toContain("month-end figures for 2026-10");
    expect(run.stdout).toContain("M1 outcome: ONE (excellent) 1 · TWO (acceptable) 0 · THREE (oh no) 1");
    expect(run.stdout).toContain(`report sheet “${SHEET}” written to ${bookPath}`);
    expect(existsSync(`${bookPath}.lock`)).toBe(false);
    expect(existsSync(`${bookPath}.tmp`)).toBe(false);
  });

  it("ExcelJS reads the sheet back: the figures as numbers in a percent format", async () => {
    const wb = new Workbook();
    await wb.xlsx.readFile(bookPath);
    const ws = wb.getWorksheet(SHEET);
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.getCell("A1").value).toBe("Month-end report 2026-10");
    let m1Row = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === "M1% ($)" && m1Row === 0) m1Row = r;
    });
    expect(m1Row).toBeGreaterThan(0);
    expect(ws.getCell(m1Row, 2).value).toBeCloseTo(10000 / 53000, 12);
    expect(ws.getCell(m1Row, 2).numFmt).toBe("0.00%");
    expect(ws.getCell(m1Row, 3).value).toBe(0.03);
    expect(ws.getCell(m1Row, 4).value).toBe("over");
    expect(ws.pageSetup.orientation).toBe("landscape");
  });

  it("the zip holds real chart parts: line charts over the report sheet's trend cells, in a drawing of that sheet", async () => {
    const zip = await zipOf(bookPath);
    const { charts, drawings } = await chartParts(bookPath);
    expect(charts).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    expect(drawings).toEqual(["xl/drawings/drawing1.xml"]);
    const chart1 = (await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "";
    expect(chart1).toContain("<c:lineChart>");
    expect(chart1).toContain("<a:t>Overdue ratios by amount</a:t>");
    expect((chart1.match(/<c:ser>/g) ?? []).length).toBe(4);
    // Categories: the trend's months (A21:A23 when the trend table's header is row 20); values: its ratio columns, with a cache.
    const cat = /<c:cat><c:strRef><c:f>([^<]*)<\/c:f>/.exec(chart1)?.[1] ?? "";
    const val = /<c:val><c:numRef><c:f>([^<]*)<\/c:f>/.exec(chart1)?.[1] ?? "";
    expect(cat).toMatch(new RegExp(`^${QUOTED.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}!\\$A\\$\\d+:\\$A\\$\\d+$`));
    expect(val.startsWith(`${QUOTED}!$B$`)).toBe(true);
    expect(chart1).toContain('<c:pt idx="2"><c:v>2026-10</c:v></c:pt>');
    expect(chart1).toContain(`<c:v>${10000 / 53000}</c:v>`);
    // The drawing belongs to the report sheet, and both are in [Content_Types].xml.
    const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const rid = new RegExp(`<sheet [^>]*name="${SHEET}"[^>]*r:id="(rId\\d+)"`).exec(workbook)?.[1];
    const wbRels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    const sheetPart = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1] ?? "";
    const sheetXml = (await zip.file(`xl/${sheetPart}`)?.async("string")) ?? "";
    expect(sheetXml).toMatch(/<drawing r:id="[^"]+"\/><\/worksheet>$|<drawing r:id="[^"]+"\/><(tableParts|extLst)/);
    const sheetRels = (await zip.file(`xl/${sheetPart.replace("worksheets/", "worksheets/_rels/")}.rels`)?.async("string")) ?? "";
    expect(sheetRels).toContain('Target="../drawings/drawing1.xml"');
    const drawing = (await zip.file("xl/drawings/drawing1.xml")?.async("string")) ?? "";
    expect((drawing.match(/<xdr:twoCellAnchor/g) ?? []).length).toBe(2);
    expect(drawing).toContain("<c:chart ");
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    expect(types).toContain(
      'PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"',
    );
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
  });

  it("loading keeps the charts and re-saving writes each once", async () => {
    const before = (await loadBook(bookPath)).sheets.get(SHEET)?.charts;
    expect(before?.map((c) => c.title)).toEqual(["Overdue ratios by amount", "Overdue ratios by count"]);
    const again = join(dir, "again.xlsx");
    await saveBook(await loadBook(bookPath), again);
    await saveBook(await loadBook(again), again);
    expect(await chartParts(again)).toEqual(await chartParts(bookPath));
    expect((await loadBook(again)).sheets.get(SHEET)?.charts).toEqual(before);
    // Running the report again replaces the sheet and its charts.
    expect((await runCli(["report", "--book", bookPath, "--month", "2026-10"], { LANG: "en_US.UTF-8" }, [bookPath])).code).toBe(0);
    expect(await chartParts(bookPath)).toEqual({
      charts: ["xl/charts/chart1.xml", "xl/charts/chart2.xml"],
      drawings: ["xl/drawings/drawing1.xml"],
    });
    // A second month's report: its own drawing and charts.
    expect((await runCli(["report", "--book", bookPath, "--month", "2026-09"], { LANG: "en_US.UTF-8" }, [bookPath])).code).toBe(0);
    const two = await chartParts(bookPath);
    expect([two.charts.length, two.drawings.length]).toEqual([4, 2]);
    expect((await loadBook(bookPath)).sheets.get(SHEET)?.charts).toEqual(before);
  });

  it("LibreOffice opens the book and exports it to PDF, the report page showing the figures and the charts", () => {
    const out = join(dir, "pdf");
    const profile = `file://${join(dir, "lo-profile")}`;
    const run = tool(
      "soffice",
      [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", out, bookPath],
      "libreoffice-calc-nogui",
    );
    const pdf = join(out, "book.pdf");
    expect({ status: run.status, pdf: existsSync(pdf) }).toEqual({ status: 0, pdf: true });
    expect(statSync(pdf).size).toBeGreaterThan(50_000);

    // The report's page: its title, figures, table labels and both charts' titles and legends (drawn only when the chart renders).
    const text = String(tool("pdftotext", ["-layout", pdf, "-"], "poppler-utils").stdout);
    const pages = text.split("\f");
    const page = pages.findIndex((p) => p.includes("Month-end report 2026-10"));
    expect(page).toBeGreaterThanOrEqual(0);
    const report = pages[page];
    for (const shown of [
      "18.87%",
      "12.50%",
      "16.89%",
      "Roll matrix: accounts",
      "THREE oh no!!!",
      "P2",
      "Overdue ratios by amount",
      "Overdue ratios by count",
      "C-M1% ($)",
    ]) {
      expect([shown, report.includes(shown)]).toEqual([shown, true]);
    }

    // The page as an image (the chart's lines): not blank.
    const png = join(dir, "report");
    tool("pdftoppm", ["-f", String(page + 1), "-l", String(page + 1), "-r", "60", "-png", "-singlefile", pdf, png], "poppler-utils");
    expect(statSync(`${png}.png`).size).toBeGreaterThan(10_000);
  });
});
