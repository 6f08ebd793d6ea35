import {
  booleanOption,
  createOpenAICompatibleFactory,
  createVendorPlugin,
  envValue,
  runtimeEnv,
  stringOption,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendor,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible/internal';
import { OPENROUTER_MODELS } from './openrouter-models.js';
import { openRouterHeaders, openRouterRequestBody, parseOpenRouterError } from './openrouter-quirks.js';

/** OpenRouter's connector id. */
export const OPENROUTER_CONNECTOR = 'openrouter.llm.v1';

/** OpenRouter's OpenAI-compatible endpoint. */
export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

/** The variable holding the API key; `OPENROUTER_BASE_URL` may point elsewhere (a proxy, a fake). */
export const OPENROUTER_API_KEY_ENV = 'OPENROUTER_API_KEY';

const OPENROUTER_ENV = { apiKey: OPENROUTER_API_KEY_ENV, baseUrl: 'OPENROUTER_BASE_URL' };

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
}

/** What every OpenRouter instance shares; attribution headers and usage accounting are per instance. */
const OPENROUTER: OpenAICompatibleVendor = {
  connector: OPENROUTER_CONNECTOR,
  name: 'OpenRouter',
  defaultId: 'openrouter',
  baseUrl: OPENROUTER_BASE_URL,
  env: OPENROUTER_ENV,
  models: OPENROUTER_MODELS,
  parseErrorBody: parseOpenRouterError,
};

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
  const { siteUrl, appName, usageAccounting, ...rest } = settings;
  const env = settings.env ?? runtimeEnv();
  return createOpenAICompatibleFactory({
    ...OPENROUTER,
    headers: openRouterHeaders(siteUrl ?? envValue(env, 'OPENROUTER_SITE_URL'), appName ?? envValue(env, 'OPENROUTER_APP_NAME')),
    ...((usageAccounting ?? true) ? { transformRequest: openRouterRequestBody } : {}),
  })(rest);
}

/**
 * OpenRouter for config and auto-detection: connector `openrouter.llm.v1` (aliases
 * `openrouter` and the original project's `openrouter.api.v1`), enabled by
 * `OPENROUTER_API_KEY`; `OPENROUTER_BASE_URL`, `OPENROUTER_SITE_URL` and
 * `OPENROUTER_APP_NAME` are read too. Config options: `site_url`, `app_name`,
 * `usage_accounting` (boolean).
 */
export const providerPlugin = createVendorPlugin({
  connector: OPENROUTER_CONNECTOR,
  aliases: ['openrouter', 'openrouter.api.v1'],
  vendor: 'OpenRouter',
  defaultId: 'openrouter',
  models: OPENROUTER_MODELS,
  env: OPENROUTER_ENV,
  create: (settings, { options }) => {
    const usageAccounting = booleanOption(options, 'usage_accounting');
    return createOpenRouter({
      ...settings,
      siteUrl: stringOption(options, 'site_url'),
      appName: stringOption(options, 'app_name'),
      ...(usageAccounting === undefined ? {} : { usageAccounting }),
    });
  },
});
