/**
 * `daihou chain --data DIR [--month YYYY-MM] [--json]` (SPEC §7, §8): every
 * store's and the chain's figures from the stores' Parquet facts, by the sql/
 * files on embedded DuckDB. Without --json: the figures ranked with their
 * baselines, and the chain report book.
 */
import { join } from "node:path";
import { addMonths, parseMonth } from "../../domain/days";
import type { Lang } from "../../domain/i18n";
import { type Options, UsageError, type Write, required } from "../args";
import { saveBook } from "../book";
import { alignColumns } from "../text";
import { CHAIN_RATIOS, chainBaseline, chainReportBook, ranked } from "./chainBook";
import { ChainEngine, storesIn } from "./engine";
import { type ChainResult, type StoreInfo, chainFigures, defaultMonth, storeInfos } from "./figures";
import { cht } from "../../domain/messages/chain";

/** The figures of `month` (default: the latest month every store has completed) for the chain under `dir`; null when there is none. */
export async function chainOf(dir: string, month?: string): Promise<{ result: ChainResult; infos: Map<string, StoreInfo> } | null> {
  const engine = await ChainEngine.open(dir);
  try {
    const infos = await storeInfos(engine);
    const m = month ?? defaultMonth(infos);
    if (m === null) return null;
    return { result: await chainFigures(engine, m, infos), infos };
  } finally {
    engine.close();
  }
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(2)}%`);

/** The readable chain: stores ranked by M1%($) with every ratio, the chain's row and the baselines; unavailable chain figures named. */
export function renderChain(lang: Lang, result: ChainResult, infos: ReadonlyMap<string, StoreInfo>): string {
  const lines = [cht(lang, "chain.title", { stores: Object.keys(result.stores).length, month: result.month }), ""];
  const table: string[][] = [[cht(lang, "chain.rank"), cht(lang, "chain.store"), ...CHAIN_RATIOS]];
  const over = (id: string, key: (typeof CHAIN_RATIOS)[number], v: number | null) => {
    const base = infos.get(id)?.baselines[key];
    return v !== null && base !== undefined && v > base ? ` (${cht(lang, "chain.over")})` : "";
  };
  ranked(result, "m1_ratio_amount").forEach((id, i) => {
    const f = result.stores[id];
    table.push([f.m1_ratio_amount === null ? "" : String(i + 1), id, ...CHAIN_RATIOS.map((k) => `${pct(f[k])}${over(id, k, f[k])}`)]);
  });
  const chainOver = (key: (typeof CHAIN_RATIOS)[number], v: number | null) => {
    const base = chainBaseline(infos, key);
    return v !== null && typeof base === "number" && v > base ? ` (${cht(lang, "chain.over")})` : "";
  };
  table.push(["", cht(lang, "chain.chain"), ...CHAIN_RATIOS.map((k) => `${pct(result.chain[k])}${chainOver(k, result.chain[k])}`)]);
  table.push([
    "",
    cht(lang, "chain.baseline"),
    ...CHAIN_RATIOS.map((k) => {
      const b = chainBaseline(infos, k);
      return b === "varies" ? cht(lang, "chain.varies") : b === undefined ? "" : pct(b);
    }),
  ]);
  lines.push(...alignColumns(table, [true, false, ...CHAIN_RATIOS.map(() => true)]), "");
  for (const k of CHAIN_RATIOS) {
    if (result.chain[k] !== null) continue;
    const missing = Object.keys(result.stores).filter((id) => result.stores[id][k] === null);
    if (missing.length > 0) lines.push(cht(lang, "chain.unavailable", { figure: k, stores: missing.join(", ") }));
  }
  return `${lines.join("\n")}\n`;
}

/** Runs `chain`; resolves to the exit code. */
export async function runChain(lang: Lang, opts: Options, out: Write, err: Write): Promise<number> {
  const dir = required(lang, "chain", opts, "data");
  const monthArg = typeof opts.month === "string" ? opts.month : undefined;
  if (monthArg !== undefined && !parseMonth(monthArg)) throw new UsageError(cht(lang, "chain.bad_month", { text: monthArg }), "chain");
  if (storesIn(dir).length === 0) {
    err(cht(lang, "chain.no_data", { dir }));
    return 2;
  }
  const done = await chainOf(dir, monthArg === undefined ? undefined : addMonths(monthArg, 0));
  if (done === null) {
    err(cht(lang, "chain.no_month", { dir }));
    return 2;
  }
  const { result, infos } = done;
  if (opts.json === true) {
    out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  out(renderChain(lang, result, infos));
  const file = typeof opts.out === "string" ? opts.out : join(dir, `chain-report-${result.month}.xlsx`);
  await saveBook(chainReportBook(result, infos, lang), file);
  out(cht(lang, "chain.written", { file }));
  return 0;
}
