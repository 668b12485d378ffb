/** Runs the CLI in-process and checks that no file named in the arguments changed. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Workbook, type Worksheet } from "exceljs";
import { CALL_HEADERS, type CallColumn, callSheetName } from "../../src/app/names";
import { parseIsoDay } from "../../src/domain/days";
import { main } from "../../src/node/cli";

export const FIXTURES = join(__dirname, "fixtures");
export const fixture = (name: string): string => join(FIXTURES, name);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/**
 * `main(args)` with captured output; fails the test if an input file's bytes
 * changed (`writes`: files the command may write, such as a book).
 */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = { LANG: "en_US.UTF-8" },
  writes: string[] = [],
): Promise<CliRun> {
  const files = args.filter((a) => !writes.includes(a) && existsSync(a) && statSync(a).isFile());
  const before = files.map(sha256);
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  expect(files.map(sha256)).toEqual(before);
  return { code, stdout, stderr };
}

/** Fills call-sheet rows in the saved book with ExcelJS, as staff would in a spreadsheet program; returns each loan's row. */
export async function fillCallSheet(
  book: string,
  date: string,
  fills: Record<string, Partial<Record<CallColumn, unknown>>>,
): Promise<Record<string, number>> {
  const wb = new Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.getWorksheet(callSheetName(parseIsoDay(date))) as Worksheet;
  const column = (c: CallColumn) => {
    let at = 0;
    ws.getRow(1).eachCell((cell, i) => {
      if (cell.value === CALL_HEADERS[c].en) at = i;
    });
    if (at === 0) throw new Error(`no column ${c}`);
    return at;
  };
  const rows: Record<string, number> = {};
  ws.eachRow((row, r) => {
    const loan = String(row.getCell(column("loan_id")).value ?? "");
    const cells = fills[loan];
    if (r === 1 || !cells) return;
    rows[loan] = r;
    for (const [c, v] of Object.entries(cells)) row.getCell(column(c as CallColumn)).value = v as never;
  });
  await wb.xlsx.writeFile(book);
  return rows;
}
