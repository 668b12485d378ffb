/**
 * The history functions' cache measured (`npm run bench`, with the month-end
 * custom functions): one round of Sheets computing a sheet of 20 figure
 * formulas that pass Daihou_Run, through the built bundle on the fake
 * spreadsheet of generated history — history reads and time without the
 * document cache and with it.
 */
import { monthOfHistorySheet } from "../src/domain/history";
import { RUN_NAME } from "../src/sheets/runStamp";
import type { FakeSpreadsheetApp } from "../test/sheets/fakeSpreadsheet";
import { Recalc } from "../test/sheets/fakeRecalc";

type Fn = (...args: unknown[]) => unknown;

/** 20 figure formulas over `months` (the last two complete months), as a manager's sheet would hold them. */
export function twentyFormulas(months: [string, string]): string[] {
  return [
    ...["M1_RATIO", "M2_RATIO", "M3PLUS_RATIO"].flatMap((f) =>
      ["$", "#"].flatMap((b) => months.map((m) => `=${f}("${m}", "${b}", ${RUN_NAME})`)),
    ),
    ...months.map((m) => `=CM1_RATE("${m}", ${RUN_NAME})`),
    ...months.flatMap((m) => [
      `=ROLL_RATE("C", "M1", "${m}", "#", ${RUN_NAME})`,
      `=ROLL_RATE("M1", "M2", "${m}", "$", ${RUN_NAME})`,
      `=ROLL_MATRIX("${m}", "$", ${RUN_NAME})`,
    ]),
  ];
}

/** One round of recalculation of a newly typed sheet: history reads (one getDataRange().getValues() each) and time. */
function round(app: FakeSpreadsheetApp, fn: (name: string) => Fn, sheet: string): { reads: number; ms: number } {
  let reads = 0;
  const restore: (() => void)[] = [];
  for (const s of app.spreadsheet.sheets) {
    if (monthOfHistorySheet(s.getName()) === null) continue;
    const original = s.getDataRange;
    s.getDataRange = () => {
      reads++;
      return original.call(s);
    };
    restore.push(() => {
      s.getDataRange = original;
    });
  }
  const t0 = performance.now();
  new Recalc(app, fn).recalculate(sheet);
  const ms = performance.now() - t0;
  for (const r of restore) r();
  return { reads, ms };
}

/** Measures the cache on `app` (history sheets in place) and says the result as a markdown section. */
export function cacheBench(app: FakeSpreadsheetApp, fn: (name: string) => Fn, months: [string, string], say: (s: string) => void): void {
  const ss = app.spreadsheet;
  // A run stamp, as the daily run leaves it.
  const run = ss.addSheet("Daihou", [
    ["As of", "2026-11-15"],
    ["Run", "2026-11-15 07:02:11 #300"],
  ]);
  ss.named.set(RUN_NAME, run.getRange(2, 2));
  const formulas = twentyFormulas(months);
  const sheet = ss.addSheet(
    "Figures",
    formulas.map((f) => [f]),
  );
  formulas.forEach((f, i) => {
    sheet.getRange(i + 1, 1).setValue(f);
  });
  app.cacheService.hasDocument = false;
  const off = round(app, fn, "Figures");
  app.cacheService.hasDocument = true;
  app.cacheService.document.expire();
  const on = round(app, fn, "Figures");
  const again = round(app, fn, "Figures");
  run.getRange(2, 2).setValue("2026-11-16 07:01:40 #301");
  const nextRun = round(app, fn, "Figures");
  const bytes = [...app.cacheService.document.store.values()].reduce((n, v) => n + v.length, 0);
  say(`\n## The history functions' cache: a sheet of ${formulas.length} figure formulas\n`);
  say(
    `The same fake spreadsheet; ${formulas.length} formulas over ${months.join(" and ")} (M1/M2/M3+ by amount and count, C-M1, two ROLL_RATEs and a ROLL_MATRIX per month), each passing Daihou_Run; one round of Sheets computing them all (fakeRecalc.ts). History reads = getDataRange().getValues() on history sheets.\n`,
  );
  say("| | history reads | time |");
  say("| --- | ---: | ---: |");
  say(`| before: no cache (each formula reads its months) | ${off.reads} | ${Math.round(off.ms)} ms |`);
  say(`| after: document cache, first round of a run | ${on.reads} | ${Math.round(on.ms)} ms |`);
  say(`| after: the same run again (figures cached) | ${again.reads} | ${Math.round(again.ms)} ms |`);
  say(`| after: a new run stamp | ${nextRun.reads} | ${Math.round(nextRun.ms)} ms |`);
  say(
    `\nCached: ${app.cacheService.document.store.size} values, ${(bytes / 1024).toFixed(1)} KB in all (each well under Apps Script's 100 KB per value).`,
  );
}
