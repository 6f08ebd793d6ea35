import { ConfigurationError, parseDuration, type ConfigIssue, type MiddlewarePlugin } from '@modelmesh/core';
import { cacheMiddleware } from './cache-middleware.js';
import { memoryCacheStore } from './memory-cache-store.js';

const KEYS = ['ttl', 'max_entries', 'cache_sampled', 'namespace', 'store'];

/**
 * The `cache` entry of a config's `middleware` list:
 * `{ name: cache, options: { ttl: 5m, max_entries: 1000, cache_sampled: false, namespace: "modelmesh:cache:", store: memory } }`.
 * `store: redis` keeps answers in the mesh's Redis state store (`state: { store: redis }`), so
 * every process sharing that Redis shares the cache.
 */
export const middlewarePlugin: MiddlewarePlugin = {
  packageName: '@modelmesh/middleware-cache',
  create(options, context) {
    const issues: ConfigIssue[] = [];
    const at = (key: string) => `${context.path}.${key}`;
    for (const key of Object.keys(options)) if (!KEYS.includes(key)) issues.push({ path: at(key), message: `unknown option "${key}"; expected one of ${KEYS.join(', ')}` });
    const ttl = options['ttl'] === undefined ? 5 * 60_000 : typeof options['ttl'] === 'number' || typeof options['ttl'] === 'string' ? parseDuration(options['ttl']) : undefined;
    if (ttl === undefined || ttl <= 0) issues.push({ path: at('ttl'), message: 'expected a positive duration such as 30s or 5m' });
    const maxEntries = options['max_entries'] ?? 1000;
    if (!Number.isInteger(maxEntries) || (maxEntries as number) < 1) issues.push({ path: at('max_entries'), message: 'expected a positive integer' });
    const sampled = options['cache_sampled'] ?? false;
    if (typeof sampled !== 'boolean') issues.push({ path: at('cache_sampled'), message: 'expected true or false' });
    const namespace = options['namespace'] ?? 'modelmesh:cache:';
    if (typeof namespace !== 'string') issues.push({ path: at('namespace'), message: 'expected a string' });
    const store = options['store'] ?? 'memory';
    // store: redis shares the mesh's Redis state store (its connection, prefix and timeouts).
    const shared = store === 'redis' ? context.stateStore?.cacheStore?.() : undefined;
    if (store !== 'memory' && store !== 'redis') issues.push({ path: at('store'), message: 'expected memory or redis' });
    if (store === 'redis' && shared === undefined) {
      issues.push({ path: at('store'), message: 'store: redis keeps answers in the mesh\'s Redis state store, and none is configured: set state: { store: redis, url: ... } (with @modelmesh/store-redis installed), or use store: memory' });
    }
    if (shared !== undefined && options['max_entries'] !== undefined) {
      issues.push({ path: at('max_entries'), message: 'max_entries applies to store: memory; a Redis cache is bounded by the TTL and Redis\'s maxmemory policy' });
    }
    if (issues.length > 0) throw new ConfigurationError({ issues });
    return cacheMiddleware({
      store: shared ?? memoryCacheStore({ maxEntries: maxEntries as number, now: () => context.clock.now() }),
      ttlMs: ttl as number,
      cacheSampled: sampled as boolean,
      namespace: namespace as string,
    });
  },
};
