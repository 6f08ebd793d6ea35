import { PROVIDER_SPECIFICATION_VERSION, type ProviderCreateOptions, type ProviderPlugin } from '@modelmesh/provider';
import { connectionSettings } from '@modelmesh/provider-kit';
import type { GeminiGenerationConfig, GeminiSafetySetting } from './gemini-types.js';
import { googleEnv } from './google-env.js';
import { GOOGLE_MODELS } from './google-models.js';
import { createGoogle, GOOGLE_CONNECTOR } from './google-provider.js';
import type { GoogleSettings } from './google-settings.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function safetySettingsOf(value: unknown): GeminiSafetySetting[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((s): s is GeminiSafetySetting => isRecord(s) && typeof s['category'] === 'string' && typeof s['threshold'] === 'string');
  return list.length === value.length ? list : undefined;
}

/**
 * Turns what config (or environment detection) gives the plugin into settings. Vendor options in
 * `providers.<id>.options`: `api_version` (default `v1beta`), `safety_settings` (a list of
 * `{ category, threshold }`), `generation_config` (merged under each request's `generationConfig`).
 */
export function googleSettingsFromCreateOptions(options: ProviderCreateOptions): GoogleSettings {
  const extra = options.options ?? {};
  const fromEnv = googleEnv(options.env ?? {});
  const settings: GoogleSettings = {
    id: options.id,
    // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
    env: {},
    ...connectionSettings(options, fromEnv),
  };
  const apiVersion = extra['api_version'] ?? extra['apiVersion'];
  if (typeof apiVersion === 'string' && apiVersion !== '') settings.apiVersion = apiVersion;
  const safety = safetySettingsOf(extra['safety_settings'] ?? extra['safetySettings']);
  if (safety !== undefined) settings.safetySettings = safety;
  const generation = extra['generation_config'] ?? extra['generationConfig'];
  if (isRecord(generation)) settings.generationConfig = generation as GeminiGenerationConfig;
  return settings;
}

/**
 * Google Gemini for config and auto-detection: connector `google.gemini.v1` (aliases `google`,
 * `gemini`), enabled by `GEMINI_API_KEY` or `GOOGLE_API_KEY` (`GOOGLE_API_KEY` wins when both are
 * set, as in the official client); `GEMINI_BASE_URL` (or `GOOGLE_GEMINI_BASE_URL`) is read too.
 */
export const providerPlugin: ProviderPlugin = {
  specificationVersion: PROVIDER_SPECIFICATION_VERSION,
  connector: GOOGLE_CONNECTOR,
  aliases: ['google', 'gemini'],
  vendor: 'Google',
  envVars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  defaultId: 'google',
  models: GOOGLE_MODELS,
  detect(env) {
    const found = googleEnv(env);
    return found.apiKey === undefined ? undefined : found;
  },
  create(options) {
    return createGoogle(googleSettingsFromCreateOptions(options));
  },
};
