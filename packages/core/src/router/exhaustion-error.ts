import { type ModelMeshError, RateLimitError, AllProvidersExhaustedError } from '@modelmesh/provider';
import type { RequestRun } from './route-loop.js';

/**
 * The error for a request that ran out of attempts. When every attempt was rate limited,
 * that is what the caller should know (and when to come back): the RateLimitError that
 * resets soonest, not a generic exhaustion.
 */
export function exhausted(run: RequestRun): ModelMeshError {
  const limited = run.rateLimited;
  if (limited && !run.otherFailure) {
    return new RateLimitError({
      providerId: limited.providerId,
      modelId: limited.modelId,
      retryAfter: limited.retryAfter,
      status: limited.status,
      cause: run.lastError,
      message: `Every model in pool "${run.pool.definition.name}" is rate limited (${run.attempts} attempts)${limited.retryAfter === undefined ? '' : `; the first frees up in ${limited.retryAfter}s`}`,
      details: { poolName: run.pool.definition.name, attempts: run.attempts },
    });
  }
  return new AllProvidersExhaustedError({ poolName: run.pool.definition.name, attempts: run.attempts, lastError: run.lastError });
}
