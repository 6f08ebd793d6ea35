import {
  createOpenAICompatibleFactory,
  createVendorPlugin,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { GROQ_MODELS } from './groq-models.js';
import { GROQ_DROPPED_PARAMS, GROQ_PARAM_DROP_RULES } from './groq-quirks.js';

/** Groq's connector id. */
export const GROQ_CONNECTOR = 'groq.llm.v1';

/** Groq's OpenAI-compatible endpoint. */
export const GROQ_BASE_URL = 'https://api.groq.com/openai/v1';

/** The variable holding the API key; `GROQ_BASE_URL` (read by Groq's own SDK too) may point elsewhere. */
export const GROQ_API_KEY_ENV = 'GROQ_API_KEY';

const GROQ_ENV = { apiKey: GROQ_API_KEY_ENV, baseUrl: 'GROQ_BASE_URL' };

/** Settings of {@link createGroq}. Unset values fall back to the environment. */
export interface GroqSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `groq`. */
  id?: string;
  /** API key; default `GROQ_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `GROQ_BASE_URL`, else `https://api.groq.com/openai/v1`. */
  baseUrl?: string;
}

/**
 * Creates a Groq provider. Requests are OpenAI-shaped and go through unchanged except that
 * `logprobs`, `logit_bias` and `top_logprobs` are removed and `n` other than 1 is removed
 * (one warning per parameter). Groq's `x-ratelimit-*` headers and `retry-after` reach the
 * router.
 *
 * @example
 * ```ts
 * const groq = createGroq({ apiKey: process.env.GROQ_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: groq, models: groq.models }] });
 * ```
 */
export const createGroq: (settings?: GroqSettings) => OpenAICompatibleProvider = createOpenAICompatibleFactory({
  connector: GROQ_CONNECTOR,
  name: 'Groq',
  defaultId: 'groq',
  baseUrl: GROQ_BASE_URL,
  env: GROQ_ENV,
  models: GROQ_MODELS,
  dropParams: GROQ_DROPPED_PARAMS,
  paramDropRules: GROQ_PARAM_DROP_RULES,
});

/**
 * Groq for config and auto-detection: connector `groq.llm.v1` (aliases `groq` and the
 * original project's `groq.api.v1`, `groq.inference.v1`), enabled by `GROQ_API_KEY`;
 * `GROQ_BASE_URL` is read too.
 */
export const providerPlugin = createVendorPlugin({
  connector: GROQ_CONNECTOR,
  aliases: ['groq', 'groq.api.v1', 'groq.inference.v1'],
  vendor: 'Groq',
  defaultId: 'groq',
  models: GROQ_MODELS,
  env: GROQ_ENV,
  create: createGroq,
});
