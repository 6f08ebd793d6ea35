import type { ProviderErrorBody } from './error-body.js';

/** Codes and types that mean "the prompt does not fit". */
const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length', 'context_window_exceeded', 'request_too_large']);
const CONTEXT_TEXT =
  /(context[_ ]length|context window|maximum context|max(imum)? (prompt|input) (length|tokens)|prompt is too long|too many (input )?tokens|reduce the length of the (messages|prompt)|exceeds? the (model'?s? )?(maximum )?(context|token limit|input limit)|input is too long)/i;

/** Codes and types that mean "the provider's safety system refused". */
const FILTER_CODES = new Set(['content_filter', 'content_policy_violation', 'content_filtered', 'responsibleaipolicyviolation', 'safety', 'moderation_blocked']);
const FILTER_TEXT = /(content (management )?policy|content[_ ]filter|safety system|flagged (as|by|for)|violat\w* (our|the) (usage|content) polic)/i;

/** Codes that mean a rate limit or quota, wherever they appear (in-stream errors have no 429). */
const RATE_CODES = new Set(['rate_limit_exceeded', 'rate_limit_error', 'insufficient_quota', 'resource_exhausted', 'too_many_requests']);

/** Codes that mean bad credentials. */
const AUTH_CODES = new Set(['invalid_api_key', 'authentication_error', 'permission_error', 'unauthenticated', 'permission_denied', 'invalid_authentication']);

/** The ModelMesh error family an HTTP failure belongs to. */
export type ErrorKind = 'authentication' | 'rate_limited' | 'context_length_exceeded' | 'content_filtered' | 'http';

const lower = (value: string | undefined) => value?.toLowerCase() ?? '';

/**
 * Decides which typed error a failure becomes, from the status (if any) and what the body
 * says. Context-length and content-filter errors are recognised only on client errors
 * (4xx) or status-less in-stream errors: a 5xx whose text happens to mention "context"
 * stays a retryable server error.
 */
export function errorKind(status: number | undefined, body: ProviderErrorBody | undefined, rawText = ''): ErrorKind {
  const code = lower(body?.code);
  const type = lower(body?.type);
  const text = body?.message ?? rawText;
  if (status === 401 || status === 403) return 'authentication';
  if (status === 429) return 'rate_limited';
  const clientSide = status === undefined || (status >= 400 && status < 500);
  if (clientSide) {
    if (CONTEXT_CODES.has(code) || CONTEXT_CODES.has(type) || (status !== 404 && CONTEXT_TEXT.test(text))) return 'context_length_exceeded';
    if (FILTER_CODES.has(code) || FILTER_CODES.has(type) || FILTER_TEXT.test(text)) return 'content_filtered';
  }
  if (status === undefined) {
    if (RATE_CODES.has(code) || RATE_CODES.has(type)) return 'rate_limited';
    if (AUTH_CODES.has(code) || AUTH_CODES.has(type)) return 'authentication';
  }
  return 'http';
}

/** Token counts quoted in OpenAI-style context errors ("maximum context length is 8192 tokens ... resulted in 9000 tokens"). */
export function contextNumbers(message: string | undefined): { contextWindow?: number; requestedTokens?: number } {
  if (message === undefined) return {};
  const window = /(?:maximum context length|context (?:window|length)(?: of| is)?)[^\d]{0,20}(\d[\d,]*)/i.exec(message)?.[1];
  const requested = /(?:resulted in|requested|you requested|prompt (?:has|is)|input (?:has|is))[^\d]{0,20}(\d[\d,]*)/i.exec(message)?.[1];
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s.replace(/,/g, '')));
  const out: { contextWindow?: number; requestedTokens?: number } = {};
  const w = num(window);
  const r = num(requested);
  if (w !== undefined) out.contextWindow = w;
  if (r !== undefined) out.requestedTokens = r;
  return out;
}
