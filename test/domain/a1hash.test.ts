/** The shared helpers: A1 column letters and the FNV-1a hash. */
import { columnLetter, columnNumber } from "../../src/domain/a1";
import { fnv1a } from "../../src/domain/hash";

describe("column letters", () => {
  it("converts both ways", () => {
    expect([1, 26, 27, 28, 52, 702, 703, 16384].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "AZ", "ZZ", "AAA", "XFD"]);
    for (let n = 1; n <= 20000; n++) expect(columnNumber(columnLetter(n))).toBe(n);
    expect(columnNumber("ab")).toBe(28);
  });
});

describe("FNV-1a", () => {
  it("gives the published 32-bit values", () => {
    expect(fnv1a("") >>> 0).toBe(0x811c9dc5);
    expect(fnv1a("a") >>> 0).toBe(0xe40c292c);
    expect(fnv1a("foobar") >>> 0).toBe(0xbf9cf968);
  });
  it("continues from a given hash", () => {
    expect(fnv1a("bar", fnv1a("foo"))).toBe(fnv1a("foobar"));
  });
});
