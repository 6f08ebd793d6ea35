import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './support/proxy-fixture.js';
import { rawConnection, trickle } from './support/raw-client.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const CHAT_HEAD = 'POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nContent-Type: application/json\r\n';
const BODY = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hello there' }] });

// Short configured timeouts keep each case brief; what is asserted is what the server did, never how long it took.
describe('slow and silent clients', () => {
  // Node 20 already does this (headersTimeout counts from the connection, checked every
  // connectionsCheckingInterval, which startProxy sets from the header timeout); kept as a guard.
  it('closes connections that never send a byte with a 408 once the header timeout passes', async () => {
    // 1 s rather than less: on a loaded machine a real request's headers can take a few hundred ms.
    fixture = await startFixture({ settings: { limits: { headerTimeoutMs: 1_000 } } });
    const idle = Array.from({ length: 20 }, () => rawConnection(fixture?.proxy.url ?? ''));
    await Promise.all(idle.map((c) => c.connected));
    // Each resolves only when the server closes it: the test's own timeout bounds the wait.
    const answers = await Promise.all(idle.map((c) => c.closed));
    for (const text of answers) expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${fixture.proxy.url}/healthz`)).status).toBe(200);
  });

  it('answers 408 and closes when the headers trickle in slower than the header timeout allows', async () => {
    fixture = await startFixture({ settings: { limits: { headerTimeoutMs: 200 } } });
    const slow = rawConnection(fixture.proxy.url);
    await slow.connected;
    // About 270 bytes at one per 20 ms: each byte comes well within any idle limit, the whole does not.
    trickle(slow, `${CHAT_HEAD}X-Padding: ${'a'.repeat(200)}\r\n\r\n`, 20);
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408/);
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });

  it('answers 408 and closes when the body trickles in slower than the request timeout allows', async () => {
    fixture = await startFixture({ settings: { limits: { headerTimeoutMs: 200, requestTimeoutMs: 400, bodyIdleTimeoutMs: 10_000 } } });
    const slow = rawConnection(fixture.proxy.url);
    await slow.connected;
    slow.socket.write(`${CHAT_HEAD}Content-Length: ${Buffer.byteLength(BODY)}\r\n\r\n`);
    trickle(slow, BODY, 20);
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408/);
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });
});
