export { createOpenAICompatibleProvider, OPENAI_COMPATIBLE_CONNECTOR, type OpenAICompatibleProvider } from './openai-compatible-provider.js';
export type { OpenAICompatibleSettings, ProviderWarning, RequestKind } from './openai-compatible-settings.js';
export {
  createOpenAICompatibleFactory,
  type OpenAICompatibleVendor,
  type OpenAICompatibleVendorFactory,
  type OpenAICompatibleVendorSettings,
} from './openai-compatible-vendor.js';
export { providerPlugin, LOCAL_SERVER_BASE_URLS } from './openai-compatible-plugin.js';
export { settingsFromCreateOptions, stringOption, booleanOption, stringListOption } from './create-options.js';
export { parseOpenAICompatibleError, isErrorPayload, errorFromPayload, type PayloadErrorContext } from './openai-compatible-errors.js';
export { RequestBodyPreparer } from './prepare-request-body.js';
export { guessModelSpec } from './openai-compatible-models.js';
// Extension points for vendor packages (one file per concern).
export { envValue, runtimeEnv, type Env, type VendorEnvNames } from './vendor-env.js';
export { createVendorPlugin, type VendorPluginDefinition } from './vendor-plugin.js';
export { mergeVendorSettings, chainHooks, type Hook, type MergedVendorSettings } from './merge-vendor-settings.js';
export { renameParams, type ParamRenames, type ParamRenameMap } from './param-renames.js';
export { applyParamDropRules, type ParamDropRule, type ParamDropContext } from './param-drop-rules.js';
export { createWarnOnce, type WarnOnce } from './warn-once.js';
export { applyAnswerHook, type AnswerContext, type ResponseTransform, type ChunkTransform } from './answer-hooks.js';
export { readRateLimits, chainRateLimitParsers, type RateLimitHeaderParser } from './rate-limit-hook.js';
export { reclassified, reclassifying, type ErrorReclassifier } from './error-hook.js';
export { credentialSecrets } from '@modelmesh/provider-kit';
export { refineErrorBody, type ErrorBodyRefinement } from './vendor-error-parser.js';
