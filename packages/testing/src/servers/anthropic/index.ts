export { startFakeAnthropicServer, type FakeAnthropicServer, type FakeAnthropicServerOptions } from './fake-anthropic-server.js';
export type {
  FakeAnthropicAnswer,
  FakeAnthropicAnswerStep,
  FakeAnthropicBreakAfter,
  FakeAnthropicContextLengthStep,
  FakeAnthropicCutStep,
  FakeAnthropicError,
  FakeAnthropicMalformedChunkStep,
  FakeAnthropicMissingStopStep,
  FakeAnthropicOkStep,
  FakeAnthropicOverloadedStep,
  FakeAnthropicRequestRecord,
  FakeAnthropicResetStep,
  FakeAnthropicScript,
  FakeAnthropicSlowFirstTokenStep,
  FakeAnthropicStallStep,
  FakeAnthropicStatusStep,
  FakeAnthropicStep,
  FakeAnthropicStepKind,
  FakeAnthropicStepTiming,
  FakeAnthropicStopReason,
  FakeAnthropicStreamErrorStep,
  FakeAnthropicTimeoutStep,
  FakeAnthropicToolUse,
  FakeAnthropicUsage,
} from './fake-anthropic-step.js';
export {
  anthropicMalformedJson,
  anthropicRateLimited,
  anthropicStatus,
  anthropicStreamError,
  type AnthropicRateLimitedOptions,
  type AnthropicStatusOptions,
} from './fake-anthropic-steps.js';
export { ANTHROPIC_ERROR_STATUS, anthropicErrorBody, defaultAnthropicErrorBody, promptTooLongBody, type AnthropicErrorBody } from './anthropic-error-bodies.js';
export { ANTHROPIC_MALFORMED_EVENT, anthropicRateLimitHeaders, ANTHROPIC_SSE_HEADERS } from './fake-anthropic-wire.js';
export { anthropicSseEncode, type AnthropicStreamEvent } from './fake-anthropic-events.js';
export { DEFAULT_FAKE_ANTHROPIC_MODELS } from './fake-anthropic-routes.js';
export { ANTHROPIC_REQUEST_PARAMS, SAMPLING_REMOVED_VERSION, validateAnthropicRequest, type AnthropicValidationOptions } from './validate-anthropic-request.js';
