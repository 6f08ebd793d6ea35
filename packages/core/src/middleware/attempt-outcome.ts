import type { CompletionUsage } from '@modelmesh/provider';
import type { AttemptOutcome } from './request-call.js';

/**
 * What `wrapAttempt` learns from an attempt's value: a completion or embeddings response
 * (model and usage), or a stream that has committed (it carries an `iterator`).
 */
export function attemptOutcome(value: unknown): AttemptOutcome {
  const shaped = value as { iterator?: unknown; model?: unknown; usage?: CompletionUsage } | null;
  if (shaped === null || typeof shaped !== 'object' || shaped.iterator !== undefined) return { streaming: true };
  return {
    streaming: false,
    ...(typeof shaped.model === 'string' ? { responseModel: shaped.model } : {}),
    ...(shaped.usage ? { usage: shaped.usage } : {}),
  };
}
