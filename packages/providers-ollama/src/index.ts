export { createOllama, providerPlugin, OLLAMA_CONNECTOR, OLLAMA_HOST_ENV, type OllamaSettings } from './ollama-provider.js';
export { OLLAMA_MODELS } from './ollama-models.js';
export { discoverOllamaModels, type OllamaDiscovery } from './ollama-discovery.js';
export type { OpenAICompatibleProvider, ProviderWarning } from '@modelmesh/providers-openai-compatible';
export { OLLAMA_DEFAULT_HOST } from './ollama-quirks.js';
