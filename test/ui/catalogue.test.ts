/** Every text of the sidebar, the settings dialog, the settings messages and the course exists in both languages. */
import { SERVER_TEXT_KEYS } from "../../src/app/sidebarService";
import { GUIDANCE } from "../../src/domain/guidance";
import { defaultSettings, settingsIssues } from "../../src/domain/settings";
import { UI_TEXT } from "../../src/domain/messages/ui";

describe("the sidebar's catalogue", () => {
  it("has the same keys in zh and en, none empty", () => {
    expect(Object.keys(UI_TEXT.zh).sort()).toEqual(Object.keys(UI_TEXT.en).sort());
    for (const lang of ["zh", "en"] as const)
      for (const [k, v] of Object.entries(UI_TEXT[lang])) expect([k, v.trim() === ""]).toEqual([k, false]);
  });
  it("uses the same {placeholders} in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(UI_TEXT.en) as (keyof typeof UI_TEXT.en)[])
      expect([k, names(UI_TEXT.zh[k])]).toEqual([k, names(UI_TEXT.en[k])]);
  });
  it("holds every key the server side uses", () => {
    for (const k of SERVER_TEXT_KEYS) expect(UI_TEXT.en[k]).toBeDefined();
  });
});

describe("settings messages", () => {
  it("come in both languages for every bad value", () => {
    const s = defaultSettings();
    const issues = settingsIssues({
      ...s,
      graceDays: -1,
      language: "fr" as never,
      staff: [{ name: "", role: "boss" as never, dailyCapacity: -2 }],
      bucketColours: { ...s.bucketColours, M1: "yellow" },
      baselines: { m1_ratio_amount: 3 },
    });
    expect(issues.map((i) => i.field)).toEqual([
      "graceDays",
      "language",
      "staff.0.name",
      "staff.0.role",
      "staff.0.dailyCapacity",
      "baselines.m1_ratio_amount",
      "bucketColours.M1",
    ]);
    for (const i of issues) expect([i.field, i.zh !== "" && i.en !== "" && i.zh !== i.en]).toEqual([i.field, true]);
  });
});

describe("the course", () => {
  it("has every title and block in zh and en", () => {
    for (const s of GUIDANCE) {
      const texts = [s.title, ...s.blocks.flatMap((b) => [...(b.text ? [b.text] : []), ...(b.items ?? []), ...(b.rows ?? []).flat()])];
      for (const t of texts) expect([s.id, t.zh.trim() !== "", t.en.trim() !== ""]).toEqual([s.id, true, true]);
    }
  });
});
