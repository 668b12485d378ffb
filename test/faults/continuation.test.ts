/**
 * A run near Apps Script's 6-minute limit on a huge ledger stops cleanly and
 * resumes (the continuation: the daily run's one hourly trigger, never a
 * one-off trigger), saying how far it got. The built bundle on the
 * fake spreadsheet, whose clock (the script's Date.now) moves only when service
 * calls cost time: a 20,000-row ledger made as slow as a huge one is in Sheets.
 */
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { historySheetName } from "../../src/domain/history";
import { MAX_CONTINUATIONS, PROGRESS_KEY } from "../../src/sheets/continuation";
import { TIME_BUDGET_MS } from "../../src/sheets/resumableBook";
import { DAILY_TRIGGER_FUNCTION } from "../../src/sheets/trigger";
import { buildOnce } from "../sheets/buildOnce";
import type { FakeClock } from "../sheets/fakeSpreadsheet";
import { fastSampleStore } from "../sheets/fastSample";
import { type Loaded, load, replaceStoreCells, snapshot, storeCells, storedRows } from "./bundle";

beforeAll(() => {
  buildOnce();
});

const EARLIER = "2026-11-13";
const T = "2026-11-16";
const TZ = "Asia/Shanghai";
const ROWS = 20_000;
const HISTORY = historySheetName("2026-11");

/** The store's ledgers on EARLIER and T (fast: the sample store compiled for Node's own realm). */
function ledgers(loans: number, seed: number): { earlier: Cell[][]; t: Cell[][] } {
  const store = fastSampleStore();
  const all = store.generateLoans({ loans, from: parseIsoDay(EARLIER) - 730, to: parseIsoDay(EARLIER) - 1, seed });
  return { earlier: store.sampleLedger(all, parseIsoDay(EARLIER)), t: store.sampleLedger(all, parseIsoDay(T)) };
}
const big = ledgers(ROWS, 616);
const small = ledgers(2_000, 23);
/** Costs that stop a run of `small` after its first step (the history) and let the next execution finish it. */
const SMALL_SLOW = { perCellRead: 0.5, perCellWritten: 10 };

/** An hour: the daily run's trigger fires hourly. */
const HOUR_MS = 3_600_000;

/** A spreadsheet, played as an Editor add-on with the daily run on, on which EARLIER has run (for free) and the store has typed in T's ledger. */
function prepared(rows: { earlier: Cell[][]; t: Cell[][] } = big): Loaded {
  const run = load(rows.earlier, { timeZone: TZ });
  run.app.scriptApp.deployment = "addon";
  run.fn("setDailyRun")(true);
  run.fn("runDailyJobFor")(EARLIER);
  replaceStoreCells(run.ledger, rows.t, TZ);
  run.failAt(0);
  run.logs.length = 0;
  return run;
}

/** Makes every service call cost time, as on a slow spreadsheet. */
function slow(clock: FakeClock, costs: Partial<FakeClock["costs"]>): void {
  Object.assign(clock.costs, { perCall: 50, perCellRead: 0, perCellWritten: 0 }, costs);
}

/** The one trigger: the daily run's, hourly. */
const ONE_HOURLY = [{ handler: DAILY_TRIGGER_FUNCTION, schedule: { everyHours: 1 } }];
const triggers = (run: Loaded) => run.app.scriptApp.triggers.map((t) => ({ handler: t.handler, schedule: t.schedule }));
const progress = (run: Loaded) => run.app.properties.getProperty(PROGRESS_KEY);
const status = (run: Loaded) => JSON.parse(run.app.properties.getProperty("daihou.runStatus") ?? "null");

/** Fires the daily run's trigger an hour later, while a stopped run waits (at most `max` times); returns the executions' elapsed times. */
function continueUntilDone(run: Loaded, max = 30): number[] {
  const elapsed: number[] = [];
  while (progress(run) !== null && elapsed.length < max) {
    expect(triggers(run)).toEqual(ONE_HOURLY);
    run.app.clock.tick(HOUR_MS);
    const started = run.app.clock.now();
    run.fn(DAILY_TRIGGER_FUNCTION)({ authMode: "FULL", triggerUid: run.app.scriptApp.triggers[0].uid });
    elapsed.push(run.app.clock.now() - started);
  }
  return elapsed;
}

/** The history has each date once and each account once. */
function expectHistoryOnce(run: Loaded, accounts: number): void {
  const history = run.app.spreadsheet.values(HISTORY);
  expect(String(history[0][2])).toMatch(/runs:13,16$/);
  const ids = history.slice(1).map((r) => r[0]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(accounts);
}

// The uninterrupted run: what every resumed run must end equal to, and its service calls.
const reference = prepared();
reference.fn("runDailyJobFor")(T);
const expected = snapshot(reference);
const expectedStore = storedRows(big.t, TZ).map((r) => r.slice(0, 16));
const uninterruptedCalls = reference.app.counter.total;

describe("a run near the time limit on a huge ledger stops and continues", () => {
  test(`${ROWS.toLocaleString("en")} rows: the first execution stops before the budget saying how far it got; the trigger finishes the run; the sheets equal an uninterrupted run's`, () => {
    const run = prepared();
    // Writing a cell costs 1 ms, reading one 0.05 ms: the history (60,003 cells) takes 60 s, the ledger's columns (200,010 cells) 200 s.
    slow(run.app.clock, { perCellRead: 0.05, perCellWritten: 1 });
    const started = run.app.clock.now();
    const text = run.fn("runDailyJobFor")(T) as string;
    const firstElapsed = run.app.clock.now() - started;
    const firstCalls = run.app.counter.total;
    expect(text).toBe(
      "Stopped before Apps Script's 6-minute limit: steps done 1 of 5 (“历史 History 2026-11” written (20,001 rows)).\n" +
        "The daily run's hourly trigger finishes the rest within the hour — or choose “Run today's work” again (the steps done are not redone).",
    );
    expect(run.app.ui.alerts.at(-1)?.title).toBe("Today's work: 2026-11-16 — not finished yet");
    expect(firstElapsed).toBeLessThan(TIME_BUDGET_MS);
    // The toast of a large ledger is replaced by the first line.
    expect(run.app.spreadsheet.toasts.at(-1)?.message).toMatch(/^Stopped before Apps Script's 6-minute limit: steps done 1 of 5/);
    // Progress saved; no trigger made: the daily run's hourly one finishes it.
    const saved = JSON.parse(progress(run) ?? "null");
    expect(saved).toMatchObject({ date: T, ledgerSheet: "台账 Ledger", total: 5, executions: 1, continuations: 0 });
    expect(saved.steps.map((s: { label: unknown }) => s.label)).toEqual([{ op: "write", sheet: HISTORY, rows: 20_001 }]);
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(run.app.scriptApp.created).toBe(1);
    expect(status(run)).toMatchObject({ date: T, by: "menu", state: "stopped", steps: { done: 1, total: 5 } });
    // The ledger's own cells untouched; Daihou's columns not yet today's.
    expect(storeCells(run)).toEqual(expectedStore);

    run.app.counter.reset();
    const elapsed = continueUntilDone(run);
    console.log(
      `continuation: ${ROWS} rows, ${1 + elapsed.length} executions (${[firstElapsed, ...elapsed].map((ms) => `${Math.round(ms / 1000)} s`).join(", ")} on the fake clock); ` +
        `service calls: uninterrupted ${uninterruptedCalls}, interrupted ${firstCalls} + ${run.app.counter.total} in the continuations`,
    );
    expect(elapsed).toHaveLength(1);
    expect(elapsed.every((ms) => ms < TIME_BUDGET_MS)).toBe(true);
    expect(snapshot(run)).toEqual(expected);
    expect(storeCells(run)).toEqual(expectedStore);
    expectHistoryOnce(run, ROWS);
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(run.app.scriptApp.created).toBe(1);
    expect(progress(run)).toBeNull();
    expect(status(run)).toMatchObject({ date: T, by: "trigger", state: "finished", doneDate: T, counts: { rows: ROWS, notCounted: 0 } });
    expect(run.logs.at(-1)).toMatch(
      /^Daihou daily run 2026-11-16: 20000 rows, \d+ active, \d+ tasks, 0 rows not counted \(finished a stopped run: 2 executions\)$/,
    );
  });

  // The uninterrupted run of the small ledger.
  const smallReference = prepared(small);
  smallReference.fn("runDailyJobFor")(T);

  test("the ledger changed between the stop and the continuation: the run ends equal to a fresh run on the new ledger", () => {
    const changed = { earlier: small.earlier, t: small.t.map((r) => r.slice()) };
    const col = (h: string) => small.t[0].indexOf(h);
    // The store settles 50 loans and corrects a due date.
    for (let i = 1; i <= 50; i++) changed.t[i * 37][col("剩余本金")] = 0;
    changed.t[5][col("最早未还款日")] = "2026-10-01";
    const fresh = prepared(changed);
    fresh.fn("runDailyJobFor")(T);

    const run = prepared(small);
    slow(run.app.clock, SMALL_SLOW);
    expect(run.fn("runDailyJobFor")(T)).toMatch(/^Stopped before Apps Script's 6-minute limit: steps done 1 of 5 /);
    replaceStoreCells(run.ledger, changed.t, TZ);
    // The history written before the change is not skipped: it is written again, so this takes more than one
    // continuation (two or three, as the day's columns grow), each inside Apps Script's 6 minutes.
    const elapsed = continueUntilDone(run);
    expect(elapsed.length).toBeGreaterThanOrEqual(2);
    expect(elapsed.length).toBeLessThanOrEqual(3);
    for (const ms of elapsed) expect(ms).toBeLessThan(6 * 60_000);
    expect(run.logs.filter((l) => l.includes("stopped before")).map((l) => /steps done (\d) of 5/.exec(l)?.[1])[0]).toBe("1");
    expect(snapshot(run)).toEqual(snapshot(fresh));
    expect(storeCells(run)).toEqual(storedRows(changed.t, TZ).map((r) => r.slice(0, 16)));
    expectHistoryOnce(run, 2_000);
    expect(progress(run)).toBeNull();
  });

  test("a very slow spreadsheet: the run stops again and again, each execution gets further, and it finishes", () => {
    const run = prepared(small);
    slow(run.app.clock, { perCellRead: 0.5, perCellWritten: 30 });
    const first = run.fn("runDailyJobFor")(T) as string;
    const elapsed = continueUntilDone(run);
    expect(first).toMatch(/^Stopped before Apps Script's 6-minute limit: steps done 1 of 5 /);
    const stops = run.logs.filter((l) => l.includes("stopped before the 6-minute limit"));
    expect(stops.map((l) => /steps done (\d) of 5/.exec(l)?.[1])).toEqual(["2"]);
    expect(stops[0]).toMatch(/the next hourly firing continues it \(continuation 2 of at most 20\)$/);
    expect(elapsed).toHaveLength(2);
    expect(snapshot(run)).toEqual(snapshot(smallReference));
    expectHistoryOnce(run, 2_000);
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(progress(run)).toBeNull();
  });
});

describe("never loops forever", () => {
  test(`reading alone spends the budget: after ${MAX_CONTINUATIONS} continuations in a row Daihou stops continuing and says so; the menu then finishes`, () => {
    const run = prepared(small);
    // 5 ms a cell read: the ledger's read alone is past the budget, so no step is ever done.
    slow(run.app.clock, { perCellRead: 5 });
    const text = run.fn("runDailyJobFor")(T) as string;
    expect(text.split("\n")[0]).toBe("Stopped before Apps Script's 6-minute limit: steps done 0 of 5 (none yet).");
    let thrown: unknown = null;
    let fired = 0;
    while (thrown === null && fired < 2 * MAX_CONTINUATIONS) {
      run.app.clock.tick(HOUR_MS);
      fired++;
      try {
        run.fn(DAILY_TRIGGER_FUNCTION)({});
      } catch (e) {
        thrown = e;
      }
    }
    expect(fired).toBe(MAX_CONTINUATIONS);
    expect(String((thrown as Error).message)).toBe(
      "Daihou's daily run could not run: Stopped before Apps Script's 6-minute limit: steps done 0 of 5 (none yet).\n" +
        "Daihou has continued 20 times in a row without finishing, so it stops continuing by itself: choose “Run today's work” again to go on, or make the ledger smaller (move settled loans to another sheet).",
    );
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(JSON.parse(progress(run) ?? "null")).toMatchObject({ executions: 21, continuations: 20 });
    // Visible where the next person looks: the status says it failed, in plain words.
    expect(status(run)).toMatchObject({ date: T, by: "trigger", state: "failed" });
    expect(status(run).error.en).toContain("Daihou has continued 20 times in a row without finishing");
    expect(status(run).error.zh).toContain("Daihou 已连续继续 20 次仍未完成");

    // The spreadsheet is fast again: the menu finishes the run.
    slow(run.app.clock, { perCall: 0 });
    const done = run.fn("runDailyJobFor")(T) as string;
    expect(done).toMatch(/^2,000 rows read from “台账 Ledger”\./);
    expect(done).toContain(
      "This finished a run stopped before the time limit (22 executions in all; steps already done and not redone: 0).",
    );
    expect(progress(run)).toBeNull();
    expectHistoryOnce(run, 2_000);
  });
});

describe("the menu, the daily trigger and the lock with a stopped run waiting", () => {
  /** A run of T stopped after its first step (history), its continuation waiting. */
  function stopped(): Loaded {
    const run = prepared(small);
    slow(run.app.clock, SMALL_SLOW);
    expect(run.fn("runDailyJobFor")(T)).toMatch(/^Stopped before Apps Script's 6-minute limit: steps done 1 of 5/);
    slow(run.app.clock, { perCall: 0 });
    return run;
  }
  const fresh = prepared(small);
  fresh.fn("runDailyJobFor")(T);
  const freshSnapshot = snapshot(fresh);

  test("“Run today's work” for the same date resumes it (the history is not written again); the one trigger stays", () => {
    const run = stopped();
    run.app.counter.reset();
    const text = run.fn("runDailyJobFor")(T) as string;
    expect(text).toContain(
      "This finished a run stopped before the time limit (2 executions in all; steps already done and not redone: 1).",
    );
    // Four writes in an uninterrupted run (history, ledger columns, call sheet, the run stamp's two cells); the history was skipped.
    expect(run.app.counter.count("Range.setValues")).toBe(3);
    expect(snapshot(run)).toEqual(freshSnapshot);
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(progress(run)).toBeNull();
  });

  test("the daily trigger resumes a run of today stopped before, with one log line", () => {
    // The daily trigger runs for today on the spreadsheet's clock: a run of today stopped, on the same ledger.
    const today = T;
    const reference = prepared(small);
    reference.fn("runDailyJobFor")(today);
    const run = prepared(small);
    slow(run.app.clock, SMALL_SLOW);
    expect(run.fn("runDailyJobFor")(today)).toMatch(/^Stopped before Apps Script's 6-minute limit: steps done 1 of \d+ /);
    slow(run.app.clock, { perCall: 0 });
    run.logs.length = 0;
    run.fn("dailyTrigger")({});
    expect(run.logs).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Daihou daily run ${today}: 2000 rows, \\d+ active, \\d+ tasks, 0 rows not counted \\(finished a stopped run: 2 executions\\)$`,
        ),
      ),
    ]);
    expect(snapshot(run)).toEqual(snapshot(reference));
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(progress(run)).toBeNull();
  });

  test("a run for a later date just runs: the older stopped run is dropped", () => {
    const run = stopped();
    const text = run.fn("runDailyJobFor")("2026-11-17") as string;
    expect(text).toMatch(/^2,000 rows read from “台账 Ledger”\./);
    expect(text).not.toContain("stopped before");
    expect(progress(run)).toBeNull();
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(run.app.spreadsheet.getSheetByName("呼叫表 Calls 2026-11-17")).not.toBeNull();
  });

  test("firings never double the history: one finds the lock held and the next hour's finishes, the one after finds today done", () => {
    const run = stopped();
    run.app.lockService.heldByAnotherRun = true;
    run.fn(DAILY_TRIGGER_FUNCTION)({});
    expect(run.logs.at(-1)).toBe("Daihou daily run skipped: another run holds the lock; the next hourly firing tries again");
    expect(status(run)).toMatchObject({ by: "trigger", state: "busy" });
    run.app.lockService.heldByAnotherRun = false;
    run.app.clock.tick(HOUR_MS);
    run.fn(DAILY_TRIGGER_FUNCTION)({});
    const after = snapshot(run);
    run.app.clock.tick(HOUR_MS);
    run.fn(DAILY_TRIGGER_FUNCTION)({});
    expect(run.logs.at(-1)).toBe("Daihou daily run: today's work is done: nothing to do");
    expect(snapshot(run)).toEqual(after);
    expect(after).toEqual(freshSnapshot);
    expectHistoryOnce(run, 2_000);
    expect(triggers(run)).toEqual(ONE_HOURLY);
  });

  test("with the daily run off nothing finishes a stopped run by itself: the message says to run again, which finishes", () => {
    const run = prepared(small);
    run.fn("setDailyRun")(false);
    slow(run.app.clock, SMALL_SLOW);
    const text = run.fn("runDailyJobFor")(T) as string;
    expect(text.split("\n")[1]).toBe(
      "The daily run is off, so nothing finishes the rest by itself: choose “Run today's work” again to finish (the steps done are not redone).",
    );
    expect(run.app.scriptApp.triggers).toEqual([]);
    slow(run.app.clock, { perCall: 0 });
    run.fn("runDailyJobFor")(T);
    expect(snapshot(run)).toEqual(freshSnapshot);
  });

  test("in Chinese, counts and sheet names only", () => {
    const run = load(small.earlier, { timeZone: TZ, locale: "zh_CN" });
    run.fn("setDailyRun")(true);
    run.fn("runDailyJobFor")(EARLIER);
    replaceStoreCells(run.ledger, small.t, TZ);
    slow(run.app.clock, SMALL_SLOW);
    const text = run.fn("runDailyJobFor")(T) as string;
    expect(text).toBe(
      "为免超过 Apps Script 的 6 分钟限制，已先停下：已完成 1/5 步（已写入“历史 History 2026-11”（2,001 行））。\n" +
        "每日自动运行的整点触发器会在一小时内完成其余部分，也可再次选择“运行今日作业”（已完成的步骤不会重做）。",
    );
    expect(run.app.ui.alerts.at(-1)?.title).toBe("今日作业：2026-11-16（尚未完成）");
  });
});
