export { createMistral, providerPlugin, MISTRAL_BASE_URL, MISTRAL_CONNECTOR, MISTRAL_API_KEY_ENV, type MistralSettings } from './mistral-provider.js';
export { MISTRAL_MODELS } from './mistral-models.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
