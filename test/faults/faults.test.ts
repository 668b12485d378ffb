/**
 * A run cut off halfway (SPEC §8 "Safety"): the k-th Apps Script service call
 * of a run throws, for every k; running the date again repairs everything —
 * the spreadsheet ends exactly as after one uninterrupted run. And the local
 * book: a save that cannot write its temporary file leaves the old book whole.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLoans, sampleLedger } from "../../src/app/sampleStore";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { LocalBook, loadBook, saveBook } from "../../src/node/book";
import { buildOnce } from "../sheets/buildOnce";
import { InjectedFault, type Loaded, STORE_COLUMNS, load, replaceStoreCells, snapshot, storeCells, storedRows } from "./bundle";

beforeAll(() => {
  buildOnce();
});

const EARLIER = "2026-11-13"; // a Friday: the history of November already exists
const T = "2026-11-16"; // the Monday after
const TZ = "Asia/Shanghai";
const loans = generateLoans({ loans: 50, from: parseIsoDay(EARLIER) - 730, to: parseIsoDay(EARLIER) - 1, seed: 4242 });
const earlierRows = sampleLedger(loans, parseIsoDay(EARLIER));
const tRows = sampleLedger(loans, parseIsoDay(T));

/** A fresh spreadsheet on which EARLIER has run and the store has typed in T's ledger. */
function prepared(): Loaded {
  const run = load(earlierRows, { timeZone: TZ });
  run.fn("runDailyJobFor")(EARLIER);
  replaceStoreCells(run.ledger, tRows, TZ);
  return run;
}

describe("a run cut off at any service call is repaired by running the date again", () => {
  const reference = prepared();
  reference.failAt(0);
  reference.fn("runDailyJobFor")(T);
  const N = reference.app.counter.total;
  const names = reference.trace.slice();
  const expected = snapshot(reference);
  const expectedStore = storedRows(tRows, TZ).map((r) => r.slice(0, STORE_COLUMNS));

  test(`one run makes a fixed number of service calls (N = ${N}) and leaves the store's cells as typed`, () => {
    // Printed for the record.
    console.log(`faults: N = ${N} service calls per run\n${JSON.stringify(reference.app.counter.table())}`);
    expect(N).toBeGreaterThan(10);
    expect(storeCells(reference)).toEqual(expectedStore);
    // The history has both days.
    const history = reference.app.spreadsheet.values("历史 History 2026-11");
    expect(String(history[0][2])).toContain("runs:13,16");
  });

  test.each(Array.from({ length: N }, (_, i) => i + 1))("fault at call %i of %#", (k) => {
    const run = prepared();
    run.failAt(k);
    let threw: unknown = null;
    try {
      run.fn("runDailyJobFor")(T);
    } catch (e) {
      threw = e;
    }
    if (threw === null) {
      // Only a look-up with a documented fallback may fail without stopping the run: the menu's
      // language (document settings, then the spreadsheet's locale, else the user's) and the check
      // of the fast date conversion against Utilities.formatDate (else formatDate itself).
      const fallback =
        k <= 4
          ? [
              "PropertiesService.getDocumentProperties",
              "Properties.getProperty",
              "SpreadsheetApp.getActiveSpreadsheet",
              "Spreadsheet.getSpreadsheetLocale",
            ]
          : ["Utilities.formatDate"];
      expect({ k, call: names[k - 1], fallback: fallback.includes(names[k - 1]) }).toEqual({ k, call: names[k - 1], fallback: true });
      expect(snapshot(run)).toEqual(expected);
    } else expect(threw).toBeInstanceOf(InjectedFault);
    expect(storeCells(run)).toEqual(expectedStore);
    run.failAt(0);
    run.fn("runDailyJobFor")(T);
    expect(snapshot(run)).toEqual(expected);
    expect(storeCells(run)).toEqual(expectedStore);
  });
});

describe("the local book: a save cut off leaves the previous book whole", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "daihou-faults-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function book(rows: Cell[][]): LocalBook {
    const b = new LocalBook();
    b.put("台账 Ledger", rows);
    return b;
  }
  /** The ledger as a saved book loads it back. */
  async function roundTrip(rows: Cell[][], name: string): Promise<unknown> {
    const path = join(dir, name);
    await saveBook(book(rows), path);
    return (await loadBook(path)).read("台账 Ledger");
  }

  test("the temporary file cannot be written (its path is taken by a directory, so opening it fails even as root): the old book stays and loads", async () => {
    const path = join(dir, "book2.xlsx");
    await saveBook(book(earlierRows), path);
    const before = readFileSync(path);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(`${path}.tmp`);
    try {
      await expect(saveBook(book(tRows), path)).rejects.toThrow();
    } finally {
      rmSync(`${path}.tmp`, { recursive: true, force: true });
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    const loaded = await loadBook(path);
    expect(loaded.read("台账 Ledger")).toEqual(await roundTrip(earlierRows, "ref2.xlsx"));
    // And the next save goes through, leaving no temporary file.
    await saveBook(book(tRows), path);
    expect(existsSync(`${path}.tmp`)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await loadBook(path)).read("台账 Ledger")).toEqual(await roundTrip(tRows, "ref3.xlsx"));
  });
});
