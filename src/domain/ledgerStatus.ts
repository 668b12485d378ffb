/** A loan's status as the ledger's status cell says it (SPEC §3): settled, written off, or else active. */
import { type Cell, readText } from "./cells";

/** Account status as the ledger says it. */
export type LedgerStatus = "active" | "settled" | "written_off";

const STATUS_WORDS: Record<string, LedgerStatus> = {
  结清: "settled",
  已结清: "settled",
  提前结清: "settled",
  settled: "settled",
  closed: "settled",
  paidoff: "settled",
  核销: "written_off",
  已核销: "written_off",
  writtenoff: "written_off",
  writeoff: "written_off",
  chargedoff: "written_off",
};

/** Reads a status cell; anything not saying settled or written off (正常, 逾期, blank …) is active. */
export function readStatus(v: Cell): LedgerStatus {
  const text = readText(v);
  let status = statusCache.get(text);
  if (status === undefined) {
    const key = text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s_-]+/g, "");
    status = STATUS_BY_WORD.get(key) ?? "active";
    if (statusCache.size < 1000) statusCache.set(text, status);
  }
  return status;
}

const STATUS_BY_WORD = new Map(Object.entries(STATUS_WORDS));

/** Status texts already read (a ledger uses a handful of words). */
const statusCache = new Map<string, LedgerStatus>();
