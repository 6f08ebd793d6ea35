import type { ModelSpec } from '@modelmesh/provider';
import { mergeVendorSettings } from './merge-vendor-settings.js';
import { createOpenAICompatibleProvider, type OpenAICompatibleProvider } from './openai-compatible-provider.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { envValue, runtimeEnv, type Env, type VendorEnvNames } from './vendor-env.js';

/** What an OpenAI-wire vendor package fixes for all its instances. */
export interface OpenAICompatibleVendor extends Partial<Omit<OpenAICompatibleSettings, 'id' | 'apiKey' | 'fetch' | 'models'>> {
  /** The vendor's connector id, e.g. `groq.llm.v1`. */
  connector: string;
  /** The vendor's public endpoint, e.g. `https://api.groq.com/openai/v1`. */
  baseUrl: string;
  /** Display name, e.g. `Groq`. */
  name: string;
  /** The vendor's default models. */
  models?: readonly ModelSpec[];
  /** Instance id when the user gives none; default the name in lower case, with dashes (`Together AI` → `together-ai`). */
  defaultId?: string;
  /**
   * Variables the API key and base URL are read from when the user's settings give none,
   * in the user's `env` (default `process.env` where there is one). Without them, nothing is
   * read from the environment.
   */
  env?: VendorEnvNames;
}

/** Settings a user gives a vendor provider: everything is optional but the id; the vendor fills the rest. */
export type OpenAICompatibleVendorSettings = Partial<Omit<OpenAICompatibleSettings, 'connector'>> & {
  /** Instance id; default the vendor's `defaultId`. */
  id?: string;
  /** Where the vendor's variables (its key, its base URL) are read; default `process.env` where there is one, else nothing. */
  env?: Env;
};

/** The `create<Vendor>(settings)` function {@link createOpenAICompatibleFactory} makes. */
export type OpenAICompatibleVendorFactory = (settings?: OpenAICompatibleVendorSettings) => OpenAICompatibleProvider;

/**
 * Makes the `create<Vendor>(settings)` factory of an OpenAI-wire vendor package: the
 * vendor's base URL, models, parameter drops and renames, headers, hooks and error parser
 * are defaults, and the user's settings win. `headers` and `renameParams` are merged,
 * `dropParams` and `paramDropRules` concatenated, and hooks (`transformRequest`,
 * `transformResponse`, `transformChunk`, `parseRateLimitHeaders`, `reclassifyError`) run the
 * vendor's first, then the user's. With `env` names, the key and base URL the user does not
 * give are read from the environment.
 *
 * @example
 * ```ts
 * export const createGroq = createOpenAICompatibleFactory({
 *   connector: 'groq.llm.v1', name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1',
 *   env: { apiKey: 'GROQ_API_KEY', baseUrl: 'GROQ_BASE_URL' },
 *   dropParams: ['logprobs', 'logit_bias', 'top_logprobs'], models: GROQ_MODELS,
 * });
 * const groq = createGroq(); // GROQ_API_KEY from process.env
 * ```
 */
export function createOpenAICompatibleFactory(vendor: OpenAICompatibleVendor): OpenAICompatibleVendorFactory {
  const { defaultId, env: names, ...defaults } = vendor;
  return (settings = {}) => {
    const { env: givenEnv, ...given } = settings;
    const env: Env = givenEnv ?? runtimeEnv();
    return createOpenAICompatibleProvider({
      ...defaults,
      ...given,
      ...mergeVendorSettings(defaults, given),
      id: given.id ?? defaultId ?? vendor.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      connector: vendor.connector,
      apiKey: given.apiKey ?? envValue(env, names?.apiKey),
      baseUrl: given.baseUrl ?? envValue(env, names?.baseUrl) ?? vendor.baseUrl,
      name: given.name ?? vendor.name,
      models: given.models ?? vendor.models ?? [],
    });
  };
}
