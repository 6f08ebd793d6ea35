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
// Types of the settings' hook fields (their helper functions are in /internal).
export type { VendorEnvNames, Env } from './vendor-env.js';
export type { ParamRenames } from './param-renames.js';
export type { ParamDropRule, ParamDropContext } from './param-drop-rules.js';
export type { ResponseTransform, ChunkTransform, AnswerContext } from './answer-hooks.js';
export type { RateLimitHeaderParser } from './rate-limit-hook.js';
export type { ErrorReclassifier } from './error-hook.js';
