import {
  ProviderHttpError,
  systemClock,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionCreateParamsNonStreaming,
  type ChatCompletionCreateParamsStreaming,
  type Clock,
  type CreateEmbeddingResponse,
  type EmbeddingCreateParams,
  type ModelSpec,
  type Provider,
  type ProviderCall,
} from '@modelmesh/core';
import { planAnswer, toChunks, toCompletion } from './mock-completion.js';
import { mockEmbeddings } from './mock-embeddings.js';
import { resolveUnary, type FailureSource } from './mock-failures.js';
import { servesEmbeddings, toModelSpecs, type MockModel } from './mock-models.js';
import { ScriptPlayer, type MockScript } from './mock-script.js';
import { mockStream } from './mock-stream.js';
import { resolveStream } from './mock-stream-plan.js';
import { untilAborted, wait } from './mock-wait.js';
import { CallRecorder, toMockRequest, type MockCall, type MockCallKind, type MutableMockCall, type Recorded } from './recorded-calls.js';

/** Options of {@link mockProvider}. */
export interface MockProviderOptions {
  /** Provider instance id, e.g. `primary`. */
  readonly id: string;
  /** Connector id; default `mock.llm.v1`. */
  readonly connector?: string;
  /** The models it serves: specs, or ids (then with capability `chat-completion`). */
  readonly models: readonly MockModel[];
  /** Outcomes of the provider's calls; default: every call answers `ok`. */
  readonly script?: MockScript;
  /** Outcomes per model id, played instead of `script` for calls to that model (each with its own count). */
  readonly scripts?: Readonly<Record<string, MockScript>>;
  /** Clock for latencies; default core's `systemClock`. Tests pass a `ManualClock`. */
  readonly clock?: Clock;
}

/**
 * A scripted provider that implements the real `Provider` contract, so requests reach it
 * through the real router (strategies, retries, failover, health, usage). It records every
 * call it receives, failed and aborted ones too.
 */
export interface MockProvider extends Provider {
  /** Every call received, in order; entries settle when the call (or its stream) ends. */
  readonly calls: Recorded<MockCall>;
  /** The model specs it serves (what `createMesh` needs next to it). */
  readonly models: readonly ModelSpec[];
  /** Whether `close()` was called. */
  readonly closed: boolean;
  chat(request: ChatCompletionCreateParamsNonStreaming, call: ProviderCall): Promise<ChatCompletion>;
  chatStream(request: ChatCompletionCreateParamsStreaming, call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>>;
  /** Deterministic embeddings, for models declared with an embeddings capability (others answer HTTP 400). */
  embed(request: EmbeddingCreateParams, call: ProviderCall): Promise<CreateEmbeddingResponse>;
  /** The declared models. */
  listModels(): Promise<ModelSpec[]>;
  close(): Promise<void>;
  /** Forgets the recorded calls and starts every script over. */
  reset(): void;
}

/** A mock provider with the models it serves, ready for `createMesh({ providers: [entry] })`. */
export interface MockProviderEntry {
  readonly provider: MockProvider;
  readonly models: readonly ModelSpec[];
}

/** Creates a scripted {@link MockProvider}. Pass it to `createMesh` with its models (see {@link mockProviderEntry}). */
export function mockProvider(options: MockProviderOptions): MockProvider {
  const clock = options.clock ?? systemClock;
  const models = toModelSpecs(options.models);
  const recorder = new CallRecorder();
  const fallback = new ScriptPlayer(options.script);
  const perModel = new Map(Object.entries(options.scripts ?? {}).map(([model, script]) => [model, new ScriptPlayer(script)]));
  let sequence = 0;
  let closed = false;

  const begin = (kind: MockCallKind, request: object, call: ProviderCall) => {
    const record = recorder.start(toMockRequest(kind, request as Record<string, unknown>, call.headers));
    record.outcome = (perModel.get(record.model) ?? fallback).next(record);
    const source: FailureSource = { providerId: options.id, modelId: record.model, now: clock.now() };
    return { record, outcome: record.outcome, source, sequence: ++sequence };
  };
  const fail = (record: MutableMockCall, error: unknown): never => {
    record.status = 'failed';
    record.error = error;
    throw error;
  };

  const provider: MockProvider = {
    id: options.id,
    connector: options.connector ?? 'mock.llm.v1',
    models,
    get calls() {
      return recorder.calls;
    },
    get closed() {
      return closed;
    },

    async chat(request, call) {
      const { record, outcome, source, sequence: seq } = begin('chat', request, call);
      try {
        const resolution = resolveUnary(outcome, source);
        if (resolution.kind === 'hang') return await untilAborted(call.signal);
        await wait(clock, 'latency' in outcome ? outcome.latency : undefined, call.signal);
        if (resolution.kind === 'fail') throw resolution.error;
        if (outcome.type === 'ok' && outcome.rateLimit) call.reportRateLimit?.(outcome.rateLimit);
        const answer = outcome.type === 'ok' ? outcome : {};
        const response = toCompletion(planAnswer(answer, record, { sequence: seq, now: clock.now() }));
        record.status = 'ok';
        record.response = response;
        return response;
      } catch (error) {
        return fail(record, error);
      }
    },

    async chatStream(request, call) {
      const { record, outcome, source, sequence: seq } = begin('chat', request, call);
      try {
        const resolution = resolveStream(outcome, source);
        if (resolution.kind === 'hang') return await untilAborted(call.signal);
        await wait(clock, 'latency' in outcome ? outcome.latency : undefined, call.signal);
        if (resolution.kind !== 'stream') throw resolution.error;
        if (outcome.type === 'ok' && outcome.rateLimit) call.reportRateLimit?.(outcome.rateLimit);
        const plan = planAnswer(resolution.answer, record, { sequence: seq, now: clock.now() });
        return mockStream({
          chunks: toChunks(plan),
          deliver: resolution.deliver,
          end: resolution.end,
          chunkLatency: resolution.answer.chunkLatency,
          clock,
          signal: call.signal,
          settle: (status, error) => {
            record.status = status;
            if (error !== undefined) record.error = error;
            if (status === 'ok' && resolution.end.kind === 'finish') record.response = toCompletion(plan);
          },
        });
      } catch (error) {
        return fail(record, error);
      }
    },

    async embed(request, call) {
      const { record, outcome, source } = begin('embeddings', request, call);
      try {
        const spec = models.find((m) => m.id === request.model);
        if (!spec || !servesEmbeddings(spec)) {
          throw new ProviderHttpError({ providerId: options.id, modelId: request.model, status: 400, message: `Model "${request.model}" of provider "${options.id}" does not serve embeddings` });
        }
        const resolution = resolveUnary(outcome, source);
        if (resolution.kind === 'hang') return await untilAborted(call.signal);
        await wait(clock, 'latency' in outcome ? outcome.latency : undefined, call.signal);
        if (resolution.kind === 'fail') throw resolution.error;
        const response = mockEmbeddings(request, outcome.type === 'ok' && outcome.model !== undefined ? outcome.model : request.model);
        record.status = 'ok';
        return response;
      } catch (error) {
        return fail(record, error);
      }
    },

    async listModels() {
      return models.map((m) => ({ ...m }));
    },

    async close() {
      closed = true;
    },

    reset() {
      recorder.clear();
      fallback.rewind();
      for (const player of perModel.values()) player.rewind();
    },
  };
  return provider;
}

/** A mock provider and its models, ready for `createMesh({ providers: [mockProviderEntry(...)] })`. */
export function mockProviderEntry(options: MockProviderOptions): MockProviderEntry {
  const provider = mockProvider(options);
  return { provider, models: provider.models };
}
