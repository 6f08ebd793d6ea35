import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createMesh, ManualClock, type RequestRoutedEvent } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createProxyHandler } from '../src/index.js';
import { CHAT_MODEL, chatBody, postJson, readSse, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Resolves with the error code of a fresh TCP connection attempt ('connected' if it got through). */
function tryConnect(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('drain', () => {
  it('stops accepting, lets the in-flight request finish, then closes', async () => {
    const clock = new ManualClock();
    fixture = await startFixture({ clock, script: [{ type: 'ok', content: 'slow answer', latency: 1_000 }] });
    const mesh = fixture.mesh;
    const routed = whenEvent<RequestRoutedEvent>((h) => mesh.on('request.routed', h));
    const inFlight = postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    await routed;
    const drained = fixture.proxy.drain();
    expect(fixture.proxy.handler.draining).toBe(true);
    expect(await tryConnect(fixture.proxy.url)).toBe('ECONNREFUSED');
    await clock.advance(1_000);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('slow answer');
    expect(await drained).toEqual({ completed: 1, aborted: 0 });
  });

  it('aborts what is still running when the grace period ends: 503 for JSON, an error event for streams', async () => {
    const clock = new ManualClock();
    fixture = await startFixture({ clock, script: [{ type: 'timeout' }, { type: 'stall', afterChunks: 1 }] });
    const mesh = fixture.mesh;
    let routedCount = 0;
    const bothRouted = whenEvent<RequestRoutedEvent>((h) => mesh.on('request.routed', h), () => ++routedCount === 2);
    const json = postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    const streamed = postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true }));
    await bothRouted;
    const stream = await streamed;
    const drained = fixture.proxy.drain(5_000);
    await clock.advance(5_000);
    const refused = await json;
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('shutting_down');
    const events = await readSse(stream);
    expect(JSON.parse(events.at(-1)?.text ?? '{}')).toMatchObject({ error: { code: 'shutting_down' } });
    expect(await drained).toEqual({ completed: 0, aborted: 2 });
  });
});

describe('the request handler on a server of your own', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  it('serves in-process, and while draining fails readiness and refuses API requests with 503', async () => {
    const mesh = createMesh({ providers: [mockProviderEntry({ id: 'primary', models: [CHAT_MODEL] })], config: { pools: { chat: { capability: 'chat-completion' } } } });
    const handler = createProxyHandler({ mesh });
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    expect((await postJson(`${base}/v1/chat/completions`, chatBody())).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    handler.startDrain();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, draining: true });
    const refused = await postJson(`${base}/v1/chat/completions`, chatBody());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    handler.dispose();
    await mesh.close();
  });
});

describe('SIGTERM', () => {
  it('drains a real proxy process: the in-flight request completes and the process exits 0', async () => {
    const script = fileURLToPath(new URL('./fixtures/sigterm-proxy.mjs', import.meta.url));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines: Array<Record<string, unknown>> = [];
    let response: Promise<Response> | undefined;
    let url = '';
    const inFlight = new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const event = JSON.parse(line) as Record<string, unknown>;
        lines.push(event);
        if (event['event'] === 'ready') {
          url = String(event['url']);
          response = postJson(`${url}/v1/chat/completions`, { model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
        }
        if (event['event'] === 'in-flight') resolve();
      });
    });
    await inFlight;
    child.kill('SIGTERM');
    const answered = await (response as Promise<Response>);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('finished after SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.find((l) => l['event'] === 'message' && (l['message'] as { code: string }).code === 'auth')).toBeDefined();
    expect(lines.some((l) => l['event'] === 'log' && String(l['text']).startsWith('drained: 1 completed, 0 aborted'))).toBe(true);
    expect(await tryConnect(url)).toBe('ECONNREFUSED');
  });
});
