import { parseErrorBody, type ErrorBodyParser } from '@modelmesh/provider-kit';
import type { RequestKind } from '@modelmesh/providers-openai-compatible';

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

/** Fields other vendors put on assistant messages (and clients replay) that Mistral rejects in input. */
const FOREIGN_ASSISTANT_FIELDS = ['reasoning_content', 'reasoning', 'refusal', 'annotations', 'audio'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Moves `from` to `to` unless `to` is set already (then `from` is simply removed). */
function rename(body: Record<string, unknown>, from: string, to: string): void {
  if (body[from] === undefined) return;
  if (body[to] === undefined) body[to] = body[from];
  delete body[from];
}

function withoutForeignFields(message: unknown): unknown {
  if (!isRecord(message) || message['role'] !== 'assistant') return message;
  if (!FOREIGN_ASSISTANT_FIELDS.some((field) => field in message)) return message;
  const copy = { ...message };
  for (const field of FOREIGN_ASSISTANT_FIELDS) delete copy[field];
  return copy;
}

/**
 * Renames the OpenAI parameters Mistral knows under another name, after the unsupported ones
 * were dropped: `max_completion_tokens` → `max_tokens`, `seed` → `random_seed`, and for
 * embeddings `dimensions` → `output_dimension`. Assistant messages lose the output-only fields
 * other vendors add (`reasoning_content`, `refusal`, `annotations`, ...), which Mistral rejects
 * when a conversation is replayed to it. Everything else goes through untouched.
 */
export function mistralRequestBody(body: Record<string, unknown>, kind: RequestKind): Record<string, unknown> {
  const out = { ...body };
  if (kind === 'embeddings') {
    rename(out, 'dimensions', 'output_dimension');
    return out;
  }
  rename(out, 'max_completion_tokens', 'max_tokens');
  rename(out, 'seed', 'random_seed');
  if (Array.isArray(out['messages'])) out['messages'] = out['messages'].map(withoutForeignFields);
  return out;
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
export const parseMistralError: ErrorBodyParser = (body) => {
  const parsed = parseErrorBody(body);
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return parsed;
    }
  }
  if (!isRecord(value)) return parsed;
  const detail = validationDetail(value['message']) ?? validationDetail(value['detail']);
  if (detail === undefined) return parsed;
  return {
    ...parsed,
    message: detail,
    type: typeof value['type'] === 'string' ? value['type'] : parsed?.type,
  };
};

/** Mistral's per-minute rate-limit headers and the standard names provider-kit reads. */
const RATE_LIMIT_HEADERS: ReadonlyArray<readonly [mistral: string, standard: string]> = [
  ['x-ratelimit-limit-req-minute', 'x-ratelimit-limit-requests'],
  ['x-ratelimit-remaining-req-minute', 'x-ratelimit-remaining-requests'],
  ['x-ratelimit-limit-tokens-minute', 'x-ratelimit-limit-tokens'],
  ['x-ratelimit-remaining-tokens-minute', 'x-ratelimit-remaining-tokens'],
];

/**
 * Mistral reports its per-minute windows as `x-ratelimit-{limit,remaining}-req-minute` and
 * `x-ratelimit-{limit,remaining}-tokens-minute`, with no reset time. This `fetch` wrapper
 * adds the standard `x-ratelimit-*` names (which provider-kit reads and reports to the
 * router) with a reset at the end of the one-minute window at most (`60s`), so a model whose
 * window is used up sits out for that minute instead of collecting 429s. Headers the
 * response already has in the standard form are left alone.
 */
export function withMistralRateLimitHeaders(fetch?: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    // Looked up per call, so a stub of globalThis.fetch installed later is used.
    const response = await (fetch ?? globalThis.fetch)(input, init);
    const added: [string, string][] = [];
    for (const [mistral, standard] of RATE_LIMIT_HEADERS) {
      const value = response.headers.get(mistral);
      if (value !== null && !response.headers.has(standard)) added.push([standard, value]);
    }
    if (added.length === 0) return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of added) headers.set(name, value);
    if (added.some(([name]) => name.endsWith('-requests')) && !headers.has('x-ratelimit-reset-requests')) headers.set('x-ratelimit-reset-requests', '60s');
    if (added.some(([name]) => name.endsWith('-tokens')) && !headers.has('x-ratelimit-reset-tokens')) headers.set('x-ratelimit-reset-tokens', '60s');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
