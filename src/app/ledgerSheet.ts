/**
 * The ledger sheet as Daihou reads it: the store's table in one read, and where
 * Daihou's own columns stand (on the ledger's header row, right of the store's
 * columns), so they are written back without touching a cell the store typed.
 */
import { type Cell, isBlank } from "../domain/cells";
import { HEADER_SEARCH_ROWS } from "../domain/fields";
import type { Table } from "../domain/ledger";
import type { BookPort } from "./port";
import { BASE_OWNED_COLUMNS, OWNED_LEDGER_COLUMNS, isOwnedLedgerHeader } from "./names";

/** The ledger as read: the store's table (Daihou's own columns blanked out) and where Daihou's columns go. */
export interface LedgerRead {
  values: readonly (readonly Cell[])[];
  table: Table;
  /** 1-based first column of Daihou's owned block. */
  ownedStart: number;
  /**
   * The contact columns right of the first six owned ones: already Daihou's
   * ("present"), blank in every row and so free to be made ("free"), or holding
   * the store's cells ("taken": they are then never written).
   */
  contactColumns: "present" | "free" | "taken";
}

/** Reads the ledger sheet once; finds (or places) Daihou's owned columns to the right of the store's. */
export function readLedger(port: BookPort, sheet: string): LedgerRead {
  const values = port.read(sheet);
  if (!values || values.length === 0) throw new Error(`${sheet}: the ledger sheet is missing or empty`);
  // Daihou's header stands on the ledger's header row, which may be below title rows (SPEC §3).
  const headerAt = Math.max(
    0,
    values.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => row.some(isOwnedLedgerHeader)),
  );
  const header = values[headerAt];
  let ownedStart = header.findIndex(isOwnedLedgerHeader);
  if (ownedStart < 0) {
    // Right of every column the store uses — with or without a header — so no store cell is ever overwritten.
    let last = -1;
    for (const row of values) {
      for (let i = row.length - 1; i > last; i--) {
        if (!isBlank(row[i])) {
          last = i;
          break;
        }
      }
    }
    ownedStart = last + 1;
  }
  const contactStart = ownedStart + BASE_OWNED_COLUMNS;
  const contactEnd = ownedStart + OWNED_LEDGER_COLUMNS.length;
  let contactColumns: LedgerRead["contactColumns"] = "present";
  for (let i = contactStart; i < contactEnd; i++) {
    if (isOwnedLedgerHeader(header[i])) continue;
    if (values.every((row) => isBlank(row[i]))) contactColumns = contactColumns === "taken" ? "taken" : "free";
    else contactColumns = "taken";
  }
  // Daihou's columns are blanked out of what the ledger parser sees; a store's column is never.
  const end = contactColumns === "present" ? contactEnd : contactStart;
  return {
    values,
    table: { header: values[0], rows: values.slice(1), ignore: { from: ownedStart, to: end } },
    ownedStart: ownedStart + 1,
    contactColumns,
  };
}
