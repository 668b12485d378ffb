// TEMPORARY STUB (sidebar helper): replaced by the guidance helper's real file.
import type { Lang } from "./i18n";

export interface GuidanceBlock {
  kind: "p" | "list" | "table";
  text?: Record<Lang, string>;
  items?: Record<Lang, string>[];
  rows?: Record<Lang, string>[][];
}
export interface GuidanceSection {
  id: string;
  title: Record<Lang, string>;
  blocks: GuidanceBlock[];
}
export const GUIDANCE: readonly GuidanceSection[] = [
  {
    id: "goals",
    title: { zh: "贷后管理的目标", en: "The goals of post-loan work" },
    blocks: [{ kind: "p", text: { zh: "把各项逾期指标控制在基准以内。", en: "Keep every overdue indicator inside its baseline." } }],
  },
  {
    id: "three_elements",
    title: { zh: "还款三要素", en: "The three elements of repayment" },
    blocks: [
      {
        kind: "list",
        items: [
          { zh: "还款日期", en: "date" },
          { zh: "还款金额", en: "amount" },
          { zh: "还款方式", en: "method" },
        ],
      },
    ],
  },
];
export function sectionText(s: GuidanceSection, lang: Lang): string {
  const parts = [s.title[lang]];
  for (const b of s.blocks) {
    if (b.text) parts.push(b.text[lang]);
    for (const i of b.items ?? []) parts.push(i[lang]);
    for (const r of b.rows ?? []) parts.push(r.map((c) => c[lang]).join(" "));
  }
  return parts.join("\n");
}
export function searchGuidance(query: string, lang: Lang): GuidanceSection[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [...GUIDANCE];
  return GUIDANCE.filter((s) => sectionText(s, lang).toLowerCase().includes(q));
}
