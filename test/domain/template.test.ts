import fc from "fast-check";
import { fillPlaceholders, fillPlaceholdersWith } from "../../src/domain/template";

/** The definition: one regular-expression pass, a value inserted as it is, a placeholder without a value left as written. */
const byRegExp = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.keys(params).includes(name) ? String(params[name]) : whole));

describe("filling placeholders", () => {
  it("equals one regular-expression pass for any template and values (property)", () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom("{name}", "{amount}", "{x_1}", "{", "}", "{}", "{ name}", "{{name}}", "$&", "$1"));
    const value = fc.oneof(fc.string(), fc.integer(), fc.constantFrom("{amount}", "$&", "$'"));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.dictionary(fc.constantFrom("name", "amount", "x_1", "other"), value),
        (parts, params) => {
          const template = parts.join("");
          expect(fillPlaceholders(template, params)).toBe(byRegExp(template, params));
        },
      ),
      { numRuns: 500 },
    );
  });
  it("asks for a value only when its placeholder is there, once per placeholder", () => {
    const asked: string[] = [];
    const out = fillPlaceholdersWith("尊敬的{name}，{name}您好，应还 {amount}", (n) => {
      asked.push(n);
      return n === "name" ? "王{amount}$&" : undefined;
    });
    expect(out).toBe("尊敬的王{amount}$&，王{amount}$&您好，应还 {amount}");
    expect(asked).toEqual(["name", "name", "amount"]);
  });
});
