/**
 * ExcelJS, loaded on first use (it takes a third of a second to load, which
 * commands on CSV files and `--help` should not pay). A native `import()` of
 * this CommonJS package — what the bundled CLI does — puts everything under
 * `default`; under Jest's CommonJS transform the names are at the top.
 */
import type * as ExcelJS from "exceljs";

export type ExcelModule = typeof ExcelJS;

export async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import("exceljs")) as ExcelModule & { default?: ExcelModule };
  return typeof mod.Workbook === "function" ? mod : (mod.default as ExcelModule);
}

/** ExcelJS's table of the built-in number formats (id → format code), which loading a book reads cells' formats with. */
export async function loadExcelNumberFormats(): Promise<Record<number, { f?: string }>> {
  const mod = (await import("exceljs/lib/xlsx/defaultnumformats.js")) as { default?: Record<number, { f?: string }> } & Record<
    number,
    { f?: string }
  >;
  return mod.default ?? mod;
}
