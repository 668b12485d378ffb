/** The local book's shape: `LocalBook` (a MemoryBook with the store's own formatting) and the marks that tell Daihou's formatting from the store's. */
import type { ConditionalFormattingOptions, DataValidation, Worksheet } from "exceljs";
import { MemoryBook } from "../../app/memoryBook";

export { RULE_MARK } from "../../app/port";
/** Daihou's rule mark (RULE_MARK) as read back, spaces and case allowed. */
export const RULE_MARK_RE = /N\(\s*"Daihou"\s*\)\s*=\s*0/i;
export const DAIHOU_RULE_RE = /^=?AND\(\$([A-Z]{1,3})2\s*=\s*"((?:[^"]|"")*)"\s*,\s*N\(\s*"Daihou"\s*\)\s*=\s*0\s*\)$/i;

/** Marks Daihou's dropdowns: the title of the message shown when a value is not in the list. */
export const DROPDOWN_MARK = "Daihou";
export const DROPDOWN_ERROR = "请从下拉列表中选择。Choose a value from the list.";

/** The hidden sheet holding dropdown lists too long (or too awkward) to write inline. */
export const LISTS_SHEET = "Lists";
/** Excel's limit on an inline list's formula, quotes included. */
export const INLINE_LIST_MAX = 255;

/** The store's own formatting on a sheet, kept as loaded and written back on save. */
export interface ForeignFormats {
  conditionalFormattings: ConditionalFormattingOptions[];
  /** Data validations by cell address. */
  validations: Record<string, DataValidation>;
}

/** A MemoryBook loaded from a file: it also carries the store's own formatting, by sheet. */
export class LocalBook extends MemoryBook {
  readonly foreign = new Map<string, ForeignFormats>();

  override deleteSheet(sheet: string): void {
    super.deleteSheet(sheet);
    this.foreign.delete(sheet);
  }
}

/** What ExcelJS has on a worksheet that its typings leave out. */
export interface SheetExtras {
  conditionalFormattings?: ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, DataValidation | undefined> };
}
export const extras = (ws: Worksheet): SheetExtras => ws as unknown as SheetExtras;
