import { AuthenticationError, ContextLengthExceededError, ProviderHttpError, RateLimitError, type ProviderError } from '@modelmesh/provider';
import { errorBodyObject, mapErrorPayload, mapHttpError, parseErrorBody, parseRetryAfter, type ErrorBodyParser, type HeaderSource } from '@modelmesh/provider-kit';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Messages Gemini sends when the prompt does not fit the model ("The input token count (N) exceeds the maximum number of tokens allowed (M)."). */
const TOKEN_LIMIT_TEXT = /(input token count.*exceeds|exceeds the maximum number of tokens|token count exceeds|exceeds the (model's )?(maximum )?context|too many (input )?tokens|prompt is too long)/i;

/** `ErrorInfo` reasons that mean the key itself is bad (Gemini answers those with a 400, not a 401). */
const INVALID_KEY_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'API_KEY_SERVICE_BLOCKED']);

/** The `{ code, message, status, details }` object of a Google error body (also inside a one-element array). */
function googleError(body: unknown): Record<string, unknown> | undefined {
  const error = errorBodyObject(body)?.['error'];
  return isRecord(error) ? error : undefined;
}

function detailsOf(error: Record<string, unknown> | undefined, type: string): Record<string, unknown> | undefined {
  const details = error?.['details'];
  if (!Array.isArray(details)) return undefined;
  return details.find((d): d is Record<string, unknown> => isRecord(d) && typeof d['@type'] === 'string' && d['@type'].endsWith(`/google.rpc.${type}`));
}

/** Seconds of a protobuf `Duration` in JSON (`"20s"`, `"1.500s"`) or object form (`{ seconds, nanos }`). */
function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
    return match ? Number(match[1]) : undefined;
  }
  if (isRecord(value)) {
    const seconds = Number(value['seconds'] ?? 0);
    const nanos = Number(value['nanos'] ?? 0);
    return Number.isFinite(seconds) && Number.isFinite(nanos) ? seconds + nanos / 1e9 : undefined;
  }
  return undefined;
}

/** `retryDelay` of the `google.rpc.RetryInfo` detail of a Google error body, in seconds. */
export function googleRetryDelay(body: unknown): number | undefined {
  return durationSeconds(detailsOf(googleError(body), 'RetryInfo')?.['retryDelay']);
}

/** `reason` of the `google.rpc.ErrorInfo` detail (e.g. `API_KEY_INVALID`), if any. */
export function googleErrorReason(body: unknown): string | undefined {
  const reason = detailsOf(googleError(body), 'ErrorInfo')?.['reason'];
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * Reads Google's error body `{ error: { code, message, status, details } }`. The `code` reported
 * is the `ErrorInfo` reason when there is one (`API_KEY_INVALID`), else the canonical status
 * (`RESOURCE_EXHAUSTED`); `type` is the canonical status. A token-limit message gets code
 * `context_length_exceeded` and a bad key `invalid_api_key`, so they map to the right errors.
 */
export const parseGoogleError: ErrorBodyParser = (body) => {
  const base = parseErrorBody(body);
  if (base === undefined) return undefined;
  const error = googleError(body);
  const status = typeof error?.['status'] === 'string' ? error['status'] : undefined;
  const reason = googleErrorReason(body);
  let code = reason ?? status ?? base.code;
  if (reason !== undefined && INVALID_KEY_REASONS.has(reason)) code = 'invalid_api_key';
  else if (base.message !== undefined && /API key not valid/i.test(base.message)) code = 'invalid_api_key';
  else if (base.message !== undefined && TOKEN_LIMIT_TEXT.test(base.message)) code = 'context_length_exceeded';
  const out = { ...base, type: status ?? base.type };
  return code === undefined ? out : { ...out, code };
};

/** Token counts quoted in Gemini's token-limit message. */
function tokenNumbers(message: string): { requestedTokens?: number; contextWindow?: number } {
  const requested = /input token count\D{0,5}(\d+)/i.exec(message)?.[1];
  const allowed = /maximum number of tokens allowed\D{0,5}(\d+)/i.exec(message)?.[1];
  return { ...(requested === undefined ? {} : { requestedTokens: Number(requested) }), ...(allowed === undefined ? {} : { contextWindow: Number(allowed) }) };
}

// A function, not the type guard: the guard would narrow `error` to `never` (the classes are structurally equal).
const isAuthenticationError = (error: unknown): boolean => AuthenticationError.isInstance(error);

/** Adds what only Google's body says: `RetryInfo` as `retryAfter`, a 400 bad key as AuthenticationError, token counts. */
function refine(error: ProviderError, body: unknown, headerRetryAfter: number | undefined): ProviderError {
  const common = { providerId: error.providerId, modelId: error.modelId === '' ? undefined : error.modelId, message: error.message };
  const parsed = parseGoogleError(body);
  if (parsed?.code === 'invalid_api_key' && !isAuthenticationError(error)) {
    return new AuthenticationError({ ...common, ...(error.status === undefined ? {} : { status: error.status }), details: error.details });
  }
  if (ContextLengthExceededError.isInstance(error) && error.contextWindow === undefined) {
    const numbers = tokenNumbers(parsed?.message ?? '');
    if (numbers.contextWindow !== undefined || numbers.requestedTokens !== undefined) {
      return new ContextLengthExceededError({ ...common, ...(error.status === undefined ? {} : { status: error.status }), details: error.details, ...numbers });
    }
  }
  const delay = googleRetryDelay(body);
  if (delay === undefined || headerRetryAfter !== undefined) return error;
  if (RateLimitError.isInstance(error)) {
    return new RateLimitError({ ...common, ...(error.status === undefined ? {} : { status: error.status }), details: { ...error.details, retryAfter: delay }, retryAfter: delay });
  }
  if (ProviderHttpError.isInstance(error) && error.details['retryAfter'] === undefined) {
    return new ProviderHttpError({ ...common, status: error.status, details: { ...error.details, retryAfter: delay } });
  }
  return error;
}

/** Everything {@link mapGoogleHttpError} looks at. */
export interface GoogleHttpErrorInput {
  providerId: string;
  modelId?: string;
  status: number;
  headers?: HeaderSource;
  /** The (possibly cut) response body as text. */
  body: string;
  secrets: readonly string[];
  /** ms since epoch, for HTTP-date `Retry-After`. */
  now: number;
}

/**
 * Maps a Gemini error response to the typed ModelMesh error: provider-kit's mapping by status
 * (401/403 `UNAUTHENTICATED`/`PERMISSION_DENIED` → AuthenticationError, 429 `RESOURCE_EXHAUSTED` →
 * RateLimitError, 5xx `INTERNAL`/`UNAVAILABLE`/`DEADLINE_EXCEEDED` → retryable ProviderHttpError,
 * other 4xx → non-retryable), plus Google's specifics: `retryAfter` from the `RetryInfo` detail
 * (when no `Retry-After` header says otherwise), a 400 `API_KEY_INVALID` → AuthenticationError, and a
 * 400 token-limit message → ContextLengthExceededError with the counts it quotes.
 */
export function mapGoogleHttpError(input: GoogleHttpErrorInput): ProviderError {
  const mapped = mapHttpError({ ...input, parseBody: parseGoogleError });
  const headerRetryAfter = input.headers === undefined ? undefined : parseRetryAfter(input.headers, input.now);
  return refine(mapped, input.body, headerRetryAfter);
}

/** Maps an `{ error: {...} }` event inside a 200 stream (or a 200 body) the same way; the body's `code` stands in for the status. */
export function mapGoogleErrorPayload(payload: unknown, context: { providerId: string; modelId?: string; secrets: readonly string[] }): ProviderError {
  const unwrapped = Array.isArray(payload) && payload.length === 1 ? (payload[0] as unknown) : payload;
  const mapped = mapErrorPayload({ ...context, payload: unwrapped, parseBody: parseGoogleError });
  return refine(mapped, unwrapped, undefined);
}

/** True for a 200 body or stream event that is an error report rather than an answer. */
export function isGoogleErrorPayload(data: unknown): boolean {
  const value = Array.isArray(data) && data.length === 1 ? data[0] : data;
  return isRecord(value) && isRecord(value['error']) && value['candidates'] === undefined;
}
