// Converters, error parsers and the extension points that the vendor packages built on this one
// (`-mistral`, `-groq`, ...) use for their quirks. Not covered by semver: they change with the
// wire format and the provider contract. A new vendor package starts from `createVendorPlugin`
// and `createOpenAICompatibleFactory` (main entry) and reaches here only for quirks.
export * from './index.js';
export { settingsFromCreateOptions, stringOption, booleanOption, stringListOption } from './create-options.js';
export { parseOpenAICompatibleError, isErrorPayload, errorFromPayload, type PayloadErrorContext } from './openai-compatible-errors.js';
export { RequestBodyPreparer } from './prepare-request-body.js';
export { guessModelSpec } from './openai-compatible-models.js';
export { envValue, runtimeEnv, type Env, type VendorEnvNames } from './vendor-env.js';
export { mergeVendorSettings, chainHooks, type Hook, type MergedVendorSettings } from './merge-vendor-settings.js';
export { renameParams, type ParamRenames, type ParamRenameMap } from './param-renames.js';
export { applyParamDropRules, type ParamDropRule, type ParamDropContext } from './param-drop-rules.js';
export { createWarnOnce, type WarnOnce } from './warn-once.js';
export { applyAnswerHook, type AnswerContext, type ResponseTransform, type ChunkTransform } from './answer-hooks.js';
export { readRateLimits, chainRateLimitParsers, type RateLimitHeaderParser } from './rate-limit-hook.js';
export { reclassified, reclassifying, type ErrorReclassifier } from './error-hook.js';
export { credentialSecrets } from '@modelmesh/provider-kit';
export { refineErrorBody, type ErrorBodyRefinement } from './vendor-error-parser.js';
