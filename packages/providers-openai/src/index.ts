export { createOpenAI, OPENAI_BASE_URL, OPENAI_CONNECTOR } from './openai-provider.js';
export type { OpenAISettings } from './openai-settings.js';
export { OPENAI_MODELS } from './openai-models.js';
export { providerPlugin } from './openai-plugin.js';
export { openAIEnv, type OpenAIEnvSettings } from './openai-env.js';
export type { OpenAICompatibleProvider } from '@modelmesh/providers-openai-compatible';
