/**
 * The history functions' cache (src/sheets/figureCache.ts) against the fake
 * document cache, which refuses what Apps Script refuses: a value over 100 KB,
 * a key over 250 characters.
 */
import { CACHE_VALUE_LIMIT, MAX_CHUNKS, figuresKey, getJson, putJson, shortHash } from "../../src/sheets/figureCache";
import { FakeCache } from "./fakeCache";

describe("the fake document cache has Apps Script's limits", () => {
  test("a value over 100 KB is refused, one of 100 KB kept; a key over 250 characters is refused", () => {
    const cache = new FakeCache();
    expect(() => cache.put("k", "x".repeat(100 * 1024 + 1))).toThrow("Argument too large: value");
    cache.put("k", "x".repeat(100 * 1024));
    expect(cache.get("k")).toHaveLength(100 * 1024);
    // Bytes, not characters: 40,000 Chinese characters are 120,000 bytes.
    expect(() => cache.put("zh", "贷".repeat(40_000))).toThrow("Argument too large: value");
    expect(() => cache.put("k".repeat(251), "v")).toThrow("Argument too large: key");
    expect(() => cache.putAll({ a: "v", b: "x".repeat(200_000) })).toThrow("Argument too large: value");
    expect(cache.get("a")).toBeNull();
  });
});

describe("putJson and getJson", () => {
  test("a small value is one entry", () => {
    const cache = new FakeCache();
    expect(putJson(cache, "fig", { m1: 0.0123, roll: null })).toBe(true);
    expect(cache.store.size).toBe(1);
    expect(getJson(cache, "fig")).toEqual({ m1: 0.0123, roll: null });
  });

  test("a value over 100 KB is cut into chunks within the limit and read back whole; non-ASCII text counts in bytes", () => {
    const cache = new FakeCache();
    const value = { ids: Array.from({ length: 30_000 }, (_, i) => `L${i}`), note: "逾期".repeat(20_000) };
    expect(putJson(cache, "big", value)).toBe(true);
    expect(cache.refused).toEqual([]);
    expect(cache.get("big")).toMatch(/^chunks:\d+$/);
    for (const v of cache.store.values()) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(CACHE_VALUE_LIMIT);
    expect(getJson(cache, "big")).toEqual(value);
  });

  test(`a value needing more than ${MAX_CHUNKS} chunks is not cached; a chunk evicted makes it a miss, never a wrong value`, () => {
    const cache = new FakeCache();
    expect(putJson(cache, "huge", { s: "x".repeat(MAX_CHUNKS * CACHE_VALUE_LIMIT + 10) })).toBe(false);
    expect(cache.store.size).toBe(0);
    expect(getJson(cache, "huge")).toBeNull();
    putJson(cache, "big", { s: "y".repeat(3 * CACHE_VALUE_LIMIT) });
    cache.remove("big:1");
    expect(getJson(cache, "big")).toBeNull();
  });

  test("a failing cache is no cache", () => {
    const broken = {
      get: () => {
        throw new Error("Service unavailable");
      },
      put: () => {
        throw new Error("Service unavailable");
      },
      getAll: () => ({}),
      putAll: () => undefined,
    };
    expect(putJson(broken as never, "k", 1)).toBe(false);
    expect(getJson(broken as never, "k")).toBeNull();
  });

  test("keys: month, run stamp and settings each make a different key, always within 250 characters", () => {
    const k = figuresKey("2026-10", "2026-11-03 07:02:11 #71", "{}");
    expect(k).not.toBe(figuresKey("2026-10", "2026-11-04 07:01:09 #72", "{}"));
    expect(k).not.toBe(figuresKey("2026-09", "2026-11-03 07:02:11 #71", "{}"));
    expect(k).not.toBe(figuresKey("2026-10", "2026-11-03 07:02:11 #71", '{"graceDays":3}'));
    expect(figuresKey("2026-10", "x".repeat(10_000), "y".repeat(100_000)).length).toBeLessThan(250);
    expect(shortHash("a")).not.toBe(shortHash("b"));
  });
});
