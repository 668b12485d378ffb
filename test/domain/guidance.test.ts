/** The guidance sidebar's content: complete in both languages, plain text, searchable. */
import { GUIDANCE, type GuidanceSection, searchGuidance, sectionText } from "../../src/domain/guidance";
import type { Lang } from "../../src/domain/i18n";

const LANGS: Lang[] = ["zh", "en"];

const IDS = [
  "goal",
  "responsibility",
  "classes",
  "metrics",
  "welcome",
  "reminders",
  "process",
  "methods",
  "three_elements",
  "compliance",
  "daily_use",
];

/** Every bilingual string of a section, with where it sits. */
function strings(s: GuidanceSection): { where: string; text: Record<Lang, string> }[] {
  const out: { where: string; text: Record<Lang, string> }[] = [{ where: `${s.id}.title`, text: s.title }];
  s.blocks.forEach((b, i) => {
    if (b.text) out.push({ where: `${s.id}.blocks[${i}].text`, text: b.text });
    for (const [j, item] of (b.items ?? []).entries()) out.push({ where: `${s.id}.blocks[${i}].items[${j}]`, text: item });
    for (const [r, row] of (b.rows ?? []).entries()) {
      for (const [c, cell] of row.entries()) out.push({ where: `${s.id}.blocks[${i}].rows[${r}][${c}]`, text: cell });
    }
  });
  return out;
}

const ALL = GUIDANCE.flatMap(strings);
const ids = (sections: GuidanceSection[]) => sections.map((s) => s.id);

describe("guidance content", () => {
  it("has the sections in order, with unique ids", () => {
    expect(GUIDANCE.map((s) => s.id)).toEqual(IDS);
    expect(new Set(GUIDANCE.map((s) => s.id)).size).toBe(GUIDANCE.length);
  });

  it("gives every title, text, item and cell in both languages", () => {
    const empty = ALL.flatMap(({ where, text }) =>
      LANGS.filter((l) => typeof text[l] !== "string" || text[l].trim() === "").map((l) => `${where}.${l}`),
    );
    expect(empty).toEqual([]);
  });

  it("has substance in every section: several blocks, each with content of its kind", () => {
    for (const s of GUIDANCE) {
      expect(s.blocks.length).toBeGreaterThanOrEqual(2);
      for (const b of s.blocks) {
        if (b.kind === "p") expect(b.text).toBeDefined();
        if (b.kind === "list") expect(b.items?.length ?? 0).toBeGreaterThan(0);
        if (b.kind === "table") {
          expect(b.rows?.length ?? 0).toBeGreaterThan(1);
          const widths = new Set((b.rows ?? []).map((r) => r.length));
          expect(widths.size).toBe(1);
        }
      }
      for (const lang of LANGS) expect(sectionText(s, lang).length).toBeGreaterThan(200);
    }
  });

  it("is plain text: no angle brackets, no markdown, nothing a sheet would read as a formula", () => {
    const bad = ALL.flatMap(({ where, text }) =>
      LANGS.filter((l) => /[<>`]|\*\*|^\s*(#|[-*] )|^[=+\-@]/.test(text[l])).map((l) => `${where}.${l}: ${text[l]}`),
    );
    expect(bad).toEqual([]);
  });

  it("names every month-end figure of SPEC §6 in the metrics section, in both languages", () => {
    const metrics = GUIDANCE.find((s) => s.id === "metrics")!;
    const common = ["M1%($)", "M1%(#)", "M2%($)", "M2%(#)", "M3+%($)", "M3+%(#)", "C-M1%($)", "ONE", "TWO", "THREE"];
    const names: Record<Lang, string[]> = {
      zh: [...common, "迁徙矩阵", "M1 结果", "催收总结", "基准"],
      en: [...common, "roll matrix", "m1 outcome", "staff summary", "baseline"],
    };
    for (const lang of LANGS) {
      const text = sectionText(metrics, lang);
      const missing = names[lang].filter((n) => !text.toLowerCase().includes(n.toLowerCase()));
      expect({ lang, missing }).toEqual({ lang, missing: [] });
    }
  });

  it("states the course's numbers where they belong", () => {
    const text = (id: string, lang: Lang) => sectionText(GUIDANCE.find((s) => s.id === id)!, lang);
    for (const lang of LANGS) {
      expect(text("goal", lang)).toContain("60%");
      expect(text("responsibility", lang)).toContain("60%");
      expect(text("methods", lang)).toMatch(/70–80%[\s\S]*10–15%[\s\S]*5–10%/);
      expect(text("reminders", lang)).toContain("15:00–16:00");
      expect(text("compliance", lang)).toContain("22:00");
      expect(text("compliance", lang)).toContain("6");
      expect(text("classes", lang)).toMatch(/1–30[\s\S]*31–60[\s\S]*61/);
    }
    expect(text("classes", "zh")).toMatch(/正常账户[\s\S]*M1账户[\s\S]*M2账户[\s\S]*M2\+账户/);
  });
});

describe("sectionText", () => {
  it("holds the title and every paragraph, item and cell of the section", () => {
    for (const s of GUIDANCE) {
      for (const lang of LANGS) {
        const text = sectionText(s, lang);
        for (const { text: t } of strings(s)) expect(text).toContain(t[lang]);
      }
    }
  });

  it("gives each language its own text", () => {
    const s = GUIDANCE[0];
    expect(sectionText(s, "zh")).toContain(s.title.zh);
    expect(sectionText(s, "zh")).not.toContain(s.title.en);
    expect(sectionText(s, "en")).toContain(s.title.en);
  });
});

describe("searchGuidance", () => {
  it("finds the three elements in their section, in either language", () => {
    expect(ids(searchGuidance("三要素", "zh"))).toContain("three_elements");
    expect(ids(searchGuidance("three elements", "en"))).toContain("three_elements");
  });

  it("finds the quiet hours in the compliance section, also typed full-width", () => {
    expect(ids(searchGuidance("22:00", "zh"))).toContain("compliance");
    expect(ids(searchGuidance("22:00", "en"))).toContain("compliance");
    expect(ids(searchGuidance("２２：００", "zh"))).toContain("compliance");
  });

  it("ignores case", () => {
    const lower = ids(searchGuidance("three elements", "en"));
    expect(ids(searchGuidance("THREE ELEMENTS", "en"))).toEqual(lower);
    expect(ids(searchGuidance("Three Elements", "en"))).toEqual(lower);
    expect(ids(searchGuidance("ｍ１", "en"))).toEqual(ids(searchGuidance("m1", "en")));
  });

  it("needs every word, in any order, and keeps the sections' order", () => {
    const both = ids(searchGuidance("visit safety", "en"));
    expect(both).toContain("methods");
    expect(ids(searchGuidance("safety visit", "en"))).toEqual(both);
    for (const id of both) {
      expect(ids(searchGuidance("visit", "en"))).toContain(id);
      expect(ids(searchGuidance("safety", "en"))).toContain(id);
    }
    const order = ids(searchGuidance("M1", "en"));
    expect(order).toEqual(IDS.filter((id) => order.includes(id)));
    expect(order.length).toBeGreaterThan(1);
  });

  it("returns nothing for a query no section contains", () => {
    expect(searchGuidance("xyzzy-plugh", "en")).toEqual([]);
    expect(searchGuidance("三要素 xyzzy", "zh")).toEqual([]);
    expect(searchGuidance("无此内容之词", "zh")).toEqual([]);
  });

  it("matches every section when the query is empty", () => {
    expect(ids(searchGuidance("", "en"))).toEqual(IDS);
    expect(ids(searchGuidance("   ", "zh"))).toEqual(IDS);
  });

  it("searches only the chosen language", () => {
    expect(ids(searchGuidance("还款三要素", "en"))).toEqual([]);
  });
});
