export { createMistral, providerPlugin, MISTRAL_BASE_URL, MISTRAL_CONNECTOR, MISTRAL_API_KEY_ENV, type MistralSettings } from './mistral-provider.js';
export { MISTRAL_MODELS } from './mistral-models.js';
export { MISTRAL_DROPPED_PARAMS, MISTRAL_RENAMED_PARAMS, parseMistralError, parseMistralRateLimitHeaders, withoutForeignAssistantFields } from './mistral-quirks.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
