import {
  createMesh,
  ProviderHttpError,
  systemClock,
  systemRandom,
  type ChatCompletion,
  type ChatCompletionChoice,
  type ChatCompletionChunk,
  type ChatCompletionCreateParams,
  type ChatCompletionCreateParamsNonStreaming,
  type ChatCompletionCreateParamsStreaming,
  type Clock,
  type MeshClient,
  type RequestOptions,
  type Stream,
  type MeshConfigDocument,
  type Middleware,
  type PoolDocument,
  type RandomSource,
} from '@modelmesh/core';
import { recordCalls } from './mock-client-recording.js';
import type { MockOutcome } from './mock-outcome.js';
import { mockProvider, type MockProvider } from './mock-provider.js';
import { DEFAULT_MOCK_MODEL, responseOutcome, type MockResponse } from './mock-response.js';
import { seededRandom } from './seeded-random.js';
import { CallRecorder, type MockCall, type MockRequest, type Recorded } from './recorded-calls.js';

/** Provider instance id of a mock client's provider. */
export const MOCK_PROVIDER_ID = 'mock';

/** Options of {@link mockClient}. */
export interface MockClientOptions {
  /** Answers of successive chat calls; the last one repeats. Default: one default response. */
  readonly responses?: readonly MockResponse[];
  /**
   * Probability (0..1) that a chat call fails with a retryable ProviderHttpError 503
   * instead of answering. A failed call does not use up a response.
   */
  readonly failureRate?: number;
  /** Decides `failureRate`: exactly one draw per chat call while `failureRate > 0`. Default `Math.random`. */
  readonly random?: RandomSource;
  /** Clock for `delay`s and the mesh's timers; default core's `systemClock`. Tests pass a `ManualClock`. */
  readonly clock?: Clock;
  /** More pool names the app under test uses (e.g. `'support-bot'`), served like `chat-completion`. */
  readonly pools?: readonly string[];
  /** Middleware to run around every call, as the app configures it. */
  readonly middleware?: readonly Middleware[];
}

/**
 * A completion from a mock client. It always has exactly one choice, and its type says
 * so: `response.choices[0].message` compiles under `noUncheckedIndexedAccess`, as in the
 * quick start. It is still a `ChatCompletion`.
 */
export type MockChatCompletion = ChatCompletion & { choices: [ChatCompletionChoice, ...ChatCompletionChoice[]] };

/** `client.chat.completions` of a mock client: the mesh's, with {@link MockChatCompletion} results. */
export interface MockChatCompletions {
  /** A completion: the next scripted response. */
  create(params: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): Promise<MockChatCompletion>;
  /** A stream of the next scripted response. */
  create(params: ChatCompletionCreateParamsStreaming, options?: RequestOptions): Promise<Stream<ChatCompletionChunk>>;
  create(params: ChatCompletionCreateParams, options?: RequestOptions): Promise<MockChatCompletion | Stream<ChatCompletionChunk>>;
}

/**
 * A real {@link MeshClient} over one scripted provider, so streaming, `explain()`,
 * `describe()`, `usage` and middleware behave as in production, plus `calls`. It can be
 * passed wherever the app expects a `MeshClient`.
 */
// The mock's `chat` comes first so its overloads (with MockChatCompletion) win overload resolution.
export type MockClient = { readonly chat: { readonly completions: MockChatCompletions } } & MeshClient & {
  /**
   * Every call made through `chat.completions.create` and `embeddings.create`, in order,
   * failed ones too. `model` is the virtual model the caller named. Typed so that
   * `client.calls[0].messages[0].content` compiles under `noUncheckedIndexedAccess`.
   */
  readonly calls: Recorded<MockCall>;
  /** The scripted provider underneath, with its own record of what reached it. */
  readonly provider: MockProvider;
};

/** One attempt per call, and a model that never goes to standby, so each call plays exactly the next response. */
const MOCK_POOL_POLICY: PoolDocument = {
  strategy: 'stick-until-failure',
  retry: { max_attempts: 1 },
  deactivation: { failure_threshold: Number.MAX_SAFE_INTEGER, on_rate_limit: false, on_auth_failure: false },
  recovery: { wait_for_recovery: false },
};

function mockConfig(extraPools: readonly string[]): MeshConfigDocument {
  const pools: Record<string, PoolDocument> = {
    'chat-completion': { capability: 'chat-completion', ...MOCK_POOL_POLICY },
    'text-embeddings': { capability: 'text-embeddings', ...MOCK_POOL_POLICY },
  };
  for (const name of extraPools) pools[name] = { capability: 'chat-completion', ...MOCK_POOL_POLICY };
  return { pools };
}

/**
 * A test double of the ModelMesh client that needs no API keys. Each chat call returns
 * the next response (the last repeats); `calls` records every call.
 *
 * Failures are surfaced as scripted: the pools allow one attempt per call (so a failure
 * never retries into the next response) and an error from `error` or `failureRate`
 * reaches the caller as the very same error object, not wrapped in
 * AllProvidersExhaustedError. For router behaviour with retries and failover, use
 * {@link mockProvider} with `createMesh`.
 *
 * The mesh serves the pools `chat-completion` (also reached as `chat`), `text-embeddings`
 * and `options.pools`, with one model whose id is the first response's `model`
 * (default `mock-model`).
 *
 * @example
 * ```ts
 * const client = mockClient({ responses: [{ content: 'Hello!', model: 'gpt-4o', tokens: 10 }] });
 * const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
 * expect(response.choices[0].message?.content).toBe('Hello!');
 * expect(client.calls[0].messages[0].content).toBe('Hi');
 * ```
 */
export function mockClient(options: MockClientOptions = {}): MockClient {
  const responses: readonly MockResponse[] = options.responses && options.responses.length > 0 ? options.responses : [{}];
  const failureRate = options.failureRate ?? 0;
  if (!(failureRate >= 0 && failureRate <= 1)) throw new RangeError(`failureRate must be between 0 and 1, got ${failureRate}`);
  const random = options.random ?? systemRandom;
  const clock = options.clock ?? systemClock;
  const scripted = new WeakSet<object>();
  let answered = 0;

  const script = (request: MockRequest): MockOutcome => {
    if (request.kind === 'embeddings') return { type: 'ok' };
    if (failureRate > 0 && random() < failureRate) {
      const error = new ProviderHttpError({ providerId: MOCK_PROVIDER_ID, modelId: request.model, status: 503, message: 'Simulated failure (mockClient failureRate)' });
      scripted.add(error);
      return { type: 'error', error };
    }
    const response = responses[Math.min(answered++, responses.length - 1)] ?? {};
    if (response.error !== undefined) scripted.add(response.error);
    return responseOutcome(response);
  };

  const modelId = responses[0]?.model ?? DEFAULT_MOCK_MODEL;
  const provider = mockProvider({ id: MOCK_PROVIDER_ID, models: [{ id: modelId, capabilities: ['chat-completion', 'text-embeddings'] }], script, clock });
  const mesh = createMesh({
    config: mockConfig(options.pools ?? []),
    providers: [{ provider, models: provider.models }],
    middleware: options.middleware,
    clock,
    // Fixed, so request ids are reproducible and `options.random` is drawn only for failureRate.
    random: seededRandom(0x6d6f636b),
  });
  const recorder = new CallRecorder();
  recordCalls(mesh, recorder, scripted);
  Object.defineProperties(mesh, {
    calls: { value: recorder.calls, enumerable: true },
    provider: { value: provider, enumerable: true },
  });
  return mesh as MockClient;
}
