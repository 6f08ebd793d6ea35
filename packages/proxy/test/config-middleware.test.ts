// The proxy over a mesh made from a config that lists `middleware: [logging, cache, otel]`,
// driven by the official openai client: every request is logged, a repeat is answered from the
// cache (header, metrics, no provider call), and each request is traced on the real SDK.
import { createMesh, loadConfig } from '@modelmesh/core';
import { middlewarePlugin as cache } from '@modelmesh/middleware-cache';
import { middlewarePlugin as logging } from '@modelmesh/middleware-logging';
import { middlewarePlugin as otel } from '@modelmesh/middleware-otel';
import { mockProviderEntry } from '@modelmesh/testing';
import { metrics, trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { CHAT_MODEL } from './support/proxy-fixture.js';

const CONFIG = `
pools:
  chat: { capability: chat-completion, retry: { backoff: none } }
middleware: [logging, cache, otel]
`;

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const meterProvider = new MeterProvider({ readers: [reader] });
const primary = mockProviderEntry({ id: 'primary', models: [CHAT_MODEL], script: { type: 'ok', content: 'The answer is 4.' } });
const written: string[] = [];
let proxy: RunningProxy;
let closeMesh: () => Promise<void>;

beforeAll(async () => {
  // What an application does once at start-up: register the OpenTelemetry SDK globally.
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    written.push(String(chunk));
    return write(chunk, ...(rest as []));
  });
  const config = loadConfig(CONFIG, { knownProviders: ['primary'] });
  const mesh = createMesh({ config, providers: [{ provider: primary.provider, models: [...primary.models] }], middlewarePlugins: [logging, cache, otel] });
  closeMesh = () => mesh.close();
  proxy = await startProxy({ mesh, settings: { port: 0 }, log: () => undefined });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await proxy.close();
  await closeMesh();
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
  trace.disable();
  metrics.disable();
});

const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'unused', maxRetries: 0 });
const question = { model: 'chat', messages: [{ role: 'user' as const, content: 'What is 2 + 2?' }] };

describe('a proxy whose config lists middleware: [logging, cache, otel]', () => {
  it('caches: a repeat is answered without the provider and marked in the headers; no-store opts out', async () => {
    const first = await openai().chat.completions.create(question).withResponse();
    const second = await openai().chat.completions.create(question).withResponse();
    expect(first.response.headers.get('x-modelmesh-cache')).toBeNull();
    expect(second.response.headers.get('x-modelmesh-cache')).toBe('hit');
    expect(second.data.choices[0]?.message.content).toBe('The answer is 4.');
    expect(second.response.headers.get('x-modelmesh-attempts')).toBe('0');
    expect(primary.provider.calls).toHaveLength(1);

    const optedOut = await openai().chat.completions.create(question, { headers: { 'x-modelmesh-cache': 'no-store' } }).withResponse();
    expect(optedOut.response.headers.get('x-modelmesh-cache')).toBeNull();
    expect(primary.provider.calls).toHaveLength(2);

    const stream = await openai().chat.completions.create({ ...question, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('The answer is 4.');
    expect(primary.provider.calls).toHaveLength(2);

    const exposition = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(exposition).toContain('modelmesh_cache_hits_total{pool="chat"} 2');
  });

  it('logs one line per request, cache hits included', () => {
    const lines = written.join('').split('\n');
    expect(lines.filter((line) => line.includes('request completed'))).toHaveLength(2);
    expect(lines.filter((line) => line.includes('request answered from cache'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('What is 2 + 2?');
  });

  it('traces each request on the GenAI conventions, with attempt spans for the misses only', async () => {
    const finished = spans.getFinishedSpans();
    const requests = finished.filter((span) => span.name === 'chat chat');
    expect(requests.map((span) => span.attributes['modelmesh.cache_hit'])).toEqual([false, true, false, true]);
    expect(finished.filter((span) => span.name === 'chat gpt-test')).toHaveLength(2);
    expect(requests[0]?.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'chat', 'gen_ai.response.model': 'gpt-test' });
    await reader.forceFlush();
    const names = metricExporter.getMetrics().flatMap((batch) => batch.scopeMetrics.flatMap((scope) => scope.metrics.map((metric) => metric.descriptor.name)));
    expect(names).toEqual(expect.arrayContaining(['gen_ai.client.operation.duration', 'gen_ai.client.token.usage']));
  });
});
