export { createTogether, providerPlugin, TOGETHER_BASE_URL, TOGETHER_CONNECTOR, TOGETHER_API_KEY_ENV, type TogetherSettings } from './together-provider.js';
export { TOGETHER_MODELS } from './together-models.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
