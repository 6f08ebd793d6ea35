import { PROVIDER_SPECIFICATION_VERSION, type ProviderCreateOptions, type ProviderPlugin } from '@modelmesh/provider';
import { connectionSettings } from '@modelmesh/provider-kit';
import { anthropicEnv } from './anthropic-env.js';
import { ANTHROPIC_MODELS } from './anthropic-models.js';
import { ANTHROPIC_CONNECTOR, createAnthropic, type AnthropicProvider } from './anthropic-provider.js';
import type { AnthropicSettings } from './anthropic-settings.js';

const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

/**
 * Settings from what config (or environment detection) gives the plugin. Vendor options in
 * `providers.<id>.options`: `anthropic_version`, `default_max_tokens`, `stream_usage`
 * (camelCase spellings accepted too).
 */
export function settingsFromCreateOptions(options: ProviderCreateOptions): AnthropicSettings {
  const extra = options.options ?? {};
  const fromEnv = anthropicEnv(options.env ?? {});
  const settings: AnthropicSettings = { id: options.id, env: {}, ...connectionSettings(options, fromEnv) };
  const version = extra['anthropic_version'] ?? extra['anthropicVersion'];
  if (typeof version === 'string') settings.anthropicVersion = version;
  const maxTokens = number(extra['default_max_tokens'] ?? extra['defaultMaxTokens']);
  if (maxTokens !== undefined) settings.defaultMaxTokens = maxTokens;
  const streamUsage = extra['stream_usage'] ?? extra['streamUsage'];
  if (typeof streamUsage === 'boolean') settings.streamUsage = streamUsage;
  return settings;
}

/**
 * Anthropic for config and auto-detection: connector `anthropic.claude.v1` (aliases `anthropic`
 * and the original project's `anthropic.llm.v1`), enabled by `ANTHROPIC_API_KEY`;
 * `ANTHROPIC_BASE_URL` is read too.
 */
export const providerPlugin: ProviderPlugin = {
  specificationVersion: PROVIDER_SPECIFICATION_VERSION,
  connector: ANTHROPIC_CONNECTOR,
  aliases: ['anthropic', 'anthropic.llm.v1'],
  vendor: 'Anthropic',
  envVars: ['ANTHROPIC_API_KEY'],
  defaultId: 'anthropic',
  models: ANTHROPIC_MODELS,
  detect(env) {
    const found = anthropicEnv(env);
    return found.apiKey === undefined ? undefined : found;
  },
  create(options): AnthropicProvider {
    // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
    return createAnthropic(settingsFromCreateOptions(options));
  },
};
