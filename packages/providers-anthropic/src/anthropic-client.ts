import type { ModelSpec } from '@modelmesh/provider';
import { createProviderHttp, type ProviderHttp } from '@modelmesh/provider-kit';
import { parseAnthropicError } from './anthropic-errors.js';
import type { AnthropicSettings } from './anthropic-settings.js';
import { AnthropicWarnings } from './anthropic-warnings.js';
import { FALLBACK_MAX_TOKENS } from './prepare-anthropic-request.js';

/**
 * The API version this package sends by default: `2023-06-01`, under which `temperature`,
 * `top_p` and `top_k` still exist. (`2026-10-21`, which the official SDKs send since their
 * October 2026 majors, removed them; set `anthropicVersion` to use it.)
 */
export const ANTHROPIC_VERSION = '2023-06-01';

/** The first API version without `temperature`, `top_p` and `top_k`. */
export const SAMPLING_REMOVED_VERSION = '2026-10-21';

/** Settings after defaults: what the calls of one instance share. */
export interface ResolvedAnthropicSettings extends AnthropicSettings {
  id: string;
  baseUrl: string;
  models: readonly ModelSpec[];
}

/** What the chat, stream and models calls share for one provider instance. */
export interface AnthropicClient extends ProviderHttp {
  readonly settings: ResolvedAnthropicSettings;
  readonly warnings: AnthropicWarnings;
  /** `max_tokens` for a request that sets none: the configured default, else the model's output limit, else 4096. */
  defaultMaxTokens(modelId: string): number;
  /** Whether the configured API version still takes sampling parameters. */
  readonly samplingParams: boolean;
}

/**
 * Sets up the HTTP side of an instance on provider-kit's `createProviderHttp`: `x-api-key` and
 * `anthropic-version` on every request, and Anthropic's error bodies.
 */
export function createAnthropicClient(settings: ResolvedAnthropicSettings): AnthropicClient {
  const version = settings.anthropicVersion ?? ANTHROPIC_VERSION;
  const headers: Record<string, string> = { 'anthropic-version': version };
  if (settings.apiKey !== undefined && settings.apiKey !== '') headers['x-api-key'] = settings.apiKey;
  if (settings.dangerouslyAllowBrowser === true) headers['anthropic-dangerous-direct-browser-access'] = 'true';
  return {
    ...createProviderHttp(settings, { headers, parseErrorBody: parseAnthropicError }),
    settings,
    warnings: new AnthropicWarnings(settings.id, settings.onWarning),
    // Versions are dates, so they compare as strings.
    samplingParams: version < SAMPLING_REMOVED_VERSION,
    defaultMaxTokens(modelId) {
      return settings.defaultMaxTokens ?? settings.models.find((spec) => spec.id === modelId)?.maxOutputTokens ?? FALLBACK_MAX_TOKENS;
    },
  };
}
