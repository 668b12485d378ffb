/**
 * The day's data: the ledger read and parsed as of t, its accounts numbered,
 * the history store opened on t's month, and every account classified with the
 * history of the three months before. The one builder the daily job and the
 * sidebar's card both use, so the card and the call sheet cannot disagree.
 */
import { type CellContext, DEFAULT_CELL_CONTEXT } from "../domain/cells";
import type { Classification } from "../domain/classify";
import type { Day } from "../domain/days";
import type { IdIndex } from "../domain/idIndex";
import { type Account, type ParsedLedger, parseLedger } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { MonthStore, classifyWithHistory, numberAccounts } from "./historyStore";
import { type LedgerRead, readLedger } from "./ledgerSheet";
import type { BookPort } from "./port";

export interface DayData {
  t: Day;
  settings: Settings;
  ctx: CellContext;
  ledger: LedgerRead;
  parsed: ParsedLedger;
  /** The loan ids numbered in account order, for the ledger and every month sheet. */
  ids: IdIndex;
  history: MonthStore;
  /** Account k's classification. */
  items: Classification[];
}

/** Where the day's data comes from. */
export interface DayOptions {
  t: Day;
  settings: Settings;
  ledgerSheet: string;
  cellContext?: CellContext;
}

/** The day's data before classifying: the ledger read (one read) and parsed, its accounts numbered, the month's history opened. */
export type OpenedDay = Omit<DayData, "items">;

/** Reads (unless given) and parses the ledger (throws what `readLedger` throws), numbers its accounts and opens t's month in the history. */
export function openDay(port: BookPort, options: DayOptions, read?: LedgerRead): OpenedDay {
  const { t, settings } = options;
  const ctx = options.cellContext ?? { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder };
  const ledger = read ?? readLedger(port, options.ledgerSheet);
  const parsed = parseLedger(ledger.table, settings, t, ctx);
  // One numbering of the loan ids for the ledger and the four months: each id is hashed once per sheet.
  const ids = numberAccounts(parsed);
  const history = new MonthStore(port, t, settings, ids);
  return { t, settings, ctx, ledger, parsed, ids, history };
}

/** The day's data: every account classified with the history of the three months before (carried flags first, the months read only if needed). */
export function readDayData(port: BookPort, options: DayOptions): DayData {
  const day = openDay(port, options);
  const items = classifyWithHistory(day.parsed, day.t, day.settings, () => day.history.pastHistory(), day.ids, day.history.carried());
  return { ...day, items };
}

/** One account of the day (the sidebar's card), classified by the same rule with the three months before; null when the ledger has no such loan. */
export function classifyAccount(day: OpenedDay, loanId: string): { account: Account; item: Classification } | null {
  const account = day.parsed.accounts.find((a) => a.loanId === loanId);
  if (!account) return null;
  const [item] = classifyWithHistory(
    { ...day.parsed, accounts: [account], ids: undefined },
    day.t,
    day.settings,
    day.history.pastHistory(),
  );
  return { account, item };
}
