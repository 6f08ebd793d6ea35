import { createMesh } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { expect, it } from 'vitest';
import { otelMiddleware } from '../src/index.js';

it('runs the README example as written', async () => {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const client = createMesh({
    providers: [mockProviderEntry({ id: 'demo', models: ['gpt-4o'] })],
    middleware: [otelMiddleware({ tracerProvider })],
  });
  await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
  expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['chat gpt-4o', 'chat chat-completion']);
  await client.close();
  await tracerProvider.shutdown();
});
