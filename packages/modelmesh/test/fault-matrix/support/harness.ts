// The fault matrix's test bench: three scripted mock providers (one model each) behind the real
// router, on a ManualClock, with every provider call's signal and clock time recorded and every
// mesh event captured. Nothing here sleeps in real time.
import {
  createMesh,
  ManualClock,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionCreateParamsNonStreaming,
  type ChatCompletionCreateParamsStreaming,
  type MeshClient,
  type MeshEventMap,
  type MeshEventName,
  type Middleware,
  type RequestOptions,
  type Stream,
} from 'modelmesh';
import { mockProvider, seededRandom, type MockOutcome, type MockProvider } from 'modelmesh/testing';
import { ScriptedRandom } from './random.js';

export const MODEL_KEYS = ['model-a', 'model-b', 'model-c'] as const;
export type ModelKey = (typeof MODEL_KEYS)[number];

/** Provider instance id of each model (one provider per model, so auth failover skips one model only). */
export const PROVIDER_OF: Readonly<Record<ModelKey, string>> = { 'model-a': 'p-a', 'model-b': 'p-b', 'model-c': 'p-c' };

/** The answer each model gives when nothing else is scripted: recognisable per model. */
export const answerOf = (model: ModelKey): string => `answer from ${model}`;

/** The default success outcome of a model. */
export const ok = (model: ModelKey, extra: Partial<Extract<MockOutcome, { type: 'ok' }>> = {}): MockOutcome => ({ type: 'ok', content: answerOf(model), ...extra });

/** The policy every matrix pool starts from (snake_case config keys). Random 0.5 makes full jitter exactly half the exponential delay. */
export const BASE_POOL = {
  retry: { max_attempts: 6, max_attempts_per_model: 2, backoff: 'exponential_jitter', initial_delay: '250ms', max_delay: '8s', max_retry_after: '30s' },
  timeouts: { attempt: '2s', first_token: '2s', idle: '2s' },
} as const;

export interface HarnessOptions {
  /** Pool members, in pool order (default: all three). */
  members?: readonly ModelKey[];
  /** Pool config (strategy, retry, deactivation, recovery, timeouts), merged over {@link BASE_POOL} section by section. */
  pool?: Record<string, unknown>;
  /** Extra config per model (priority, weight, pricing, context_window). */
  models?: Partial<Record<ModelKey, Record<string, unknown>>>;
  middleware?: readonly Middleware[];
  /** Values the random source returns first once the mesh exists; then 0.5 forever (or `seed`'s sequence). */
  random?: readonly number[];
  /** Draw from `seededRandom(seed)` instead of the constant 0.5. */
  seed?: number;
  /** The clock (when middleware needs it before the mesh exists); default a new ManualClock. */
  clock?: ManualClock;
}

type Recorded = { [E in MeshEventName]: { name: E; event: MeshEventMap[E] } }[MeshEventName];

/** Context windows and prices: C is the cheapest and has the largest window, A the dearest and the smallest. */
const MODEL_DEFAULTS: Readonly<Record<ModelKey, Record<string, unknown>>> = {
  'model-a': { context_window: 16_000, pricing: { input: 10, output: 30 } },
  'model-b': { context_window: 32_000, pricing: { input: 3, output: 15 } },
  'model-c': { context_window: 64_000, pricing: { input: 0.5, output: 1.5 } },
};

function mergePool(extra: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...BASE_POOL };
  for (const [key, value] of Object.entries(extra)) {
    const base = merged[key];
    merged[key] = isRecord(base) && isRecord(value) ? { ...base, ...value } : value;
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Harness {
  readonly clock: ManualClock;
  readonly random: ScriptedRandom;
  readonly client: MeshClient;
  readonly providers = {} as Record<ModelKey, MockProvider>;
  /** The `ProviderCall.signal` of every call, per model, in call order. */
  readonly signals: Record<ModelKey, AbortSignal[]> = { 'model-a': [], 'model-b': [], 'model-c': [] };
  /** Clock time of every call, per model, in call order. */
  readonly callTimes: Record<ModelKey, number[]> = { 'model-a': [], 'model-b': [], 'model-c': [] };
  readonly events: Recorded[] = [];
  readonly members: readonly ModelKey[];
  private readonly plans = new Map<ModelKey, { outcomes: MockOutcome[]; played: number }>();

  constructor(options: HarnessOptions = {}) {
    this.clock = options.clock ?? new ManualClock();
    this.random = new ScriptedRandom([], options.seed === undefined ? 0.5 : seededRandom(options.seed));
    this.members = options.members ?? MODEL_KEYS;
    const entries = this.members.map((key) => {
      const provider = mockProvider({ id: PROVIDER_OF[key], models: [{ id: key, capabilities: ['chat-completion'] }], script: () => this.nextOutcome(key), clock: this.clock });
      const chat = provider.chat.bind(provider);
      const chatStream = provider.chatStream.bind(provider);
      provider.chat = (request, call) => {
        this.signals[key].push(call.signal);
        this.callTimes[key].push(this.clock.now());
        return chat(request, call);
      };
      provider.chatStream = (request, call) => {
        this.signals[key].push(call.signal);
        this.callTimes[key].push(this.clock.now());
        return chatStream(request, call);
      };
      this.providers[key] = provider;
      return { provider, models: provider.models };
    });
    const models = Object.fromEntries(
      this.members.map((key) => [key, { provider: PROVIDER_OF[key], model: key, capabilities: ['chat-completion'], ...MODEL_DEFAULTS[key], ...options.models?.[key] }]),
    );
    this.client = createMesh({
      clock: this.clock,
      random: this.random.source,
      providers: entries,
      middleware: options.middleware ?? [],
      config: { models, pools: { chat: { models: [...this.members], ...mergePool(options.pool ?? {}) } } },
    });
    // createMesh draws once (request-id prefix); the scripted values are for the requests.
    this.random.push(...(options.random ?? []));
    for (const name of ['request.routed', 'attempt.failed', 'request.failover', 'model.deactivated', 'model.recovered', 'request.completed'] as const) {
      this.client.on(name, (event) => this.events.push({ name, event } as Recorded));
    }
  }

  /** Scripts the next calls to `model` (the last outcome repeats); replaces what was scripted before. */
  script(model: ModelKey, ...outcomes: MockOutcome[]): this {
    this.plans.set(model, { outcomes, played: 0 });
    return this;
  }

  private nextOutcome(model: ModelKey): MockOutcome {
    const plan = this.plans.get(model);
    if (!plan || plan.outcomes.length === 0) return ok(model);
    const outcome = plan.outcomes[Math.min(plan.played, plan.outcomes.length - 1)] ?? ok(model);
    plan.played++;
    return outcome;
  }

  /** Forgets recorded calls, signals, times and events (after a warm-up), keeping health and strategy memory. */
  forget(): void {
    for (const key of this.members) {
      this.providers[key].reset();
      this.signals[key].length = 0;
      this.callTimes[key].length = 0;
    }
    this.events.length = 0;
  }

  /** Calls per model so far. */
  callCounts(): Record<ModelKey, number> {
    return { 'model-a': this.count('model-a'), 'model-b': this.count('model-b'), 'model-c': this.count('model-c') };
  }

  count(model: ModelKey): number {
    return this.members.includes(model) ? this.providers[model].calls.length : 0;
  }

  /** Every provider call's signal, all models. */
  allSignals(): AbortSignal[] {
    return MODEL_KEYS.flatMap((key) => this.signals[key]);
  }

  /** Events of one kind, in order. */
  eventsOf<E extends MeshEventName>(name: E): MeshEventMap[E][] {
    return this.events.filter((e) => e.name === name).map((e) => e.event as MeshEventMap[E]);
  }

  /** Model of each attempt, from `request.routed`. */
  routedModels(): string[] {
    return this.eventsOf('request.routed').map((e) => e.modelKey);
  }

  /** Status of one model in the pool. */
  status(model: ModelKey) {
    const entry = this.client.poolStatus('chat').models.find((m) => m.model === model);
    if (!entry) throw new Error(`${model} is not in the pool`);
    return entry;
  }

  chat(extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}, options?: RequestOptions): Promise<ChatCompletion> {
    return this.client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], ...extra }, options);
  }

  stream(extra: Partial<ChatCompletionCreateParamsStreaming> = {}, options?: RequestOptions): Promise<Stream<ChatCompletionChunk>> {
    return this.client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], ...extra, stream: true }, options);
  }

  /** Drives the clock (timer by timer) until `promise` settles. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const tracked = promise.finally(() => {
      settled = true;
    });
    tracked.catch(() => undefined);
    for (let i = 0; i < 10_000; i++) {
      // settle what needs no time first, so no unrelated timer fires after the promise is done
      await flush(1);
      if (settled || !(await this.clock.runNext())) break;
    }
    return tracked;
  }

  /** Like {@link run}, resolving to the rejection reason (or failing when it resolves). */
  async runFailing(promise: Promise<unknown>): Promise<unknown> {
    return this.run(promise).then(
      (value) => {
        throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`);
      },
      (error: unknown) => error,
    );
  }
}

/** Lets queued promise continuations run without moving the clock. */
export async function flush(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Settlement of a promise observed without moving the clock. */
export function watch<T>(promise: Promise<T>): { readonly settled: boolean; readonly value?: T; readonly error?: unknown; readonly done: Promise<void> } {
  const state: { settled: boolean; value?: T; error?: unknown; done: Promise<void> } = { settled: false, done: Promise.resolve() };
  state.done = promise.then(
    (value) => {
      state.settled = true;
      state.value = value;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

/** What the caller of a stream saw. */
export interface Consumed {
  chunks: ChatCompletionChunk[];
  text: string;
  /** A chunk carried a finish reason. */
  finished: boolean;
  /** Iteration ended with this error (undefined: it ended normally). */
  error?: unknown;
}

/** Iterates a stream the way a caller does, recording what arrives and how it ends. */
export async function consume(stream: AsyncIterable<ChatCompletionChunk>, onChunk?: (chunk: ChatCompletionChunk, seen: number) => void): Promise<Consumed> {
  const seen: Consumed = { chunks: [], text: '', finished: false };
  try {
    for await (const chunk of stream) {
      seen.chunks.push(chunk);
      seen.text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices.some((c) => c.finish_reason !== null)) seen.finished = true;
      onChunk?.(chunk, seen.chunks.length);
    }
  } catch (error) {
    seen.error = error;
  }
  return seen;
}

/** Reads a `toReadableStream()` to its end the way a downstream consumer would. */
export async function consumeReadable(readable: ReadableStream<Uint8Array>): Promise<Consumed> {
  const seen: Consumed = { chunks: [], text: '', finished: false };
  const reader = readable.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const chunk = JSON.parse(buffer.slice(0, newline)) as ChatCompletionChunk;
        buffer = buffer.slice(newline + 1);
        seen.chunks.push(chunk);
        seen.text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.choices.some((c) => c.finish_reason !== null)) seen.finished = true;
        newline = buffer.indexOf('\n');
      }
    }
  } catch (error) {
    seen.error = error;
  }
  return seen;
}

/** FNV-1a 32-bit over UTF-8, the standard algorithm `session-sticky` documents (computed here independently). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
