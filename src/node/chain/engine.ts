/**
 * Runs the sql/ files on embedded DuckDB over a chain's Parquet files
 * (DIR/store=ID/<table>.parquet): each fact table is a view of the same name
 * with the store's id, from the Hive partition, in column `store`.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { sqlString } from "./parquet";
import { FACT_TABLES } from "./schema";

/** The figure families, one sql/ file each. */
export const SQL_FILES = [
  "ratios",
  "c_m1",
  "roll",
  "m1_outcome",
  "forecast",
  "vintage",
  "cure",
  "promise_kept",
  "contact_rate",
  "collected_after_m1",
] as const;
export type SqlFile = (typeof SQL_FILES)[number];

/** The project's sql/ folder: beside src/ and dist/ (found from this file's place, bundled or not). */
export function sqlDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "sql", "ratios.sql"))) return join(dir, "sql");
    dir = dirname(dir);
  }
  throw new Error("the sql/ folder was not found beside Daihou");
}

export function sqlText(name: SqlFile): string {
  return readFileSync(join(sqlDir(), `${name}.sql`), "utf8");
}

/** A result row: numbers (counts as numbers too), strings, booleans, null. */
export type Row = Record<string, string | number | boolean | null>;

/** The store ids under DIR (folders `store=ID` that hold a stores.parquet). */
export function storesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  // A store's folder may be a link (a chain assembled from stores' own exports).
  return readdirSync(dir)
    .filter((name) => name.startsWith("store=") && existsSync(join(dir, name, "stores.parquet")))
    .map((name) => name.slice("store=".length))
    .sort();
}

/** An open chain: DuckDB with the fact tables as views over DIR's Parquet files. */
export class ChainEngine {
  private constructor(
    private readonly db: DuckDBInstance,
    private readonly con: DuckDBConnection,
  ) {}

  static async open(dir: string): Promise<ChainEngine> {
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const engine = new ChainEngine(db, con);
    for (const t of FACT_TABLES) {
      const files = sqlString(join(dir, "store=*", `${t.name}.parquet`));
      // Store ids stay text ("007" is not 7).
      await con.run(
        `CREATE VIEW "${t.name}" AS SELECT * FROM read_parquet(${files}, hive_partitioning = true, hive_types_autocast = false)`,
      );
    }
    return engine;
  }

  /** Rows of a sql/ file, with an optional filter on its columns (`WHERE …` around the file's query). */
  async run(name: SqlFile, where = ""): Promise<Row[]> {
    const sql = where === "" ? sqlText(name) : `SELECT * FROM (\n${sqlText(name)}\n) AS figures WHERE ${where}`;
    const reader = await this.con.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) out[k] = typeof v === "bigint" ? Number(v) : (v as Row[string]);
      return out;
    });
  }

  /** Rows of any query over the fact tables. */
  async query(sql: string): Promise<Row[]> {
    const reader = await this.con.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) out[k] = typeof v === "bigint" ? Number(v) : (v as Row[string]);
      return out;
    });
  }

  close(): void {
    this.con.closeSync();
    this.db.closeSync();
  }
}
