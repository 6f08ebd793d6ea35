import { ManualClock, type RequestRoutedEvent } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { installSignalHandlers, type DrainResult } from '../src/index.js';
import { chatBody, postJson, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
let removeHandlers: (() => void) | undefined;
afterEach(async () => {
  removeHandlers?.();
  removeHandlers = undefined;
  await fixture?.close();
  fixture = undefined;
});

/** Starts `count` chat requests that never get an answer, and resolves once all are routed. */
async function hangingRequests(count: number): Promise<{ fixture: Fixture; responses: Promise<Response>[] }> {
  const clock = new ManualClock();
  const started = await startFixture({ clock, script: { type: 'timeout' }, settings: { shutdownGraceMs: 30_000 } });
  let routed = 0;
  const allRouted = whenEvent<RequestRoutedEvent>((h) => started.mesh.on('request.routed', h), () => ++routed === count);
  const responses = Array.from({ length: count }, () => postJson(`${started.baseURL}/chat/completions`, chatBody()));
  await allRouted;
  return { fixture: started, responses };
}

describe('a second signal during the drain', () => {
  it('reports the requests it aborted as aborted, not completed', async () => {
    const started = await hangingRequests(3);
    fixture = started.fixture;
    const lines: string[] = [];
    let result!: (value: DrainResult) => void;
    const drained = new Promise<DrainResult>((resolve) => (result = resolve));
    // SIGUSR2 stands in for SIGTERM so the test process keeps its own handlers.
    removeHandlers = installSignalHandlers(fixture.proxy, { signals: ['SIGUSR2'], exit: false, log: (text) => lines.push(text), onDrained: (r) => result(r) });
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(fixture.proxy.handler.draining).toBe(true);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await drained).toEqual({ completed: 0, aborted: 3 });
    expect(lines).toContain('drained: 0 completed, 3 aborted');
    for (const response of await Promise.all(started.responses)) expect(response.status).toBe(503);
  });

  it('close() during a drain ends it and counts what it aborted', async () => {
    const started = await hangingRequests(2);
    fixture = started.fixture;
    const drained = fixture.proxy.drain();
    await fixture.proxy.close();
    expect(await drained).toEqual({ completed: 0, aborted: 2 });
  });
});
