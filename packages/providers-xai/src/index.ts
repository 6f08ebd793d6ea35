export { createXai, providerPlugin, XAI_BASE_URL, XAI_CONNECTOR, XAI_API_KEY_ENV, type XaiSettings } from './xai-provider.js';
export { XAI_MODELS } from './xai-models.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
