import {
  createOpenAICompatibleFactory,
  createVendorPlugin,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { MISTRAL_MODELS } from './mistral-models.js';
import { MISTRAL_DROPPED_PARAMS, MISTRAL_RENAMED_PARAMS, parseMistralError, parseMistralRateLimitHeaders, withoutForeignAssistantFields } from './mistral-quirks.js';

/** Mistral's connector id. */
export const MISTRAL_CONNECTOR = 'mistral.llm.v1';

/** Mistral's public API (La Plateforme). */
export const MISTRAL_BASE_URL = 'https://api.mistral.ai/v1';

/** The variable holding the API key; `MISTRAL_BASE_URL` may point elsewhere (a proxy, a fake). */
export const MISTRAL_API_KEY_ENV = 'MISTRAL_API_KEY';

const MISTRAL_ENV = { apiKey: MISTRAL_API_KEY_ENV, baseUrl: 'MISTRAL_BASE_URL' };

/** Settings of {@link createMistral}. Unset values fall back to the environment. */
export interface MistralSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `mistral`. */
  id?: string;
  /** API key; default `MISTRAL_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `MISTRAL_BASE_URL`, else `https://api.mistral.ai/v1`. */
  baseUrl?: string;
}

/**
 * Creates a Mistral provider (chat and embeddings). Requests are OpenAI-shaped; on the way
 * out, parameters Mistral rejects are removed with one warning each (`logit_bias`,
 * `logprobs`, `top_logprobs`, `store`, `service_tier`, `metadata`, `user`, ...), and
 * `max_completion_tokens` becomes `max_tokens`, `seed` becomes `random_seed`, and (for
 * embeddings) `dimensions` becomes `output_dimension`; a `transformRequest` of yours runs
 * after that. Mistral's per-minute rate-limit headers reach the router, and its 422
 * validation errors name the offending fields.
 *
 * @example
 * ```ts
 * const mistral = createMistral({ apiKey: process.env.MISTRAL_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: mistral, models: mistral.models }] });
 * ```
 */
export const createMistral: (settings?: MistralSettings) => OpenAICompatibleProvider = createOpenAICompatibleFactory({
  connector: MISTRAL_CONNECTOR,
  name: 'Mistral',
  defaultId: 'mistral',
  baseUrl: MISTRAL_BASE_URL,
  env: MISTRAL_ENV,
  models: MISTRAL_MODELS,
  dropParams: MISTRAL_DROPPED_PARAMS,
  renameParams: MISTRAL_RENAMED_PARAMS,
  transformRequest: withoutForeignAssistantFields,
  // Mistral rejects `stream_options` and reports usage in every stream's last chunk anyway.
  streamUsage: false,
  parseErrorBody: parseMistralError,
  parseRateLimitHeaders: parseMistralRateLimitHeaders,
});

/**
 * Mistral for config and auto-detection: connector `mistral.llm.v1` (alias `mistral`),
 * enabled by `MISTRAL_API_KEY`; `MISTRAL_BASE_URL` is read too.
 */
export const providerPlugin = createVendorPlugin({
  connector: MISTRAL_CONNECTOR,
  aliases: ['mistral'],
  vendor: 'Mistral AI',
  defaultId: 'mistral',
  models: MISTRAL_MODELS,
  env: MISTRAL_ENV,
  create: createMistral,
});
