export { mockClient, MOCK_PROVIDER_ID, type MockChatCompletion, type MockChatCompletions, type MockClient, type MockClientOptions } from './mock-client.js';
export { DEFAULT_MOCK_MODEL, DEFAULT_MOCK_TOKENS, type MockResponse } from './mock-response.js';
export { mockProvider, mockProviderEntry, type MockProvider, type MockProviderEntry, type MockProviderOptions } from './mock-provider.js';
export { DEFAULT_MOCK_CAPABILITIES, type MockModel } from './mock-models.js';
export type { MockScript, MockScriptFunction } from './mock-script.js';
export type {
  MockAnswer,
  MockErrorBeforeContentOutcome,
  MockErrorOutcome,
  MockHttpOutcome,
  MockMalformedChunkOutcome,
  MockMalformedOutcome,
  MockNoFinishOutcome,
  MockOkOutcome,
  MockOutcome,
  MockOutcomeType,
  MockResetOutcome,
  MockStallOutcome,
  MockStreamBreak,
  MockStreamCutOutcome,
  MockTimeoutOutcome,
  MockTiming,
  MockToolCall,
} from './mock-outcome.js';
export type { MockCall, MockCallKind, MockCallStatus, MockRequest, Recorded, IndicesBelow } from './recorded-calls.js';
export { httpError, parseRetryAfter, type HttpErrorSource, type MockHttpResponse } from './mock-http-error.js';
export { DEFAULT_EMBEDDING_DIMENSIONS, embeddingVector } from './mock-embeddings.js';
export { seededRandom } from './seeded-random.js';
export { ManualClock, FakeClock } from './fake-clock.js';
