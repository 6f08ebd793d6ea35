import type { ProviderPlugin } from '@modelmesh/core';
import {
  createOpenAICompatibleFactory,
  settingsFromCreateOptions,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { GROQ_MODELS } from './groq-models.js';
import { GROQ_DROPPED_PARAMS, groqRequestBody, warnOnce } from './groq-quirks.js';

/** Groq's connector id. */
export const GROQ_CONNECTOR = 'groq.llm.v1';

/** Groq's OpenAI-compatible endpoint. */
export const GROQ_BASE_URL = 'https://api.groq.com/openai/v1';

/** The variable holding the API key; `GROQ_BASE_URL` (read by Groq's own SDK too) may point elsewhere. */
export const GROQ_API_KEY_ENV = 'GROQ_API_KEY';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings of {@link createGroq}. Unset values fall back to the environment. */
export interface GroqSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `groq`. */
  id?: string;
  /** API key; default `GROQ_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `GROQ_BASE_URL`, else `https://api.groq.com/openai/v1`. */
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

const createGroqWire = createOpenAICompatibleFactory({
  connector: GROQ_CONNECTOR,
  name: 'Groq',
  baseUrl: GROQ_BASE_URL,
  models: GROQ_MODELS,
  dropParams: GROQ_DROPPED_PARAMS,
});

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
export function createGroq(settings: GroqSettings = {}): OpenAICompatibleProvider {
  const { env: givenEnv, transformRequest, ...rest } = settings;
  const env = givenEnv ?? runtimeEnv();
  const id = settings.id ?? 'groq';
  const warn = warnOnce(id, settings.onWarning);
  return createGroqWire({
    ...rest,
    id,
    apiKey: settings.apiKey ?? envValue(env, GROQ_API_KEY_ENV),
    baseUrl: settings.baseUrl ?? envValue(env, 'GROQ_BASE_URL') ?? GROQ_BASE_URL,
    transformRequest: (body, kind) => {
      const groq = groqRequestBody(body, kind, warn);
      return transformRequest ? transformRequest(groq, kind) : groq;
    },
  });
}

/**
 * Groq for config and auto-detection: connector `groq.llm.v1` (aliases `groq` and the
 * original project's `groq.api.v1`, `groq.inference.v1`), enabled by `GROQ_API_KEY`;
 * `GROQ_BASE_URL` is read too.
 */
export const providerPlugin: ProviderPlugin = {
  connector: GROQ_CONNECTOR,
  aliases: ['groq', 'groq.api.v1', 'groq.inference.v1'],
  vendor: 'Groq',
  envVars: [GROQ_API_KEY_ENV],
  defaultId: 'groq',
  models: GROQ_MODELS,
  detect(env) {
    const apiKey = envValue(env, GROQ_API_KEY_ENV);
    if (apiKey === undefined) return undefined;
    const baseUrl = envValue(env, 'GROQ_BASE_URL');
    return baseUrl === undefined ? { apiKey } : { apiKey, baseUrl };
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const env = options.env ?? {};
    return createGroq({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      apiKey: settings.apiKey ?? envValue(env, GROQ_API_KEY_ENV),
      baseUrl: baseUrl ?? envValue(env, 'GROQ_BASE_URL'),
    });
  },
};
