import { ContextLengthExceededError, ProviderError, ProviderHttpError } from '@modelmesh/provider';
import { mapErrorPayload, parseErrorBody, type ErrorBodyParser } from '@modelmesh/provider-kit';

/**
 * The HTTP status of each Anthropic error type (the API reference's "Errors" table). Used for
 * errors that arrive inside a stream, which carry a type but no status: `overloaded_error`
 * becomes a retryable 529, `rate_limit_error` a RateLimitError, `api_error` a retryable 500.
 */
export const ANTHROPIC_ERROR_TYPE_STATUS: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * The Anthropic error type of an HTTP status, the inverse of {@link ANTHROPIC_ERROR_TYPE_STATUS}:
 * for servers that answer in Anthropic's shape. 503 (a server out of capacity) is `overloaded_error`
 * like 529; other 4xx are `invalid_request_error` and other 5xx `api_error`.
 */
export function anthropicErrorTypeOf(status: number): string {
  if (status === 503) return 'overloaded_error';
  for (const [type, code] of Object.entries(ANTHROPIC_ERROR_TYPE_STATUS)) if (code === status) return type;
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

/**
 * Reads Anthropic's error body `{ type: 'error', error: { type, message }, request_id }` (also
 * understood by provider-kit's parser) and adds the status its type stands for, so that an
 * in-stream error is classified like the HTTP error of the same type.
 */
export const parseAnthropicError: ErrorBodyParser = (body) => {
  const parsed = parseErrorBody(body);
  if (parsed === undefined || parsed.status !== undefined || parsed.type === undefined) return parsed;
  const status = ANTHROPIC_ERROR_TYPE_STATUS[parsed.type];
  return status === undefined ? parsed : { ...parsed, status };
};

/** Context of an error found in a stream or a 200 body. */
export interface AnthropicErrorContext {
  providerId: string;
  modelId: string;
  secrets: readonly string[];
}

/** The typed error for an `error` event (or an error body that came with a 200). */
export function anthropicPayloadError(payload: unknown, context: AnthropicErrorContext): ProviderError {
  return refineAnthropicError(mapErrorPayload({ ...context, payload, parseBody: parseAnthropicError }));
}

/** "prompt is too long: 208310 tokens > 200000 maximum". */
const PROMPT_TOO_LONG = /prompt is too long:\s*([\d,]+)\s*tokens?\s*>\s*([\d,]+)/i;
/** "input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000". */
const EXCEEDS_LIMIT = /exceed(?:s)? (?:the )?context limit:\s*([\d,]+)\s*\+\s*([\d,]+)\s*>\s*([\d,]+)/i;

const num = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text.replace(/,/g, '')));

/**
 * Makes Anthropic's context-window errors precise: "prompt is too long: N tokens > M maximum"
 * gets `requestedTokens` N and `contextWindow` M, and the 400 for a prompt plus `max_tokens` over
 * the window ("input length and `max_tokens` exceed context limit: a + b > c"), which
 * provider-kit leaves a plain 400, becomes a ContextLengthExceededError too. Other errors pass
 * through unchanged.
 */
export function refineAnthropicError<E>(error: E): E | ContextLengthExceededError {
  if (!ProviderError.isInstance(error)) return error;
  const isContext = ContextLengthExceededError.isInstance(error);
  if (!isContext && !(ProviderHttpError.isInstance(error) && error.status === 400)) return error;
  const tooLong = PROMPT_TOO_LONG.exec(error.message);
  const exceeds = tooLong === null ? EXCEEDS_LIMIT.exec(error.message) : null;
  if (tooLong === null && exceeds === null) return error;
  const requestedTokens = tooLong ? num(tooLong[1]) : (num(exceeds?.[1]) ?? 0) + (num(exceeds?.[2]) ?? 0);
  const contextWindow = tooLong ? num(tooLong[2]) : num(exceeds?.[3]);
  return new ContextLengthExceededError({
    providerId: error.providerId,
    modelId: error.modelId,
    status: error.status ?? 400,
    message: error.message,
    details: error.details,
    cause: error.cause,
    requestedTokens,
    contextWindow,
  });
}
