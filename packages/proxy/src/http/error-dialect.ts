import { anthropicErrorTypeOf } from '@modelmesh/providers-anthropic/internal';
import type { HttpFailure } from './openai-error.js';

/** Which API's error shape a route answers with. */
export type ErrorDialect = 'openai' | 'anthropic';

/** An error answer's status and body in a dialect. */
export interface DialectError {
  readonly status: number;
  readonly body: unknown;
}

/** Anthropic's status for "out of capacity": the mesh has no model to serve, or the proxy is full. */
const OVERLOADED = 529;

/**
 * The status and body of a failure in a route's dialect. OpenAI routes send
 * `{ error: { message, type, param, code } }`; Anthropic routes send
 * `{ type: 'error', error: { type, message } }` with Anthropic's error type for the status, and
 * a 503 (no model active, proxy full, shutting down) becomes Anthropic's 529 `overloaded_error`,
 * which its clients retry.
 */
export function dialectError(failure: HttpFailure, dialect: ErrorDialect, requestId?: string): DialectError {
  if (dialect === 'openai') return { status: failure.status, body: { error: failure.error } };
  const status = failure.status === 503 ? OVERLOADED : failure.status;
  return {
    status,
    body: { type: 'error', error: { type: anthropicErrorTypeOf(status), message: failure.error.message }, ...(requestId === undefined ? {} : { request_id: requestId }) },
  };
}
