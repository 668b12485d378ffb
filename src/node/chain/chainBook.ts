/**
 * The chain report book: one sheet of stores × figures (ranked by M1%($), the
 * chain's row and the baselines below, a line chart of C-M1% and M1% by store)
 * and one of the chain's vintage. Plain values and number formats only, so it
 * opens in Sheets as it does in Excel.
 */
import { MemoryBook } from "../../app/memoryBook";
import { RATIO_LABELS, type ReportRatio } from "../../app/monthEndReport";
import type { NumberFormat } from "../../app/port";
import type { Cell } from "../../domain/cells";
import type { Lang } from "../../domain/i18n";
import type { ChainFigures, ChainResult, StoreInfo } from "./figures";
import { cht } from "../../domain/messages/chain";

/** The figures the stores sheet shows, C-M1% and M1% first (the chart's two series). */
export const CHAIN_RATIOS: readonly ReportRatio[] = [
  "c_m1_rate_amount",
  "m1_ratio_amount",
  "m1_ratio_count",
  "m2_ratio_amount",
  "m2_ratio_count",
  "m3plus_ratio_amount",
  "m3plus_ratio_count",
];

/** Stores ranked by a figure: lowest first, unavailable last, then by id. */
export function ranked(result: ChainResult, key: ReportRatio): string[] {
  return Object.keys(result.stores).sort((a, b) => {
    const x = result.stores[a][key];
    const y = result.stores[b][key];
    if (x === null || y === null) return x === y ? (a < b ? -1 : 1) : x === null ? 1 : -1;
    return x - y || (a < b ? -1 : 1);
  });
}

/** The chain's baseline of a figure: the stores' own when they all agree, else undefined ("varies"). */
export function chainBaseline(infos: ReadonlyMap<string, StoreInfo>, key: string): number | undefined | "varies" {
  const values = new Set([...infos.values()].map((i) => i.baselines[key]));
  if (values.size !== 1) return "varies";
  return [...values][0];
}

/** The chain report book of `result`. */
export function chainReportBook(result: ChainResult, infos: ReadonlyMap<string, StoreInfo>, lang: Lang): MemoryBook {
  const book = new MemoryBook();
  const rows: Cell[][] = [];
  const formats: NumberFormat[] = [];
  rows.push([cht(lang, "chain.title", { stores: Object.keys(result.stores).length, month: result.month })]);
  rows.push([]);
  const header = [cht(lang, "chain.store"), ...CHAIN_RATIOS.map((k) => RATIO_LABELS[k][lang]), cht(lang, "chain.rank")];
  rows.push(header);
  const headerRow = rows.length;
  const order = ranked(result, "m1_ratio_amount");
  const line = (name: string, f: ChainFigures, rank: number | null): Cell[] => [name, ...CHAIN_RATIOS.map((k) => f[k]), rank];
  order.forEach((id, i) => {
    rows.push(line(id, result.stores[id], result.stores[id].m1_ratio_amount === null ? null : i + 1));
  });
  const lastStoreRow = rows.length;
  rows.push(line(cht(lang, "chain.chain"), result.chain, null));
  rows.push([
    cht(lang, "chain.baseline"),
    ...CHAIN_RATIOS.map((k) => {
      const b = chainBaseline(infos, k);
      return b === "varies" ? cht(lang, "chain.varies") : (b ?? null);
    }),
  ]);
  formats.push({ row: headerRow + 1, column: 2, rows: rows.length - headerRow, columns: CHAIN_RATIOS.length, format: "percent" });
  const storesSheet = cht(lang, "chain.sheet_stores");
  book.write(storesSheet, rows, {
    freezeHeader: false,
    widths: [16, ...CHAIN_RATIOS.map(() => 14), 8],
    numberFormats: formats,
    landscape: true,
  });
  if (order.length > 0) {
    book.setCharts(storesSheet, [
      {
        title: cht(lang, "chain.chart"),
        headerRow,
        firstRow: headerRow + 1,
        lastRow: lastStoreRow,
        categoryColumn: 1,
        firstSeriesColumn: 2,
        lastSeriesColumn: 3,
        valueFormat: "percent",
        anchor: { row: rows.length + 2, column: 1 },
        width: 720,
        height: 320,
      },
    ]);
  }

  // The chain's vintage: one row per disbursement month, ever-M1 share by months since (k = 0, 1, …).
  const vintage = result.chain.vintage ?? {};
  const cohorts = Object.keys(vintage).sort();
  const width = Math.max(0, ...cohorts.map((c) => vintage[c].ever_m1.length));
  const vRows: Cell[][] = [
    [cht(lang, "chain.vintage_title")],
    [],
    [cht(lang, "chain.cohort"), cht(lang, "chain.loans"), ...Array.from({ length: width }, (_, k) => `k=${k}`)],
  ];
  for (const c of cohorts) vRows.push([c, vintage[c].loans, ...Array.from({ length: width }, (_, k) => vintage[c].ever_m1[k] ?? null)]);
  const vFormats: NumberFormat[] =
    cohorts.length > 0 && width > 0 ? [{ row: 4, column: 3, rows: cohorts.length, columns: width, format: "percent" }] : [];
  book.write(cht(lang, "chain.sheet_vintage"), vRows, {
    freezeHeader: false,
    widths: [12, 10, ...Array.from({ length: width }, () => 9)],
    numberFormats: vFormats,
  });
  return book;
}
