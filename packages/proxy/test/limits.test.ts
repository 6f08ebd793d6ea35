import { connect } from 'node:net';
import { ManualClock, type RequestRoutedEvent } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, postJson, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Sends raw bytes and collects everything the server answers until it closes the connection. */
function rawExchange(url: string, bytes: string): { answer: Promise<string>; sent: Promise<void> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const sent = new Promise<void>((resolve) => socket.once('connect', () => socket.write(bytes, () => resolve())));
  const answer = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  return { answer, sent };
}

/** A ManualClock that reports when a timer is set, so a test can wait for a timer to exist. */
class WatchedClock extends ManualClock {
  private waiters: Array<() => void> = [];
  override setTimeout(callback: () => void, ms: number): unknown {
    const handle = super.setTimeout(callback, ms);
    this.waiters.splice(0).forEach((wake) => wake());
    return handle;
  }
  nextTimerSet(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

describe('limits', () => {
  it('answers 503 with Retry-After when maxConcurrent requests are in flight', async () => {
    const clock = new ManualClock();
    fixture = await startFixture({ clock, script: [{ type: 'ok', latency: 1_000 }, { type: 'ok' }], settings: { limits: { maxConcurrent: 1 } } });
    const mesh = fixture.mesh;
    const routed = whenEvent<RequestRoutedEvent>((h) => mesh.on('request.routed', h));
    const first = postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    await routed;
    const refused = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('overloaded');
    // Probes are not API requests: they still answer.
    expect((await fetch(`${fixture.proxy.url}/healthz`)).status).toBe(200);
    await clock.advance(1_000);
    expect((await first).status).toBe(200);
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody())).status).toBe(200);
  });

  it('closes a connection whose headers do not arrive within the header timeout', async () => {
    fixture = await startFixture({ settings: { limits: { headerTimeoutMs: 200 } } });
    const { answer } = rawExchange(fixture.proxy.url, 'POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\n');
    expect(await answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 408 and closes when a request body stalls (slow-body guard)', async () => {
    const clock = new WatchedClock();
    fixture = await startFixture({ clock, settings: { limits: { bodyIdleTimeoutMs: 1_000 } } });
    const armed = clock.nextTimerSet();
    const head = 'POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const { answer } = rawExchange(fixture.proxy.url, `${head}{"model":"chat",`);
    await armed;
    await clock.advance(1_000);
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(text).toContain('"code":"request_timeout"');
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });

  it('sets Node server timeouts from the settings', async () => {
    fixture = await startFixture({ settings: { limits: { headerTimeoutMs: 2_000, requestTimeoutMs: 30_000 } } });
    expect(fixture.proxy.server.headersTimeout).toBe(2_000);
    expect(fixture.proxy.server.requestTimeout).toBe(30_000);
  });
});

describe('CORS', () => {
  const origins = ['https://app.example'];

  it('answers a preflight from a listed origin, echoing only that origin', async () => {
    fixture = await startFixture({ settings: { cors: { origins } } });
    const response = await fetch(`${fixture.baseURL}/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-stainless-os' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type, x-stainless-os');
  });

  it('refuses a preflight from an origin not on the list', async () => {
    fixture = await startFixture({ settings: { cors: { origins } } });
    const response = await fetch(`${fixture.baseURL}/chat/completions`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes a listed origin on responses and exposes the ModelMesh headers; other origins get no CORS headers', async () => {
    fixture = await startFixture({ settings: { cors: { origins } } });
    const allowed = await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), { origin: 'https://app.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-modelmesh-model');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers when no origin is configured', async () => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), { origin: 'https://app.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
