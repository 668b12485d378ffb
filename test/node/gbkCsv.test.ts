/** GB18030/GBK CSV (SPEC §3): read transparently, classified exactly like the UTF-8 twin, bad rows still named by row and column. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { decodeCsvBytes, readTableFile } from "../../src/node/tableFile";
import { fixture, runCli } from "./harness";

const AS_OF = "2026-11-14";
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "daihou-gbk-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The fixture's text (its UTF-8 BOM dropped) saved in another encoding, as Excel on a Chinese Windows would. */
function twin(name: string, encoding: "gb18030" | "gbk", to: string): string {
  const text = readFileSync(fixture(name), "utf8").replace(/^\uFEFF/, "");
  const path = join(tmp, to);
  const bytes = iconv.encode(text, encoding);
  // Every character has its code in the encoding (GBK has no ¥, for one): the twin says the same.
  expect(iconv.decode(bytes, encoding)).toBe(text);
  writeFileSync(path, bytes);
  // Really not UTF-8: a test of the GB path, not of the UTF-8 one.
  expect(() => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path))).toThrow();
  return path;
}

describe("GB18030 / GBK CSV", () => {
  test("a GB18030 ledger classifies exactly like its UTF-8 twin (--json output equal)", async () => {
    const gb = twin("ledger-mixed.csv", "gb18030", "mixed-gb18030.csv");
    const utf8 = await runCli(["classify", "--ledger", fixture("ledger-mixed.csv"), "--date", AS_OF, "--json"]);
    const run = await runCli(["classify", "--ledger", gb, "--date", AS_OF, "--json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(utf8.stderr);
    expect(run.stdout).toBe(utf8.stdout);
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(5);
  });

  test("the same table cell for cell, header and rows, as the UTF-8 file", async () => {
    const gb = twin("ledger-mixed.csv", "gb18030", "mixed-gb.csv");
    expect(await readTableFile(gb)).toEqual(await readTableFile(fixture("ledger-mixed.csv")));
  });

  test("a GBK file with bad rows names the same rows and columns as its UTF-8 twin", async () => {
    const gbk = twin("ledger-bad-rows.csv", "gbk", "bad-gbk.csv");
    const utf8File = fixture("ledger-bad-rows.csv");
    const utf8 = await runCli(["classify", "--ledger", utf8File, "--date", AS_OF, "--json"]);
    const run = await runCli(["classify", "--ledger", gbk, "--date", AS_OF, "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(utf8.stdout);
    expect(run.stderr).toBe(utf8.stderr.split(utf8File).join(gbk));
    expect(run.stderr).toContain(`${gbk}: row 4, column “最早未还款日”: “明天” is not a date`);
    const zh = await runCli(["classify", "--ledger", gbk, "--date", AS_OF, "--json", "--lang", "zh"]);
    expect(zh.stderr).toContain(`${gbk}：第 4 行，“最早未还款日”列：“明天”不是能识别的日期`);
  });

  test("UTF-8 first, BOM or not; GB18030's four-byte characters; bytes that are neither refused", () => {
    const text = "合同编号,客户姓名\nHT1,𠀀€张\n";
    expect(decodeCsvBytes("x.csv", Buffer.from(text, "utf8"))).toBe(text);
    expect(decodeCsvBytes("x.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]))).toBe(text);
    expect(decodeCsvBytes("x.csv", iconv.encode(text, "gb18030"))).toBe(text);
    expect(() => decodeCsvBytes("x.csv", Buffer.from([0x41, 0x2c, 0xff, 0x0a]))).toThrow(/neither UTF-8 nor GB18030/);
  });

  test("day reads a GB18030 ledger into the book as it reads the UTF-8 one", async () => {
    const gbk = twin("ledger-mixed.csv", "gb18030", "day-gb.csv");
    const book = join(tmp, "gbk-book.xlsx");
    const run = await runCli(["day", "--book", book, "--date", AS_OF, "--ledger", gbk], { LANG: "en_US.UTF-8" }, [book]);
    expect(run.code).toBe(0);
    const calls = await runCli(["calls", "--book", book, "--date", AS_OF, "--json"]);
    const utf8Book = join(tmp, "utf8-book.xlsx");
    await runCli(["day", "--book", utf8Book, "--date", AS_OF, "--ledger", fixture("ledger-mixed.csv")], { LANG: "en_US.UTF-8" }, [
      utf8Book,
    ]);
    expect(calls.stdout).toBe((await runCli(["calls", "--book", utf8Book, "--date", AS_OF, "--json"])).stdout);
  });
});
