import {
  AuthenticationError,
  ContentFilteredError,
  ContextLengthExceededError,
  ProviderHttpError,
  RateLimitError,
  type ProviderError,
} from '@modelmesh/core';

/** An HTTP error response, as a mock outcome describes it. */
export interface MockHttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Who failed, for the error's fields. */
export interface HttpErrorSource {
  readonly providerId: string;
  readonly modelId: string;
  /** Now, in ms since epoch, for `Retry-After` given as an HTTP date. */
  readonly now: number;
}

const CONTEXT_CODES = /context_length_exceeded|string_above_max_length|context_window/i;
const CONTEXT_MESSAGES = /context length|context window|maximum context|prompt is too long|too many tokens/i;
const FILTER_CODES = /content_filter|content_policy|safety|blocked/i;
const FILTER_MESSAGES = /content (management )?polic|content filter|safety (system|filter)/i;

function header(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Seconds to wait, from `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Readonly<Record<string, string>> | undefined, now: number): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms) / 1000;
  const value = header(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The error code and message in a vendor error body (OpenAI, Anthropic and Google shapes). */
function describeBody(body: unknown): { code: string; message: string | undefined } {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      return { code: '', message: body || undefined };
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return { code: '', message: undefined };
  const root = parsed as Record<string, unknown>;
  const inner = typeof root['error'] === 'object' && root['error'] !== null ? (root['error'] as Record<string, unknown>) : root;
  const codes = [inner['code'], inner['type'], inner['status'], root['code']].filter((c): c is string => typeof c === 'string');
  const message = typeof inner['message'] === 'string' ? inner['message'] : typeof root['message'] === 'string' ? root['message'] : undefined;
  return { code: codes.join(' '), message };
}

/**
 * Maps an HTTP error response to the ModelMesh error a real provider throws for it.
 * The body is kept in `details.body`; a `Retry-After` on any status is in `details.retryAfter`
 * (seconds), where the router honours it for retryable errors.
 */
export function httpError(response: MockHttpResponse, source: HttpErrorSource): ProviderError {
  const { status, headers, body } = response;
  const { providerId, modelId } = source;
  const { code, message } = describeBody(body);
  const retryAfter = parseRetryAfter(headers, source.now);
  const details = { body, ...(retryAfter === undefined ? {} : { retryAfter }) };
  const base = { providerId, modelId, status, details, ...(message === undefined ? {} : { message: `Provider "${providerId}" answered HTTP ${status}: ${message}` }) };
  if (status === 401 || status === 403) return new AuthenticationError(base);
  if (status === 429) return new RateLimitError({ ...base, retryAfter });
  const clientError = status >= 400 && status < 500;
  if (clientError && (CONTEXT_CODES.test(code) || (message !== undefined && CONTEXT_MESSAGES.test(message)))) {
    return new ContextLengthExceededError(base);
  }
  if (FILTER_CODES.test(code) || (clientError && message !== undefined && FILTER_MESSAGES.test(message))) {
    return new ContentFilteredError({ ...base, ...(code === '' ? {} : { reason: code }) });
  }
  return new ProviderHttpError(base);
}
