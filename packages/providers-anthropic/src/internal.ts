// Converters, wire types and stream converters: for this package's tests and for packages that
// translate Anthropic's wire format (the proxy's Messages API, fake servers). Not covered by
// semver: they change with the wire format and the provider contract.
export * from './index.js';
export { SAMPLING_REMOVED_VERSION } from './anthropic-client.js';
export { settingsFromCreateOptions } from './anthropic-plugin.js';
export { convertToAnthropicMessages, PLACEHOLDER_USER_TEXT, type AnthropicPrompt } from './convert-to-anthropic-messages.js';
export { convertTools, toAnthropicTool, fromAnthropicTool, fromAnthropicToolChoice, type ConvertedTools } from './convert-anthropic-tools.js';
export { convertFromAnthropicMessages, type AnthropicPromptInput } from './convert-from-anthropic-messages.js';
export { fromImageBlock, fromDocumentBlock, toImageBlock } from './convert-anthropic-content.js';
export { anthropicMessageFromCompletion, toolUseInput, type AnthropicMessageOut } from './anthropic-message-from-completion.js';
export { AnthropicStreamEncoder, type AnthropicEncodedEvent, type AnthropicStreamEncoderOptions } from './anthropic-stream-encoder.js';
export { planJsonResponse, JSON_OBJECT_TOOL_NAME, type JsonResponsePlan } from './anthropic-json-response.js';
export { prepareAnthropicRequest, UNSUPPORTED_OPENAI_PARAMS, FALLBACK_MAX_TOKENS, type PreparedAnthropicRequest, type PrepareContext } from './prepare-anthropic-request.js';
export { messageToCompletion, type CompletionContext } from './anthropic-chat.js';
export { AnthropicStreamConverter, type StreamConverterOptions } from './anthropic-stream-converter.js';
export { mapAnthropicStopReason, toAnthropicStopReason } from './map-anthropic-stop-reason.js';
export { mapAnthropicUsage, toAnthropicUsage } from './map-anthropic-usage.js';
export { parseAnthropicError, anthropicErrorTypeOf, anthropicPayloadError, refineAnthropicError, ANTHROPIC_ERROR_TYPE_STATUS, type AnthropicErrorContext } from './anthropic-errors.js';
export { AnthropicWarnings } from './anthropic-warnings.js';
export { guessAnthropicModelSpec } from './anthropic-list-models.js';
export type * from './anthropic-wire.js';
