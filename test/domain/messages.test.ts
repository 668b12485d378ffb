/** Every part of the message catalogue has every key in both languages, with the same placeholders, none empty. */
import { CATALOGUES } from "../../src/domain/messages";

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe.each(Object.entries(CATALOGUES))("the %s messages", (_name, catalogue) => {
  const keys = [...new Set([...Object.keys(catalogue.en), ...Object.keys(catalogue.zh)])].sort();

  it("have no key missing in either language", () => {
    expect(keys.filter((k) => !(k in catalogue.zh)).map((k) => `zh lacks ${k}`)).toEqual([]);
    expect(keys.filter((k) => !(k in catalogue.en)).map((k) => `en lacks ${k}`)).toEqual([]);
    expect(keys.length).toBeGreaterThan(0);
  });

  it("have the same placeholders in both languages and no empty text", () => {
    const wrong = keys.filter(
      (k) =>
        typeof catalogue.en[k] !== "string" ||
        typeof catalogue.zh[k] !== "string" ||
        catalogue.en[k].trim() === "" ||
        catalogue.zh[k].trim() === "" ||
        placeholders(catalogue.en[k]).join() !== placeholders(catalogue.zh[k]).join(),
    );
    expect(wrong).toEqual([]);
  });
});
