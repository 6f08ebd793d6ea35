export { createDeepSeek, providerPlugin, DEEPSEEK_BASE_URL, DEEPSEEK_CONNECTOR, DEEPSEEK_API_KEY_ENV, type DeepSeekSettings } from './deepseek-provider.js';
export { DEEPSEEK_MODELS } from './deepseek-models.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
