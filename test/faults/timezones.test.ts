/**
 * The spreadsheet's time zone changes nothing (extends test/sheets/jobInBundle's
 * "time zones", which runs 2026-11-16, when New York is on standard time): a
 * date in New York's summer time and the first working days after each DST
 * change, with the ledger's dates as date cells at local midnight of each zone.
 */
import { LEDGER_SHEET, callSheetName } from "../../src/app/names";
import { generateLoans, sampleLedger } from "../../src/app/sampleStore";
import { isoDay, parseIsoDay } from "../../src/domain/days";
import { historySheetName } from "../../src/domain/history";
import { buildOnce } from "../sheets/buildOnce";
import { STORE_COLUMNS, load, replaceStoreCells } from "./bundle";

beforeAll(() => {
  buildOnce();
});

const ZONES = ["Asia/Shanghai", "UTC", "America/New_York"];

describe.each([
  ["2026-03-09", "the Monday after New York springs forward (2026-03-08)"],
  ["2026-07-15", "New York on summer time (UTC−4)"],
  ["2026-11-02", "the Monday after New York falls back (2026-11-01)"],
])("%s: %s", (iso) => {
  test("the same Daihou ledger columns, call sheet and history in every zone", () => {
    const t = parseIsoDay(iso);
    // The day before is run first, so the history and the classes have something to carry.
    const loans = generateLoans({ loans: 300, from: t - 730, to: t - 2, seed: t });
    const results = ZONES.map((timeZone) => {
      const run = load(sampleLedger(loans, t - 1), { timeZone });
      run.fn("runDailyJobFor")(isoDay(t - 1));
      replaceStoreCells(run.ledger, sampleLedger(loans, t), timeZone);
      const ss = run.app.spreadsheet;
      run.app.ui.alerts.length = 0;
      run.fn("runDailyJobFor")(iso);
      const history = ss
        .getSheets()
        .map((s) => s.getName())
        .filter((n) => n.startsWith("历史"));
      return {
        timeZone,
        owned: ss.values(LEDGER_SHEET).map((r) => r.slice(STORE_COLUMNS)),
        calls: ss.values(callSheetName(t)),
        history: history.map((n) => ({ n, values: ss.values(n) })),
        summary: run.app.ui.alerts[0].prompt,
      };
    });
    const [first, ...others] = results;
    expect(first.owned.slice(1).some((r) => r[1] === "M1")).toBe(true);
    expect(first.history.map((h) => h.n)).toContain(historySheetName(iso.slice(0, 7)));
    for (const other of others) {
      expect({ zone: other.timeZone, owned: other.owned }).toEqual({ zone: other.timeZone, owned: first.owned });
      expect({ zone: other.timeZone, calls: other.calls }).toEqual({ zone: other.timeZone, calls: first.calls });
      expect({ zone: other.timeZone, history: other.history }).toEqual({ zone: other.timeZone, history: first.history });
      expect(other.summary).toBe(first.summary);
    }
  });
});
