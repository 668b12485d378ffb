/**
 * The built Apps Script project (build/Code.js), loaded the way Apps Script
 * loads it — every .js file of build/ in one global scope, no require, no
 * process, no module — with fake SpreadsheetApp, Session, Utilities, ScriptApp
 * and PropertiesService.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as vm from "node:vm";
import * as gas from "gas-local";
import { BUILD, ROOT, buildOnce } from "./buildOnce";
import { intlFormatDate, midnightIn } from "./fakes";

let code = "";
let buildLog = "";

beforeAll(() => {
  buildLog = buildOnce();
  code = readFileSync(join(BUILD, "Code.js"), "utf8");
});

type Fn = (...args: unknown[]) => unknown;

interface Options {
  timeZone?: string;
  spreadsheetLocale?: string;
  userLocale?: string;
  settingsJson?: string | null;
  /** The run status stored in the document's properties (daihou.runStatus). */
  statusJson?: string | null;
}

/** Loads build/ with fakes; records every touch of the document and what the menu and toasts received. */
function load(options: Options = {}) {
  const { timeZone = "UTC", spreadsheetLocale = "en_US", userLocale = "en", settingsJson = null, statusJson = null } = options;
  const touched: string[] = [];
  const menu: (string | [string, string])[] = [];
  const toasts: string[][] = [];
  let menuAdded = 0;
  /** Pages shown: how (sidebar or dialog), the template file, its boot data and its title. */
  const pages: { how: string; file: string; boot: unknown; title: string }[] = [];
  const spreadsheet = {
    getSpreadsheetTimeZone: () => {
      touched.push("getSpreadsheetTimeZone");
      return timeZone;
    },
    getSpreadsheetLocale: () => {
      touched.push("getSpreadsheetLocale");
      return spreadsheetLocale;
    },
    toast: (message: string, title: string) => {
      toasts.push([message, title]);
    },
    getSheets: () => {
      touched.push("getSheets");
      return [];
    },
    getSheetByName: () => {
      touched.push("getSheetByName");
      return null;
    },
  };
  const addonMenu = {
    addItem(caption: string, functionName: string) {
      menu.push([caption, functionName]);
      return addonMenu;
    },
    addSeparator() {
      menu.push("---");
      return addonMenu;
    },
    addToUi() {
      menuAdded++;
    },
  };
  const globals = {
    __proto__: gas.globalMockDefault,
    console,
    SpreadsheetApp: {
      getUi: () => ({
        createAddonMenu: () => addonMenu,
        showSidebar: (out: { file: string; boot: string; title: string }) =>
          pages.push({ how: "sidebar", file: out.file, boot: JSON.parse(out.boot), title: out.title }),
        showModalDialog: (out: { file: string; boot: string }, title: string) =>
          pages.push({ how: "dialog", file: out.file, boot: JSON.parse(out.boot), title }),
      }),
      getActiveSpreadsheet: () => {
        touched.push("getActiveSpreadsheet");
        return spreadsheet;
      },
    },
    Session: { getActiveUserLocale: () => userLocale },
    ScriptApp: { AuthMode: { NONE: "NONE", CUSTOM_FUNCTION: "CUSTOM_FUNCTION", LIMITED: "LIMITED", FULL: "FULL" } },
    PropertiesService: {
      getDocumentProperties: () => {
        touched.push("getDocumentProperties");
        return {
          getProperty: (key: string) => (key === "daihou.settings" ? settingsJson : key === "daihou.runStatus" ? statusJson : null),
        };
      },
    },
    Utilities: { formatDate: intlFormatDate },
    LockService: { getDocumentLock: () => null },
    HtmlService: {
      createTemplateFromFile: (file: string) => {
        const template = {
          boot: "",
          evaluate: () => {
            const out = {
              file,
              boot: template.boot,
              title: "",
              setTitle: (t: string) => Object.assign(out, { title: t }),
              setWidth: () => out,
              setHeight: () => out,
            };
            return out;
          },
        };
        return template;
      },
    },
  };
  const context = gas.require(BUILD, globals);
  // Sheets' Date objects are the script's own Dates (readDate checks `instanceof Date`).
  const ScriptDate = vm.runInContext("Date", context as vm.Context) as DateConstructor;
  const fn = (name: string) => context[name] as Fn;
  const at = (y: number, m: number, d: number) => new ScriptDate(midnightIn(timeZone, y, m, d));
  return { context, fn, at, touched, menu, toasts, pages, menuAdded: () => menuAdded };
}

/** Plain data out of the script's realm, so equality does not depend on whose Array it is. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("build", () => {
  test("prints the bundle size and writes Code.js, appsscript.json and the two pages only", () => {
    expect(buildLog).toMatch(/Code\.js: \d+(\.\d)? KB/);
    expect(readdirSync(BUILD).sort()).toEqual(["Code.js", "Settings.html", "Sidebar.html", "appsscript.json"]);
    expect(JSON.parse(readFileSync(join(BUILD, "appsscript.json"), "utf8"))).toEqual(
      JSON.parse(readFileSync(join(ROOT, "appsscript.json"), "utf8")),
    );
  });

  test("the manifest asks for the minimal scopes", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "appsscript.json"), "utf8"));
    expect(manifest).toMatchObject({ timeZone: "Asia/Shanghai", runtimeVersion: "V8", exceptionLogging: "STACKDRIVER" });
    expect(manifest.oauthScopes).toEqual([
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
      "https://www.googleapis.com/auth/script.container.ui",
      // The optional daily run's time-driven trigger.
      "https://www.googleapis.com/auth/script.scriptapp",
    ]);
  });

  test("the bundle has nothing Apps Script cannot run", () => {
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bmodule\.exports\b/);
    expect(code).not.toMatch(/\bprocess\.[A-Za-z_$]/);
    expect(code).not.toMatch(/^\s*export\s/m);
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  const customFunctions: [string, string[], string[]][] = [
    // DPD's as_of is required: Daihou never assumes today (SPEC §7).
    ["DPD", ["dates", "as_of", "grace_days"], ["grace_days"]],
    ["BUCKET", ["dpd", "boundaries"], ["boundaries"]],
    ["REMINDER_CLASS", ["m1_months", "dpd", "first_due_date", "as_of"], ["dpd", "first_due_date", "as_of"]],
  ];

  test.each(customFunctions)(
    "%s has its JSDoc with @customfunction and every @param right above a top-level stub",
    (name, params, optional) => {
      const stub = new RegExp(
        `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${name}\\(${params.join(", ")}\\) \\{\\n  return Daihou\\.${name}\\(`,
      );
      const m = stub.exec(code);
      expect(m).not.toBeNull();
      const doc = m![1];
      expect(doc).toMatch(/@customfunction/);
      expect(doc).toMatch(/@return \{[^}]+\} \S/);
      const named = [...doc.matchAll(/@param \{[^}]+\} (\w+) \S/g)].map((p) => p[1]);
      expect(named).toEqual(params);
      // Optional parameters say so in their description; required ones do not.
      for (const p of params.slice(1)) {
        if (optional.includes(p)) expect(doc).toContain(`${p} [${p}] Optional.`);
        else expect(doc).not.toContain(`[${p}]`);
      }
    },
  );
});

describe("top-level functions", () => {
  test("exist for triggers, menu items and custom functions", () => {
    const { context } = load();
    for (const name of [
      "onOpen",
      "onInstall",
      "menuRunToday",
      "runDailyJobFor",
      "dailyTrigger",
      "menuToggleDailyTrigger",
      "setDailyRun",
      "menuRecordResults",
      "menuMonthEnd",
      "menuGuidance",
      "menuSettings",
      "menuInsertSample",
      "DPD",
      "BUCKET",
      "REMINDER_CLASS",
      "ROLL_MATRIX",
    ]) {
      expect(typeof context[name]).toBe("function");
    }
  });

  test("loading the script touches no service", () => {
    const { touched } = load();
    expect(touched).toEqual([]);
  });
});

describe("DPD in the bundle", () => {
  for (const timeZone of ["UTC", "Asia/Shanghai"]) {
    test(`Date objects at midnight in ${timeZone}, single and 2-D`, () => {
      const { fn, at, touched } = load({ timeZone });
      const DPD = fn("DPD");
      expect(DPD(at(2024, 2, 28), at(2024, 3, 1))).toBe(2);
      expect(DPD(at(2023, 2, 28), at(2023, 3, 1))).toBe(1);
      expect(DPD(at(2026, 1, 31), at(2026, 3, 1))).toBe(29);
      expect(DPD(at(2026, 11, 16), at(2026, 11, 16))).toBe(0);
      // Date cells against text dates: a Date read as its UTC date would be a day early in Shanghai.
      expect(DPD(at(2024, 2, 28), "2024-03-01")).toBe(2);
      expect(DPD("2024-02-28", at(2024, 3, 1))).toBe(2);
      expect(DPD(at(2024, 3, 1), "2024-03-01")).toBe(0);
      touched.length = 0;
      const out = DPD(
        [
          [at(2024, 2, 28), at(2024, 2, 29)],
          [at(2024, 1, 31), ""],
          ["abc", at(2024, 3, 2)],
        ],
        at(2024, 3, 1),
      );
      expect(plain(out)).toEqual([
        [2, 1],
        [30, ""],
        ["ERROR: “abc” is not a date Daihou can read (write it like 2026-11-01)", 0],
      ]);
      // The time zone is read once per call.
      expect(touched.filter((t) => t === "getSpreadsheetTimeZone")).toHaveLength(1);
    });
  }

  test("without as_of the cell says one is needed: never a silent today (Sheets would not recalculate it)", () => {
    const { fn, at } = load({ timeZone: "Asia/Shanghai" });
    const [y, m, d] = intlFormatDate(new Date(), "Asia/Shanghai", "yyyy-MM-dd").split("-").map(Number);
    expect(fn("DPD")(at(y, m, d))).toMatch(/^ERROR in as_of: give the date to count to, e\.g\. Daihou_AsOf/);
    expect(fn("DPD")([[at(y, m, d)], [""]], "")).toEqual([[expect.stringMatching(/^ERROR in as_of: /)], [""]]);
  });

  test("grace days", () => {
    const { fn, at } = load();
    expect(fn("DPD")(at(2026, 11, 1), at(2026, 11, 14), 3)).toBe(10);
  });
});

describe("BUCKET in the bundle", () => {
  test("a 2-D range across every boundary, with a blank and a bad cell", () => {
    const { fn, touched } = load();
    const out = fn("BUCKET")([
      [0, 1, 30, 31, 60],
      [61, 90, 91, "", "abc"],
    ]);
    expect(plain(out)).toEqual([
      ["C", "M1", "M1", "M2", "M2"],
      ["M3", "M3", "M3+", "", "ERROR: “abc” is not a whole number"],
    ]);
    // An error text needs the locale, but never the time zone.
    expect(touched).not.toContain("getSpreadsheetTimeZone");
  });

  test("custom boundaries as a range", () => {
    const { fn } = load();
    expect(plain(fn("BUCKET")([[7], [8]], [[1], [8], [15], [22]]))).toEqual([["M1"], ["M2"]]);
  });

  test("errors in Chinese in a Chinese spreadsheet", () => {
    const { fn } = load({ spreadsheetLocale: "zh_CN" });
    expect(fn("BUCKET")("abc")).toBe("错误：“abc”不是整数");
  });
});

describe("REMINDER_CLASS in the bundle", () => {
  test("A, B, C, NEW and blank, range in, range out", () => {
    const { fn, at } = load({ timeZone: "Asia/Shanghai" });
    const out = fn("REMINDER_CLASS")(
      [[0], [1], [2], [0], [0], [""]],
      [[0], [0], [0], [4], [0], [""]],
      [[""], [""], [""], [""], [at(2026, 12, 1)], [""]],
      at(2026, 11, 30),
    );
    expect(plain(out)).toEqual([["A"], ["B"], ["C"], [""], ["NEW"], [""]]);
    expect(fn("REMINDER_CLASS")(0, 0, at(2026, 12, 1), at(2026, 12, 1))).toBe("A");
  });
});

describe("onOpen", () => {
  const englishMenu = [
    ["Run today's work", "menuRunToday"],
    ["Record call results", "menuRecordResults"],
    "---",
    ["Month-end report", "menuMonthEnd"],
    "---",
    ["Guidance sidebar", "menuGuidance"],
    ["Settings", "menuSettings"],
    ["Daily run at 07:00: on/off", "menuToggleDailyTrigger"],
    "---",
    ["Insert a sample store", "menuInsertSample"],
  ];

  test("in AuthMode.NONE builds the menu without touching the document", () => {
    const { fn, context, menu, menuAdded, touched } = load({ spreadsheetLocale: "zh_CN", userLocale: "en_GB" });
    fn("onOpen")({ authMode: "NONE" });
    expect(menu).toEqual(englishMenu);
    expect(menuAdded()).toBe(1);
    expect(touched).toEqual([]);
    for (const item of menu) if (Array.isArray(item)) expect(typeof context[item[1]]).toBe("function");
  });

  test("in AuthMode.NONE the language follows the user's locale", () => {
    const { fn, menu, touched } = load({ userLocale: "zh_CN" });
    fn("onOpen")({ authMode: "NONE" });
    expect(menu[0]).toEqual(["运行今日作业", "menuRunToday"]);
    expect(touched).toEqual([]);
  });

  test("in AuthMode.LIMITED the language follows the spreadsheet's locale, or the store's setting", () => {
    const chinese = load({ spreadsheetLocale: "zh_CN", userLocale: "en_US" });
    chinese.fn("onOpen")({ authMode: "LIMITED" });
    expect(chinese.menu.filter(Array.isArray).map((i) => i[0])).toEqual([
      "运行今日作业",
      "录入呼叫结果",
      "月末报表",
      "操作指引侧栏",
      "设置",
      "每日 07:00 自动运行：开/关",
      "插入示例门店",
    ]);
    const overridden = load({ spreadsheetLocale: "zh_CN", settingsJson: JSON.stringify({ language: "en" }) });
    overridden.fn("onOpen")({ authMode: "LIMITED" });
    expect(overridden.menu).toEqual(englishMenu);
  });

  /** The last unattended run: failed at 07:02 on 16 November for want of a ledger. */
  const failed = JSON.stringify({
    date: "2026-11-16",
    by: "trigger",
    state: "failed",
    startedAt: "2026-11-16 07:02:11",
    finishedAt: "2026-11-16 07:02:12",
    steps: null,
    counts: null,
    error: { en: "No ledger found.", zh: "未找到台账。" },
    doneDate: "2026-11-15",
    seq: 9,
  });

  test("a toast says when the last unattended run failed (AuthMode.LIMITED), in the spreadsheet's language; none in AuthMode.NONE", () => {
    const zh = load({ spreadsheetLocale: "zh_CN", statusJson: failed });
    zh.fn("onOpen")({ authMode: "LIMITED" });
    expect(zh.toasts).toEqual([
      ["上次运行：2026-11-16（每日自动运行）于 2026-11-16 07:02:12 失败：未找到台账。", "Daihou：上次每日自动运行需要处理"],
    ]);
    const none = load({ statusJson: failed });
    none.fn("onOpen")({ authMode: "NONE" });
    expect(none.toasts).toEqual([]);
    expect(none.touched).toEqual([]);
    // A run from the menu that failed was seen by the person who ran it: no toast; nor after a finished run.
    const menu = load({ statusJson: failed.replace('"by":"trigger"', '"by":"menu"') });
    menu.fn("onOpen")({ authMode: "LIMITED" });
    expect(menu.toasts).toEqual([]);
  });

  test("the guidance sidebar shows the last run's status at the top", () => {
    const { fn, pages } = load({ statusJson: failed });
    fn("menuGuidance")();
    expect(plain(pages)[0].boot.status).toEqual({
      text: "Last run: 2026-11-16 (by the daily run) FAILED at 2026-11-16 07:02:12: No ledger found.",
      level: "error",
    });
  });

  test("onInstall builds the same menu", () => {
    const { fn, menu } = load();
    fn("onInstall")({ authMode: "FULL" });
    expect(menu).toEqual(englishMenu);
  });
});

describe("the guidance sidebar and the settings dialog", () => {
  test("menuGuidance shows the Sidebar page in the course, in the user's language", () => {
    const { fn, pages, toasts } = load({ spreadsheetLocale: "zh_CN" });
    fn("menuGuidance")();
    expect(plain(pages)).toEqual([
      { how: "sidebar", file: "Sidebar", boot: { mode: "course", lang: "zh", loan: "", poll: true, status: null }, title: "操作指引侧栏" },
    ]);
    expect(toasts).toEqual([]);
  });

  test("menuSettings shows the Settings page as a dialog", () => {
    const { fn, pages } = load();
    fn("menuSettings")();
    expect(plain(pages)).toEqual([
      { how: "dialog", file: "Settings", boot: { mode: "settings", lang: "en", loan: "", poll: false }, title: "Daihou settings" },
    ]);
  });

  test("the pages inline their code, hold one scriptlet, and no customer text can close the script", () => {
    for (const name of ["Sidebar.html", "Settings.html"]) {
      const html = readFileSync(join(BUILD, name), "utf8");
      expect(html.match(/<\?/g)).toEqual(["<?"]);
      expect(html).toContain("<?!= boot ?>");
      expect(html.match(/<\/script/gi)?.length).toBe(2);
      expect(html).not.toMatch(/\binnerHTML\b|insertAdjacentHTML|outerHTML|document\.write/);
    }
  });
});
