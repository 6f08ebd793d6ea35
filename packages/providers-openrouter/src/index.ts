export {
  createOpenRouter,
  providerPlugin,
  OPENROUTER_BASE_URL,
  OPENROUTER_CONNECTOR,
  OPENROUTER_API_KEY_ENV,
  type OpenRouterSettings,
} from './openrouter-provider.js';
export { OPENROUTER_MODELS } from './openrouter-models.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
