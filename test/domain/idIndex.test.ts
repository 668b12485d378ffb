import fc from "fast-check";
import { IdIndex } from "../../src/domain/idIndex";

describe("IdIndex", () => {
  it("numbers ids in the order first added and finds them again, as a Map would (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("HT2025000001", "HT2025000002", "", "0123", "123")), {
          maxLength: 400,
        }),
        (ids) => {
          const index = new IdIndex();
          const map = new Map<string, number>();
          for (const id of ids) {
            if (!map.has(id)) map.set(id, map.size);
            expect(index.add(id)).toBe(map.get(id));
          }
          expect(index.size).toBe(map.size);
          for (const [id, n] of map) {
            expect(index.get(id)).toBe(n);
            expect(index.id(n)).toBe(id);
          }
          expect(index.get("never added \u0000")).toBe(-1);
          // getNear answers as get, whatever the guess (right, wrong, out of range).
          for (const [id, n] of map) for (const guess of [n, n + 1, n - 1, -1, map.size, 0]) expect(index.getNear(id, guess)).toBe(n);
          for (const guess of [-1, 0, map.size]) expect(index.getNear("never added \u0000", guess)).toBe(-1);
          expect(index.all()).toEqual([...map.keys()]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps finding every id while it grows to 100,000", () => {
    const index = new IdIndex();
    for (let i = 0; i < 100_000; i++) index.add(`HT${String(i).padStart(10, "0")}`);
    for (let i = 0; i < 100_000; i += 997) expect(index.get(`HT${String(i).padStart(10, "0")}`)).toBe(i);
    expect(index.get("HT0000100000")).toBe(-1);
  });
});
