import type { ParamDropRule } from '@modelmesh/providers-openai-compatible/internal';

/*
 * Where Groq's API differs from OpenAI's wire format (console.groq.com/docs/openai). Groq
 * answers 400 to the fields below; its `x-ratelimit-*` headers have OpenAI's names (the
 * `-requests` window is per day, the `-tokens` one per minute) and provider-kit reads them,
 * `retry-after` included, so nothing else is needed for them here.
 */

/** OpenAI parameters Groq rejects: removed from requests with one warning per parameter. */
export const GROQ_DROPPED_PARAMS: readonly string[] = ['logprobs', 'logit_bias', 'top_logprobs'];

/**
 * Groq serves one choice per request: `n` other than 1 is removed (with one warning), so the
 * answer has a single choice instead of the request failing. `n: 1` goes through.
 */
export const GROQ_PARAM_DROP_RULES: readonly ParamDropRule[] = [
  {
    params: ['n'],
    keep: (n) => n === null || n === 1,
    message: ({ provider }) => `Provider "${provider}" supports only n = 1; "n" was removed from the request, so the answer has one choice`,
  },
];
