import type { ProviderCall, RequestCompletedEvent } from '@modelmesh/core';
import { mockProviderEntry, type MockProviderEntry, type MockScript } from '@modelmesh/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_MODEL, chatBody, sseReader, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A mock provider that keeps the `call.signal` of every call it receives. */
function watchedProvider(script: MockScript): { entry: MockProviderEntry; signals: AbortSignal[]; firstCall: Promise<AbortSignal> } {
  const signals: AbortSignal[] = [];
  let called: (signal: AbortSignal) => void = () => {};
  const firstCall = new Promise<AbortSignal>((resolve) => (called = resolve));
  const entry = mockProviderEntry({ id: 'primary', models: [CHAT_MODEL], script });
  const provider = new Proxy(entry.provider, {
    get(target, prop, receiver) {
      if (prop === 'chat' || prop === 'chatStream') {
        return (request: never, call: ProviderCall) => {
          signals.push(call.signal);
          called(call.signal);
          return target[prop](request, call);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { entry: { provider, models: entry.models }, signals, firstCall };
}

const aborted = (signal: AbortSignal) => new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

describe('client disconnects', () => {
  it('a client that leaves mid-stream aborts the upstream call', async () => {
    const { entry, signals } = watchedProvider({ type: 'stall', chunks: ['first ', 'never'], afterChunks: 1 });
    fixture = await startFixture({ providers: [entry] });
    const mesh = fixture.mesh;
    const completed = whenEvent<RequestCompletedEvent>((h) => mesh.on('request.completed', h));
    const client = new AbortController();
    const response = await fetch(`${fixture.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody({ stream: true })),
      signal: client.signal,
    });
    const events = sseReader(response);
    await events.next(); // role
    expect((await events.next())?.text).toContain('first ');
    const upstream = signals[0] as AbortSignal;
    expect(upstream.aborted).toBe(false);
    client.abort();
    await aborted(upstream);
    expect(upstream.aborted).toBe(true);
    await completed;
    expect(entry.provider.calls[0].status).not.toBe('pending');
    expect(fixture.proxy.handler.metricsText()).toContain('modelmesh_http_requests_total{endpoint="chat.completions",pool="chat",model="gpt-test",status="499"} 1');
  });

  it('a client that leaves while waiting for a JSON answer aborts the upstream call', async () => {
    const { entry, firstCall } = watchedProvider({ type: 'timeout' });
    fixture = await startFixture({ providers: [entry] });
    const client = new AbortController();
    const pending = fetch(`${fixture.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody()),
      signal: client.signal,
    }).catch((error: unknown) => error);
    const upstream = await firstCall;
    expect(upstream.aborted).toBe(false);
    client.abort();
    await aborted(upstream);
    expect(upstream.aborted).toBe(true);
    expect(await pending).toBeInstanceOf(Error);
  });
});
