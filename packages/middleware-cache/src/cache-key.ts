import type { RequestCall } from '@modelmesh/core';

/**
 * Parameters that do not change the answer, left out of the key: who asks (`user`,
 * `safety_identifier`), how it is delivered (`stream`, `stream_options`), bookkeeping
 * (`metadata`, `store`, `service_tier`, `prompt_cache_key`) and `model`, which the pool's
 * name replaces (two names for one pool share answers).
 */
const IGNORED = new Set(['model', 'user', 'safety_identifier', 'stream', 'stream_options', 'metadata', 'store', 'service_tier', 'prompt_cache_key']);

/** JSON with object keys sorted at every level, so equal requests give equal text. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : stableJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** The normalised request a key is made from: operation family, pool, and the parameters that change the answer. */
export function normalisedRequest(call: RequestCall): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(call.params)) if (!IGNORED.has(key)) params[key] = value;
  // A streamed and a plain chat request share answers: the stream replays the stored completion.
  return { kind: call.operation === 'embeddings' ? 'embeddings' : 'chat', pool: call.context.poolName, params };
}

/** A stable SHA-256 (hex) of the normalised request, prefixed with `namespace`. Web Crypto, so it runs in browsers and edge runtimes too. */
export async function cacheKey(call: RequestCall, namespace: string): Promise<string> {
  const bytes = new TextEncoder().encode(stableJson(normalisedRequest(call)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return `${namespace}${hex}`;
}
