/**
 * A sheet whose XML takes more than a million pieces (joined into chunks as it is
 * written, so a 400,000-row schedule's book can be saved) reads back cell for cell.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Cell } from "../../src/domain/cells";
import { LocalBook, loadBook, saveBook } from "../../src/node/book";
import { XML_CHUNK_PIECES, chunksJoined } from "../../src/node/excelXml";

test("a big sheet is written in chunks and reads back as it was", async () => {
  const dir = mkdtempSync(join(tmpdir(), "daihou-xml-"));
  try {
    const rows: Cell[][] = [["合同编号", "期数", "应还金额", "还款状态"]];
    // About 10 pieces a cell: well over one chunk.
    const n = Math.ceil((XML_CHUNK_PIECES * 2.5) / 40);
    for (let i = 0; i < n; i++) rows.push([`HT${i}`, (i % 12) + 1, 1234.5 + i, i % 3 === 0 ? "已还" : "未还"]);
    const book = new LocalBook();
    book.put("还款计划", rows);
    const path = join(dir, "big.xlsx");
    const before = chunksJoined();
    await saveBook(book, path);
    expect(chunksJoined() - before).toBeGreaterThanOrEqual(2);
    const back = (await loadBook(path)).read("还款计划");
    expect(back?.length).toBe(rows.length);
    expect(back?.[0]).toEqual(rows[0]);
    for (const i of [1, 2, Math.floor(n / 2), n - 1, n]) expect(back?.[i]).toEqual(rows[i]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
