import { PROVIDER_SPECIFICATION_VERSION, type ModelSpec, type Provider, type ProviderCreateOptions, type ProviderPlugin } from '@modelmesh/provider';
import { settingsFromCreateOptions } from './create-options.js';
import type { OpenAICompatibleVendorSettings } from './openai-compatible-vendor.js';
import { envValue, type Env, type VendorEnvNames } from './vendor-env.js';

/** What {@link createVendorPlugin} needs to know about a vendor. */
export interface VendorPluginDefinition {
  /** Connector id, e.g. `groq.llm.v1`. */
  readonly connector: string;
  /** Other names config may use, e.g. `groq` and the original project's ids. */
  readonly aliases?: readonly string[];
  /** Display name of the vendor, e.g. `Groq`. */
  readonly vendor: string;
  /** Instance id when auto-detected, e.g. `groq`. */
  readonly defaultId: string;
  /** The vendor's default models. */
  readonly models: readonly ModelSpec[];
  /** The variables of the key (which enables the plugin) and of the base URL. */
  readonly env: VendorEnvNames & { readonly apiKey: string };
  /** More options the environment supplies once the key is set (OpenAI's organization and project). */
  readonly detectMore?: (env: Env) => Omit<ProviderCreateOptions, 'id'>;
  /**
   * Creates an instance: usually the package's `create<Vendor>` itself. `settings` are what
   * config says (`settingsFromCreateOptions`), with `env` set to the environment the mesh
   * passes (never `process.env`: a plugin does not read it behind the mesh's back), so the
   * factory reads the key and base URL config leaves out from there. `options` are config's
   * own, for vendor options (`options.options`) and fields such as `organization`.
   */
  readonly create: (settings: OpenAICompatibleVendorSettings, options: ProviderCreateOptions) => Provider;
}

/**
 * The `providerPlugin` of an OpenAI-wire vendor package, for config and auto-detection:
 * enabled when the key's variable is set (not blank), detecting the base URL's variable
 * with it; `create` builds an instance from config and the environment the mesh gives.
 *
 * @example
 * ```ts
 * export const providerPlugin = createVendorPlugin({
 *   connector: 'groq.llm.v1', aliases: ['groq'], vendor: 'Groq', defaultId: 'groq', models: GROQ_MODELS,
 *   env: { apiKey: 'GROQ_API_KEY', baseUrl: 'GROQ_BASE_URL' },
 *   create: createGroq,
 * });
 * ```
 */
export function createVendorPlugin(definition: VendorPluginDefinition): ProviderPlugin {
  const { env: names } = definition;
  return {
    specificationVersion: PROVIDER_SPECIFICATION_VERSION,
    connector: definition.connector,
    ...(definition.aliases === undefined ? {} : { aliases: definition.aliases }),
    vendor: definition.vendor,
    envVars: [names.apiKey],
    defaultId: definition.defaultId,
    models: definition.models,
    detect(env) {
      const apiKey = envValue(env, names.apiKey);
      if (apiKey === undefined) return undefined;
      const baseUrl = envValue(env, names.baseUrl);
      return { apiKey, ...(baseUrl === undefined ? {} : { baseUrl }), ...definition.detectMore?.(env) };
    },
    create(options) {
      return definition.create({ ...settingsFromCreateOptions(options), env: options.env ?? {} }, options);
    },
  };
}
