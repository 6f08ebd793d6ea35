// Matrix 6: middleware around every attempt, for chat and streams: onion order
// (beforeRequest in registration order, afterResponse/onError in reverse, onStreamChunk in
// registration order per chunk), one shared context object across the hooks of an attempt,
// and a fresh context (and metadata) for each attempt across retries and failover.
import { describe, expect, it } from 'vitest';
import {
  Middleware,
  ModelMeshError,
  StreamInterruptedError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionCreateParams,
  type MiddlewareContext,
} from 'modelmesh';
import type { MockOutcome } from 'modelmesh/testing';
import { answerOf, consume, Harness, type ModelKey } from './support/harness.js';

type Hook = 'before' | 'after' | 'error' | 'chunk';

interface Entry {
  mw: string;
  hook: Hook;
  context: MiddlewareContext;
  /** Copy of the metadata as the hook found it. */
  metadata: Record<string, unknown>;
  /** afterResponse: the response's text; onError: the error's name; chunk: the delta text. */
  detail?: string;
}

class Probe extends Middleware {
  constructor(
    private readonly label: string,
    private readonly log: Entry[],
  ) {
    super();
  }
  private note(hook: Hook, context: MiddlewareContext, detail?: string): void {
    this.log.push({ mw: this.label, hook, context, metadata: { ...context.metadata }, ...(detail === undefined ? {} : { detail }) });
  }
  override async beforeRequest(request: ChatCompletionCreateParams, context: MiddlewareContext) {
    this.note('before', context);
    context.metadata[this.label] = context.attempt;
    return request;
  }
  override async afterResponse(response: ChatCompletion, context: MiddlewareContext) {
    this.note('after', context, response.choices[0]?.message.content ?? '');
    return response;
  }
  override async onError(error: unknown, context: MiddlewareContext) {
    this.note('error', context, ModelMeshError.isInstance(error) ? error.name : String(error));
    return undefined;
  }
  override async onStreamChunk(chunk: ChatCompletionChunk, context: MiddlewareContext) {
    this.note('chunk', context, chunk.choices[0]?.delta.content ?? '');
    return chunk;
  }
}

const LAYERS = ['outer', 'middle', 'inner'] as const;
const REVERSED = [...LAYERS].reverse();

interface Scenario {
  readonly label: string;
  readonly scripts: Partial<Record<ModelKey, MockOutcome[]>>;
  readonly pool?: Record<string, unknown>;
  /** Model and outcome of each attempt. */
  readonly attempts: ReadonlyArray<readonly [ModelKey, 'ok' | 'error']>;
}

const SCENARIOS: readonly Scenario[] = [
  { label: 'answered at once', scripts: {}, attempts: [['model-a', 'ok']] },
  { label: 'retried on the same model', scripts: { 'model-a': [{ type: 'http', status: 503 }, { type: 'ok', content: answerOf('model-a') }] }, attempts: [['model-a', 'error'], ['model-a', 'ok']] },
  { label: 'failed over after two tries', scripts: { 'model-a': [{ type: 'http', status: 503 }] }, attempts: [['model-a', 'error'], ['model-a', 'error'], ['model-b', 'ok']] },
  { label: 'rate limited, then failed over', scripts: { 'model-a': [{ type: 'http', status: 429 }] }, attempts: [['model-a', 'error'], ['model-b', 'ok']] },
  { label: 'timed out, failed over', scripts: { 'model-a': [{ type: 'timeout' }] }, attempts: [['model-a', 'error'], ['model-b', 'ok']] },
  { label: 'surfaced 400', scripts: { 'model-a': [{ type: 'http', status: 400 }] }, attempts: [['model-a', 'error']] },
  {
    label: 'exhausted',
    scripts: { 'model-a': [{ type: 'http', status: 503 }], 'model-b': [{ type: 'reset' }] },
    pool: { retry: { max_attempts: 3 } },
    attempts: [['model-a', 'error'], ['model-a', 'error'], ['model-b', 'error']],
  },
];

/** The hooks one attempt runs, in order, for a stream that delivers `chunks` chunks when it succeeds. */
function expectedHooks(outcome: 'ok' | 'error', chunks: number): Array<[string, Hook]> {
  const before = LAYERS.map((mw): [string, Hook] => [mw, 'before']);
  if (outcome === 'error') return [...before, ...REVERSED.map((mw): [string, Hook] => [mw, 'error'])];
  const perChunk = Array.from({ length: chunks }, () => LAYERS.map((mw): [string, Hook] => [mw, 'chunk'])).flat();
  return [...before, ...perChunk, ...REVERSED.map((mw): [string, Hook] => [mw, 'after'])];
}

describe.each(['chat', 'stream'] as const)('%s: middleware around each attempt', (mode) => {
  it.each(SCENARIOS.map((s) => [s.label, s] as const))('%s', async (_label, s) => {
    const log: Entry[] = [];
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', ...s.pool }, middleware: LAYERS.map((mw) => new Probe(mw, log)) });
    for (const [model, outcomes] of Object.entries(s.scripts) as Array<[ModelKey, MockOutcome[]]>) h.script(model, ...outcomes);
    const metadata = { tenant: 't-1' };

    let chunks = 0;
    const succeeded = s.attempts.at(-1)?.[1] === 'ok';
    if (mode === 'chat') {
      const result = await h.run(h.chat({}, { metadata })).catch((error: unknown) => error);
      expect(ModelMeshError.isInstance(result)).toBe(!succeeded);
    } else {
      const stream = await h.run(h.stream({}, { metadata })).catch((error: unknown) => error);
      expect(ModelMeshError.isInstance(stream)).toBe(!succeeded);
      if (succeeded) {
        const seen = await h.run(consume(stream as AsyncIterable<ChatCompletionChunk>));
        expect(seen.error).toBeUndefined();
        chunks = seen.chunks.length;
      }
    }

    // onion order, attempt by attempt
    const expected = s.attempts.flatMap(([, outcome]) => expectedHooks(outcome, chunks));
    expect(log.map((e) => [e.mw, e.hook])).toEqual(expected);

    // one context per attempt, shared by all its hooks; a new one for every attempt
    const contexts = [...new Set(log.map((e) => e.context))];
    expect(contexts).toHaveLength(s.attempts.length);
    contexts.forEach((context, i) => {
      const [model] = s.attempts[i] ?? [];
      expect(context).toMatchObject({ attempt: i + 1, modelKey: model, modelId: model, poolName: 'chat', stream: mode === 'stream' });
      const mine = log.filter((e) => e.context === context);
      expect(mine.map((e) => [e.mw, e.hook])).toEqual(expectedHooks(s.attempts[i]?.[1] ?? 'error', chunks));
      // fresh metadata: seeded from the request's, nothing left over from earlier attempts
      expect(mine[0]?.metadata).toEqual({ tenant: 't-1' });
      // what the attempt's beforeRequest hooks wrote is visible to every later hook of that attempt
      for (const entry of mine.filter((e) => e.hook !== 'before')) expect(entry.metadata).toEqual({ tenant: 't-1', outer: i + 1, middle: i + 1, inner: i + 1 });
    });
    expect(new Set(contexts.map((c) => c.requestId)).size).toBe(1);
    expect(metadata).toEqual({ tenant: 't-1' });

    // afterResponse sees the whole answer (for streams: assembled from the chunks), onError the typed error
    const afters = log.filter((e) => e.hook === 'after');
    if (succeeded) expect(afters.every((e) => e.detail === answerOf(s.attempts.at(-1)?.[0] ?? 'model-a'))).toBe(true);
    expect(log.filter((e) => e.hook === 'error').every((e) => e.detail?.endsWith('Error'))).toBe(true);
    expect(contexts.every((c) => c.signal instanceof AbortSignal)).toBe(true);
  });
});

describe('middleware and streams', () => {
  it('onStreamChunk runs only for the committed attempt, never for chunks of an attempt that failed before content', async () => {
    const log: Entry[] = [];
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' }, middleware: [new Probe('only', log)] });
    h.script('model-a', { type: 'stream-cut', content: 'lost words', afterChunks: 0 });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.text).toBe(answerOf('model-b'));
    const chunkContexts = new Set(log.filter((e) => e.hook === 'chunk').map((e) => e.context.modelKey));
    expect([...chunkContexts]).toEqual(['model-b']);
  });

  it('a chunk hook that drops or rewrites chunks changes what the caller sees, in registration order', async () => {
    class Upper extends Middleware {
      override async onStreamChunk(chunk: ChatCompletionChunk) {
        const choice = chunk.choices[0];
        if (choice?.delta.content) choice.delta.content = choice.delta.content.toUpperCase();
        return chunk;
      }
    }
    class DropTwo extends Middleware {
      // sees the chunk after Upper (registration order), so it must match the upper-cased text
      override async onStreamChunk(chunk: ChatCompletionChunk) {
        return chunk.choices[0]?.delta.content === 'TWO ' ? null : chunk;
      }
    }
    const h = new Harness({ members: ['model-a'], middleware: [new Upper(), new DropTwo()] });
    h.script('model-a', { type: 'ok', content: 'one two three' });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.text).toBe('ONE THREE');
    expect(seen.finished).toBe(true);
  });

  it.each(['chat', 'stream'] as const)('%s: a fallback from onError answers the request; no retry, no failover', async (mode) => {
    class Fallback extends Middleware {
      contexts: MiddlewareContext[] = [];
      override async onError(_error: unknown, context: MiddlewareContext): Promise<ChatCompletion> {
        this.contexts.push(context);
        return {
          id: 'fallback',
          object: 'chat.completion',
          created: 0,
          model: 'fallback',
          choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'from the fallback', refusal: null } }],
        };
      }
    }
    const fallback = new Fallback();
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' }, middleware: [fallback] });
    h.script('model-a', { type: 'http', status: 503 });
    const text =
      mode === 'chat'
        ? (await h.run(h.chat())).choices[0]?.message.content
        : (await h.run(consume(await h.run(h.stream())))).text;
    expect(text).toBe('from the fallback');
    expect(h.callCounts()).toEqual({ 'model-a': 1, 'model-b': 0, 'model-c': 0 });
    expect(h.eventsOf('attempt.failed').map((e) => e.next)).toEqual(['fallback']);
    expect(fallback.contexts.map((c) => [c.attempt, c.modelKey])).toEqual([[1, 'model-a']]);
  });

  it('beforeRequest changes apply to their own attempt only', async () => {
    class Stamp extends Middleware {
      override async beforeRequest(request: ChatCompletionCreateParams, context: MiddlewareContext) {
        return { ...request, temperature: context.attempt / 10, metadata: { attempt: String(context.attempt) } };
      }
    }
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' }, middleware: [new Stamp()] });
    h.script('model-a', { type: 'http', status: 503 });
    await h.run(h.chat());
    const params = (['model-a', 'model-b'] as const).flatMap((m) => h.providers[m].calls.map((c) => [c.model, c.params['temperature'], c.params['metadata']]));
    expect(params).toEqual([
      ['model-a', 0.1, { attempt: '1' }],
      ['model-a', 0.2, { attempt: '2' }],
      ['model-b', 0.3, { attempt: '3' }],
    ]);
  });

  // Router.chat hands beforeRequest a shallow copy per attempt, so nested arrays are shared: a
  // middleware that adds a message in place (as the seed-style "return request" hooks invite)
  // stacks one more copy on every retry and rewrites the caller's own params.
  it('a beforeRequest that edits request.messages in place affects only its attempt, never the caller’s params', async () => {
    class SystemPrompt extends Middleware {
      override async beforeRequest(request: ChatCompletionCreateParams) {
        request.messages.push({ role: 'system', content: 'Be brief.' });
        return request;
      }
    }
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' }, middleware: [new SystemPrompt()] });
    h.script('model-a', { type: 'http', status: 503 });
    const params = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi' }] };
    await h.run(h.client.chat.completions.create(params));
    const sent = (['model-a', 'model-b'] as const).flatMap((m) => h.providers[m].calls.map((c) => c.messages.length));
    expect(sent).toEqual([2, 2, 2]);
    expect(params.messages).toHaveLength(1);
  });

  // The documented contract (docs/guides/getting-started.md, Middleware.onError): onError runs
  // "after every failed attempt". A stream that breaks after content is a failed attempt.
  it('onError sees a stream interrupted after content, with the attempt’s own context', async () => {
    const log: Entry[] = [];
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', stream_recovery: 'off' }, middleware: LAYERS.map((mw) => new Probe(mw, log)) });
    h.script('model-a', { type: 'stream-cut', content: 'one two three', afterChunks: 2 });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(StreamInterruptedError.isInstance(seen.error)).toBe(true);
    const errors = log.filter((e) => e.hook === 'error');
    expect(errors.map((e) => [e.mw, e.detail])).toEqual(REVERSED.map((mw) => [mw, 'StreamInterruptedError']));
    expect(new Set(log.map((e) => e.context)).size).toBe(1);
    expect(log.some((e) => e.hook === 'after')).toBe(false);
  });
});
