import { describe, expect, it } from 'vitest';
import {
  completionToChunks,
  ConfigurationError,
  ManualClock,
  createMesh,
  type ChatCompletion,
  type MeshMiddleware,
  type MiddlewarePlugin,
  type RequestReport,
} from '../src/index.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

const cached: ChatCompletion = {
  id: 'cached',
  object: 'chat.completion',
  created: 0,
  model: 'model-a',
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'from the cache', refusal: null } }],
  usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
};

/** Answers every chat request (streamed or not) itself, as a cache hit. */
const answering: MeshMiddleware = {
  name: 'answering',
  async wrapRequest(call) {
    if (call.operation === 'chat') return { operation: 'chat', completion: cached, cacheHit: true };
    if (call.operation === 'chat-stream') return { operation: 'chat-stream', stream: iterate(completionToChunks(cached)), cacheHit: true };
    return { operation: 'embeddings', response: { object: 'list', model: 'cached', data: [{ object: 'embedding', index: 0, embedding: [1] }], usage: { prompt_tokens: 1, total_tokens: 1 } }, cacheHit: true };
  },
};

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

describe('wrapRequest', () => {
  it('may answer without any provider: a plain object, marked as a cache hit at $0', async () => {
    const reports: RequestReport[] = [];
    const { client, a, b, events } = twoModelMesh({}, [answering, { onRequestEnd: (report) => void reports.push(report) }]);
    const response = await client.chat.completions.create(ask);
    expect(response.choices[0]?.message.content).toBe('from the cache');
    expect(a.calls.length + b.calls.length).toBe(0);
    const completed = events.find((e) => e.name === 'request.completed')?.event;
    expect(completed).toMatchObject({ ok: true, cacheHit: true, cost: 0, attempts: 0, poolName: 'chat' });
    expect(client.usage.cacheHits).toBe(1);
    expect(client.usage.totalCost).toBe(0);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ ok: true, cacheHit: true, attempts: [], cost: 0 });
  });

  it('replays its own stream answer, and the request settles when the stream ends', async () => {
    const reports: RequestReport[] = [];
    const { client, a } = twoModelMesh({}, [answering, { onRequestEnd: (report) => void reports.push(report) }]);
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('from the cache');
    expect(a.calls).toHaveLength(0);
    expect(reports[0]).toMatchObject({ ok: true, cacheHit: true, context: { operation: 'chat-stream' } });
    expect(reports[0]?.completion?.choices[0]?.message.content).toBe('from the cache');
  });

  it('wraps embeddings too', async () => {
    const { client } = twoModelMesh({}, [answering]);
    const response = await client.embeddings.create({ model: 'chat', input: 'x' });
    expect(response.model).toBe('cached');
    expect(client.usage.cacheHits).toBe(1);
  });

  it('nests in onion order, may change the params, and observes the routed answer', async () => {
    const log: string[] = [];
    const layer = (label: string): MeshMiddleware => ({
      async wrapRequest(call, next) {
        log.push(`${label}:in`);
        const changed = call.operation === 'chat' ? { ...call, params: { ...call.params, metadata: { ...call.params.metadata, [label]: 'yes' } } } : call;
        const answer = await next(changed);
        log.push(`${label}:out:${answer.operation === 'chat' ? answer.completion.model : '?'}`);
        return answer;
      },
    });
    const sent: unknown[] = [];
    const { client } = twoModelMesh({}, [layer('outer'), layer('inner'), { beforeRequest: (request) => (sent.push(request.metadata), request) }]);
    await client.chat.completions.create(ask);
    expect(log).toEqual(['outer:in', 'inner:in', 'inner:out:model-a', 'outer:out:model-a']);
    expect(sent).toEqual([{ outer: 'yes', inner: 'yes' }]);
  });

  it('refuses an answer of the wrong kind with a clear error', async () => {
    const wrong: MeshMiddleware = { name: 'wrong', wrapRequest: async () => ({ operation: 'embeddings', response: { object: 'list', model: 'x', data: [], usage: { prompt_tokens: 0, total_tokens: 0 } } }) };
    const { client } = twoModelMesh({}, [wrong]);
    await expect(client.chat.completions.create(ask)).rejects.toThrow(/Middleware "wrong" answered a chat request with embeddings/);
  });
});

describe('wrapAttempt and onRequestEnd', () => {
  it('wrap each attempt of a failover, and the report lists every attempt with its failure kind', async () => {
    const spans: string[] = [];
    const reports: RequestReport[] = [];
    const tracing: MeshMiddleware = {
      async wrapAttempt(context, next) {
        spans.push(`start ${context.attempt} ${context.modelKey} ${context.request.requestId === context.requestId}`);
        try {
          const outcome = await next();
          spans.push(`ok ${context.attempt} ${outcome.responseModel} ${outcome.usage?.total_tokens}`);
          return outcome;
        } catch (error) {
          spans.push(`failed ${context.attempt} ${(error as Error).name}`);
          throw error;
        }
      },
      onRequestEnd: (report) => void reports.push(report),
    };
    const { client, clock, a } = twoModelMesh({ retry: { max_attempts_per_model: 1 } }, [tracing]);
    a.script('model-a', { status: 503 });
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.model).toBe('model-b');
    expect(spans).toEqual(['start 1 model-a true', 'failed 1 ProviderHttpError', 'start 2 model-b true', 'ok 2 model-b 15']);
    const [report] = reports;
    expect(report).toMatchObject({ ok: true, cacheHit: false, failovers: 1, answeredBy: { modelKey: 'model-b', providerId: 'pb' }, responseModel: 'model-b' });
    expect(report?.attempts.map((attempt) => [attempt.modelKey, attempt.error?.kind, attempt.error?.status])).toEqual([
      ['model-a', 'transient', 503],
      ['model-b', undefined, undefined],
    ]);
    expect(report?.cost).toBeGreaterThan(0);
  });

  it('a wrapAttempt that swallows a failure cannot turn it into a success', async () => {
    const swallowing: MeshMiddleware = {
      async wrapAttempt(_context, next) {
        try {
          return await next();
        } catch {
          return { streaming: false };
        }
      },
    };
    const { client, clock, a, b } = twoModelMesh({ retry: { max_attempts_per_model: 1 } }, [swallowing]);
    a.script('model-a', { status: 503 });
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.model).toBe('model-b');
    expect(b.calls).toHaveLength(1);
  });

  it('reports a stream at its end and an embeddings request, and a failed request with its error', async () => {
    const reports: RequestReport[] = [];
    const { client, clock, a, b } = twoModelMesh({ retry: { max_attempts_per_model: 1 } }, [{ onRequestEnd: (report) => void reports.push(report) }]);
    a.script('model-a', { stream: ['one ', 'two'] });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    expect(reports).toHaveLength(0);
    for await (const _chunk of stream) void _chunk;
    expect(reports[0]).toMatchObject({ ok: true, context: { operation: 'chat-stream' }, completion: { choices: [{ message: { content: 'one two' } }] } });
    await client.embeddings.create({ model: 'chat', input: 'x' });
    expect(reports[1]).toMatchObject({ ok: true, context: { operation: 'embeddings' }, usage: { prompt_tokens: 2 } });
    a.script('model-a', { status: 400 });
    b.script('model-b', { status: 400 });
    await expect(withClock(clock, client.chat.completions.create(ask))).rejects.toThrow();
    expect(reports[2]).toMatchObject({ ok: false, cancelled: false, error: { name: expect.any(String) } });
    expect(reports[2]?.attempts[0]?.error?.kind).toBe('request');
  });

  it('a throwing onRequestEnd does not change the answer', async () => {
    const { client } = twoModelMesh({}, [{ onRequestEnd: () => Promise.reject(new Error('observer broke')) }]);
    await expect(client.chat.completions.create(ask)).resolves.toMatchObject({ model: 'model-a' });
  });
});

describe('middleware named by the config', () => {
  const recorder = (seen: Array<Record<string, unknown>>): MiddlewarePlugin => ({
    packageName: '@modelmesh/middleware-cache',
    create(options, context) {
      if (options['ttl'] === 'never') throw new ConfigurationError({ issues: [{ path: `${context.path}.ttl`, message: 'ttl must be a duration' }] });
      seen.push({ ...options, path: context.path });
      return answering;
    },
  });
  const mesh = (middleware: unknown, plugins: MiddlewarePlugin[], load?: (name: string) => MiddlewarePlugin | undefined) =>
    createMesh({
      providers: [{ provider: new FakeProvider('pa', new ManualClock()), models: chatModels('model-a') }],
      middlewarePlugins: plugins,
      ...(load ? { loadMiddleware: load } : {}),
      config: { models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] } }, pools: { chat: { models: ['model-a'] } }, middleware } as never,
    });

  it('creates built-in names from their package, with their options', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const client = mesh([{ name: 'cache', options: { ttl: '5m' } }], [recorder(seen)]);
    expect(seen).toEqual([{ ttl: '5m', path: 'middleware[0].options' }]);
    expect((await client.chat.completions.create(ask)).id).toBe('cached');
  });

  it('asks loadMiddleware for packages no plugin was given for', () => {
    const seen: Array<Record<string, unknown>> = [];
    const asked: string[] = [];
    mesh(['cache'], [], (name) => {
      asked.push(name);
      return recorder(seen);
    });
    expect(asked).toEqual(['@modelmesh/middleware-cache']);
  });

  it('refuses a middleware whose package is missing, and bad options, each at its path', () => {
    const error = (() => {
      try {
        mesh(['otel', { name: 'cache', options: { ttl: 'never' } }], [recorder([])]);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).issues.map((issue) => issue.path)).toEqual(['middleware[0]', 'middleware[1].options.ttl']);
    expect((error as ConfigurationError).issues[0]?.message).toContain('npm install @modelmesh/middleware-otel');
  });

  it('refuses a middleware listed twice', () => {
    expect(() => mesh(['cache', { name: '@modelmesh/middleware-cache' }], [recorder([])])).toThrow(/already listed at middleware\[0\]/);
  });
});
