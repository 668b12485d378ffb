/**
 * The sql/ files are the dialect subset BigQuery also runs (SPEC §8): every
 * file parses with node-sql-parser's BigQuery grammar, reads only the fact
 * tables `daihou export` writes, and uses no DuckDB-only syntax.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "node-sql-parser";
import { SQL_FILES, sqlDir } from "../../../src/node/chain/engine";
import { FACT_TABLES } from "../../../src/node/chain/schema";

const dir = sqlDir();
const files = readdirSync(dir).filter((f) => f.endsWith(".sql"));

test("one file per figure family, and nothing else", () => {
  expect(files.sort()).toEqual(SQL_FILES.map((f) => `${f}.sql`).sort());
});

describe.each(files)("%s", (file) => {
  const text = readFileSync(join(dir, file), "utf8");
  const parser = new Parser();

  test("parses as BigQuery SQL: one SELECT", () => {
    const ast = parser.astify(text, { database: "BigQuery" });
    const statements = Array.isArray(ast) ? ast : [ast];
    expect(statements).toHaveLength(1);
    expect(statements[0].type).toBe("select");
  });

  test("reads only the exported fact tables", () => {
    const tables = parser.tableList(text, { database: "BigQuery" }).map((t) => t.split("::")[2]);
    const known = new Set(FACT_TABLES.map((t) => t.name));
    const ctes = new Set([...text.matchAll(/(?:WITH|,)\s*(\w+) AS \(/g)].map((m) => m[1]));
    for (const t of tables) expect(known.has(t) || ctes.has(t)).toBe(true);
    expect(tables.some((t) => known.has(t))).toBe(true);
  });

  test("no DuckDB-only syntax (::casts, QUALIFY-free FILTER, list literals, read_parquet, double-quoted identifiers)", () => {
    const code = text.replace(/--.*$/gm, "");
    expect(code).not.toMatch(/::|\bFILTER\s*\(|\bread_parquet\b|\[|"|\bILIKE\b|\bCOUNT_IF\b|\bIFNULL\b|\bGROUP BY ALL\b/i);
  });
});
