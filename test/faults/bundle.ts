/**
 * The built bundle (build/Code.js) loaded on the fake spreadsheet, as
 * test/sheets/jobInBundle.test.ts loads it, with a switch that makes the k-th
 * counted service call throw (before the call takes effect, as a quota error
 * or a time-out would cut a run off), and the fake clock as the script's Date.now.
 */
import * as vm from "node:vm";
import * as gas from "gas-local";
import { SAMPLE_HEADERS } from "../../src/app/sampleStore";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { BUILD } from "../sheets/buildOnce";
import { RUN_NAME } from "../../src/sheets/runStamp";
import { type FakeSheet, type FakeSpreadsheet, FakeSpreadsheetApp, type FakeOptions, type Stored } from "../sheets/fakeSpreadsheet";
import { midnightIn } from "../sheets/fakes";

export type Fn = (...args: unknown[]) => unknown;
export const STORE_COLUMNS = SAMPLE_HEADERS.length;

/** Thrown by the k-th service call. */
export class InjectedFault extends Error {}

/** Stored cells for ledger rows: real dates in the date columns as date cells at midnight in `timeZone`. */
export function storedRows(rows: Cell[][], timeZone: string): Stored[][] {
  const dateColumns = ["放款日期", "首期还款日", "最早未还款日"].map((h) => rows[0].indexOf(h));
  const isDate = (v: Cell): v is string => typeof v === "string" && !Number.isNaN(parseIsoDay(v));
  // Intl is slow in jest's realm: each date's midnight is worked out once.
  const midnights = new Map<string, number>();
  const midnight = (iso: string) => {
    let ms = midnights.get(iso);
    if (ms === undefined) {
      const [y, m, d] = iso.split("-").map(Number);
      ms = midnightIn(timeZone, y, m, d);
      midnights.set(iso, ms);
    }
    return ms;
  };
  return rows.map((r, i) =>
    r.map((v, c): Stored => {
      if (i > 0 && dateColumns.includes(c) && isDate(v)) return { date: midnight(v) };
      return v === "" || v === undefined ? null : (v as Stored);
    }),
  );
}

export interface Loaded {
  app: FakeSpreadsheetApp;
  fn: (name: string) => Fn;
  ledger: FakeSheet;
  /** Makes the k-th counted call from now throw (0: never). */
  failAt(k: number): void;
  /** The counted calls since the last failAt, by name, in order. */
  trace: string[];
  /** What the script logged (console.*). */
  logs: string[];
}

/** A fake spreadsheet holding `rows` as the store's ledger `台账 Ledger`, with the built script loaded on it. */
export function load(rows: Cell[][], options: FakeOptions = {}): Loaded {
  const app = new FakeSpreadsheetApp({ timeZone: "Asia/Shanghai", ...options });
  const logs: string[] = [];
  const quiet = (...args: unknown[]) => {
    logs.push(args.map(String).join(" "));
  };
  const context = gas.require(BUILD, {
    __proto__: gas.globalMockDefault,
    console: { log: quiet, info: quiet, warn: quiet, error: quiet },
    ...app.globals(),
  });
  app.dateConstructor = vm.runInContext("Date", context as vm.Context) as DateConstructor;
  // The script's clock is the fake's: it moves only when service calls cost time (all free unless a test sets costs).
  app.dateConstructor.now = () => app.clock.now();
  const ss = app.spreadsheet;
  const ledger = ss.addSheet("台账 Ledger", [], { maxRows: rows.length + 20, maxCols: 26 });
  ledger.cells = storedRows(rows, ss.timeZone);
  // The fault switch: wraps the counter's add, which the tracker calls before each call runs.
  let failAt = 0;
  const trace: string[] = [];
  const counter = app.counter;
  const add = counter.add.bind(counter);
  counter.add = (name: string) => {
    add(name);
    trace.push(name);
    if (failAt > 0 && counter.total === failAt) {
      failAt = 0;
      throw new InjectedFault(`injected fault at call ${counter.total} (${name})`);
    }
  };
  counter.reset();
  return {
    app,
    fn: (name) => context[name] as Fn,
    ledger,
    trace,
    logs,
    failAt: (k) => {
      counter.reset();
      trace.length = 0;
      failAt = k;
    },
  };
}

/** Replaces the store's columns of the ledger (the store typing in the next day's state); Daihou's columns stay. */
export function replaceStoreCells(ledger: FakeSheet, rows: Cell[][], timeZone: string): void {
  const stored = storedRows(rows, timeZone);
  if (stored.length !== ledger.cells.length) throw new Error("row count changed");
  stored.forEach((r, i) => {
    for (let c = 0; c < STORE_COLUMNS; c++) ledger.cells[i][c] = r[c] ?? null;
  });
}

/** A sheet's values, the run stamp (Daihou_Run: the time a run finished, different by design) left out. */
function valuesWithoutStamp(ss: FakeSpreadsheet, name: string): unknown[][] {
  const values = ss.values(name);
  const stamp = ss.named.get(RUN_NAME);
  if (stamp && stamp.getSheet().getName() === name) values[stamp.getRow() - 1][stamp.getColumn() - 1] = "(run stamp)";
  return values;
}

/** Everything of the spreadsheet that Daihou writes, for comparing (the run stamp's time left out). */
export function snapshot(run: Loaded): unknown {
  const ss = run.app.spreadsheet;
  return ss.getSheets().map((s) => ({
    name: s.getName(),
    values: valuesWithoutStamp(ss, s.getName()),
    maxRows: s.maxRows,
    maxCols: s.maxCols,
    frozenRows: s.frozenRows,
    quoted: [...s.quoted].sort(),
    formulas: [...s.formulas.keys()].sort(),
    rules: s.rules.map((r) => ({ type: r.criteriaType, values: r.criteriaValues, ranges: r.ranges.map((g) => g.area) })),
    validations: s.validations.map((v) => ({ area: v.area, type: v.rule.criteriaType, values: v.rule.criteriaValues })),
  }));
}

/** The ledger's store columns, as stored. */
export const storeCells = (run: Loaded): Stored[][] => run.ledger.cells.map((r) => r.slice(0, STORE_COLUMNS));
