/**
 * The report's time with the figures beyond the month-end ratios (issue 19):
 * 20,000 accounts × 24 months of history (the job run every day), a ledger with
 * disbursement dates (so the vintage has 24 cohorts) and a contact log of
 * 40,000 dials. Times `report --json`'s work (month-end figures + the figures
 * beyond them) and the report sheet's, best and median of 3, and replaces its
 * own block in docs/BENCHMARKS.md (between the bench-beyond markers).
 * Run: node -e 'require("./bin/daihou.js").bundleForNode("scripts/bench-beyond.ts","dist/bench-beyond.cjs")' && node dist/bench-beyond.cjs
 */
import { readFileSync, writeFileSync } from "node:fs";
import { beyondFromBook } from "../src/app/beyondReport";
import { contactLogColumns, contactLogHeader, contactLogRow } from "../src/app/contactLog";
import { MemoryBook } from "../src/app/memoryBook";
import { monthEndFromBook, writeMonthEndReport } from "../src/app/monthEndReport";
import { CONTACT_LOG_SHEET, LEDGER_SHEET } from "../src/app/names";
import { rng } from "../src/app/sampleStore";
import type { Cell } from "../src/domain/cells";
import type { ContactEntry, Outcome } from "../src/domain/contacts";
import { type Day, type MonthKey, addMonths, dayFromYmd, isoDay, monthBounds } from "../src/domain/days";
import { MonthRecords, type Observation, encodeMonth, historySheetName, monthRecordOf } from "../src/domain/history";
import { defaultSettings } from "../src/domain/settings";

const ACCOUNTS = 20_000;
const MONTHS = 24;
const LAST: MonthKey = "2026-10";
const DIALS = 40_000;

function build(): MemoryBook {
  const random = rng(20261031);
  const first = addMonths(LAST, -(MONTHS - 1));
  const firstDay = monthBounds(first).first;
  const lastDay = monthBounds(LAST).last;
  const loans = Array.from({ length: ACCOUNTS }, (_, i) => {
    const installment = 500 + Math.floor(random() * 30) * 100;
    // A tenth were disbursed before the history; the rest spread over its months.
    const disbursed = i % 10 === 0 ? firstDay - 40 : firstDay + Math.floor(random() * (lastDay - firstDay - 20));
    const principal = installment * (MONTHS + 12 + Math.floor(random() * 24));
    return {
      id: `L${String(i + 1).padStart(6, "0")}`,
      dueDay: i % 2 === 0 ? 1 : 16,
      installment,
      disbursed,
      obs: { oldestUnpaid: null, principal, status: "A" } as Observation,
    };
  });
  const book = new MemoryBook();
  for (let k = 0; k < MONTHS; k++) {
    const month = addMonths(first, k);
    const { first: from, last: end } = monthBounds(month);
    const runDays: Day[] = [];
    for (let t = from; t <= end; t++) runDays.push(t);
    const records = new MonthRecords(month);
    const [y, m] = month.split("-").map(Number);
    for (const l of loans) {
      if (l.disbursed > end) continue;
      const due = dayFromYmd(y, m, l.dueDay);
      const obs = new Map<Day, Observation>();
      let o = l.obs;
      for (const t of runDays) {
        if (t >= l.disbursed && o.status === "A") {
          if (o.oldestUnpaid === null && t === due && random() >= 0.93) o = { ...o, oldestUnpaid: due };
          else if (o.oldestUnpaid === null && t === due) o = { ...o, principal: Math.max(0, o.principal - l.installment) };
          else if (o.oldestUnpaid !== null && t - o.oldestUnpaid > 180) o = { ...o, status: "W" };
          else if (o.oldestUnpaid !== null && random() < (t - o.oldestUnpaid < 30 ? 0.06 : 0.01))
            o = { oldestUnpaid: null, principal: Math.max(0, o.principal - l.installment), status: "A" };
          if (o.status === "A" && o.principal <= 0) o = { oldestUnpaid: null, principal: 0, status: "S" };
        }
        obs.set(t, t < l.disbursed ? { oldestUnpaid: null, principal: 0, status: "X" } : o);
      }
      l.obs = o;
      const rec = monthRecordOf(l.id, l.dueDay, runDays, (r) => obs.get(r) as Observation);
      records.put(rec.loanId, rec.dueDay, rec.text);
    }
    book.put(historySheetName(month), encodeMonth({ month, runDays, records }));
  }
  const ledger: Cell[][] = [["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日", "还款日", "放款日期", "每期还款额", "状态"]];
  for (const l of loans) {
    const o = l.obs;
    ledger.push([
      l.id,
      `客户${l.id}`,
      "13800000000",
      o.principal,
      o.oldestUnpaid === null ? "" : isoDay(o.oldestUnpaid),
      l.dueDay,
      isoDay(l.disbursed),
      l.installment,
      o.status === "S" ? "结清" : o.status === "W" ? "核销" : "正常",
    ]);
  }
  book.put(LEDGER_SHEET, ledger);
  const outcomes: Outcome[] = ["no_answer", "no_answer", "ptp", "says_paid", "switched_off", "hardship", "message_left"];
  const header = contactLogHeader("en");
  const cols = contactLogColumns([header]);
  const rows: Cell[][] = [header];
  for (let i = 0; i < DIALS; i++) {
    const l = loans[Math.floor(random() * loans.length)];
    const date = monthBounds(addMonths(LAST, -Math.floor(random() * 3))).first + Math.floor(random() * 28);
    const outcome = outcomes[Math.floor(random() * outcomes.length)];
    const e: ContactEntry = {
      date,
      time: `${String(8 + Math.floor(random() * 13)).padStart(2, "0")}:15`,
      window: "",
      staff: `催收${i % 8}`,
      loanId: l.id,
      customer: "",
      task: "collection",
      numberKind: random() < 0.75 ? "mobile" : "work",
      number: "13800000000",
      outcome,
      ptpDate: outcome === "ptp" ? date + 5 : null,
      ptpAmount: outcome === "ptp" ? l.installment : null,
      ptpMethod: outcome === "ptp" ? "wechat" : "",
      note: "",
      sourceRow: i + 2,
      recordedAt: "",
    };
    rows.push(contactLogRow(e, "en", cols));
  }
  book.put(CONTACT_LOG_SHEET, rows);
  return book;
}

function time(f: () => void, runs = 3): { best: number; median: number } {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { best: ms[0], median: ms[Math.floor(ms.length / 2)] };
}

const t0 = performance.now();
const book = build();
const built = performance.now() - t0;
const settings = defaultSettings();
const ratios = time(() => monthEndFromBook(book, LAST, settings));
const beyond = time(() => beyondFromBook(book, LAST, settings, "zh"));
const json = time(() => {
  monthEndFromBook(book, LAST, settings);
  beyondFromBook(book, LAST, settings, "zh");
});
const sheet = time(() => writeMonthEndReport(book, LAST, settings, "zh", undefined, { sheet: LEDGER_SHEET }));
const b = beyondFromBook(book, LAST, settings, "zh");
const f = (x: { best: number; median: number }) => `${(x.best / 1000).toFixed(2)} s | ${(x.median / 1000).toFixed(2)} s`;
const block = [
  "<!-- bench-beyond:start -->",
  "## Issue 19: the report with the figures beyond the month-end ratios",
  "",
  `Generated in memory (${(built / 1000).toFixed(1)} s): ${ACCOUNTS.toLocaleString("en-US")} accounts × ${MONTHS} months of history (the job run every day), a ledger with disbursement dates (${Object.keys(b.vintage ?? {}).length} vintage cohorts) and a contact log of ${DIALS.toLocaleString("en-US")} dials; report month ${LAST}. Book I/O (reading the .xlsx) is not included. \`scripts/bench-beyond.ts\`, best and median of 3, on 2 shared cores.`,
  "",
  "| work | best | median |",
  "| --- | ---: | ---: |",
  `| month-end ratios only (as before) | ${f(ratios)} |`,
  `| the figures beyond them (forecast, vintage, cure, promise-kept, contact, collected after M1; with drill-down) | ${f(beyond)} |`,
  `| \`report --json\`'s work (both) | ${f(json)} |`,
  `| the report sheet (trend over 24 months, every section, drill-down) | ${f(sheet)} |`,
  "",
  `Peak resident memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB. The figures beyond the ratios read the whole history once (as \`daihou export\` does: the vintage needs every month), so they cost more than the ratios, which read four months.`,
  "<!-- bench-beyond:end -->",
].join("\n");
console.log(block);
if (!process.argv.includes("--no-write")) {
  const path = "docs/BENCHMARKS.md";
  const doc = readFileSync(path, "utf8");
  const re = /<!-- bench-beyond:start -->[\s\S]*?<!-- bench-beyond:end -->/;
  writeFileSync(path, re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`);
}
