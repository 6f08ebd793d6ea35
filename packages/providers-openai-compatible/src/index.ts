export { createOpenAICompatibleProvider, OPENAI_COMPATIBLE_CONNECTOR, type OpenAICompatibleProvider } from './openai-compatible-provider.js';
export type { OpenAICompatibleSettings, ProviderWarning, RequestKind } from './openai-compatible-settings.js';
export { createOpenAICompatibleFactory, type OpenAICompatibleVendor, type OpenAICompatibleVendorSettings } from './openai-compatible-vendor.js';
export { providerPlugin, LOCAL_SERVER_BASE_URLS } from './openai-compatible-plugin.js';
export { settingsFromCreateOptions } from './create-options.js';
export { parseOpenAICompatibleError, isErrorPayload, errorFromPayload, type PayloadErrorContext } from './openai-compatible-errors.js';
export { RequestBodyPreparer } from './prepare-request-body.js';
export { guessModelSpec } from './openai-compatible-models.js';
