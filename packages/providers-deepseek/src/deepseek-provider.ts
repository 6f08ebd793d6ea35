import type { ProviderPlugin } from '@modelmesh/core';
import {
  createOpenAICompatibleFactory,
  settingsFromCreateOptions,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { DEEPSEEK_MODELS } from './deepseek-models.js';
import { deepSeekChunks, deepSeekCompletion, deepSeekRequestBody, warnOnce } from './deepseek-quirks.js';

/** DeepSeek's connector id. */
export const DEEPSEEK_CONNECTOR = 'deepseek.llm.v1';

/** DeepSeek's OpenAI-compatible endpoint. */
export const DEEPSEEK_BASE_URL = 'https://api.deepseek.com/v1';

/** The variable holding the API key; `DEEPSEEK_BASE_URL` may point elsewhere (a proxy, a fake). */
export const DEEPSEEK_API_KEY_ENV = 'DEEPSEEK_API_KEY';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings of {@link createDeepSeek}. Unset values fall back to the environment. */
export interface DeepSeekSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `deepseek`. */
  id?: string;
  /** API key; default `DEEPSEEK_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `DEEPSEEK_BASE_URL`, else `https://api.deepseek.com/v1`. */
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

const createDeepSeekWire = createOpenAICompatibleFactory({
  connector: DEEPSEEK_CONNECTOR,
  name: 'DeepSeek',
  baseUrl: DEEPSEEK_BASE_URL,
  models: DEEPSEEK_MODELS,
});

/**
 * Creates a DeepSeek provider. Requests are OpenAI-shaped; `max_completion_tokens` becomes
 * `max_tokens`, and `deepseek-reasoner` requests lose `logprobs` / `top_logprobs` (one
 * warning each). `deepseek-reasoner`'s chain of thought arrives in `reasoning_content`
 * (`message.reasoning_content`, and `delta.reasoning_content` in streams), never in
 * `content`. Cache hits (`usage.prompt_cache_hit_tokens`) are also reported as
 * `usage.prompt_tokens_details.cached_tokens`, so the router bills them at the cache-hit price.
 *
 * @example
 * ```ts
 * const deepseek = createDeepSeek({ apiKey: process.env.DEEPSEEK_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: deepseek, models: deepseek.models }] });
 * ```
 */
export function createDeepSeek(settings: DeepSeekSettings = {}): OpenAICompatibleProvider {
  const { env: givenEnv, transformRequest, ...rest } = settings;
  const env = givenEnv ?? runtimeEnv();
  const id = settings.id ?? 'deepseek';
  const warn = warnOnce(id, settings.onWarning);
  const wire = createDeepSeekWire({
    ...rest,
    id,
    apiKey: settings.apiKey ?? envValue(env, DEEPSEEK_API_KEY_ENV),
    baseUrl: settings.baseUrl ?? envValue(env, 'DEEPSEEK_BASE_URL') ?? DEEPSEEK_BASE_URL,
    transformRequest: (body, kind) => {
      const deepseek = deepSeekRequestBody(body, kind, warn);
      return transformRequest ? transformRequest(deepseek, kind) : deepseek;
    },
  });
  return {
    ...wire,
    chat: async (request, call) => deepSeekCompletion(await wire.chat(request, call)),
    chatStream: async (request, call) => deepSeekChunks(await wire.chatStream(request, call)),
  };
}

/**
 * DeepSeek for config and auto-detection: connector `deepseek.llm.v1` (alias `deepseek`),
 * enabled by `DEEPSEEK_API_KEY`; `DEEPSEEK_BASE_URL` is read too.
 */
export const providerPlugin: ProviderPlugin = {
  connector: DEEPSEEK_CONNECTOR,
  aliases: ['deepseek'],
  vendor: 'DeepSeek',
  envVars: [DEEPSEEK_API_KEY_ENV],
  defaultId: 'deepseek',
  models: DEEPSEEK_MODELS,
  detect(env) {
    const apiKey = envValue(env, DEEPSEEK_API_KEY_ENV);
    if (apiKey === undefined) return undefined;
    const baseUrl = envValue(env, 'DEEPSEEK_BASE_URL');
    return baseUrl === undefined ? { apiKey } : { apiKey, baseUrl };
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const env = options.env ?? {};
    return createDeepSeek({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      apiKey: settings.apiKey ?? envValue(env, DEEPSEEK_API_KEY_ENV),
      baseUrl: baseUrl ?? envValue(env, 'DEEPSEEK_BASE_URL'),
    });
  },
};
