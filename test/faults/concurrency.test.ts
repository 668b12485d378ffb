/**
 * A lock stops two daily jobs running at once (SPEC §8): in Sheets the document
 * lock; in the local book the book's lock file.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLoans, sampleLedger } from "../../src/app/sampleStore";
import { parseIsoDay } from "../../src/domain/days";
import { decodeMonth, historySheetName } from "../../src/domain/history";
import { loadBook } from "../../src/node/book";
import { main } from "../../src/node/cli";
import { writeCsv } from "../node/store";
import { buildOnce } from "../sheets/buildOnce";
import { load, replaceStoreCells } from "./bundle";

beforeAll(() => {
  buildOnce();
});

const EARLIER = "2026-11-13";
const T = "2026-11-16";
const loans = generateLoans({ loans: 50, from: parseIsoDay(EARLIER) - 730, to: parseIsoDay(EARLIER) - 1, seed: 99 });
const HISTORY = historySheetName("2026-11");

describe("Sheets: the document lock", () => {
  test("held by another run: the second run does nothing and says busy; the history is not doubled", () => {
    const run = load(sampleLedger(loans, parseIsoDay(EARLIER)));
    run.fn("runDailyJobFor")(EARLIER);
    replaceStoreCells(run.ledger, sampleLedger(loans, parseIsoDay(T)), "Asia/Shanghai");
    const ss = run.app.spreadsheet;
    const before = ss.getSheets().map((s) => ({ name: s.getName(), values: ss.values(s.getName()) }));

    run.app.lockService.heldByAnotherRun = true;
    const text = run.fn("runDailyJobFor")(T);
    expect(text).toMatch(/^Another run of today's work is still going on/);
    expect(ss.getSheets().map((s) => ({ name: s.getName(), values: ss.values(s.getName()) }))).toEqual(before);

    // The other run finishes; this one runs, then runs again: each date once in the history.
    run.app.lockService.heldByAnotherRun = false;
    run.fn("runDailyJobFor")(T);
    run.fn("runDailyJobFor")(T);
    const history = ss.values(HISTORY);
    expect(String(history[0][2])).toMatch(/runs:13,16$/);
    const ids = history.slice(1).map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(loans.length);
  });
});

describe("the local book: two `day` runs at once", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "daihou-concurrency-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const day = async (book: string, date: string, ledger?: string) => {
    let stdout = "";
    let stderr = "";
    const args = ["day", "--book", book, "--date", date, ...(ledger ? ["--ledger", ledger] : [])];
    const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: { LANG: "en_US.UTF-8" } });
    return { code, stdout, stderr };
  };

  test("one runs, the other waits or exits 2 naming the lock; the history has each date once", async () => {
    const book = join(dir, "book.xlsx");
    const early = join(dir, "ledger-13.csv");
    const late = join(dir, "ledger-16.csv");
    writeCsv(early, sampleLedger(loans, parseIsoDay(EARLIER)));
    writeCsv(late, sampleLedger(loans, parseIsoDay(T)));
    expect((await day(book, EARLIER, early)).code).toBe(0);

    // Started together (not awaited one by one): with the same ledger, and one without a ledger.
    for (const pair of [() => [day(book, T, late), day(book, T, late)], () => [day(book, T), day(book, T, late)]]) {
      const results = await Promise.all(pair());
      expect({ results, ok: results.some((r) => r.code === 0) }).toEqual({ results, ok: true });
      for (const r of results) {
        if (r.code === 0) continue;
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${book}.lock`);
      }
    }
    const loaded = await loadBook(book);
    const values = loaded.read(HISTORY);
    if (!values) throw new Error("no history sheet");
    expect(String(values[0][2])).toMatch(/runs:13,16$/);
    const month = decodeMonth("2026-11", values);
    expect(month.runDays).toEqual([parseIsoDay(EARLIER), parseIsoDay(T)]);
    const ids = values.slice(1).map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(existsSync(`${book}.lock`)).toBe(false);
  });
});
