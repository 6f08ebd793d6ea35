import type { CompletionUsage, RequestCompletedEvent, RequestOptions } from '@modelmesh/core';

/** What the mesh's events told about one proxied request. */
export interface RequestTrace {
  /** The mesh's request id. */
  requestId?: string;
  /** The pool that served the request. */
  poolName?: string;
  /** Model key of the latest attempt (the answering one once the request is over). */
  modelKey?: string;
  /** Provider instance of the latest attempt. */
  providerId?: string;
  /** Attempts made so far. */
  attempts: number;
  /** USD cost, once the request completed. */
  cost?: number;
  /** Token usage, once the request completed. */
  usage?: CompletionUsage;
  /** Streams recovered after a break: which model took over from which, and how. */
  recoveries?: RequestCompletedEvent['recoveries'];
  /** A cache middleware answered (no provider was called). */
  cacheHit?: boolean;
}

/**
 * Request options (`base` plus callbacks) that record, into `trace`, which model and
 * provider the mesh placed the request on, after how many attempts, and at what cost (the
 * mesh calls them per request). Built in one literal: a fixed shape, no copies.
 */
export function tracingOptions(trace: RequestTrace, base: Pick<RequestOptions, 'signal' | 'keyName' | 'sessionId' | 'cache'> = {}): RequestOptions {
  return {
    signal: base.signal,
    keyName: base.keyName,
    sessionId: base.sessionId,
    cache: base.cache,
    onCacheHit: () => {
      trace.cacheHit = true;
    },
    onRouted: (event) => {
      trace.requestId = event.requestId;
      trace.poolName = event.poolName;
      trace.modelKey = event.modelKey;
      trace.providerId = event.providerId;
      trace.attempts = event.attempt;
    },
    onCompleted: (event) => {
      trace.requestId = event.requestId;
      trace.poolName = event.poolName;
      trace.attempts = event.attempts;
      if (!event.ok) return;
      if (event.modelKey !== undefined) trace.modelKey = event.modelKey;
      if (event.providerId !== undefined) trace.providerId = event.providerId;
      trace.cost = event.cost;
      if (event.usage !== undefined) trace.usage = event.usage;
      if (event.recoveries !== undefined) trace.recoveries = event.recoveries;
    },
  };
}

/** Formats a USD amount for a header: plain decimal notation, no exponent, no trailing zeros. */
export function formatCost(cost: number): string {
  if (!Number.isFinite(cost) || cost <= 0) return '0';
  const fixed = cost.toFixed(10);
  // Trailing zeros, then a trailing point, cut by hand: this runs on every answer.
  let end = fixed.length;
  while (end > 0 && fixed.charCodeAt(end - 1) === 48) end--;
  if (end > 0 && fixed.charCodeAt(end - 1) === 46) end--;
  return fixed.slice(0, end);
}

/** Header-safe text: names from config may hold characters HTTP headers cannot carry. */
const headerValue = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text));

/** `base` plus the `x-modelmesh-*` headers a trace supports so far. */
export function traceHeaders(trace: RequestTrace, withCost: boolean, base: Readonly<Record<string, string>> = {}): Record<string, string> {
  const headers: Record<string, string> = { ...base, 'x-modelmesh-attempts': String(trace.attempts) };
  if (trace.poolName !== undefined) headers['x-modelmesh-pool'] = headerValue(trace.poolName);
  if (trace.modelKey !== undefined) headers['x-modelmesh-model'] = headerValue(trace.modelKey);
  if (trace.providerId !== undefined) headers['x-modelmesh-provider'] = headerValue(trace.providerId);
  if (trace.requestId !== undefined) headers['x-request-id'] = trace.requestId;
  if (withCost && trace.cost !== undefined) headers['x-modelmesh-cost'] = formatCost(trace.cost);
  if (trace.cacheHit) headers['x-modelmesh-cache'] = 'hit';
  return headers;
}
