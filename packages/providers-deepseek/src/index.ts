export { createDeepSeek, providerPlugin, DEEPSEEK_BASE_URL, DEEPSEEK_CONNECTOR, DEEPSEEK_API_KEY_ENV, type DeepSeekSettings } from './deepseek-provider.js';
export { DEEPSEEK_MODELS } from './deepseek-models.js';
export { DEEPSEEK_PARAM_DROP_RULES, DEEPSEEK_REASONER_DROPPED_PARAMS, DEEPSEEK_RENAMED_PARAMS, isDeepSeekReasoner, withCachedTokens } from './deepseek-quirks.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
