/** The daily case on the sheet as read: a month's sheet indexed by the run's loan-id numbers (`indexMonthSheet`) and today's observations written onto its rows (`appendDayToSheet`). */
import type { Cell } from "../cells";
import { type Day, type MonthKey, monthOf, ymd } from "../days";
import type { IdIndex } from "../idIndex";
import { isM1Flags, readM1Header } from "./carriedM1";
import { HISTORY_CELLS_PER_ACCOUNT_MONTH, monthHeader, runDaysOfHeader, visibleAsciiEnds } from "./monthSheet";
import { ABSENT, type Observation, withObservation } from "./timeline";

/**
 * A month's sheet as read for a run on a day after all its run days, its
 * accounts found by their numbers in the run's `IdIndex` without decoding the
 * month (see `appendDayToSheet`).
 */
export interface MonthSheet {
  month: MonthKey;
  values: readonly (readonly Cell[])[];
  runDays: Day[];
  /** As in `MonthHistory`. */
  m1From: string;
  content: string;
  /** The sheet row (index in `values`) of the account with each number in the index; 0 when it is not in the sheet. */
  rowOf: Int32Array;
  /** The number in the index of the account in each sheet row; -1 when the index has no such id. */
  numberOfRow: Int32Array;
}

/**
 * Finds the accounts of `ids` in a month's sheet as read (without adding to
 * `ids`), for a run on day t. Null when the month has a run day on or after t
 * (a re-run), or unless every row is exactly as `encodeMonth` writes it: four
 * cells, a loan id of plain text in strictly ascending order, a due day that
 * is a number or blank, a timeline of text, carried flags blank or in their
 * form. A sheet changed by hand is decoded instead (`decodeMonth`).
 */
export function indexMonthSheet(month: MonthKey, values: readonly (readonly Cell[])[], ids: IdIndex, t: Day): MonthSheet | null {
  const header = values[0] ?? [];
  const runDays = runDaysOfHeader(month, header);
  if (runDays.some((d) => !(d < t))) return null;
  const rowOf = new Int32Array(ids.size);
  const numberOfRow = new Int32Array(values.length).fill(-1);
  let previous = "";
  // The number the next row's id most likely has (see `IdIndex.getNear`).
  let guess = 0;
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (row.length !== HISTORY_CELLS_PER_ACCOUNT_MONTH) return null;
    const id = row[0];
    if (typeof id !== "string" || !visibleAsciiEnds(id) || (r > 1 && !(previous < id))) return null;
    previous = id;
    const due = row[1];
    const flags = row[3];
    if ((typeof due !== "number" && due !== "") || typeof row[2] !== "string" || typeof flags !== "string") return null;
    if (flags !== "" && !isM1Flags(flags)) return null;
    const n = ids.getNear(id, guess);
    if (n >= 0) {
      rowOf[n] = r;
      numberOfRow[r] = n;
      guess = n + 1;
    }
  }
  const m1 = readM1Header(header);
  return { month, values, runDays, rowOf, numberOfRow, m1From: m1.from, content: m1.content ?? "" };
}

/**
 * `encodeMonth(recordDayOf(decodeMonth(...), t, ...))` in one pass over the
 * sheet as read, for the daily case: t after every run day so far, account k
 * of the run has number k in the sheet's index, and the carried flags stay as
 * they are (an account new to the month has none). A row whose account's
 * timeline, due day and flags are unchanged is the row as read, not a copy.
 */
export function appendDayToSheet(
  sheet: MonthSheet,
  t: Day,
  ids: IdIndex,
  observations: readonly Observation[],
  dueDays: readonly (number | null)[],
): Cell[][] {
  if (monthOf(t) !== sheet.month) throw new Error(`day ${t} is not in ${sheet.month}`);
  if (sheet.runDays.some((d) => d >= t)) throw new Error(`day ${t} is not after the month's run days`);
  const runDays = [...sheet.runDays, t];
  const dom = ymd(t).day;
  const { values, numberOfRow, rowOf } = sheet;
  const rows: Cell[][] = [monthHeader(runDays, sheet.m1From, "")];
  // The accounts not in the sheet yet, in loan-id order, go between its rows.
  const fresh: number[] = [];
  for (let k = 0; k < observations.length; k++) if (k >= rowOf.length || rowOf[k] === 0) fresh.push(k);
  fresh.sort((a, b) => (ids.id(a) < ids.id(b) ? -1 : 1));
  let f = 0;
  const addFresh = (k: number) => rows.push([ids.id(k), dueDays[k] ?? "", withObservation("", dom, observations[k]), ""]);
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    const id = row[0] as string;
    while (f < fresh.length && ids.id(fresh[f]) < id) addFresh(fresh[f++]);
    const text = row[2] as string;
    const k = numberOfRow[r];
    // An account not in the ledger today is absent; its due day stays as it was.
    const due = k < 0 ? row[1] : (dueDays[k] ?? "");
    const updated = withObservation(text, dom, k < 0 ? ABSENT : observations[k]);
    // An account whose timeline and due day are unchanged keeps the row as read.
    rows.push(updated === text && due === row[1] ? (row as Cell[]) : [id, due, updated, row[3]]);
  }
  while (f < fresh.length) addFresh(fresh[f++]);
  return rows;
}
