import type { MeshMiddleware } from '@modelmesh/core';
import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { startMiddlewareMesh, type MiddlewareMesh } from '@modelmesh/testing/vitest';
import { SpanKind, SpanStatusCode, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { otelMiddleware, providerName } from '../src/index.js';
import { memorySdk, type MemorySdk } from './support/otel-sdk.js';

let mesh: MiddlewareMesh | undefined;
let sdk: MemorySdk | undefined;
afterEach(async () => {
  await mesh?.close();
  await sdk?.shutdown();
  mesh = undefined;
  sdk = undefined;
});

async function traced(extra: MeshMiddleware[] = []) {
  sdk = memorySdk();
  mesh = await startMiddlewareMesh({ plugin: providerPlugin, middleware: [...extra, otelMiddleware({ tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider })] });
  return { sdk, mesh };
}

const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'trace me' }] };
const vendor = providerName(providerPlugin.connector);

describe('spans on the GenAI conventions', () => {
  it('one span per request with a child per attempt: a failover shows as two children', async () => {
    const { sdk, mesh } = await traced();
    mesh.primary.script({ kind: 'status', status: 503 });
    mesh.secondary.script({ kind: 'ok', content: 'hi', usage: { prompt_tokens: 7, completion_tokens: 3 } });
    await mesh.client.chat.completions.create(ask);
    const spans = sdk.spans();
    const request = spans.find((span) => span.name === 'chat chat');
    const attempts = spans.filter((span) => span.parentSpanContext?.spanId === request?.spanContext().spanId);
    expect(request?.kind).toBe(SpanKind.CLIENT);
    expect(request?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'chat',
      'gen_ai.response.model': 'model-b',
      'gen_ai.provider.name': vendor,
      'gen_ai.usage.input_tokens': 7,
      'gen_ai.usage.output_tokens': 3,
      'modelmesh.attempts': 2,
      'modelmesh.failovers': 1,
      'modelmesh.cache_hit': false,
    });
    expect(attempts.map((span) => span.name)).toEqual(['chat model-a', 'chat model-b']);
    const [failed, answered] = attempts;
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.attributes).toMatchObject({ 'error.type': 'ProviderHttpError', 'modelmesh.attempt': 1, 'modelmesh.provider_id': 'vendor-a' });
    expect(failed?.events.some((event) => event.name === 'exception')).toBe(true);
    expect(answered?.attributes).toMatchObject({ 'gen_ai.request.model': 'model-b', 'gen_ai.response.model': 'model-b', 'gen_ai.usage.input_tokens': 7, 'modelmesh.attempt': 2 });
    expect(answered?.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('a streamed answer keeps its attempt span open until the stream ends', async () => {
    const { sdk, mesh } = await traced();
    mesh.primary.script({ kind: 'ok', chunks: ['a ', 'b'], usage: { prompt_tokens: 4, completion_tokens: 2 } });
    const stream = await mesh.client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
    expect(sdk.spans()).toHaveLength(0);
    for await (const _chunk of stream) void _chunk;
    const attempt = sdk.spans().find((span) => span.name === 'chat model-a');
    expect(attempt?.attributes).toMatchObject({ 'gen_ai.usage.output_tokens': 2, 'gen_ai.response.finish_reasons': ['stop'] });
  });

  it('records a failed request with its ModelMesh error type', async () => {
    const { sdk, mesh } = await traced();
    mesh.primary.script({ kind: 'status', status: 503 });
    mesh.secondary.script({ kind: 'status', status: 503 });
    await expect(mesh.client.chat.completions.create(ask)).rejects.toThrow();
    const request = sdk.spans().find((span) => span.name === 'chat chat');
    expect(request?.status.code).toBe(SpanStatusCode.ERROR);
    expect(request?.attributes['error.type']).toBe('AllProvidersExhaustedError');
    expect(sdk.spans()).toHaveLength(3);
  });

  it('traces embeddings', async () => {
    const { sdk, mesh } = await traced();
    await mesh.client.embeddings.create({ model: 'embed', input: 'x' });
    expect(sdk.spans().map((span) => span.name).sort()).toEqual(['embeddings embed', 'embeddings embed-a']);
  });

  it('marks a request some middleware answered as a cache hit, with no attempt spans', async () => {
    const cache: MeshMiddleware = {
      wrapRequest: async (call, next) =>
        call.operation === 'chat'
          ? { operation: 'chat', completion: { id: 'c', object: 'chat.completion', created: 0, model: 'cached', choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'hit', refusal: null } }] }, cacheHit: true }
          : next(call),
    };
    const { sdk, mesh } = await traced([cache]);
    await mesh.client.chat.completions.create(ask);
    expect(sdk.spans().map((span) => [span.name, span.attributes['modelmesh.cache_hit']])).toEqual([['chat chat', true]]);
  });
});

describe('metrics', () => {
  it('records gen_ai.client.operation.duration and gen_ai.client.token.usage', async () => {
    const { sdk, mesh } = await traced();
    mesh.primary.script({ kind: 'ok', usage: { prompt_tokens: 11, completion_tokens: 5 } });
    await mesh.client.chat.completions.create(ask);
    const duration = await sdk.histogram('gen_ai.client.operation.duration');
    expect(duration).toHaveLength(1);
    expect(duration[0]?.value.count).toBe(1);
    expect(duration[0]?.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'chat', 'gen_ai.response.model': 'model-a' });
    const tokens = await sdk.histogram('gen_ai.client.token.usage');
    expect(tokens.map((point) => [point.attributes['gen_ai.token.type'], point.value.sum]).sort()).toEqual([
      ['input', 11],
      ['output', 5],
    ]);
  });
});

describe('without an SDK', () => {
  it('starts no span per attempt: only the non-recording request span', async () => {
    let started = 0;
    const nonRecording = { isRecording: () => false, end: () => undefined, setAttributes: () => nonRecording, spanContext: () => ({ traceId: '0', spanId: '0', traceFlags: 0 }) } as unknown as Span;
    const tracer = { startSpan: () => (started++, nonRecording) } as unknown as Tracer;
    const provider: TracerProvider = { getTracer: () => tracer };
    mesh = await startMiddlewareMesh({ plugin: providerPlugin, middleware: [otelMiddleware({ tracerProvider: provider })] });
    mesh.primary.script({ kind: 'status', status: 503 });
    await mesh.client.chat.completions.create(ask);
    expect(started).toBe(1);
  });
});
