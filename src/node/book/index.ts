/**
 * The local book: an .xlsx file with the same sheets the add-in makes, loaded
 * into a MemoryBook (load.ts), worked on by the use cases, and saved back whole
 * (save.ts, atomic: a temporary file renamed over the book), under a lock file
 * (lock.ts); A1 addresses in addresses.ts.
 *
 * Loading keeps every sheet's values (dates as dates, formulas as their cached
 * result, rich text as text) and the formatting Daihou needs to write the book
 * again: its own row-colour rules and dropdowns (recognised by a marker) and,
 * untouched, the store's own conditional formats and data validations; also
 * Daihou's number formats (percent, money), its landscape print set-up and its
 * charts (see xlsxCharts.ts). Other formatting is dropped; saving re-creates
 * Daihou's own. For speed on big books the zip is Node's zlib (zip.ts) and cell
 * values are read by sheetXml.ts (docs/DECISIONS.md, "The local book's file I/O").
 * `daihou day` opens the book part by part instead when it can (fastBook.ts:
 * only the sheets the day touches are parsed and rewritten; issue 18).
 */
export { columnLetter, columnNumber } from "./addresses";
export { DROPDOWN_MARK, type ForeignFormats, LISTS_SHEET, LocalBook, RULE_MARK } from "./localBook";
export { bookOf, loadBook } from "./load";
export { bookBytes, saveBook, workbookOf } from "./save";
export { withBookLock } from "./lock";
