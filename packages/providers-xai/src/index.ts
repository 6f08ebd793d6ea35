export { createXai, providerPlugin, XAI_BASE_URL, XAI_CONNECTOR, XAI_API_KEY_ENV, type XaiSettings } from './xai-provider.js';
export { XAI_MODELS } from './xai-models.js';
export { XAI_PARAM_DROP_RULES, XAI_REASONING_DROPPED_PARAMS, isGrok4, isXaiReasoningModel, xaiError } from './xai-quirks.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
