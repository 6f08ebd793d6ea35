// Converters, wire types and stream converters: for this package's tests and for packages that
// translate Gemini's wire format. Not covered by semver: they change with the wire format and
// the provider contract.
export * from './index.js';
export { googleSettingsFromCreateOptions } from './google-plugin.js';
export { prepareGeminiRequest, WarningLog } from './prepare-gemini-request.js';
export { toGeminiConversation, toolResponseObject, type GeminiConversation } from './convert-to-gemini-contents.js';
export { toGeminiSchema } from './convert-json-schema.js';
export { toGeminiTools, type GeminiToolSettings } from './convert-tools.js';
export { toChatCompletion, type ResponseContext } from './gemini-response.js';
export { GeminiStreamConverter } from './gemini-stream.js';
export { mapGeminiFinishReason, CONTENT_FILTER_FINISH_REASONS } from './map-gemini-finish-reason.js';
export { mapGeminiUsage } from './map-gemini-usage.js';
export { parseGoogleError, mapGoogleHttpError, mapGoogleErrorPayload, googleRetryDelay, googleErrorReason, type GoogleHttpErrorInput } from './google-errors.js';
export { blockedCategory } from './gemini-safety.js';
export { GENERATED_TOOL_CALL_PREFIX, isGeneratedToolCallId } from './tool-call-ids.js';
export { MAX_BATCH_EMBEDDINGS } from './google-embeddings.js';
export type * from './gemini-types.js';
