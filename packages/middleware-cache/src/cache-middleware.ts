import type { MeshMiddleware, RequestAnswer, RequestContext } from '@modelmesh/core';
import { cacheKey } from './cache-key.js';
import { isCacheable } from './cache-policy.js';
import type { CacheStore } from '@modelmesh/core';
import { memoryCacheStore } from './memory-cache-store.js';
import { replay, replayChunks } from './replay-chunks.js';

/** Options of {@link cacheMiddleware}. */
export interface CacheOptions {
  /** Where answers live (default: {@link memoryCacheStore} with `maxEntries`). */
  readonly store?: CacheStore;
  /** How long an answer is served, in milliseconds (default 5 minutes). */
  readonly ttlMs?: number;
  /** Most answers kept by the default memory store (default 1000). */
  readonly maxEntries?: number;
  /** Also cache chat requests with `temperature` above 0 (default false). */
  readonly cacheSampled?: boolean;
  /** Prefix of every key, to keep several caches apart in one store (default `modelmesh:cache:`). */
  readonly namespace?: string;
  /** Called when the store fails; the request then goes on uncached (default: ignored). */
  readonly onStoreError?: (error: unknown) => void;
}

const DEFAULT_TTL_MS = 5 * 60_000;

/**
 * An exact-match response cache. The key is a SHA-256 of the normalised request (pool,
 * messages, tools and every parameter that changes the answer; not `user`, not `stream`).
 * A hit answers without calling any provider: it costs $0 and is marked as a hit in usage,
 * events, reports and logs. A streamed request is served from a stored answer as a stream of
 * chunks, and a streamed answer is stored once the stream completes. Embeddings are cached too.
 */
export function cacheMiddleware(options: CacheOptions = {}): MeshMiddleware {
  const store = options.store ?? memoryCacheStore({ ...(options.maxEntries !== undefined ? { maxEntries: options.maxEntries } : {}) });
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const namespace = options.namespace ?? 'modelmesh:cache:';
  const cacheSampled = options.cacheSampled === true;
  const failed = options.onStoreError ?? (() => undefined);
  // Streams are stored at their end (onRequestEnd), under the key computed when they started.
  const pendingStreams = new WeakMap<RequestContext, string>();
  const read = (key: string) =>
    store.get(key).catch((error: unknown) => {
      failed(error);
      return undefined;
    });
  const write = (key: string, answer: Parameters<CacheStore['set']>[1]) => store.set(key, answer, ttlMs).catch(failed);

  return {
    name: 'cache',
    async wrapRequest(call, next): Promise<RequestAnswer> {
      if (!isCacheable(call, cacheSampled)) return next(call);
      const key = await cacheKey(call, namespace);
      const hit = await read(key);
      if (hit?.kind === 'chat' && call.operation === 'chat') return { operation: 'chat', completion: hit.completion, cacheHit: true };
      if (hit?.kind === 'chat' && call.operation === 'chat-stream') return { operation: 'chat-stream', stream: replay(replayChunks(hit.completion)), cacheHit: true };
      if (hit?.kind === 'embeddings' && call.operation === 'embeddings') return { operation: 'embeddings', response: hit.response, cacheHit: true };
      if (call.operation === 'chat-stream') pendingStreams.set(call.context, key);
      const answer = await next(call);
      if (answer.operation === 'chat' && !answer.cacheHit) await write(key, { kind: 'chat', completion: answer.completion });
      if (answer.operation === 'embeddings' && !answer.cacheHit) await write(key, { kind: 'embeddings', response: answer.response });
      return answer;
    },
    async onRequestEnd(report) {
      const key = pendingStreams.get(report.context);
      if (key === undefined) return;
      pendingStreams.delete(report.context);
      // Only a stream that completed: a cut or cancelled one is not an answer to serve again.
      if (report.ok && !report.cacheHit && report.completion) await write(key, { kind: 'chat', completion: report.completion });
    },
  };
}
