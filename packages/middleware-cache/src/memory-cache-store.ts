import { LRUCache } from 'lru-cache';
import type { CachedAnswer, CacheStore } from '@modelmesh/core';

/** Options of {@link memoryCacheStore}. */
export interface MemoryCacheStoreOptions {
  /** Most answers kept; the least recently used go first (default 1000). */
  readonly maxEntries?: number;
  /** Time source for expiry (default `Date.now`); tests pass a manual clock's `now`. */
  readonly now?: () => number;
}

/**
 * An in-process store on `lru-cache`: at most `maxEntries` answers, each dropped after its TTL.
 * Entries are frozen copies, and each hit gets its own copy, so a caller changing an answer
 * does not change the cache.
 */
export function memoryCacheStore(options: MemoryCacheStoreOptions = {}): CacheStore & { readonly size: number } {
  const now = options.now;
  const cache = new LRUCache<string, CachedAnswer>({
    max: options.maxEntries ?? 1000,
    ttlAutopurge: false,
    // Read the clock on every check: lru-cache otherwise caches the time for a millisecond with a timer.
    ttlResolution: 0,
    ...(now ? { perf: { now } } : {}),
  });
  return {
    get size() {
      return cache.size;
    },
    async get(key) {
      const found = cache.get(key);
      return found === undefined ? undefined : structuredClone(found);
    },
    async set(key, answer, ttlMs) {
      cache.set(key, structuredClone(answer), { ttl: ttlMs });
    },
  };
}
