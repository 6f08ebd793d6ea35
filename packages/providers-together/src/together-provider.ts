import type { ProviderPlugin } from '@modelmesh/core';
import {
  createOpenAICompatibleFactory,
  settingsFromCreateOptions,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { TOGETHER_MODELS } from './together-models.js';
import { togetherRequestBody } from './together-quirks.js';

/** Together AI's connector id. */
export const TOGETHER_CONNECTOR = 'together.llm.v1';

/** Together AI's OpenAI-compatible endpoint. */
export const TOGETHER_BASE_URL = 'https://api.together.xyz/v1';

/** The variable holding the API key; `TOGETHER_BASE_URL` (read by Together's own SDK too) may point elsewhere. */
export const TOGETHER_API_KEY_ENV = 'TOGETHER_API_KEY';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings of {@link createTogether}. Unset values fall back to the environment. */
export interface TogetherSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `together`. */
  id?: string;
  /** API key; default `TOGETHER_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `TOGETHER_BASE_URL`, else `https://api.together.xyz/v1`. */
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

const createTogetherWire = createOpenAICompatibleFactory({
  connector: TOGETHER_CONNECTOR,
  name: 'Together AI',
  baseUrl: TOGETHER_BASE_URL,
  models: TOGETHER_MODELS,
});

/**
 * Creates a Together AI provider (chat and embeddings). Requests are OpenAI-shaped and go
 * through unchanged, Together's own parameters included, except that `max_completion_tokens`
 * is sent as Together's `max_tokens`.
 *
 * @example
 * ```ts
 * const together = createTogether({ apiKey: process.env.TOGETHER_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: together, models: together.models }] });
 * ```
 */
export function createTogether(settings: TogetherSettings = {}): OpenAICompatibleProvider {
  const { env: givenEnv, transformRequest, ...rest } = settings;
  const env = givenEnv ?? runtimeEnv();
  return createTogetherWire({
    ...rest,
    id: settings.id ?? 'together',
    apiKey: settings.apiKey ?? envValue(env, TOGETHER_API_KEY_ENV),
    baseUrl: settings.baseUrl ?? envValue(env, 'TOGETHER_BASE_URL') ?? TOGETHER_BASE_URL,
    transformRequest: (body, kind) => {
      const together = togetherRequestBody(body, kind);
      return transformRequest ? transformRequest(together, kind) : together;
    },
  });
}

/**
 * Together AI for config and auto-detection: connector `together.llm.v1` (alias `together`),
 * enabled by `TOGETHER_API_KEY`; `TOGETHER_BASE_URL` is read too.
 */
export const providerPlugin: ProviderPlugin = {
  connector: TOGETHER_CONNECTOR,
  aliases: ['together'],
  vendor: 'Together AI',
  envVars: [TOGETHER_API_KEY_ENV],
  defaultId: 'together',
  models: TOGETHER_MODELS,
  detect(env) {
    const apiKey = envValue(env, TOGETHER_API_KEY_ENV);
    if (apiKey === undefined) return undefined;
    const baseUrl = envValue(env, 'TOGETHER_BASE_URL');
    return baseUrl === undefined ? { apiKey } : { apiKey, baseUrl };
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const env = options.env ?? {};
    return createTogether({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      apiKey: settings.apiKey ?? envValue(env, TOGETHER_API_KEY_ENV),
      baseUrl: baseUrl ?? envValue(env, 'TOGETHER_BASE_URL'),
    });
  },
};
