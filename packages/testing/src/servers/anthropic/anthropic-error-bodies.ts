/** Anthropic's error body: `{ type: 'error', error: { type, message }, request_id }`. */
export interface AnthropicErrorBody {
  readonly type: 'error';
  readonly error: { readonly type: string; readonly message: string };
  readonly request_id?: string;
}

/** Builds an Anthropic error body. */
export function anthropicErrorBody(type: string, message: string, requestId?: string): AnthropicErrorBody {
  return { type: 'error', error: { type, message }, ...(requestId === undefined ? {} : { request_id: requestId }) };
}

/**
 * The error type of each status (the "Errors" table of Anthropic's API reference), with the
 * message the API sends for it. The fake server keeps its own copy of the table rather than
 * importing the provider's: it is the reference the provider is tested against.
 */
const DEFAULT_ERRORS: Readonly<Record<number, { type: string; message: string }>> = {
  400: { type: 'invalid_request_error', message: 'temperature: Input should be less than or equal to 1' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  402: { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'model: claude-fake-0' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  // No wait hint in the text: a 429 without retry-after must carry none.
  429: {
    type: 'rate_limit_error',
    message: 'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to the rate limits documentation.',
  },
  500: { type: 'api_error', message: 'Internal server error' },
  504: { type: 'timeout_error', message: 'Request timed out' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** The HTTP status the API answers each error type with: the table above, read the other way. */
export const ANTHROPIC_ERROR_STATUS: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(DEFAULT_ERRORS).map(([status, { type }]) => [type, Number(status)]));

/** The HTTP status of an error type (500 for a type the API does not list). */
export function anthropicErrorStatus(type: string): number {
  return ANTHROPIC_ERROR_STATUS[type] ?? 500;
}

/** The error body Anthropic sends with a status (an `api_error` for 5xx statuses it has no type for). */
export function defaultAnthropicErrorBody(status: number, requestId?: string): AnthropicErrorBody {
  const known = DEFAULT_ERRORS[status] ?? (status >= 500 ? { type: 'api_error', message: `HTTP ${status}` } : { type: 'invalid_request_error', message: `HTTP ${status}` });
  return anthropicErrorBody(known.type, known.message, requestId);
}

/** The 400 for a prompt that does not fit, in the words the API uses. */
export function promptTooLongBody(promptTokens = 210_000, contextWindow = 200_000, requestId?: string): AnthropicErrorBody {
  return anthropicErrorBody('invalid_request_error', `prompt is too long: ${promptTokens} tokens > ${contextWindow} maximum`, requestId);
}
