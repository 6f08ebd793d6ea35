import { AuthenticationError, ContentFilteredError, ContextLengthExceededError, ProviderError, ProviderHttpError, RateLimitError, redactSecrets } from '@modelmesh/provider';
import { type ErrorBodyParser, parseErrorBody, type ProviderErrorBody } from './error-body.js';
import { contextNumbers, errorKind } from './error-kind.js';
import { safeExcerpt } from './error-message.js';
import { type HeaderSource, readHeader } from './header-source.js';
import { parseRetryAfter, parseRetryAfterFromMessage } from './retry-after.js';

/** Everything {@link mapHttpError} looks at. */
export interface HttpErrorInput {
  /** Provider instance id, for the error and its message. */
  providerId: string;
  /** Real model id at the provider, if known. */
  modelId?: string;
  /** HTTP status of the response. */
  status: number;
  /** Response headers (for `Retry-After` and the request id). */
  headers?: HeaderSource;
  /** The response body as text (it may be cut short; it is never copied whole into the error). */
  body?: string;
  /** Values to mask wherever they appear (the API key). */
  secrets?: readonly string[];
  /** Current time in ms since epoch, for HTTP-date `Retry-After`. */
  now?: number;
  /** Vendor error-body parser; defaults to {@link parseErrorBody}. */
  parseBody?: ErrorBodyParser;
}

/** Everything {@link mapErrorPayload} looks at: an error object a provider sent inside a 200 stream. */
export interface ErrorPayloadInput {
  /** Provider instance id. */
  providerId: string;
  /** Real model id at the provider, if known. */
  modelId?: string;
  /** The payload: `{ error: {...} }` or the inner error object. */
  payload: unknown;
  /** Values to mask wherever they appear (the API key). */
  secrets?: readonly string[];
  /** Vendor error-body parser; defaults to {@link parseErrorBody}. */
  parseBody?: ErrorBodyParser;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'openai-request-id', 'x-amzn-requestid', 'cf-ray'];

function requestIdOf(headers: HeaderSource | undefined): string | undefined {
  if (headers === undefined) return undefined;
  for (const name of REQUEST_ID_HEADERS) {
    const value = readHeader(headers, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

interface Classified {
  providerId: string;
  modelId: string | undefined;
  status: number | undefined;
  parsed: ProviderErrorBody | undefined;
  rawText: string;
  retryAfter: number | undefined;
  requestId: string | undefined;
  secrets: readonly string[];
  origin: string;
}

function build(c: Classified): ProviderError {
  const said = c.parsed?.message ?? (c.rawText.trim() === '' ? undefined : c.rawText);
  const excerpt = said === undefined ? undefined : safeExcerpt(said, c.secrets);
  const message = `Provider "${c.providerId}" ${c.origin}${excerpt === undefined ? '' : `: ${excerpt}`}`;
  // Pre-redact with the known secrets: core's toJSON only masks secret-looking patterns.
  const details = redactSecrets(
    Object.fromEntries(
      Object.entries({
        type: c.parsed?.type,
        code: c.parsed?.code,
        param: c.parsed?.param,
        requestId: c.requestId,
        retryAfter: c.retryAfter,
      }).filter(([, v]) => v !== undefined),
    ),
    c.secrets,
  ) as Record<string, unknown>;
  const base = { providerId: c.providerId, modelId: c.modelId, message, details, retryAfter: c.retryAfter };
  const withStatus = c.status === undefined ? base : { ...base, status: c.status };
  switch (errorKind(c.status, c.parsed, c.rawText)) {
    case 'authentication':
      return new AuthenticationError(withStatus);
    case 'rate_limited':
      return new RateLimitError({ ...withStatus, retryAfter: c.retryAfter ?? (said === undefined ? undefined : parseRetryAfterFromMessage(said)) });
    case 'context_length_exceeded':
      return new ContextLengthExceededError({ ...withStatus, ...contextNumbers(said) });
    case 'content_filtered':
      return new ContentFilteredError({ ...withStatus, reason: c.parsed?.code ?? c.parsed?.type });
    case 'http':
      if (c.status !== undefined) return new ProviderHttpError({ ...base, status: c.status });
      // An error event inside a stream: the provider failed mid-answer, which is worth another try.
      return new ProviderError({ ...base, code: 'http_error', retryable: true });
  }
}

function parseSafely(parser: ErrorBodyParser, value: unknown): ProviderErrorBody | undefined {
  try {
    return parser(value);
  } catch {
    return undefined;
  }
}

/**
 * Maps an HTTP error response to the typed ModelMesh error the router understands:
 * 401/403 → AuthenticationError; 429 → RateLimitError with `retryAfter` (headers, else
 * the message's "try again in 20s"); a 4xx saying the prompt is too long →
 * ContextLengthExceededError; a 4xx from the safety system → ContentFilteredError;
 * anything else → ProviderHttpError, retryable per `isRetryableStatus`. Every one carries
 * `retryAfter` (seconds; also in `details.retryAfter`) when the server sent `Retry-After`
 * (a 503 often does).
 * The message quotes the provider's own message, redacted and truncated, never the whole body.
 */
export function mapHttpError(input: HttpErrorInput): ProviderError {
  const rawText = input.body ?? '';
  const parsed = parseSafely(input.parseBody ?? parseErrorBody, rawText);
  const retryAfter = input.headers === undefined ? undefined : parseRetryAfter(input.headers, input.now ?? Date.now());
  return build({
    providerId: input.providerId,
    modelId: input.modelId,
    status: input.status,
    parsed,
    // An unparseable body (an HTML gateway page) is quoted only as a short excerpt.
    rawText: parsed === undefined ? rawText : '',
    retryAfter,
    requestId: requestIdOf(input.headers),
    secrets: input.secrets ?? [],
    origin: `answered HTTP ${input.status}`,
  });
}

/**
 * Maps an error a provider reported inside an otherwise successful stream
 * (`data: {"error": {...}}`) to a typed error. Without an HTTP status the code and type
 * decide; a numeric code in the body is used as the status; an unrecognised error is a
 * retryable ProviderError (`http_error`).
 */
export function mapErrorPayload(input: ErrorPayloadInput): ProviderError {
  const payload = input.payload;
  const wrapped = typeof payload === 'object' && payload !== null && 'error' in payload ? payload : { error: payload };
  const parsed = parseSafely(input.parseBody ?? parseErrorBody, wrapped);
  return build({
    providerId: input.providerId,
    modelId: input.modelId,
    status: parsed?.status,
    parsed,
    rawText: '',
    retryAfter: undefined,
    requestId: undefined,
    secrets: input.secrets ?? [],
    origin: 'sent an error in the stream',
  });
}

