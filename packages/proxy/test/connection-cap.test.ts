import { ManualClock, type RequestRoutedEvent } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EVICTABLE_AFTER_MS, PROBE_HEADROOM } from '../src/server/connection-guard.js';
import { DEFAULT_MAX_CONNECTIONS, defaultMaxConnections, openFileLimit } from '../src/server/descriptor-limit.js';
import { chatBody, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';
import { freshRequest, rawConnection } from './support/raw-client.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const MAX = 4;

const chat = (url: string) =>
  freshRequest(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chatBody()) });

/** Resolves once the server has accepted `count` more connections. */
function accepted(f: Fixture, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const onConnection = () => {
      if (++seen < count) return;
      f.proxy.server.off('connection', onConnection);
      resolve();
    };
    f.proxy.server.on('connection', onConnection);
  });
}

describe('the connection cap (limits.maxConnections)', () => {
  it('keeps /healthz and real requests answering while idle connections fill the cap and its headroom', async () => {
    const clock = new ManualClock();
    // A header timeout far beyond the test: only the cap closes these idle connections.
    fixture = await startFixture({ clock, settings: { limits: { maxConnections: MAX, headerTimeoutMs: 60_000 } } });
    const url = fixture.proxy.url;
    const full = MAX + PROBE_HEADROOM;
    const filled = accepted(fixture, full + 1);
    const idle = Array.from({ length: full }, () => rawConnection(url));
    await Promise.all(idle.map((c) => c.connected));
    // One more than the cap and its headroom: the oldest idle connection gives way at once.
    const extra = rawConnection(url);
    await filled;
    expect(await idle[0]?.closed).toBe('');
    // Once the idle connections have waited, each new connection takes the place of the oldest.
    await clock.advance(EVICTABLE_AFTER_MS);
    expect((await freshRequest(`${url}/healthz`)).status).toBe(200);
    expect((await chat(url)).status).toBe(200);
    await Promise.all(idle.slice(1, 3).map((c) => c.closed));
    expect([...idle.slice(3), extra].every((c) => !c.socket.destroyed)).toBe(true);
  });

  it('when every connection is busy, serves probes on a few more and refuses other requests with 503', async () => {
    fixture = await startFixture({ script: { type: 'timeout' }, settings: { limits: { maxConnections: MAX, headerTimeoutMs: 60_000 } } });
    const url = fixture.proxy.url;
    const mesh = fixture.mesh;
    let routed = 0;
    const allRouted = whenEvent<RequestRoutedEvent>((h) => mesh.on('request.routed', h), () => ++routed === MAX);
    // MAX requests that never get an answer hold every connection.
    const busy = Array.from({ length: MAX }, () => chat(url).catch(() => undefined));
    await allRouted;
    const probes = await Promise.all([freshRequest(`${url}/healthz`), freshRequest(`${url}/readyz`)]);
    expect(probes.map((p) => p.status)).toEqual([200, 200]);
    const refused = await chat(url);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'too_many_connections' } });
    expect(fixture.primary.provider.calls).toHaveLength(MAX);
    await fixture.close();
    fixture = undefined;
    await Promise.all(busy);
  });
});

describe('the default connection cap', () => {
  it('is set by proxy.limits.max_connections in the config', async () => {
    fixture = await startFixture({ config: { proxy: { limits: { max_connections: 2 } } } });
    expect(fixture.proxy.settings.limits.maxConnections).toBe(2);
  });

  it('is 10,000, or what the descriptor limit can hold when that is less', () => {
    // (An undefined argument reads this process's own limit.)
    expect(defaultMaxConnections(1_048_576)).toBe(DEFAULT_MAX_CONNECTIONS);
    expect(DEFAULT_MAX_CONNECTIONS).toBe(10_000);
    // ulimit -n 20000: room for 9,968 connections, each with an upstream socket.
    expect(defaultMaxConnections(20_000)).toBe(9_968);
    expect(defaultMaxConnections(256)).toBe(96);
    expect(defaultMaxConnections(64)).toBe(16);
  });

  it('reads the soft limit on open files from /proc/self/limits', () => {
    const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            256                  4096                 files\n';
    expect(openFileLimit(() => limits)).toBe(256);
    expect(openFileLimit(() => 'Max open files            unlimited            unlimited            files\n')).toBeUndefined();
    expect(
      openFileLimit(() => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
  });
});
