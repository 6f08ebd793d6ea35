export { createGroq, providerPlugin, GROQ_BASE_URL, GROQ_CONNECTOR, GROQ_API_KEY_ENV, type GroqSettings } from './groq-provider.js';
export { GROQ_MODELS } from './groq-models.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
