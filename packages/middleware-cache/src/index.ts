/**
 * `@modelmesh/middleware-cache`: an exact-match response cache for a mesh (chat, streams and
 * embeddings), in memory on an LRU or in any {@link CacheStore}.
 * @module
 */
export { cacheMiddleware, type CacheOptions } from './cache-middleware.js';
export { memoryCacheStore, type MemoryCacheStoreOptions } from './memory-cache-store.js';
export type { CachedAnswer, CacheStore } from '@modelmesh/core';
export { cacheKey, normalisedRequest, stableJson } from './cache-key.js';
export { isCacheable } from './cache-policy.js';
export { replayChunks } from './replay-chunks.js';
export { middlewarePlugin } from './cache-plugin.js';
