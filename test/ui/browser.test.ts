/**
 * The guidance sidebar, the customer card and the settings dialog in a real
 * browser: the local preview (src/node/preview.ts) on the demo store, driven
 * by playwright-core on Debian's chromium. Screenshots go to test-artifacts/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { runDailyJob } from "../../src/app/dailyJob";
import { CONTACT_LOG_SHEET, LEDGER_SHEET, callSheetName } from "../../src/app/names";
import type { MemoryBook } from "../../src/app/memoryBook";
import { callColumnsOf } from "../../src/app/callSheet";
import { addMonths, isoDay, monthBounds, monthOf, parseIsoDay } from "../../src/domain/days";
import { mapHeaders } from "../../src/domain/fields";
import { GUIDANCE, searchGuidance } from "../../src/domain/guidance";
import { defaultSettings } from "../../src/domain/settings";
import { DEMO_DATE, DEMO_FROM, demoBook } from "../../src/node/demoCommand";
import { type PreviewServer, startPreview } from "../../src/node/preview";
import { asSheetValue } from "../../src/sheets/sheetsBook";
import { BUILD, ROOT, buildOnce } from "../sheets/buildOnce";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts");
const XSS_NAME = "<img src=x onerror=alert(1)>";
const FORMULA_NAME = '=HYPERLINK("http://x","y")';

let book: MemoryBook;
let preview: PreviewServer;
let browser: Browser;
const dialogs: string[] = [];
const day = parseIsoDay(DEMO_DATE);
let m1Loan = "";
let m1Customer = "";

/** Adds two hostile customers, copies of an M1 account, and runs the day again. */
function addHostileCustomers(b: MemoryBook): void {
  const sheet = b.sheets.get(LEDGER_SHEET);
  if (!sheet) throw new Error("no ledger");
  const header = sheet.values[0];
  const cols = mapHeaders(header).columns;
  const ownedDpd = header.findIndex((h) => String(h).startsWith("Daihou·"));
  const source = sheet.values.find((r, i) => i > 0 && r[ownedDpd + 1] === "M1");
  if (!source) throw new Error("no M1 account in the demo ledger");
  const copy = (id: string, name: string) => {
    const r = source.slice(0, ownedDpd);
    r[cols.loan_id as number] = id;
    r[cols.customer as number] = name;
    return r;
  };
  b.put(
    LEDGER_SHEET,
    [
      ...sheet.values.map((r) => r.slice(0, ownedDpd === -1 ? r.length : ownedDpd)),
      copy("XSS-1", XSS_NAME),
      copy("XSS-2", FORMULA_NAME),
    ].map((r, i) => (i === 0 ? header.slice(0, ownedDpd) : r)),
  );
  runDailyJob(b, { t: day, settings: defaultSettings(), lang: "en", ledgerSheet: LEDGER_SHEET });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser tests need Debian's chromium — install it with \`apt-get install -y chromium\` (the apt package "chromium"; .ci/run installs it).`,
    );
  }
  buildOnce();
  mkdirSync(ARTIFACTS, { recursive: true });
  const first = Math.min(parseIsoDay(DEMO_FROM), monthBounds(addMonths(monthOf(day), -3)).first);
  book = demoBook("en", first, day).book;
  addHostileCustomers(book);
  const calls = book.sheets.get(callSheetName(day))?.values ?? [];
  const at = callColumnsOf(calls);
  const m1 = calls.find((r, i) => i > 0 && r[at.bucket] === "M1" && /^HT/.test(String(r[at.loan_id])));
  if (!m1) throw new Error("no M1 account on the demo's call sheet");
  m1Loan = String(m1[at.loan_id]);
  m1Customer = String(m1[at.customer]);
  preview = await startPreview({ book, htmlDir: BUILD, port: 0, lang: "en" });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${preview.url}?${query}`);
  return page;
}

function logRows(): unknown[][] {
  return book.sheets.get(CONTACT_LOG_SHEET)?.values ?? [];
}

describe("the course", () => {
  it.each(["zh", "en"] as const)("reads in %s, narrows with search, and prints without the controls", async (lang) => {
    const page = await open(`mode=course&lang=${lang}`);
    await page.getByRole("heading", { name: GUIDANCE[0].title[lang], exact: true }).waitFor();
    expect(await page.getByTestId("section").count()).toBe(GUIDANCE.length);
    const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null);
    console.log(`sidebar first contentful paint (${lang}): ${fcp === null ? "not reported" : `${fcp.toFixed(0)} ms`}`);
    await page.screenshot({ path: join(ARTIFACTS, `sidebar-course-${lang}.png`), fullPage: false });

    const last = GUIDANCE[GUIDANCE.length - 1];
    const query = last.title[lang];
    const expected = searchGuidance(query, lang).length;
    expect(expected).toBeLessThan(GUIDANCE.length);
    await page.getByTestId("search").fill(query);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="section"]').length === n, expected);
    await page.getByRole("heading", { name: last.title[lang], exact: true }).waitFor();

    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("search").isVisible()).toBe(false);
    await page.close();
  });
});

describe("card states (issue 14)", () => {
  it("?loan=ID alone opens a handed-over account's card, with no call form", async () => {
    const calls = book.sheets.get(callSheetName(day))?.values ?? [];
    const at = callColumnsOf(calls);
    const handover = calls.find((r, i) => i > 0 && r[at.bucket] === "M3" && /^HT/.test(String(r[at.loan_id])));
    if (!handover) throw new Error("no M3 account on the demo's call sheet");
    const page = await open(`lang=en&loan=${encodeURIComponent(String(handover[at.loan_id]))}`);
    await page.getByTestId("card").waitFor();
    expect(await page.getByTestId("bucket").textContent()).toBe("M3");
    await page.getByTestId("not-called").waitFor();
    expect(await page.getByTestId("record-form").count()).toBe(0);
    expect(await page.getByTestId("amount-overdue").textContent()).toMatch(/^\d+ installments, [\d,.]+ in all$/);
    await page.close();
  });

  it("a settled account's card has no bucket badge, amount due or due date", async () => {
    const ledger = book.sheets.get(LEDGER_SHEET)?.values ?? [];
    const columns = mapHeaders(ledger[0].map(String), {}).columns;
    const statusAt = columns.status ?? -1;
    const idAt = columns.loan_id ?? -1;
    const settled = ledger.find((r, i) => i > 0 && /^(结清|Settled)$/i.test(String(r[statusAt])));
    if (!settled) throw new Error("no settled account in the demo's ledger");
    const page = await open(`mode=customer&lang=zh&loan=${encodeURIComponent(String(settled[idAt]))}`);
    await page.getByTestId("card").waitFor();
    expect(await page.getByTestId("bucket").count()).toBe(0);
    expect(await page.getByTestId("amount-due").count()).toBe(0);
    expect(await page.getByTestId("due-date").count()).toBe(0);
    expect(await page.getByTestId("record-form").count()).toBe(0);
    await page.close();
  });
});

describe("the customer card", () => {
  it("shows an M1 account with its talking points filled in", async () => {
    const page = await open(`mode=customer&lang=en&loan=${encodeURIComponent(m1Loan)}`);
    await page.getByTestId("card").waitFor();
    expect(await page.getByTestId("customer").textContent()).toBe(m1Customer);
    expect(await page.getByTestId("bucket").textContent()).toBe("M1");
    expect(await page.getByTestId("talking-points").first().textContent()).toContain(m1Customer);
    expect(await page.getByTestId("why").textContent()).toMatch(/days past due → M1/);
    await page.screenshot({ path: join(ARTIFACTS, "sidebar-customer-en.png"), fullPage: true });
    await page.close();
  });

  it("refuses a promise without an amount and records one with date, amount and method", async () => {
    const page = await open(`mode=customer&lang=en&loan=${encodeURIComponent(m1Loan)}`);
    await page.getByTestId("record-form").waitFor();
    const before = logRows().length;
    const ptpDate = isoDay(day + 3);
    await page.getByTestId("outcome").selectOption("ptp");
    await page.getByTestId("time").fill("10:15");
    await page.getByTestId("ptpDate").fill(ptpDate);
    await page.getByTestId("ptpMethod").selectOption("wechat");
    await page.getByTestId("record").click();
    await page
      .getByTestId("form-messages")
      .getByText(/missing: amount/)
      .waitFor();
    expect(logRows().length).toBe(before);

    await page.getByTestId("ptpAmount").fill("1200");
    await page.getByTestId("record").click();
    await page
      .getByTestId("done")
      .getByText(/Recorded in/)
      .waitFor();
    await page.getByTestId("contacts").getByText(/1,200/).waitFor();
    const rows = logRows();
    expect(rows.length).toBe(Math.max(before, 1) + 1);
    const header = rows[0].map(String);
    const last = rows[rows.length - 1];
    const cell = (h: string) => last[header.indexOf(h)];
    expect([cell("Loan ID"), cell("Outcome"), cell("PTP date"), cell("PTP amount"), cell("PTP method"), cell("Time")]).toEqual([
      m1Loan,
      "Reached – promise to pay",
      ptpDate,
      1200,
      "WeChat Pay",
      "10:15",
    ]);
    await page.close();
  });
});

describe("settings", () => {
  it("saves a grace-days change, shows it again, and names a bad value", async () => {
    const page = await open("mode=settings&lang=en");
    const grace = page.getByTestId("graceDays");
    await grace.waitFor();
    expect(await page.getByTestId("mapping").locator("select").count()).toBeGreaterThan(10);
    await grace.fill("3");
    await page.getByTestId("save").click();
    await page.getByTestId("saved").waitFor();
    expect(preview.settings().graceDays).toBe(3);
    await page.reload();
    await page.getByTestId("graceDays").waitFor();
    expect(await page.getByTestId("graceDays").inputValue()).toBe("3");

    await page.getByTestId("graceDays").fill("99");
    await page.getByTestId("save").click();
    await page.getByTestId("settings-messages").getByText("graceDays must be a whole number 0–30").waitFor();
    expect(preview.settings().graceDays).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, "settings-en.png"), fullPage: true });
    await page.close();

    // An impossible holiday is refused, not saved as another day.
    const h = await open("mode=settings&lang=en");
    await h.getByTestId("holidays").waitFor();
    const before = preview.settings().holidays;
    await h.getByTestId("holidays").fill("2026-02-30");
    await h.getByTestId("save").click();
    await h.getByTestId("settings-messages").getByText("holidays must be a list of dates").waitFor();
    expect(preview.settings().holidays).toEqual(before);
    await h.close();

    const zh = await open("mode=settings&lang=zh");
    await zh.getByTestId("graceDays").waitFor();
    await zh.getByText("列对应").waitFor();
    await zh.screenshot({ path: join(ARTIFACTS, "settings-zh.png") });
    await zh.close();
  });
});

describe("settings at 300 px (issue 16)", () => {
  it("a bad value shows its message beside the field, in view; a bad holiday names its line; baselines read in words", async () => {
    const page = await browser.newPage({ viewport: { width: 300, height: 700 } });
    await page.goto(`${preview.url}?mode=settings&lang=zh`);
    const baseline = page.getByTestId("baseline.m1_ratio_amount");
    await baseline.waitFor();
    await page.getByText("M1%（金额）", { exact: true }).waitFor();
    const before = preview.settings().baselines.m1_ratio_amount;
    await baseline.fill("abc");
    await page.getByTestId("holidays").fill("2026-10-01\n2026-02-30");
    await page.getByTestId("save").click();
    const note = page.getByTestId("error-baselines.m1_ratio_amount");
    await note.waitFor();
    expect(await note.textContent()).toContain("0 到 100 之间的百分数");
    // Beside its field: right after the field's label, and on screen.
    expect(
      await note.evaluate(
        (n) => n.previousElementSibling?.contains(document.querySelector('[data-testid="baseline.m1_ratio_amount"]')) ?? false,
      ),
    ).toBe(true);
    const box = await note.boundingBox();
    const first = await page.getByTestId("error-holidays").boundingBox();
    expect(first).not.toBeNull();
    // The first error (holidays, higher on the form) is the one scrolled into view.
    expect(first && first.y >= 0 && first.y + first.height <= 700).toBe(true);
    expect(await page.getByTestId("error-holidays").textContent()).toContain("第 2 行：“2026-02-30”");
    await note.scrollIntoViewIfNeeded();
    expect(box).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(preview.settings().baselines.m1_ratio_amount).toBe(before);
    await page.screenshot({ path: join(ARTIFACTS, "settings-300-errors.png") });
    await page.close();
  });

  it.each(["en", "zh"] as const)("the %s course fits 300 px (its tables wrap)", async (lang) => {
    const page = await browser.newPage({ viewport: { width: 300, height: 700 } });
    await page.goto(`${preview.url}?mode=course&lang=${lang}`);
    await page.getByRole("heading", { name: GUIDANCE[0].title[lang], exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.close();
  });
});

describe("customers' text stays text", () => {
  it.each([
    ["XSS-1", XSS_NAME],
    ["XSS-2", FORMULA_NAME],
  ])("%s is shown as text, never as HTML, and stored as text", async (loan, name) => {
    const page = await open(`mode=customer&lang=zh&loan=${loan}`);
    await page.getByTestId("card").waitFor();
    expect(await page.getByTestId("customer").textContent()).toBe(name);
    expect(await page.getByTestId("talking-points").first().textContent()).toContain(name);
    // Record a call so the name reaches the contact log too.
    await page.getByTestId("outcome").selectOption("no_answer");
    await page.getByTestId("record").click();
    await page.getByTestId("contacts").waitFor();
    expect(await page.evaluate(() => document.querySelectorAll("img").length)).toBe(0);
    if (loan === "XSS-1") await page.screenshot({ path: join(ARTIFACTS, "sidebar-customer-zh-hostile.png"), fullPage: true });
    await page.close();
    expect(dialogs).toEqual([]);

    // Every sheet Daihou writes holds the name as a string equal to it.
    const sheets = [LEDGER_SHEET, callSheetName(day), CONTACT_LOG_SHEET];
    for (const s of sheets) {
      const values = book.sheets.get(s)?.values ?? [];
      const cells = values.flat().filter((c) => c === name);
      expect(cells.length).toBeGreaterThan(0);
      expect(values.flat().some((c) => typeof c === "string" && c !== name && c.includes(name) && c.startsWith("="))).toBe(false);
    }
    // In Sheets the adapter quotes it so that it is not a formula.
    expect(asSheetValue(name)).toBe(name.startsWith("=") ? `'${name}` : name);
  });
});
