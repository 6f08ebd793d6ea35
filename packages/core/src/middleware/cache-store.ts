import type { ChatCompletion, CreateEmbeddingResponse } from '@modelmesh/provider';

/** What the cache keeps for one request: a chat answer or an embeddings response. */
export type CachedAnswer = { readonly kind: 'chat'; readonly completion: ChatCompletion } | { readonly kind: 'embeddings'; readonly response: CreateEmbeddingResponse };

/**
 * Where a response cache (`@modelmesh/middleware-cache`) keeps answers: a get and a set with a
 * time to live. Small on purpose, so a backend (memory, Redis, a KV store) is a thin adapter.
 * It lives in core so a state store can offer one on its own connection (`StateStore.cacheStore()`)
 * without depending on the cache package. Values are plain JSON data; a store that keeps
 * objects must not hand out the same object twice for the caller to change.
 */
export interface CacheStore {
  /** The answer stored under `key`, or undefined when there is none (or it expired). */
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Stores `answer` under `key` for `ttlMs` milliseconds. */
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
}
