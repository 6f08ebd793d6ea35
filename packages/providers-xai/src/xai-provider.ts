import type { ProviderPlugin } from '@modelmesh/core';
import {
  createOpenAICompatibleFactory,
  settingsFromCreateOptions,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { XAI_MODELS } from './xai-models.js';
import { warnOnce, withXaiErrors, xaiRequestBody } from './xai-quirks.js';

/** xAI's connector id. */
export const XAI_CONNECTOR = 'xai.llm.v1';

/** xAI's OpenAI-compatible endpoint. */
export const XAI_BASE_URL = 'https://api.x.ai/v1';

/** The variable holding the API key; `XAI_BASE_URL` may point elsewhere (a regional endpoint, a proxy, a fake). */
export const XAI_API_KEY_ENV = 'XAI_API_KEY';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings of {@link createXai}. Unset values fall back to the environment. */
export interface XaiSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `xai`. */
  id?: string;
  /** API key; default `XAI_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `XAI_BASE_URL`, else `https://api.x.ai/v1`. */
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

const createXaiWire = createOpenAICompatibleFactory({
  connector: XAI_CONNECTOR,
  name: 'xAI',
  baseUrl: XAI_BASE_URL,
  models: XAI_MODELS,
});

/**
 * Creates an xAI (Grok) provider. Requests are OpenAI-shaped and go through unchanged,
 * except that reasoning models (grok-4, grok-4-fast-reasoning, grok-code-fast-1,
 * grok-3-mini) lose `presence_penalty`, `frequency_penalty` and `stop`, and the grok-4 family
 * loses `reasoning_effort`, which xAI rejects for them (one warning per parameter). xAI's
 * HTTP 400 for a wrong API key is reported as an AuthenticationError.
 *
 * @example
 * ```ts
 * const xai = createXai({ apiKey: process.env.XAI_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: xai, models: xai.models }] });
 * ```
 */
export function createXai(settings: XaiSettings = {}): OpenAICompatibleProvider {
  const { env: givenEnv, transformRequest, ...rest } = settings;
  const env = givenEnv ?? runtimeEnv();
  const id = settings.id ?? 'xai';
  const warn = warnOnce(id, settings.onWarning);
  const wire = createXaiWire({
    ...rest,
    id,
    apiKey: settings.apiKey ?? envValue(env, XAI_API_KEY_ENV),
    baseUrl: settings.baseUrl ?? envValue(env, 'XAI_BASE_URL') ?? XAI_BASE_URL,
    transformRequest: (body, kind) => {
      const xai = xaiRequestBody(body, kind, warn);
      return transformRequest ? transformRequest(xai, kind) : xai;
    },
  });
  return {
    ...wire,
    chat: (request, call) => withXaiErrors(() => wire.chat(request, call)),
    chatStream: (request, call) => withXaiErrors(() => wire.chatStream(request, call)),
    embed: (request, call) => withXaiErrors(() => wire.embed(request, call)),
    listModels: (call) => withXaiErrors(() => wire.listModels(call)),
  };
}

/**
 * xAI for config and auto-detection: connector `xai.llm.v1` (aliases `xai` and the original
 * project's `xai.api.v1`), enabled by `XAI_API_KEY`; `XAI_BASE_URL` is read too.
 */
export const providerPlugin: ProviderPlugin = {
  connector: XAI_CONNECTOR,
  aliases: ['xai', 'xai.api.v1'],
  vendor: 'xAI',
  envVars: [XAI_API_KEY_ENV],
  defaultId: 'xai',
  models: XAI_MODELS,
  detect(env) {
    const apiKey = envValue(env, XAI_API_KEY_ENV);
    if (apiKey === undefined) return undefined;
    const baseUrl = envValue(env, 'XAI_BASE_URL');
    return baseUrl === undefined ? { apiKey } : { apiKey, baseUrl };
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const env = options.env ?? {};
    return createXai({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      apiKey: settings.apiKey ?? envValue(env, XAI_API_KEY_ENV),
      baseUrl: baseUrl ?? envValue(env, 'XAI_BASE_URL'),
    });
  },
};
