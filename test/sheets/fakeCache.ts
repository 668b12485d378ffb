/**
 * A fake of CacheService's document cache, with Apps Script's limits: a key of
 * at most 250 characters, a value of at most 100 KB (put and putAll throw
 * "Argument too large" past it, as Apps Script does), values kept until
 * `expire()` (a test's stand-in for eviction or the 6-hour expiry).
 */
import { Fake } from "./fakeBase";

/** Apps Script's limits. */
export const CACHE_LIMITS = { keyChars: 250, valueBytes: 100 * 1024, maxSeconds: 21_600 };

export class FakeCache extends Fake {
  readonly kind = "Cache";
  readonly store = new Map<string, string>();
  /** Values refused for size, by key (for tests). */
  readonly refused: string[] = [];

  private check(key: string, value: string, seconds?: number): void {
    if (typeof key !== "string" || key.length === 0 || key.length > CACHE_LIMITS.keyChars) throw new Error("Argument too large: key");
    if (typeof value !== "string") throw new Error("Invalid argument: value");
    if (Buffer.byteLength(value, "utf8") > CACHE_LIMITS.valueBytes) {
      this.refused.push(key);
      throw new Error("Argument too large: value");
    }
    if (seconds !== undefined && (seconds < 1 || seconds > CACHE_LIMITS.maxSeconds))
      throw new Error("Invalid argument: expirationInSeconds");
  }
  get(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.store.get(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, seconds?: number): void {
    this.check(key, value, seconds);
    this.store.set(key, value);
  }
  putAll(values: Record<string, string>, seconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.check(k, v, seconds);
    for (const [k, v] of Object.entries(values)) this.store.set(k, v);
  }
  remove(key: string): void {
    this.store.delete(key);
  }
  /** Everything evicted at once. */
  expire(): void {
    this.store.clear();
  }
}

export class FakeCacheService extends Fake {
  readonly kind = "CacheService";
  readonly document = new FakeCache();
  /** False: getDocumentCache() returns null (no document, as in a trigger without one). */
  hasDocument = true;
  getDocumentCache(): FakeCache | null {
    return this.hasDocument ? this.document : null;
  }
}
