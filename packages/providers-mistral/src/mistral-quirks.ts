import { parseRateLimitHeaders, readHeader, type ErrorBodyParser } from '@modelmesh/provider-kit';
import { refineErrorBody, type ParamRenames, type RateLimitHeaderParser, type RequestKind } from '@modelmesh/providers-openai-compatible/internal';

/*
 * Where Mistral's API differs from OpenAI's wire format. Mistral validates request bodies
 * strictly: a field it does not know is a 422 `extra_forbidden`, not something it ignores.
 */

/**
 * OpenAI parameters Mistral rejects. They are removed from requests with one warning per
 * parameter (the base's `dropParams`). `stream_options` is among them: Mistral sends usage in
 * the last chunk of every stream unasked, so this package never adds it either.
 */
export const MISTRAL_DROPPED_PARAMS: readonly string[] = [
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'store',
  'service_tier',
  'metadata',
  'user',
  'stream_options',
  'modalities',
  'audio',
  'web_search_options',
  'prompt_cache_key',
  'safety_identifier',
  'verbosity',
];

/**
 * OpenAI parameters Mistral knows under another name (an explicit value under Mistral's name
 * wins): `max_completion_tokens` → `max_tokens`, `seed` → `random_seed`, and for embeddings
 * `dimensions` → `output_dimension`.
 */
export const MISTRAL_RENAMED_PARAMS: ParamRenames = {
  chat: { max_completion_tokens: 'max_tokens', seed: 'random_seed' },
  embeddings: { dimensions: 'output_dimension' },
};

/** Fields other vendors put on assistant messages (and clients replay) that Mistral rejects in input. */
const FOREIGN_ASSISTANT_FIELDS = ['reasoning_content', 'reasoning', 'refusal', 'annotations', 'audio'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function withoutForeignFields(message: unknown): unknown {
  if (!isRecord(message) || message['role'] !== 'assistant') return message;
  if (!FOREIGN_ASSISTANT_FIELDS.some((field) => field in message)) return message;
  const copy = { ...message };
  for (const field of FOREIGN_ASSISTANT_FIELDS) delete copy[field];
  return copy;
}

/**
 * Assistant messages lose the output-only fields other vendors add (`reasoning_content`,
 * `refusal`, `annotations`, ...), which Mistral rejects when a conversation is replayed to it.
 * Everything else goes through untouched.
 */
export function withoutForeignAssistantFields(body: Record<string, unknown>, kind: RequestKind): Record<string, unknown> {
  if (kind === 'embeddings' || !Array.isArray(body['messages'])) return body;
  return { ...body, messages: body['messages'].map(withoutForeignFields) };
}

/** `[{ loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted' }]` → `body.stream_options: Extra inputs are not permitted`. */
function validationDetail(value: unknown): string | undefined {
  let detail = value;
  if (typeof detail === 'string' && detail.trimStart().startsWith('{')) {
    try {
      detail = JSON.parse(detail) as unknown;
    } catch {
      return undefined;
    }
  }
  if (isRecord(detail)) detail = detail['detail'];
  if (!Array.isArray(detail) || detail.length === 0) return undefined;
  const parts = detail.filter(isRecord).map((item) => {
    const where = Array.isArray(item['loc']) ? item['loc'].join('.') : undefined;
    const msg = typeof item['msg'] === 'string' ? item['msg'] : typeof item['message'] === 'string' ? item['message'] : 'invalid';
    return where ? `${where}: ${msg}` : msg;
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * Mistral's error bodies: OpenAI-like `{ object: 'error', message, type, code }`, except that
 * a 422 validation error carries pydantic's `{ detail: [{ loc, msg }] }` in `message` (as an
 * object, an array or, from older deployments, JSON text). Those become one readable message
 * naming the offending fields.
 */
export const parseMistralError: ErrorBodyParser = refineErrorBody((parsed, body) => {
  const detail = validationDetail(body['message']) ?? validationDetail(body['detail']);
  if (detail === undefined) return parsed;
  return {
    ...parsed,
    message: detail,
    type: typeof body['type'] === 'string' ? body['type'] : parsed?.type,
  };
});

/** Mistral's per-minute rate-limit headers and the standard names provider-kit reads. */
const RATE_LIMIT_HEADERS: ReadonlyArray<readonly [mistral: string, standard: string]> = [
  ['x-ratelimit-limit-req-minute', 'x-ratelimit-limit-requests'],
  ['x-ratelimit-remaining-req-minute', 'x-ratelimit-remaining-requests'],
  ['x-ratelimit-limit-tokens-minute', 'x-ratelimit-limit-tokens'],
  ['x-ratelimit-remaining-tokens-minute', 'x-ratelimit-remaining-tokens'],
];

/**
 * Mistral reports its per-minute windows as `x-ratelimit-{limit,remaining}-req-minute` and
 * `x-ratelimit-{limit,remaining}-tokens-minute`, with no reset time. They are read as the
 * standard `x-ratelimit-*` ones would be, with a reset at the end of the one-minute window at
 * most (`60s`), so a model whose window is used up sits out for that minute instead of
 * collecting 429s. Standard headers the response also has win (the base merges them).
 */
export const parseMistralRateLimitHeaders: RateLimitHeaderParser = (headers, now) => {
  const standard: Record<string, string> = {};
  for (const [mistral, name] of RATE_LIMIT_HEADERS) {
    const value = readHeader(headers, mistral);
    if (value !== undefined) standard[name] = value;
  }
  const names = Object.keys(standard);
  if (names.some((name) => name.endsWith('-requests'))) standard['x-ratelimit-reset-requests'] = '60s';
  if (names.some((name) => name.endsWith('-tokens'))) standard['x-ratelimit-reset-tokens'] = '60s';
  return parseRateLimitHeaders(standard, now);
};
