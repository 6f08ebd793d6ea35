export { startFakeOpenAIServer, type FakeOpenAIServer, type FakeOpenAIServerOptions } from './fake-openai-server.js';
export type { FakeRequestEnd, FakeRequestRecord } from './fake-request-log.js';
export type {
  FakeAnswer,
  FakeBreakAfter,
  FakeContentFilterStep,
  FakeContextLengthStep,
  FakeCutStep,
  FakeErrorObject,
  FakeFinishReason,
  FakeMalformedChunkStep,
  FakeMissingDoneStep,
  FakeOkStep,
  FakeResetStep,
  FakeScript,
  FakeSlowFirstTokenStep,
  FakeStallStep,
  FakeStatusStep,
  FakeStep,
  FakeStepKind,
  FakeStepTiming,
  FakeStreamErrorStep,
  FakeTimeoutStep,
  FakeToolCall,
  FakeUsage,
} from './fake-step.js';
export { httpStatus, malformedJson, rateLimited, type HttpStatusOptions, type RateLimitedOptions } from './fake-steps.js';
export { SSE_DONE, SSE_HEADERS, sseComment, sseEncode } from './sse-encode.js';
export { DEFAULT_RATE_LIMIT_HEADERS, MALFORMED_EVENT } from './fake-openai-wire.js';
export { DEFAULT_FAKE_MODELS } from './fake-resource-answers.js';
export { splitIntoPieces } from './fake-chat-answer.js';
export {
  authErrorBody,
  contentFilterBody,
  contextLengthBody,
  defaultErrorBody,
  modelNotFoundBody,
  openAIErrorBody,
  type OpenAIErrorBody,
} from './openai-error-bodies.js';
export { validateOpenAI, type OpenAISchemaName, type OpenAIValidationResult } from './validate-openai.js';
export * from './anthropic/index.js';
export * from './gemini/index.js';
export { startLocalServer, writeJson, writeSse, writeSseEvents, type LocalHandler, type LocalRequest, type LocalServer } from './local-server.js';
export { freePort, startRedisServer, type StartRedisServerOptions, type TestRedisServer } from './redis-server.js';
