/**
 * The continuation's book (src/sheets/resumableBook.ts) on the in-memory book
 * with a hand-moved clock: when it skips, when it stops, what it hashes.
 */
import { MemoryBook } from "../../src/app/memoryBook";
import { DEFAULT_MS_PER_CELL, ResumableBook, STEP_MS, type StepLabel, TIME_BUDGET_MS, stepHash } from "../../src/sheets/resumableBook";

/** A clock that moves `msPerCell` for each cell the book writes. */
function slowBook(msPerCell: number, startAt = 0) {
  const inner = new MemoryBook();
  inner.put("Ledger", [["id"], ["a"], ["b"]]);
  let now = startAt;
  const clock = { now: () => now, startedAt: 0 };
  const write = inner.write.bind(inner);
  inner.write = (sheet, rows, options) => {
    now += rows.length * (rows[0]?.length ?? 0) * msPerCell;
    write(sheet, rows, options);
  };
  return { inner, clock, tick: (ms: number) => (now += ms) };
}

const rows = (n: number, width = 10) => Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, j) => `${i},${j}`));

describe("ResumableBook", () => {
  test("a fast book: every step is done, none skipped, hashes recorded", () => {
    const { inner, clock } = slowBook(0);
    const book = new ResumableBook(inner, clock);
    book.write("A", rows(3));
    book.setRowColours("Ledger", []);
    book.deleteSheet("Ledger");
    expect(book.stopped).toBe(false);
    expect(book.executed).toBe(3);
    expect(book.done().map((s) => s.label.op)).toEqual(["write", "colours", "delete"]);
    expect(book.done().every((s) => /^[0-9a-f]+\.\d+$/.test(s.hash))).toBe(true);
    expect(inner.sheets.has("Ledger")).toBe(false);
  });

  test("stops before a step whose estimate passes the budget — but never before the first step of an execution", () => {
    // 10,000 cells at 20 ms: 200 s for the first write; the second (same size) is estimated at 200 s more.
    const { inner, clock } = slowBook(20);
    const book = new ResumableBook(inner, clock);
    book.write("A", rows(1000));
    book.write("B", rows(1000));
    book.write("C", rows(1));
    expect(book.executed).toBe(1);
    expect(book.stoppedAt).toBe(1);
    expect(book.steps).toHaveLength(3);
    expect(book.done()).toHaveLength(1);
    expect(inner.sheets.has("B")).toBe(false);
    expect(inner.sheets.has("C")).toBe(false);
  });

  test("with the budget already spent, not even one step", () => {
    const { inner, clock } = slowBook(0, TIME_BUDGET_MS);
    const book = new ResumableBook(inner, clock);
    book.write("A", rows(1));
    expect(book.stoppedAt).toBe(0);
    expect(inner.sheets.has("A")).toBe(false);
  });

  test("the default rate until 10,000 cells are measured, then the rate measured", () => {
    const cells100k = [new Array(100_000).fill(1)];
    // 100,000 cells at the default rate: 2 s + 5 s, which does not fit in the 6 s left.
    const a = slowBook(0);
    const early = new ResumableBook(a.inner, a.clock);
    early.write("A", rows(1));
    a.tick(TIME_BUDGET_MS - 6_000);
    early.write("B", cells100k);
    expect(early.stoppedAt).toBe(1);
    expect(STEP_MS + 100_000 * DEFAULT_MS_PER_CELL).toBe(7_000);
    // After 10,000 cells written in no time, the same write is estimated at 2 s.
    const b = slowBook(0);
    const measured = new ResumableBook(b.inner, b.clock);
    measured.write("A", rows(1000));
    b.tick(TIME_BUDGET_MS - 3_000);
    measured.write("B", cells100k);
    expect(measured.stopped).toBe(false);
  });

  test("resuming skips the steps done with the same content, and not those changed, on a sheet found missing, or after a rewrite of that sheet", () => {
    const first = slowBook(0);
    const before = new ResumableBook(first.inner, first.clock);
    before.write("A", rows(3));
    before.write("B", rows(3));
    before.setDropdowns("B", [{ column: 1, lastRow: 3, values: ["x"] }]);
    before.write("C", rows(3));
    const again = slowBook(0);
    again.inner.put("A", rows(3));
    again.inner.put("B", rows(3));
    const book = new ResumableBook(again.inner, again.clock, before.done());
    book.read("C"); // missing: its progress is not trusted
    book.write("A", rows(3)); // same: skipped
    book.write("B", rows(4)); // changed: written
    book.setDropdowns("B", [{ column: 1, lastRow: 3, values: ["x"] }]); // same, but B was just rewritten: done again
    book.write("C", rows(3)); // same, but found missing: written
    expect({ skipped: book.skipped, executed: book.executed }).toEqual({ skipped: 1, executed: 3 });
    expect(again.inner.calls.write).toBe(2);
  });

  test("the hash tells types, cell boundaries, sheets and operations apart", () => {
    const label: StepLabel = { op: "write", sheet: "A" };
    const h = (l: StepLabel, r: unknown[][], extra: unknown = null) => stepHash(l, extra, r as never);
    const base = h(label, [["1"]]);
    expect(h(label, [["1"]])).toBe(base);
    expect(h(label, [[1]])).not.toBe(base);
    expect(h(label, [["ab"]])).not.toBe(h(label, [["a", "b"]]));
    expect(h(label, [["a"], ["b"]])).not.toBe(h(label, [["a", "b"]]));
    expect(h({ op: "write", sheet: "B" }, [["1"]])).not.toBe(base);
    expect(h({ op: "columns", sheet: "A" }, [["1"]])).not.toBe(base);
    expect(h(label, [["1"]], { freezeHeader: false })).not.toBe(base);
    expect(h(label, [[new Date(0)]])).not.toBe(h(label, [[new Date(1)]]));
  });
});
