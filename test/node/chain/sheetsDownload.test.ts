/**
 * A store on Google Sheets takes part through File → Download → Microsoft
 * Excel: the downloaded .xlsx is a book `daihou export` reads. Stand-in for
 * Sheets' download: LibreOffice headless re-saving the book as .xlsx (needs
 * `soffice`, package libreoffice-calc-nogui). The re-saved book exports the
 * same facts, table by table, row by row.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { contactLogColumns, contactLogHeader, contactLogRow } from "../../../src/app/contactLog";
import { CONTACT_LOG_SHEET } from "../../../src/app/names";
import { parseIsoDay } from "../../../src/domain/days";
import { saveBook } from "../../../src/node/book";
import { FACT_TABLES } from "../../../src/node/chain/schema";
import { entry } from "../../fixtures/contactEntry";
import { handBook } from "../../fixtures/handBook";
import { runCli } from "../harness";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-download-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("a book re-saved by another spreadsheet program exports the same facts", async () => {
  const original = join(tmp, "store.xlsx");
  const book = handBook();
  const oct = (day: number) => parseIsoDay(`2026-10-${String(day).padStart(2, "0")}`);
  const log = [
    entry({
      date: oct(6),
      time: "10:05",
      staff: "甲",
      loanId: "P2",
      outcome: "ptp",
      ptpDate: oct(25),
      ptpAmount: 1000,
      ptpMethod: "wechat",
      sourceRow: 3,
    }),
    entry({ date: oct(18), staff: "乙", loanId: "P3", numberKind: "work", outcome: "says_paid", sourceRow: 4 }),
  ];
  book.put(CONTACT_LOG_SHEET, [
    contactLogHeader("en"),
    ...log.map((e) => contactLogRow(e, "en", contactLogColumns([contactLogHeader("en")]))),
  ]);
  await saveBook(book, original);
  const out = join(tmp, "downloaded");
  const run = spawnSync(
    "soffice",
    [`-env:UserInstallation=file://${join(tmp, "lo-profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", out, original],
    { encoding: "utf8", timeout: 180_000 },
  );
  expect(run.status).toBe(0);
  const data = join(tmp, "chain");
  for (const [file, store] of [
    [original, "direct"],
    [join(out, "store.xlsx"), "downloaded"],
  ]) {
    const exported = await runCli(["export", "--book", file, "--store", store, "--out", data], { LANG: "en_US.UTF-8" });
    expect(exported.code).toBe(0);
  }
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    let rows = 0;
    for (const t of FACT_TABLES) {
      const read = async (store: string) =>
        (
          await con.runAndReadAll(
            `SELECT * FROM read_parquet('${join(data, `store=${store}`, `${t.name}.parquet`)}', hive_partitioning = false)`,
          )
        ).getRowsJson();
      const direct = await read("direct");
      rows += direct.length;
      expect({ table: t.name, rows: await read("downloaded") }).toEqual({ table: t.name, rows: direct });
    }
    expect(rows).toBeGreaterThan(100);
  } finally {
    con.closeSync();
    db.closeSync();
  }
}, 240_000);
