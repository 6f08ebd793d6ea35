import type { CachedAnswer, CacheStore } from '@modelmesh/core';

/** The Redis commands a cache store needs, each already bounded and never throwing (a failure is `fallback`). */
export interface CacheCommands {
  /** Runs `command`; an unreachable, slow or failing Redis gives `fallback`. */
  run<T>(command: () => Promise<T>, fallback: T): Promise<T>;
  get(key: string): Promise<string | null>;
  setPx(key: string, value: string, ttlMs: number): Promise<unknown>;
  /** The Redis key of a cache key (under the state store's prefix). */
  key(cacheKey: string): string;
}

/**
 * A {@link CacheStore} on the state store's Redis connection. Answers are JSON strings that
 * Redis expires (`PX`). A cache that cannot answer is a miss and a failed write is dropped, so
 * Redis trouble never fails a request; the state store reports the outage as its status.
 */
export function redisCacheStore(commands: CacheCommands): CacheStore {
  return {
    async get(key) {
      const text = await commands.run(() => commands.get(commands.key(key)), null);
      return text === null ? undefined : decodeAnswer(text);
    },
    async set(key, answer, ttlMs) {
      await commands.run(() => commands.setPx(commands.key(key), JSON.stringify(answer), Math.max(1, Math.ceil(ttlMs))), undefined);
    },
  };
}

/** A stored answer, or undefined for text that is not one (a foreign or damaged key is a miss). */
function decodeAnswer(text: string): CachedAnswer | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const answer = value as Record<string, unknown>;
    if (answer['kind'] === 'chat' && typeof answer['completion'] === 'object' && answer['completion'] !== null) return value as CachedAnswer;
    if (answer['kind'] === 'embeddings' && typeof answer['response'] === 'object' && answer['response'] !== null) return value as CachedAnswer;
    return undefined;
  } catch {
    return undefined;
  }
}
