export { createOpenAICompatibleProvider, OPENAI_COMPATIBLE_CONNECTOR, type OpenAICompatibleProvider } from './openai-compatible-provider.js';
export type { OpenAICompatibleSettings, ProviderWarning, RequestKind } from './openai-compatible-settings.js';
export {
  createOpenAICompatibleFactory,
  type OpenAICompatibleVendor,
  type OpenAICompatibleVendorFactory,
  type OpenAICompatibleVendorSettings,
} from './openai-compatible-vendor.js';
export { providerPlugin, LOCAL_SERVER_BASE_URLS } from './openai-compatible-plugin.js';
export { createVendorPlugin, type VendorPluginDefinition } from './vendor-plugin.js';
