export { startFakeGeminiServer, type FakeGeminiServer, type FakeGeminiServerOptions } from './fake-gemini-server.js';
export type { FakeGeminiRequestRecord, FakeGeminiRpc } from './fake-gemini-log.js';
export type {
  FakeFunctionCall,
  FakeGeminiAnswer,
  FakeGeminiBreakAfter,
  FakeGeminiCandidateBlockedStep,
  FakeGeminiCutStep,
  FakeGeminiErrorObject,
  FakeGeminiFinishReason,
  FakeGeminiMalformedChunkStep,
  FakeGeminiMissingFinalStep,
  FakeGeminiOkStep,
  FakeGeminiPromptBlockedStep,
  FakeGeminiResetStep,
  FakeGeminiScript,
  FakeGeminiSlowFirstTokenStep,
  FakeGeminiStallStep,
  FakeGeminiStatusStep,
  FakeGeminiStep,
  FakeGeminiStepKind,
  FakeGeminiStepTiming,
  FakeGeminiStreamErrorStep,
  FakeGeminiTimeoutStep,
  FakeGeminiUsage,
  FakeSafetyRating,
} from './fake-gemini-step.js';
export {
  geminiContextLength,
  geminiInvalidApiKey,
  geminiMalformedJson,
  geminiRateLimited,
  geminiStatus,
  type GeminiRateLimitedOptions,
  type GeminiStatusOptions,
} from './fake-gemini-steps.js';
export {
  defaultGoogleErrorBody,
  googleErrorBody,
  invalidApiKeyBody,
  missingApiKeyBody,
  modelNotFoundBody as geminiModelNotFoundBody,
  quotaExceededBody,
  retryInfo,
  tokenLimitBody,
  GOOGLE_STATUS_NAMES,
  type GoogleErrorBody,
  type GoogleErrorDetail,
} from './google-error-bodies.js';
export { GEMINI_MALFORMED_EVENT, geminiSseEvent, GEMINI_SSE_HEADERS } from './fake-gemini-wire.js';
export { DEFAULT_FAKE_GEMINI_MODELS, FAKE_GEMINI_EMBEDDING_DIMENSIONS } from './fake-gemini-resources.js';
export { HARM_CATEGORIES } from './fake-gemini-answer.js';
