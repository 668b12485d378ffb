/**
 * A store's facts for a chain (SPEC §8) read from its book: the history, the
 * ledger's disbursement days and installments, and the contact log.
 */
import { type CellContext, DEFAULT_CELL_CONTEXT } from "../domain/cells";
import { type StoreFacts, storeFacts } from "../domain/chain/facts";
import type { Day } from "../domain/days";
import { monthOfHistorySheet } from "../domain/history";
import type { Lang } from "../domain/i18n";
import { MissingColumnsError, parseLedger } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { readContactLog } from "./contactLog";
import { readHistory, readLedger } from "./dailyJob";
import { CONTACT_LOG_SHEET, LEDGER_SHEET } from "./names";
import type { BookPort } from "./port";

/** Every fact table of the store whose book `port` is. */
export function storeFactsFromBook(port: BookPort, settings: Settings, lang: Lang, ctx?: CellContext): StoreFacts {
  const months = port
    .sheetNames()
    .map(monthOfHistorySheet)
    .filter((m): m is string => m !== null)
    .sort();
  const history = readHistory(port, months);
  const cellContext = ctx ?? { ...DEFAULT_CELL_CONTEXT, dateOrder: settings.dateOrder };
  const lastRun = history.flatMap((h) => h.runDays).reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const { disbursedOn, installments } = ledgerFacts(port, settings, Number.isFinite(lastRun) ? lastRun : 0, cellContext);
  const log = port.read(CONTACT_LOG_SHEET);
  return storeFacts({
    history,
    settings,
    disbursedOn,
    installmentOf: (id) => installments.get(id) ?? null,
    contacts: log === null ? null : readContactLog(log, lang, cellContext).entries,
  });
}

/** Each loan's disbursement day and installment from the book's ledger (empty when it has none, or no readable one). */
function ledgerFacts(
  port: BookPort,
  settings: Settings,
  asOf: Day,
  ctx: CellContext,
): { disbursedOn: Map<string, Day | null>; installments: Map<string, number | null> } {
  const disbursedOn = new Map<string, Day | null>();
  const installments = new Map<string, number | null>();
  if (port.read(LEDGER_SHEET) === null) return { disbursedOn, installments };
  try {
    for (const a of parseLedger(readLedger(port, LEDGER_SHEET).table, settings, asOf, ctx).accounts) {
      disbursedOn.set(a.loanId, a.disbursedOn);
      installments.set(a.loanId, a.installment);
    }
  } catch (e) {
    if (!(e instanceof MissingColumnsError)) throw e;
  }
  return { disbursedOn, installments };
}
