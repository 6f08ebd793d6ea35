export { createAnthropic, ANTHROPIC_BASE_URL, ANTHROPIC_CONNECTOR, type AnthropicProvider } from './anthropic-provider.js';
export type { AnthropicSettings, AnthropicWarning } from './anthropic-settings.js';
export { ANTHROPIC_VERSION } from './anthropic-client.js';
export { ANTHROPIC_MODELS } from './anthropic-models.js';
export { providerPlugin } from './anthropic-plugin.js';
export { anthropicEnv, type AnthropicEnvSettings } from './anthropic-env.js';
