/**
 * The figures beyond the month-end ratios (SPEC §6) of a month, from a book:
 * its history, its ledger's disbursement dates and installments, and its
 * contact log, read as `daihou export` reads them (so `report --json` and
 * `chain --json` agree per store).
 */
import { type BeyondFigures, type BeyondResult, beyondFigures } from "../domain/figures/beyond";
import type { MonthKey } from "../domain/days";
import type { Lang } from "../domain/i18n";
import type { Settings } from "../domain/settings";
import { storeFactsFromBook } from "./chainFacts";
import type { BookPort } from "./port";

/** Every figure beyond the ratios of `month`, with the accounts behind them. */
export function beyondFromBook(port: BookPort, month: MonthKey, settings: Settings, lang: Lang): BeyondResult {
  return beyondFigures(storeFactsFromBook(port, settings, lang), month);
}

/** SPEC §7's keys of the figures (for `report --json`), without the drill-down. */
export function beyondJson(b: BeyondResult): BeyondFigures {
  return {
    forecast: b.forecast,
    vintage: b.vintage,
    cure_rate: b.cure_rate,
    promise_kept_rate: b.promise_kept_rate,
    contact_rate: b.contact_rate,
    collected_after_m1: b.collected_after_m1,
  };
}
