/**
 * The unattended daily run (SPEC §7) through the built bundle on the fake
 * spreadsheet played as an Editor add-on: one time-driven trigger per user and
 * document, at most hourly (fakeTriggerLimits.ts). Each firing finishes a
 * stopped run, else runs today's work from 07:00 once, else returns; every run
 * leaves its outcome in the run status; a firing without a spreadsheet records
 * that and does not crash.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { callSheetName } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { parseIsoDay } from "../../src/domain/days";
import { historySheetName } from "../../src/domain/history";
import { PROGRESS_KEY } from "../../src/sheets/continuation";
import { STATUS_KEY } from "../../src/sheets/runStatus";
import { AS_OF_NAME, RUN_NAME } from "../../src/sheets/runStamp";
import { DAILY_TRIGGER_FUNCTION } from "../../src/sheets/trigger";
import { BUILD, buildOnce } from "../sheets/buildOnce";
import { fastSampleStore } from "../sheets/fastSample";
import { FakeTrigger } from "../sheets/fakeSpreadsheet";
import { midnightIn } from "../sheets/fakes";
import { type Loaded, load, storedRows } from "./bundle";

beforeAll(() => {
  buildOnce();
});

const TZ = "Asia/Shanghai";
const HOUR_MS = 3_600_000;
const store = fastSampleStore();
const loans = store.generateLoans({ loans: 2_000, from: parseIsoDay("2025-01-01"), to: parseIsoDay("2026-11-20"), seed: 77 });
const ledgerOn = (iso: string): Cell[][] => store.sampleLedger(loans, parseIsoDay(iso));
/** Monday 30 November to Sunday 6 December 2026. */
const WEEK = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"];
const WEDNESDAY = "2026-12-02";

const status = (run: Loaded) => JSON.parse(run.app.properties.getProperty(STATUS_KEY) ?? "null");
const triggers = (run: Loaded) => run.app.scriptApp.triggers.map((t) => ({ handler: t.handler, schedule: t.schedule }));
const ONE_HOURLY = [{ handler: DAILY_TRIGGER_FUNCTION, schedule: { everyHours: 1 } }];

/** A store on Sunday 29 November (run from the menu), played as an add-on with the daily run turned on. */
function addonStore(): Loaded {
  const run = load(ledgerOn("2026-11-29"), { timeZone: TZ, hasUi: true });
  run.app.scriptApp.deployment = "addon";
  run.fn("runDailyJobFor")("2026-11-29");
  run.fn("setDailyRun")(true);
  return run;
}

/** Sets the fake clock to `hour`:05 on `iso` in the spreadsheet's zone (never backwards). */
function at(run: Loaded, iso: string, hour: number): void {
  const [y, m, d] = iso.split("-").map(Number);
  const ms = midnightIn(TZ, y, m, d) + hour * HOUR_MS + 5 * 60_000;
  run.app.clock.ms = Math.max(run.app.clock.ms, ms);
}

describe("a week of unattended runs on one hourly trigger", () => {
  const run = addonStore();
  /** What each firing did, by day and hour. */
  const firings: { day: string; hour: number; state: string | null; date: string | null; log: string }[] = [];
  for (const day of WEEK) {
    for (let hour = 0; hour < 24; hour++) {
      at(run, day, hour);
      // The store types the day's ledger before opening.
      if (hour === 6) run.ledger.cells = storedRows(ledgerOn(day), TZ);
      // Wednesday 07:00: the spreadsheet is slow, so the run stops before the time limit.
      const slow = day === WEDNESDAY && hour === 7;
      Object.assign(
        run.app.clock.costs,
        slow ? { perCall: 50, perCellRead: 0.5, perCellWritten: 10 } : { perCall: 0, perCellRead: 0, perCellWritten: 0 },
      );
      run.logs.length = 0;
      run.fn(DAILY_TRIGGER_FUNCTION)({ authMode: "FULL", triggerUid: run.app.scriptApp.triggers[0]?.uid });
      const s = status(run);
      firings.push({ day, hour, state: s?.state ?? null, date: s?.date ?? null, log: run.logs.join(" | ") });
    }
  }
  const firing = (day: string, hour: number) => firings.find((f) => f.day === day && f.hour === hour);

  test("one trigger all week, never another one made (Apps Script would refuse it)", () => {
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(run.app.scriptApp.created).toBe(1);
  });

  test("before 07:00 a firing does nothing; at 07:00 it runs today's work; after that today is done", () => {
    for (const day of WEEK.filter((d) => d !== WEDNESDAY)) {
      for (let hour = 0; hour < 7; hour++)
        expect(firing(day, hour)?.log).toBe("Daihou daily run: before 07:00 in the spreadsheet's time zone: nothing to do yet");
      expect(firing(day, 7)).toMatchObject({ state: "finished", date: day });
      expect(firing(day, 7)?.log).toMatch(new RegExp(`^Daihou daily run ${day}: 2000 rows, \\d+ active, \\d+ tasks, 0 rows not counted$`));
      for (let hour = 8; hour < 24; hour++) expect(firing(day, hour)?.log).toBe("Daihou daily run: today's work is done: nothing to do");
    }
  });

  test("Wednesday's run stops early at 07:00 and the 08:00 firing finishes it", () => {
    expect(firing(WEDNESDAY, 7)).toMatchObject({ state: "stopped", date: WEDNESDAY });
    expect(firing(WEDNESDAY, 7)?.log).toMatch(
      /stopped before the 6-minute limit: steps done \d of \d+; the next hourly firing continues it/,
    );
    expect(firing(WEDNESDAY, 8)).toMatchObject({ state: "finished", date: WEDNESDAY });
    expect(firing(WEDNESDAY, 8)?.log).toMatch(
      new RegExp(`^Daihou daily run ${WEDNESDAY}: 2000 rows, .*\\(finished a stopped run: 2 executions\\)$`),
    );
    for (let hour = 9; hour < 24; hour++)
      expect(firing(WEDNESDAY, hour)?.log).toBe("Daihou daily run: today's work is done: nothing to do");
    expect(run.app.properties.getProperty(PROGRESS_KEY)).toBeNull();
  });

  test("each day's work is there once: call sheets, the history's run days, the run stamp", () => {
    const ss = run.app.spreadsheet;
    for (const day of WEEK) expect(ss.getSheetByName(callSheetName(parseIsoDay(day)))).not.toBeNull();
    expect(String(ss.values(historySheetName("2026-12"))[0][2])).toMatch(/runs:1,2,3,4,5,6$/);
    expect(String(ss.values(historySheetName("2026-11"))[0][2])).toMatch(/runs:29,30$/);
    const ids = ss
      .values(historySheetName("2026-12"))
      .slice(1)
      .map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ss.getRangeByName(AS_OF_NAME)?.getDisplayValues()).toEqual([["2026-12-06"]]);
    // Eight runs finished (Sunday's from the menu, then one a day): the stamp counts them.
    expect(String(ss.getRangeByName(RUN_NAME)?.getValue())).toMatch(/^2026-12-06 07:0\d:\d\d #8$/);
    expect(status(run)).toMatchObject({
      by: "trigger",
      state: "finished",
      date: "2026-12-06",
      doneDate: "2026-12-06",
      seq: 8,
      error: null,
    });
  });
});

describe("a failing unattended run is visible in the status", () => {
  test("no ledger: the firing records the reason in both languages and throws (a bound script's owner is e-mailed); the next firings do not retry", () => {
    const run = addonStore();
    run.app.spreadsheet.sheet("台账 Ledger").setName("Sheet1 copy");
    run.app.spreadsheet.sheet("Sheet1 copy").cells[0] = ["x", "y"];
    at(run, "2026-11-30", 7);
    expect(() => run.fn(DAILY_TRIGGER_FUNCTION)({})).toThrow(/^Daihou's daily run could not run: No ledger found/);
    const s = status(run);
    expect(s).toMatchObject({ date: "2026-11-30", by: "trigger", state: "failed", counts: null });
    expect(s.error.en).toMatch(/^No ledger found: there is no sheet named “台账 Ledger”/);
    expect(s.error.zh).toMatch(/台账 Ledger/);
    expect(s.error.zh).not.toBe(s.error.en);
    // 08:00: not again (it would fail, and e-mail, every hour); the status still says why.
    at(run, "2026-11-30", 8);
    run.logs.length = 0;
    expect(() => run.fn(DAILY_TRIGGER_FUNCTION)({})).not.toThrow();
    expect(run.logs).toEqual([
      "Daihou daily run: today's run failed (see the run status): choose Run today's work from the menu after fixing it",
    ]);
    expect(status(run).state).toBe("failed");
  });

  test("a run cut off by a service error is recorded as failed with Apps Script's words; the next firing runs it again", () => {
    const run = addonStore();
    at(run, "2026-11-30", 7);
    run.ledger.cells = storedRows(ledgerOn("2026-11-30"), TZ);
    // The execution dies at its 40th service call (a quota error, a time-out).
    run.failAt(40);
    expect(() => run.fn(DAILY_TRIGGER_FUNCTION)({})).toThrow(/injected fault/);
    const cut = status(run);
    expect(cut).toMatchObject({ date: "2026-11-30", by: "trigger", state: "failed" });
    expect(cut.error.en).toMatch(/^Daihou's daily run could not run: injected fault at call 40/);
    expect(cut.needsFix).toBeUndefined();
    at(run, "2026-11-30", 8);
    run.fn(DAILY_TRIGGER_FUNCTION)({});
    expect(status(run)).toMatchObject({ date: "2026-11-30", state: "finished" });
  });
});

describe("a firing with no active spreadsheet", () => {
  test("records that in the status and returns: no crash, no silence", () => {
    const run = addonStore();
    run.app.noActiveSpreadsheet = true;
    at(run, "2026-11-30", 7);
    expect(() => run.fn(DAILY_TRIGGER_FUNCTION)({})).not.toThrow();
    expect(run.logs.at(-1)).toBe(
      "Daihou daily run: the trigger fired with no active spreadsheet; nothing ran (recorded in the run status)",
    );
    // The document's properties are out of reach there: the user's hold the record.
    const s = JSON.parse(run.app.userProperties.getProperty(STATUS_KEY) ?? "null");
    expect(s).toMatchObject({ by: "trigger", state: "no_spreadsheet", date: null });
    expect(s.error.en).toMatch(/^The daily run's trigger fired at 2026-11-29 23:05:00 UTC but Apps Script gave it no spreadsheet/);
    expect(s.error.en).toContain("bound script (see README)");
    // Nothing of the document changed.
    expect(run.app.spreadsheet.getSheetByName(callSheetName(parseIsoDay("2026-11-30")))).toBeNull();
    // Back with a spreadsheet, the next firing runs.
    run.app.noActiveSpreadsheet = false;
    run.ledger.cells = storedRows(ledgerOn("2026-11-30"), TZ);
    at(run, "2026-11-30", 8);
    run.fn(DAILY_TRIGGER_FUNCTION)({});
    expect(status(run)).toMatchObject({ date: "2026-11-30", state: "finished" });
  });
});

describe("turning the daily run on and off as an add-on", () => {
  test("idempotent, never throws; an old one-off continuation is removed; a refusal is said, not thrown", () => {
    const run = load(ledgerOn("2026-11-29"), { timeZone: TZ });
    const app = run.app.scriptApp;
    app.deployment = "addon";
    // A continuation left by an earlier version holds the add-on's one time-driven trigger.
    app.triggers.push(new FakeTrigger("continueDailyJob", "old-1", { after: 60_000 }));
    expect(app.triggers.map((t) => t.handler)).toEqual(["continueDailyJob"]);
    expect(run.fn("setDailyRun")(true)).toMatch(/^Daily run on: /);
    expect(triggers(run)).toEqual(ONE_HOURLY);
    expect(run.fn("setDailyRun")(true)).toMatch(/^Daily run on: /);
    expect(triggers(run)).toEqual(ONE_HOURLY);
    // Apps Script itself refuses a second one, or one more often than hourly.
    expect(() => app.newTrigger("other").timeBased().everyHours(1).create()).toThrow(
      "This add-on has created too many time-based triggers in this document for this Google user account.",
    );
    run.fn("setDailyRun")(false);
    expect(app.triggers).toEqual([]);
    expect(() => app.newTrigger("other").timeBased().after(60_000).create()).toThrow(/more than once an hour/);
    expect(() => run.fn("setDailyRun")(false)).not.toThrow();
    // Refused (e.g. the user's quota): said in words, the setting stays off.
    app.refuseTriggers = true;
    const text = run.fn("setDailyRun")(true) as string;
    expect(text).toMatch(/^Apps Script refused the daily run's trigger, so the daily run is off: /);
    expect(JSON.parse(run.app.properties.getProperty("daihou.settings") ?? "{}").dailyTrigger).toBe(false);
  });

  test("build/Code.js creates no one-off (after(…)) trigger, only the hourly one", () => {
    const code = readFileSync(join(BUILD, "Code.js"), "utf8");
    expect(code).not.toMatch(/\.after\(/);
    expect(code).toMatch(/\.everyHours\(/);
    expect(code).not.toMatch(/\.everyMinutes\(/);
  });
});
