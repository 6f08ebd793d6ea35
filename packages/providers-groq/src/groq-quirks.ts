import type { ProviderWarning, RequestKind } from '@modelmesh/providers-openai-compatible';

/*
 * Where Groq's API differs from OpenAI's wire format (console.groq.com/docs/openai). Groq
 * answers 400 to the fields below; its `x-ratelimit-*` headers have OpenAI's names (the
 * `-requests` window is per day, the `-tokens` one per minute) and provider-kit reads them,
 * `retry-after` included, so nothing else is needed for them here.
 */

/** OpenAI parameters Groq rejects: removed from requests with one warning per parameter. */
export const GROQ_DROPPED_PARAMS: readonly string[] = ['logprobs', 'logit_bias', 'top_logprobs'];

/** Reports a removed parameter once per parameter and provider instance. */
export type WarnOnce = (param: string, message: string) => void;

/** A {@link WarnOnce} that reports to `onWarning` (default `console.warn`). */
export function warnOnce(providerId: string, onWarning?: (warning: ProviderWarning) => void): WarnOnce {
  const seen = new Set<string>();
  const report = onWarning ?? ((warning: ProviderWarning) => console.warn(`[modelmesh] ${warning.message}`));
  return (param, message) => {
    if (seen.has(param)) return;
    seen.add(param);
    report({ type: 'unsupported-param', providerId, param, message });
  };
}

/**
 * Groq serves one choice per request: `n` other than 1 is removed (with one warning), so the
 * answer has a single choice instead of the request failing. `n: 1` goes through.
 */
export function groqRequestBody(body: Record<string, unknown>, kind: RequestKind, warn: WarnOnce): Record<string, unknown> {
  if (kind === 'embeddings' || body['n'] === undefined || body['n'] === null || body['n'] === 1) return body;
  const { n: _n, ...rest } = body;
  warn('n', 'Provider "Groq" supports only n = 1; "n" was removed from the request, so the answer has one choice');
  return rest;
}
