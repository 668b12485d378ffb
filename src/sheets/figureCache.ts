/**
 * The history functions' cache: CacheService.getDocumentCache() (allowed in
 * custom functions), so a sheet of 20 figure formulas reads each month's
 * history once per run, not once per formula. A month's figures are cached
 * under the month, the run stamp (Daihou_Run: a new run, a new key — nothing
 * stale is ever served) and a hash of the settings they depend on. Apps Script
 * refuses a value over 100 KB: a longer one is cut into chunks of at most that
 * size (an index value names how many), and one needing more than
 * {@link MAX_CHUNKS} chunks is not cached. A cache that fails is no cache.
 */

/** Apps Script's limit on one cached value, in bytes (= characters of the ASCII-only JSON cached). */
export const CACHE_VALUE_LIMIT = 100 * 1024;
/** The most chunks one cached value is cut into; longer ones are skipped. */
export const MAX_CHUNKS = 8;
/** How long a cached value lives (seconds): six hours, Apps Script's maximum. */
export const CACHE_SECONDS = 6 * 60 * 60;

/** The part of Apps Script's Cache the history functions use. */
export type TextCache = Pick<GoogleAppsScript.Cache.Cache, "get" | "put" | "getAll" | "putAll">;

/** A short hash of a text (djb2, base 36), for keys. */
export function shortHash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/** The key of a month's figures: Apps Script's keys are at most 250 characters. */
export function figuresKey(month: string, stamp: string, settingsJson: string): string {
  return `daihou:fig:${month}:${shortHash(stamp)}:${shortHash(settingsJson)}`;
}

/** A cached JSON value, or null (absent, evicted, partly evicted, unreadable). */
export function getJson<T>(cache: TextCache, key: string): T | null {
  try {
    const head = cache.get(key);
    if (head === null) return null;
    const m = /^chunks:(\d+)$/.exec(head);
    if (!m) return JSON.parse(head) as T;
    const keys = Array.from({ length: Number(m[1]) }, (_, i) => `${key}:${i}`);
    const parts = cache.getAll(keys);
    if (keys.some((k) => typeof parts[k] !== "string")) return null;
    return JSON.parse(keys.map((k) => parts[k]).join("")) as T;
  } catch {
    return null;
  }
}

/** Caches a JSON value (chunked past 100 KB; skipped past {@link MAX_CHUNKS} chunks). True when cached. */
export function putJson(cache: TextCache, key: string, value: unknown): boolean {
  try {
    // ASCII only (other characters as \u escapes), so characters count bytes against the limit.
    const text = JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    if (text.length <= CACHE_VALUE_LIMIT) {
      cache.put(key, text, CACHE_SECONDS);
      return true;
    }
    const count = Math.ceil(text.length / CACHE_VALUE_LIMIT);
    if (count > MAX_CHUNKS) return false;
    const parts: Record<string, string> = {};
    for (let i = 0; i < count; i++) parts[`${key}:${i}`] = text.slice(i * CACHE_VALUE_LIMIT, (i + 1) * CACHE_VALUE_LIMIT);
    // The chunks first, the index last: a reader never finds an index without its chunks.
    cache.putAll(parts, CACHE_SECONDS);
    cache.put(key, `chunks:${count}`, CACHE_SECONDS);
    return true;
  } catch {
    return false;
  }
}
