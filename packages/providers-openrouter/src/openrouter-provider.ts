import type { ProviderPlugin } from '@modelmesh/core';
import {
  createOpenAICompatibleFactory,
  settingsFromCreateOptions,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { OPENROUTER_MODELS } from './openrouter-models.js';
import { openRouterChunks, openRouterRequestBody, parseOpenRouterError } from './openrouter-quirks.js';

/** OpenRouter's connector id. */
export const OPENROUTER_CONNECTOR = 'openrouter.llm.v1';

/** OpenRouter's OpenAI-compatible endpoint. */
export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

/** The variable holding the API key; `OPENROUTER_BASE_URL` may point elsewhere (a proxy, a fake). */
export const OPENROUTER_API_KEY_ENV = 'OPENROUTER_API_KEY';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings of {@link createOpenRouter}. Unset values fall back to the environment. */
export interface OpenRouterSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `openrouter`. */
  id?: string;
  /** API key; default `OPENROUTER_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `OPENROUTER_BASE_URL`, else `https://openrouter.ai/api/v1`. */
  baseUrl?: string;
  /** Your site, sent as `HTTP-Referer` for OpenRouter's rankings; default `OPENROUTER_SITE_URL`. */
  siteUrl?: string;
  /** Your app's name, sent as `X-Title`; default `OPENROUTER_APP_NAME`. */
  appName?: string;
  /**
   * Ask for usage accounting (`usage: { include: true }`) on chat requests that do not set
   * `usage`, so responses carry `usage.cost` in USD and the router bills that; default true.
   */
  usageAccounting?: boolean;
  /** Where to read the defaults above; default `process.env` where there is one, else nothing. */
  env?: Env;
}

const envValue = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** `process.env` where the runtime has one (Node, Bun, Deno's compat), otherwise empty (browsers, edge). */
const runtimeEnv = (): Env => (globalThis as { process?: { env?: Env } }).process?.env ?? {};

const createOpenRouterWire = createOpenAICompatibleFactory({
  connector: OPENROUTER_CONNECTOR,
  name: 'OpenRouter',
  baseUrl: OPENROUTER_BASE_URL,
  models: OPENROUTER_MODELS,
  parseErrorBody: parseOpenRouterError,
});

/**
 * Creates an OpenRouter provider. Requests are OpenAI-shaped and OpenRouter's own options
 * (`provider` routing preferences, `models` fallbacks, `route`, `transforms`, `reasoning`,
 * `plugins`, ...) go through untouched. Chat requests ask for usage accounting, so the
 * `usage.cost` OpenRouter reports reaches the router, which bills it; `HTTP-Referer` and
 * `X-Title` are sent when a site URL and app name are configured; mid-stream error chunks
 * become typed errors.
 *
 * @example
 * ```ts
 * const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY, siteUrl: 'https://example.com', appName: 'Example' });
 * const mesh = createMesh({ providers: [{ provider: openrouter, models: openrouter.models }] });
 * ```
 */
export function createOpenRouter(settings: OpenRouterSettings = {}): OpenAICompatibleProvider {
  const { env: givenEnv, transformRequest, siteUrl: site, appName: app, usageAccounting, ...rest } = settings;
  const env = givenEnv ?? runtimeEnv();
  const id = settings.id ?? 'openrouter';
  const apiKey = settings.apiKey ?? envValue(env, OPENROUTER_API_KEY_ENV);
  const siteUrl = site ?? envValue(env, 'OPENROUTER_SITE_URL');
  const appName = app ?? envValue(env, 'OPENROUTER_APP_NAME');
  const headers: Record<string, string> = {};
  if (siteUrl !== undefined) headers['HTTP-Referer'] = siteUrl;
  if (appName !== undefined) headers['X-Title'] = appName;
  const accounting = usageAccounting ?? true;
  const wire = createOpenRouterWire({
    ...rest,
    id,
    apiKey,
    baseUrl: settings.baseUrl ?? envValue(env, 'OPENROUTER_BASE_URL') ?? OPENROUTER_BASE_URL,
    headers: { ...headers, ...settings.headers },
    transformRequest: (body, kind) => {
      const openrouter = openRouterRequestBody(body, kind, accounting);
      return transformRequest ? transformRequest(openrouter, kind) : openrouter;
    },
  });
  const secrets = apiKey !== undefined && apiKey.length >= 4 ? [apiKey] : [];
  return {
    ...wire,
    chatStream: async (request, call) => openRouterChunks(await wire.chatStream(request, call), { providerId: id, modelId: request.model, secrets }),
  };
}

const stringOption = (options: Readonly<Record<string, unknown>>, ...names: string[]): string | undefined => {
  for (const name of names) if (typeof options[name] === 'string' && options[name] !== '') return options[name];
  return undefined;
};

/**
 * OpenRouter for config and auto-detection: connector `openrouter.llm.v1` (aliases
 * `openrouter` and the original project's `openrouter.api.v1`), enabled by
 * `OPENROUTER_API_KEY`; `OPENROUTER_BASE_URL`, `OPENROUTER_SITE_URL` and
 * `OPENROUTER_APP_NAME` are read too. Config options: `site_url`, `app_name`,
 * `usage_accounting` (boolean).
 */
export const providerPlugin: ProviderPlugin = {
  connector: OPENROUTER_CONNECTOR,
  aliases: ['openrouter', 'openrouter.api.v1'],
  vendor: 'OpenRouter',
  envVars: [OPENROUTER_API_KEY_ENV],
  defaultId: 'openrouter',
  models: OPENROUTER_MODELS,
  detect(env) {
    const apiKey = envValue(env, OPENROUTER_API_KEY_ENV);
    if (apiKey === undefined) return undefined;
    const baseUrl = envValue(env, 'OPENROUTER_BASE_URL');
    return baseUrl === undefined ? { apiKey } : { apiKey, baseUrl };
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const env = options.env ?? {};
    const extra = options.options ?? {};
    const accounting = extra['usage_accounting'] ?? extra['usageAccounting'];
    return createOpenRouter({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      apiKey: settings.apiKey ?? envValue(env, OPENROUTER_API_KEY_ENV),
      baseUrl: baseUrl ?? envValue(env, 'OPENROUTER_BASE_URL'),
      siteUrl: stringOption(extra, 'site_url', 'siteUrl') ?? envValue(env, 'OPENROUTER_SITE_URL'),
      appName: stringOption(extra, 'app_name', 'appName') ?? envValue(env, 'OPENROUTER_APP_NAME'),
      ...(typeof accounting === 'boolean' ? { usageAccounting: accounting } : {}),
    });
  },
};
