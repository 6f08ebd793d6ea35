import { afterEach, describe, expect, it } from 'vitest';
import { startLiveFleet, type LiveFleet } from './support/live-fleet.js';

let fleet: LiveFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

/** Reads `event: snapshot` blocks from a status event stream. */
function snapshots(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async (): Promise<{ totals: { requests: number } } | undefined> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.startsWith('event: snapshot') && data) return JSON.parse(data) as { totals: { requests: number } };
        continue;
      }
      const { done, value } = await reader.read();
      if (done) return undefined;
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

describe('the status event stream', () => {
  it('sends a snapshot at once and another after each request, and ends when the proxy drains', async () => {
    fleet = await startLiveFleet();
    const response = await fetch(`${fleet.proxy.url}/status/events`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const next = snapshots(response);
    expect((await next())?.totals.requests).toBe(0);
    expect((await fleet.chat()).status).toBe(200);
    let seen = 0;
    while (seen < 1) seen = (await next())?.totals.requests ?? Number.NaN;
    expect(seen).toBe(1);
    // The open stream does not hold the drain up: it ends, and counts as completed.
    const drained = await fleet.proxy.drain(5_000);
    expect(drained).toEqual({ completed: 1, aborted: 0 });
    let last: unknown = {};
    while (last !== undefined) last = await next();
  });
});
