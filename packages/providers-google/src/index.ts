export { createGoogle, GOOGLE_CONNECTOR, type GoogleProvider } from './google-provider.js';
export type { GoogleSettings, GoogleTier, GoogleWarning } from './google-settings.js';
export { GOOGLE_BASE_URL, GOOGLE_API_VERSION } from './google-client.js';
export { GOOGLE_MODELS, GOOGLE_PAID_TIER_MODELS, GOOGLE_FREE_TIER_LIMITS } from './google-models.js';
export { providerPlugin } from './google-plugin.js';
export { googleEnv, type GoogleEnvSettings } from './google-env.js';
// Wire types that GoogleSettings exposes (the rest are in /internal).
export type { GeminiGenerationConfig, GeminiSafetySetting, GeminiSchema, GeminiSchemaType, GeminiThinkingConfig } from './gemini-types.js';
