import type { ProviderPlugin } from '@modelmesh/core';
import {
  createOpenAICompatibleFactory,
  settingsFromCreateOptions,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { MISTRAL_MODELS } from './mistral-models.js';
import { MISTRAL_DROPPED_PARAMS, mistralRequestBody, parseMistralError, withMistralRateLimitHeaders } from './mistral-quirks.js';

/** Mistral's connector id. */
export const MISTRAL_CONNECTOR = 'mistral.llm.v1';

/** Mistral's public API (La Plateforme). */
export const MISTRAL_BASE_URL = 'https://api.mistral.ai/v1';

/** The variable holding the API key; `MISTRAL_BASE_URL` may point elsewhere (a proxy, a fake). */
export const MISTRAL_API_KEY_ENV = 'MISTRAL_API_KEY';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings of {@link createMistral}. Unset values fall back to the environment. */
export interface MistralSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `mistral`. */
  id?: string;
  /** API key; default `MISTRAL_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `MISTRAL_BASE_URL`, else `https://api.mistral.ai/v1`. */
  baseUrl?: string;
  /** Where to read the defaults above; default `process.env` where there is one, else nothing. */
  env?: Env;
}

const envValue = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** `process.env` where the runtime has one (Node, Bun, Deno's compat), otherwise empty (browsers, edge). */
const runtimeEnv = (): Env => (globalThis as { process?: { env?: Env } }).process?.env ?? {};

const createMistralWire = createOpenAICompatibleFactory({
  connector: MISTRAL_CONNECTOR,
  name: 'Mistral',
  baseUrl: MISTRAL_BASE_URL,
  models: MISTRAL_MODELS,
  dropParams: MISTRAL_DROPPED_PARAMS,
  // Mistral rejects `stream_options` and reports usage in every stream's last chunk anyway.
  streamUsage: false,
  parseErrorBody: parseMistralError,
});

/**
 * Creates a Mistral provider (chat and embeddings). Requests are OpenAI-shaped; on the way
 * out, parameters Mistral rejects are removed with one warning each (`logit_bias`,
 * `logprobs`, `top_logprobs`, `store`, `service_tier`, `metadata`, `user`, ...), and
 * `max_completion_tokens` becomes `max_tokens`, `seed` becomes `random_seed`, and (for
 * embeddings) `dimensions` becomes `output_dimension`. Mistral's per-minute rate-limit
 * headers reach the router, and its 422 validation errors name the offending fields.
 *
 * @example
 * ```ts
 * const mistral = createMistral({ apiKey: process.env.MISTRAL_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: mistral, models: mistral.models }] });
 * ```
 */
export function createMistral(settings: MistralSettings = {}): OpenAICompatibleProvider {
  const { env: givenEnv, transformRequest, fetch, ...rest } = settings;
  const env = givenEnv ?? runtimeEnv();
  return createMistralWire({
    ...rest,
    id: settings.id ?? 'mistral',
    apiKey: settings.apiKey ?? envValue(env, MISTRAL_API_KEY_ENV),
    baseUrl: settings.baseUrl ?? envValue(env, 'MISTRAL_BASE_URL') ?? MISTRAL_BASE_URL,
    fetch: withMistralRateLimitHeaders(fetch),
    // Mistral's renames first; a transform of the caller's own runs on the result.
    transformRequest: (body, kind) => {
      const mistral = mistralRequestBody(body, kind);
      return transformRequest ? transformRequest(mistral, kind) : mistral;
    },
  });
}

/**
 * Mistral for config and auto-detection: connector `mistral.llm.v1` (alias `mistral`),
 * enabled by `MISTRAL_API_KEY`; `MISTRAL_BASE_URL` is read too.
 */
export const providerPlugin: ProviderPlugin = {
  connector: MISTRAL_CONNECTOR,
  aliases: ['mistral'],
  vendor: 'Mistral AI',
  envVars: [MISTRAL_API_KEY_ENV],
  defaultId: 'mistral',
  models: MISTRAL_MODELS,
  detect(env) {
    const apiKey = envValue(env, MISTRAL_API_KEY_ENV);
    if (apiKey === undefined) return undefined;
    const baseUrl = envValue(env, 'MISTRAL_BASE_URL');
    return baseUrl === undefined ? { apiKey } : { apiKey, baseUrl };
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const env = options.env ?? {};
    return createMistral({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      apiKey: settings.apiKey ?? envValue(env, MISTRAL_API_KEY_ENV),
      baseUrl: baseUrl ?? envValue(env, 'MISTRAL_BASE_URL'),
    });
  },
};
