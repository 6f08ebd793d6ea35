import { ProviderHttpError, RateLimitError, type ModelMeshError } from '../../src/index.js';
import type { ChatCompletion, ChatCompletionChunk, Clock, ModelSpec, Provider, ProviderCall } from '../../src/index.js';

/** What one scripted call does. */
export type FakeOutcome =
  | { ok: string; delayMs?: number; usage?: { prompt: number; completion: number }; noFinish?: boolean }
  | { status: number; retryAfter?: number }
  | { error: ModelMeshError }
  | { hang: true }
  | { stream: string[]; cutAfter?: number; stallAfter?: number; noFinish?: boolean; delayMs?: number };

export interface FakeCall {
  model: string;
  stream: boolean;
  signal: AbortSignal;
}

const waitFor = (clock: Clock, ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const handle = clock.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clock.clearTimeout(handle);
      reject(signal.reason);
    }, { once: true });
  });

const never = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

/** A minimal scripted provider for core's own tests (the full one lives in @modelmesh/testing). */
export class FakeProvider implements Provider {
  readonly connector = 'fake.llm.v1';
  readonly calls: FakeCall[] = [];
  private readonly scripts = new Map<string, FakeOutcome[]>();

  constructor(
    readonly id: string,
    private readonly clock: Clock,
  ) {}

  /** Scripts the next calls to `model` (the last outcome repeats). */
  script(model: string, ...outcomes: FakeOutcome[]): this {
    this.scripts.set(model, outcomes);
    return this;
  }

  private next(model: string): FakeOutcome {
    const list = this.scripts.get(model) ?? [{ ok: `hello from ${model}` }];
    return (list.length > 1 ? list.shift() : list[0]) ?? { ok: '' };
  }

  private async settle(model: string, outcome: FakeOutcome, call: ProviderCall): Promise<void> {
    if ('status' in outcome) {
      if (outcome.status === 429) throw new RateLimitError({ providerId: this.id, modelId: model, retryAfter: outcome.retryAfter });
      throw new ProviderHttpError({ providerId: this.id, modelId: model, status: outcome.status, retryAfter: outcome.retryAfter });
    }
    if ('error' in outcome) throw outcome.error;
    if ('hang' in outcome) await never(call.signal);
    if ('delayMs' in outcome && outcome.delayMs) await waitFor(this.clock, outcome.delayMs, call.signal);
  }

  async chat(request: { model: string }, call: ProviderCall): Promise<ChatCompletion> {
    this.calls.push({ model: request.model, stream: false, signal: call.signal });
    const outcome = this.next(request.model);
    await this.settle(request.model, outcome, call);
    const text = 'ok' in outcome ? outcome.ok : '';
    const usage = 'ok' in outcome && outcome.usage ? outcome.usage : { prompt: 10, completion: 5 };
    return {
      id: 'cmpl-1',
      object: 'chat.completion',
      created: 1,
      model: request.model,
      choices: [{ index: 0, finish_reason: 'ok' in outcome && outcome.noFinish ? (null as never) : 'stop', logprobs: null, message: { role: 'assistant', content: text, refusal: null } }],
      usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
    };
  }

  async chatStream(request: { model: string }, call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
    this.calls.push({ model: request.model, stream: true, signal: call.signal });
    const outcome = this.next(request.model);
    await this.settle(request.model, outcome, call);
    const pieces = 'stream' in outcome ? outcome.stream : ['ok' in outcome ? outcome.ok : ''];
    const script = 'stream' in outcome ? outcome : undefined;
    const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: 'stop' | null = null): ChatCompletionChunk => ({
      id: 'chunk-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: request.model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    });
    const id = this.id;
    return (async function* () {
      yield chunk({ role: 'assistant', content: '' });
      for (const [index, piece] of pieces.entries()) {
        if (script?.cutAfter === index) throw new Error('socket hang up');
        if (script?.stallAfter === index) await never(call.signal);
        yield chunk({ content: piece });
      }
      if (script?.noFinish) return;
      yield chunk({}, 'stop');
      yield { ...chunk({}), choices: [], usage: { prompt_tokens: 3, completion_tokens: pieces.length, total_tokens: 3 + pieces.length } };
      void id;
    })();
  }

  async embed(request: { model: string; input: unknown }): Promise<{ object: 'list'; model: string; data: { object: 'embedding'; index: number; embedding: number[] }[]; usage: { prompt_tokens: number; total_tokens: number } }> {
    return { object: 'list', model: request.model, data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], usage: { prompt_tokens: 2, total_tokens: 2 } };
  }
}

/** Model specs for fake providers: chat models with a price. */
export function chatModels(...ids: string[]): ModelSpec[] {
  return ids.map((id) => ({ id, capabilities: ['chat-completion'], contextWindow: 8_000, pricing: { input: 1, output: 2 } }));
}
