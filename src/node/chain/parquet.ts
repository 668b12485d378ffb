/**
 * Writes a store's fact tables as Parquet under DIR/store=ID/ with embedded
 * DuckDB (`COPY … TO … (FORMAT PARQUET)`), replacing that store's partition
 * only: the new files are written beside it and swapped in by renames.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { StoreFacts } from "../../domain/chain/facts";
import { type ColumnType, FACT_TABLES } from "./schema";

/** The folder of a store's partition. */
export function storePartition(dir: string, store: string): string {
  return join(dir, `store=${store}`);
}

/** SQL text of a string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function appendCell(app: DuckDBAppender, type: ColumnType, v: unknown): void {
  if (v === null || v === undefined) {
    app.appendNull();
    return;
  }
  switch (type) {
    case "BOOLEAN":
      app.appendBoolean(Boolean(v));
      return;
    case "INTEGER":
      app.appendInteger(Number(v));
      return;
    case "BIGINT":
      app.appendBigInt(BigInt(v as number));
      return;
    case "DOUBLE":
      app.appendDouble(Number(v));
      return;
    default:
      // VARCHAR, and DATE as its ISO text (cast when copied out).
      app.appendVarchar(String(v));
  }
}

/** Loads one table's rows into a DuckDB table of the same name (dates as text). */
async function loadTable(
  con: DuckDBConnection,
  name: string,
  columns: readonly (readonly [string, ColumnType])[],
  rows: readonly object[],
): Promise<void> {
  const defs = columns.map(([c, t]) => `"${c}" ${t === "DATE" ? "VARCHAR" : t}`).join(", ");
  await con.run(`CREATE OR REPLACE TABLE "${name}" (${defs})`);
  const app = await con.createAppender(name);
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    for (const [c, t] of columns) appendCell(app, t, r[c]);
    app.endRow();
  }
  app.closeSync();
}

/**
 * Writes every fact table of a store to DIR/store=ID/<table>.parquet. The
 * partition is written whole into a sibling folder first and then put in the
 * old one's place; nothing else under DIR is touched.
 */
export async function writeStorePartition(dir: string, store: string, facts: StoreFacts): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const target = storePartition(dir, store);
  const fresh = join(dir, `.store=${store}.new-${process.pid}`);
  const old = join(dir, `.store=${store}.old-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh);
  const db = await DuckDBInstance.create(":memory:", { threads: "1" });
  const con = await db.connect();
  try {
    for (const t of FACT_TABLES) {
      await loadTable(con, t.name, t.columns, t.rows(facts));
      const select = t.columns.map(([c, type]) => (type === "DATE" ? `CAST("${c}" AS DATE) AS "${c}"` : `"${c}"`)).join(", ");
      await con.run(`COPY (SELECT ${select} FROM "${t.name}") TO ${sqlString(join(fresh, `${t.name}.parquet`))} (FORMAT PARQUET)`);
    }
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  } finally {
    con.closeSync();
    db.closeSync();
  }
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
  return target;
}
