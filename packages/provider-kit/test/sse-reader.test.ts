import { ProviderError } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { readSse, readSseJson, type SseJsonEvent } from '../src/index.js';

const opts = { providerId: 'p', modelId: 'm' };
const encoder = new TextEncoder();

async function* pieces(parts: readonly (string | Uint8Array)[]): AsyncGenerator<Uint8Array | string> {
  for (const part of parts) yield part;
}

/** Records whether the source was closed early. */
function trackedSource(parts: readonly string[]) {
  const state = { returned: false, pulled: 0 };
  const iterator: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const part = parts[state.pulled++];
      return part === undefined ? { done: true, value: undefined } : { done: false, value: encoder.encode(part) };
    },
    async return() {
      state.returned = true;
      return { done: true, value: undefined };
    },
  };
  return { iterator, state };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const STREAM =
  ': keep-alive comment\r\n' +
  'data: {"id":"a","text":"héllo 🌍"}\r\n\r\n' +
  'event: delta\n' +
  'data: {"id":"b",\n' +
  'data: "text":"line2"}\n\n' +
  'data: {"id":"c"}\r\r' +
  'data: [DONE]\n\n';

const EXPECTED: SseJsonEvent[] = [
  { event: undefined, data: { id: 'a', text: 'héllo 🌍' } },
  { event: 'delta', data: { id: 'b', text: 'line2' } },
  { event: undefined, data: { id: 'c' } },
];

describe('readSse', () => {
  it('parses comments, multi-line data and CR, LF and CRLF line ends', async () => {
    const comments: string[] = [];
    const events = await collect(readSse(pieces([STREAM]), { ...opts, onComment: (c) => comments.push(c) }));
    expect(events.map((e) => e.data)).toEqual(['{"id":"a","text":"héllo 🌍"}', '{"id":"b",\n"text":"line2"}', '{"id":"c"}', '[DONE]']);
    expect(events[1]?.event).toBe('delta');
    expect(comments).toEqual(['keep-alive comment']);
  });

  it('drops an event not closed by a blank line at the end of the body', async () => {
    const events = await collect(readSse(pieces(['data: one\n\n', 'data: two\n']), opts));
    expect(events.map((e) => e.data)).toEqual(['one']);
  });
});

describe('readSseJson', () => {
  it('a body with bare CR line ends whose last line is [DONE] is complete (the final CR ends its line)', async () => {
    const events = await collect(readSseJson(pieces(['data: {"a":1}\r\r', 'data: [DONE]\r\r']), opts));
    expect(events.map((e) => e.data)).toEqual([{ a: 1 }]);
    // An event not closed by a blank line is still dropped.
    await expect(collect(readSseJson(pieces(['data: {"a":1}\r\r', 'data: [DONE]\r']), opts))).rejects.toThrow(/ended without \[DONE\]/);
  });

  it('gives the same events however the bytes are split (every byte boundary)', async () => {
    const bytes = encoder.encode(STREAM);
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = await collect(readSseJson(pieces([bytes.subarray(0, cut), bytes.subarray(cut)]), opts));
      expect(events, `split at byte ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same events when fed one byte at a time', async () => {
    const bytes = encoder.encode(STREAM);
    const single = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(await collect(readSseJson(pieces(single), opts))).toEqual(EXPECTED);
  });

  it('stops at [DONE] and releases the source without reading further', async () => {
    const { iterator, state } = trackedSource(['data: {"n":1}\n\ndata: [DONE]\n\n', 'data: {"n":2}\n\n']);
    expect(await collect(readSseJson(iterator, opts))).toEqual([{ event: undefined, data: { n: 1 } }]);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBe(1);
  });

  it('throws a connection_error when the body ends without [DONE]', async () => {
    const seen: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const event of readSseJson(pieces(['data: {"n":1}\n\n']), opts)) seen.push(event.data);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(seen).toEqual([{ n: 1 }]);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as ProviderError).code).toBe('connection_error');
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as ProviderError).message).toContain('[DONE]');
  });

  it('accepts a missing [DONE] when told the stream need not end with one', async () => {
    expect(await collect(readSseJson(pieces(['data: {"n":1}\n\n']), { ...opts, requireEnd: false }))).toHaveLength(1);
  });

  it('lets the caller accept an end without [DONE] when what arrived is complete', async () => {
    let complete = true;
    const read = () => collect(readSseJson(pieces(['data: {"n":1}\n\n']), { ...opts, completeWithoutEnd: () => complete }));
    expect(await read()).toHaveLength(1);
    complete = false;
    expect(((await read().catch((e: unknown) => e)) as ProviderError).code).toBe('connection_error');
  });

  it('stops after a final event chosen by the caller (Anthropic message_stop)', async () => {
    const source = pieces(['event: message_stop\ndata: {"type":"message_stop"}\n\n', 'data: {"late":true}\n\n']);
    const events = await collect(readSseJson(source, { ...opts, doneMarker: null, isFinal: (e) => e.event === 'message_stop' }));
    expect(events).toEqual([{ event: 'message_stop', data: { type: 'message_stop' } }]);
  });

  it('skips an event that is not JSON and reports it with a redacted excerpt', async () => {
    const source = pieces(['data: {"n":1}\n\n', 'data: {oops sk-secretvalue123\n\n', 'data: {"n":2}\n\n', 'data: [DONE]\n\n']);
    const skipped: Array<{ count: number; excerpt: string }> = [];
    const events = await collect(readSseJson(source, { ...opts, secrets: ['sk-secretvalue123'], malformedEvents: { onSkip: (s) => skipped.push(s) } }));
    expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.count).toBe(1);
    expect(skipped[0]?.excerpt).toContain('{oops');
    expect(skipped[0]?.excerpt).not.toContain('sk-secretvalue123');
  });

  it('breaks the stream with malformed_response after more than max malformed events (3 by default), quoting a redacted excerpt', async () => {
    const bad = 'data: {oops sk-secretvalue123\n\n';
    const error = await collect(readSseJson(pieces(['data: {"n":1}\n\n', bad, bad, bad, bad, 'data: [DONE]\n\n']), { ...opts, secrets: ['sk-secretvalue123'] })).catch((e: unknown) => e);
    expect((error as ProviderError).code).toBe('malformed_response');
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as ProviderError).message).toContain('4 stream events');
    expect((error as ProviderError).message).not.toContain('sk-secretvalue123');
    // A limit of 0 fails on the first.
    const strict = await collect(readSseJson(pieces([bad, 'data: [DONE]\n\n']), { ...opts, malformedEvents: { limit: 0 } })).catch((e: unknown) => e);
    expect((strict as ProviderError).code).toBe('malformed_response');
  });

  it('skips empty data events used as keep-alives', async () => {
    expect(await collect(readSseJson(pieces(['data:\n\n', 'data: {"n":1}\n\n', 'data: [DONE]\n\n']), opts))).toEqual([{ event: undefined, data: { n: 1 } }]);
  });

  it('releases the source when the consumer stops early', async () => {
    const { iterator, state } = trackedSource(['data: {"n":1}\n\n', 'data: {"n":2}\n\n', 'data: [DONE]\n\n']);
    for await (const event of readSseJson(iterator, opts)) {
      expect(event.data).toEqual({ n: 1 });
      break;
    }
    expect(state.returned).toBe(true);
  });

  it('releases the source when return() comes before the first next()', async () => {
    const { iterator, state } = trackedSource(['data: {"n":1}\n\n']);
    await readSseJson(iterator, opts).return?.();
    expect(state.returned).toBe(true);
    expect(state.pulled).toBe(0);
  });

  it('treats an event larger than the buffer limit as malformed', async () => {
    const error = await collect(readSseJson(pieces([`data: "${'x'.repeat(200)}`]), { ...opts, maxBufferSize: 64 })).catch((e: unknown) => e);
    expect((error as ProviderError).code).toBe('malformed_response');
  });
});
