import type { RequestCall } from '@modelmesh/core';

/**
 * Whether a request may be answered from, and stored in, the cache: not when the caller opted
 * out (`cache: false`, `x-modelmesh-cache: no-store`), and not a sampled chat request
 * (`temperature` above 0) unless `cacheSampled` says so, since its caller asked for variety.
 * A request with no `temperature` counts as not sampled.
 */
export function isCacheable(call: RequestCall, cacheSampled: boolean): boolean {
  if (!call.context.cache) return false;
  if (call.operation === 'embeddings' || cacheSampled) return true;
  const { temperature } = call.params;
  return temperature === undefined || temperature === null || temperature <= 0;
}
