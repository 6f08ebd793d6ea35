import { APICallError } from '@ai-sdk/provider';
import {
  AllProvidersExhaustedError,
  DeadlineExceededError,
  InvalidRequestError,
  NoActiveModelError,
  ProviderError,
  type ModelMeshError,
} from '@modelmesh/core';

/** Where a mesh call "went", for `APICallError.url`: the mesh and the pool, never a vendor URL with secrets. */
export function meshCallUrl(pool: string): string {
  return `modelmesh:pool/${encodeURIComponent(pool)}`;
}

function apiCallError(error: ModelMeshError, pool: string, requestBody: unknown, statusCode: number | undefined, isRetryable: boolean, responseHeaders?: Record<string, string>): APICallError {
  return new APICallError({
    message: error.message,
    url: meshCallUrl(pool),
    requestBodyValues: requestBody,
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(responseHeaders ? { responseHeaders } : {}),
    cause: error,
    isRetryable,
    data: error.toJSON(),
  });
}

/**
 * A mesh error in the AI SDK's terms. Failures of the call itself become `APICallError`s
 * (the mesh error is their `cause`) and are NOT retryable: the mesh has already retried and
 * failed over, so another round from the AI SDK would only multiply attempts. The exception
 * is `NoActiveModelError` with a known recovery time, passed on as `retry-after` so the AI
 * SDK's retry waits for it. Errors that are not about a call (configuration, budget, an
 * aborted request) stay typed ModelMesh errors.
 */
export function mapMeshError(error: unknown, pool: string, requestBody: unknown): unknown {
  if (NoActiveModelError.isInstance(error)) {
    const retryAfter = error.retryAfter;
    const headers = retryAfter === undefined ? undefined : { 'retry-after': String(Math.max(0, Math.ceil(retryAfter))) };
    return apiCallError(error, pool, requestBody, 503, retryAfter !== undefined, headers);
  }
  if (AllProvidersExhaustedError.isInstance(error)) {
    const status = ProviderError.isInstance(error.lastError) ? error.lastError.status : undefined;
    return apiCallError(error, pool, requestBody, status ?? 502, false);
  }
  if (DeadlineExceededError.isInstance(error)) return apiCallError(error, pool, requestBody, 504, false);
  if (ProviderError.isInstance(error)) return apiCallError(error, pool, requestBody, error.status, false);
  if (InvalidRequestError.isInstance(error)) return apiCallError(error, pool, requestBody, 400, false);
  return error;
}
