import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { startMiddlewareMesh, type MiddlewareMesh } from '@modelmesh/testing/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { loggingMiddleware, type LoggingOptions } from '../src/index.js';
import { capture } from './support/capture.js';

let mesh: MiddlewareMesh | undefined;
afterEach(async () => {
  await mesh?.close();
  mesh = undefined;
});

async function logged(options: Omit<LoggingOptions, 'logger'> = {}) {
  const sink = capture();
  mesh = await startMiddlewareMesh({ plugin: providerPlugin, middleware: [loggingMiddleware({ ...options, logger: sink })] });
  return { sink, mesh };
}

const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'my secret diary entry' }] };

describe('one line per request', () => {
  it('names the answering model, the failed attempt with its kind, the failover, tokens and cost', async () => {
    const { sink, mesh } = await logged();
    mesh.primary.script({ kind: 'status', status: 503 });
    mesh.secondary.script({ kind: 'ok', content: 'hello', usage: { prompt_tokens: 10, completion_tokens: 5 } });
    await mesh.client.chat.completions.create(ask);
    expect(sink.lines).toHaveLength(1);
    const [line] = sink.lines;
    expect(line?.level).toBe('info');
    expect(line?.message).toBe('request completed');
    expect(line?.record).toMatchObject({
      pool: 'chat',
      operation: 'chat',
      model: 'model-b',
      provider: 'vendor-b',
      attempts: 2,
      failovers: 1,
      failures: [{ attempt: 1, model: 'model-a', provider: 'vendor-a', kind: 'transient', status: 503 }],
      tokens: { input: 10, output: 5, total: 15 },
      cost: 0.00002,
      cacheHit: false,
    });
    expect(line?.record['requestId']).toMatch(/^req_/);
    expect(typeof line?.record['latencyMs']).toBe('number');
  });

  it('never logs contents, keys or headers by default', async () => {
    const { sink, mesh } = await logged({ level: 'debug' });
    await mesh.client.chat.completions.create(ask);
    const text = JSON.stringify(sink.lines);
    expect(text).not.toContain('secret diary');
    expect(text).not.toContain('sk-conformance');
    expect(text).not.toContain('Echo');
  });

  it('logs contents when asked, cut to max characters', async () => {
    const { sink, mesh } = await logged({ content: { maxChars: 9 } });
    mesh.primary.script({ kind: 'ok', content: 'a rather long answer' });
    await mesh.client.chat.completions.create(ask);
    expect(sink.lines[0]?.record).toMatchObject({ prompt: 'my secret… (12 more)', answer: 'a rather … (11 more)' });
  });

  it('logs a stream at its end, with its time to first token', async () => {
    const { sink, mesh } = await logged();
    const stream = await mesh.client.chat.completions.create({ ...ask, stream: true });
    expect(sink.lines).toHaveLength(0);
    for await (const _chunk of stream) void _chunk;
    expect(sink.lines[0]?.record).toMatchObject({ operation: 'chat-stream', model: 'model-a' });
    expect(typeof sink.lines[0]?.record['ttftMs']).toBe('number');
  });

  it('logs embeddings and failed requests (at error, with the error the caller got)', async () => {
    const { sink, mesh } = await logged();
    await mesh.client.embeddings.create({ model: 'embed', input: 'x' });
    mesh.primary.script({ kind: 'status', status: 401 });
    mesh.secondary.script({ kind: 'status', status: 401 });
    await expect(mesh.client.chat.completions.create(ask)).rejects.toThrow();
    expect(sink.lines.map((l) => [l.level, l.record['operation']])).toEqual([
      ['info', 'embeddings'],
      ['error', 'chat'],
    ]);
    expect(sink.lines[1]?.record['error']).toMatchObject({ name: 'AllProvidersExhaustedError' });
    expect((sink.lines[1]?.record['failures'] as Array<{ kind: string }>).map((f) => f.kind)).toEqual(['auth', 'auth']);
  });

  it('adds one line per attempt at debug, and nothing at all when silent', async () => {
    const { sink, mesh } = await logged({ level: 'debug' });
    mesh.primary.script({ kind: 'status', status: 503 });
    await mesh.client.chat.completions.create(ask);
    expect(sink.lines.map((l) => `${l.level} ${l.message}`)).toEqual(['debug attempt failed', 'debug attempt succeeded', 'info request completed']);
    await mesh.close();
    const silent = await logged({ level: 'silent' });
    await silent.mesh.client.chat.completions.create(ask);
    expect(silent.sink.lines).toEqual([]);
  });
});
