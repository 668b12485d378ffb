/**
 * The local book's fast path (issue 18): a day's run on a book written the slow way (ExcelJS)
 * gives the book a slow run gives — every sheet, value, row colour, dropdown, chart and print
 * set-up, as ExcelJS and LibreOffice read it back — while the parts the day does not touch are
 * the same bytes; the sheets it does not read are never parsed; a save stopped half-way leaves
 * the previous book as it was.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { runDailyJob } from "../../../src/app/dailyJob";
import type { WriteOptions } from "../../../src/app/port";
import { LEDGER_SHEET, callSheetName, dateOfCallSheet } from "../../../src/app/names";
import { isoDay, parseIsoDay } from "../../../src/domain/days";
import { loadBook, saveBook } from "../../../src/node/book";
import { FastBook, openFastBook, saveFastBook } from "../../../src/node/book/fastBook";
import { type RawEntry, inflateEntry, readRawZip } from "../../../src/node/zip";
import { bookSettings } from "../../../src/node/bookSettings";
import { demoBook } from "../../../src/node/demoCommand";
import { runCli, sha256 } from "../harness";

const LAST = parseIsoDay("2026-10-31");
const NEXT = [LAST + 1, LAST + 2];

let dir: string;
let base: string;
let fast: string;
let slow: string;

const entriesOf = (path: string): Map<string, RawEntry> => new Map(readRawZip(readFileSync(path)).map((e) => [e.name, e]));

/** Each sheet's part path, by name. */
function sheetPaths(entries: Map<string, RawEntry>): Map<string, string> {
  const text = (name: string) => inflateEntry(entries.get(name) as RawEntry).toString("utf8");
  const rels = new Map(
    [...text("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*\sId="([^"]+)"[^>]*\sTarget="([^"]+)"/g)].map((m) => [
      m[1],
      `xl/${m[2]}`,
    ]),
  );
  const out = new Map<string, string>();
  for (const m of text("xl/workbook.xml").matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[0])?.[1] ?? "";
    const rid = /\sr:id="([^"]*)"/.exec(m[0])?.[1] ?? "";
    out.set(name.replace(/&amp;/g, "&"), rels.get(rid) as string);
  }
  return out;
}

async function runDays(path: string, slowPath: boolean): Promise<void> {
  const before = process.env.DAIHOU_BOOK_IO;
  if (slowPath) process.env.DAIHOU_BOOK_IO = "exceljs";
  try {
    for (const t of NEXT) {
      const run = await runCli(["day", "--book", path, "--date", isoDay(t), "--lang", "zh"], { LANG: "zh_CN.UTF-8" }, [path]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    }
  } finally {
    if (before === undefined) delete process.env.DAIHOU_BOOK_IO;
    else process.env.DAIHOU_BOOK_IO = before;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daihou-fastbook-"));
  base = join(dir, "base.xlsx");
  fast = join(dir, "fast.xlsx");
  slow = join(dir, "slow.xlsx");
  const { book } = demoBook("zh", parseIsoDay("2026-09-01"), LAST);
  await saveBook(book, base);
  copyFileSync(base, fast);
  copyFileSync(base, slow);
  await runDays(fast, false);
  await runDays(slow, true);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the fast path of a day's run", () => {
  it("the book opened by ExcelJS has every sheet, value, row colour, dropdown, chart and layout of the book written the slow way", async () => {
    const a = await loadBook(fast);
    const b = await loadBook(slow);
    expect(a.sheetNames()).toEqual(b.sheetNames());
    expect(a.sheetNames()).toContain(callSheetName(NEXT[1]));
    for (const name of b.sheetNames()) {
      const x = a.sheets.get(name);
      const y = b.sheets.get(name);
      expect({ name, values: x?.values }).toEqual({ name, values: y?.values });
      expect({ name, colours: x?.rowColours, dropdowns: x?.dropdowns, charts: x?.charts }).toEqual({
        name,
        colours: y?.rowColours,
        dropdowns: y?.dropdowns,
        charts: y?.charts,
      });
      // ExcelJS leaves out a column of its default width (9), which the fast path writes: read back, that width is 0 there.
      const normal = (o?: WriteOptions) => o && { ...o, widths: o.widths?.map((w) => (w === 9 ? 0 : w)) };
      expect({ name, options: normal(x?.options) }).toEqual({ name, options: normal(y?.options) });
    }
    expect([...b.sheets.values()].some((s) => s.charts.length > 0)).toBe(true);
    expect([...b.sheets.values()].some((s) => s.rowColours.length > 0)).toBe(true);
  });

  it("the call sheet it writes prints as the slow way's: landscape, one page wide, header on every page, a break per owner, wrapped text", async () => {
    const sheetOf = async (path: string) => {
      const wb = new Workbook();
      await wb.xlsx.readFile(path);
      const ws = wb.getWorksheet(callSheetName(NEXT[1]));
      if (!ws) throw new Error("no call sheet");
      const wrapped: boolean[] = [];
      ws.getColumn(13).eachCell({ includeEmpty: false }, (cell) => wrapped.push(cell.alignment?.wrapText === true));
      return {
        page: ws.pageSetup,
        breaks: (ws as unknown as { rowBreaks: unknown[] }).rowBreaks?.length ?? 0,
        wrapped,
        frozen: ws.views[0]?.state,
      };
    };
    const x = await sheetOf(fast);
    const y = await sheetOf(slow);
    expect(x.page).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
      paperSize: 9,
    });
    expect({ breaks: x.breaks, wrapped: x.wrapped, frozen: x.frozen }).toEqual({ breaks: y.breaks, wrapped: y.wrapped, frozen: y.frozen });
  });

  it("every part the days did not touch is byte for byte what it was: older call sheets, history months, reports, their charts", () => {
    const before = entriesOf(base);
    const after = entriesOf(fast);
    const beforePaths = sheetPaths(before);
    const afterPaths = sheetPaths(after);
    const touched = (name: string) =>
      name === LEDGER_SHEET || NEXT.some((t) => name === callSheetName(t)) || /历史|催收记录|设置/.test(name);
    const kept = [...afterPaths.keys()].filter((n) => beforePaths.has(n) && !touched(n));
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.some((n) => n.startsWith("月末报告"))).toBe(true);
    for (const name of kept) {
      const p = afterPaths.get(name) as string;
      expect({ name, same: after.get(p)?.packed.equals((before.get(beforePaths.get(name) as string) as RawEntry).packed) }).toEqual({
        name,
        same: true,
      });
    }
    const charts = [...before.keys()].filter((p) => /^xl\/(charts|drawings)\//.test(p));
    expect(charts.length).toBeGreaterThan(0);
    for (const p of charts) expect({ p, same: after.get(p)?.packed.equals((before.get(p) as RawEntry).packed) }).toEqual({ p, same: true });
    // Call sheets older than 31 days went, as on the slow path; their parts too.
    const gone = [...beforePaths.keys()].filter((n) => !afterPaths.has(n));
    expect(gone.length).toBeGreaterThan(0);
    for (const n of gone) expect(dateOfCallSheet(n)).not.toBeNull();
    for (const n of gone) expect(after.has(beforePaths.get(n) as string)).toBe(false);
  });

  it("LibreOffice opens it as it opens the slow way's: the same sheets, conditional formats, validations and charts", () => {
    const convert = (path: string, out: string) => {
      mkdirSync(out, { recursive: true });
      const run = spawnSync(
        "soffice",
        [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", out, path],
        {
          encoding: "utf8",
          timeout: 240_000,
        },
      );
      if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT")
        throw new Error("soffice is not installed; this test needs it: apt-get install -y --no-install-recommends libreoffice-calc-nogui");
      const file = join(out, path.split("/").pop() as string);
      expect({ status: run.status, file: existsSync(file) }).toEqual({ status: 0, file: true });
      const entries = entriesOf(file);
      const sheets = [...sheetPaths(entries)];
      const count = (re: RegExp) =>
        sheets.map(([name, p]) => [
          name,
          (
            inflateEntry(entries.get(p) as RawEntry)
              .toString("utf8")
              .match(re) ?? []
          ).length,
        ]);
      return {
        names: sheets.map(([n]) => n),
        conditional: count(/<cfRule\b/g),
        validations: count(/<dataValidation\b/g),
        charts: [...entries.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length,
      };
    };
    const x = convert(fast, join(dir, "lo-fast"));
    const y = convert(slow, join(dir, "lo-slow"));
    expect(x).toEqual(y);
    expect(y.charts).toBeGreaterThan(0);
  }, 600_000);

  it("parses only the sheets the day reads: no older call sheet, report or history month before the three", async () => {
    const book = await openFastBook(base);
    expect(book).toBeInstanceOf(FastBook);
    const fb = book as FastBook;
    runDailyJob(fb, { t: NEXT[0], settings: bookSettings(fb, base), lang: "zh", ledgerSheet: LEDGER_SHEET });
    const parsed = new Set(fb.parsed);
    expect(parsed.has(LEDGER_SHEET)).toBe(true);
    for (const name of fb.sheetNames()) {
      const d = dateOfCallSheet(name);
      if ((d !== null && d >= NEXT[0] - 31 && d < NEXT[0]) || name.startsWith("月末报告"))
        expect({ name, parsed: parsed.has(name) }).toEqual({ name, parsed: false });
    }
  });

  it("a save stopped between two parts leaves the previous book as it was", async () => {
    const path = join(dir, "fault.xlsx");
    copyFileSync(base, path);
    const hash = sha256(path);
    const book = (await openFastBook(path)) as FastBook;
    runDailyJob(book, { t: NEXT[0], settings: bookSettings(book, path), lang: "zh", ledgerSheet: LEDGER_SHEET });
    await expect(
      saveFastBook(book, path, (i) => {
        if (i === 3) throw new Error("crash between parts");
      }),
    ).rejects.toThrow("crash between parts");
    expect(sha256(path)).toBe(hash);
    expect(existsSync(`${path}.tmp`)).toBe(false);
    expect((await loadBook(path)).sheetNames()).toEqual((await loadBook(base)).sheetNames());
  });
});
