import { ProviderError } from '@modelmesh/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSse, readSseJson } from '../src/index.js';

/** One block of an SSE body, as the generator builds it. */
type Block =
  | { kind: 'json'; value: unknown; event?: string }
  | { kind: 'comment'; text: string }
  /** Lines the SSE spec says to ignore: unknown fields, a bad `retry:`, a field with no colon. */
  | { kind: 'ignored'; line: string }
  /** A data event whose payload is not JSON (truncated JSON, or plain text). */
  | { kind: 'not-json'; data: string }
  | { kind: 'keep-alive' };

const newline = fc.constantFrom('\n', '\r\n', '\r');
/** Text on one line: no CR or LF. */
const lineText = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' '));

const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown), event: fc.option(fc.constantFrom('delta', 'message', 'x'), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), text: lineText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ignored' as const), line: fc.oneof(lineText.map((t) => `foo: ${t}`), fc.constant('retry: soon'), fc.constant('nonsense'), fc.constant('id: 7')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('not-json' as const), data: fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)).filter((t) => t.length > 1).map((t) => t.slice(0, -1)).filter((t) => !isJson(t)), lineText.filter((t) => t.trim() !== '' && t.trim() !== '[DONE]' && !isJson(t))) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'keep-alive' as const }) },
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function render(blocks: readonly Block[], done: boolean, nl: string): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'json') out.push(`${b.event ? `event: ${b.event}${nl}` : ''}data: ${JSON.stringify(b.value)}${nl}${nl}`);
    else if (b.kind === 'comment') out.push(`: ${b.text}${nl}`);
    else if (b.kind === 'ignored') out.push(`${b.line}${nl}`);
    else if (b.kind === 'not-json') out.push(`data: ${b.data}${nl}${nl}`);
    else out.push(`data:${nl}${nl}`);
  }
  if (done) out.push(`data: [DONE]${nl}${nl}`);
  return out.join('');
}

/** The body as bytes, cut at the given fractions (a multi-byte character may be split). */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) pieces.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return pieces;
}

async function* source(pieces: readonly Uint8Array[], ended: () => void): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
  ended();
}

/**
 * Reads `iterable` to its end, or until `abort` fires. The abort is the hang detector: it
 * fires a few event-loop turns after the source has handed over everything, when a reader
 * that is still waiting could only be waiting for nothing.
 */
async function drain<T>(iterable: AsyncIterable<T>, sourceEnded: Promise<void>): Promise<{ items: T[]; error?: unknown; hung?: true }> {
  const items: T[] = [];
  const controller = new AbortController();
  void sourceEnded.then(async () => {
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
  });
  const aborted = new Promise<'hung'>((resolve) => controller.signal.addEventListener('abort', () => resolve('hung'), { once: true }));
  const iterator = iterable[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'hung') return { items, hung: true };
      if (next.done) return { items };
      items.push(next.value);
    }
  } catch (error) {
    return { items, error };
  } finally {
    controller.abort();
  }
}

const streams = fc.record({
  blocks: fc.array(block, { maxLength: 12 }),
  done: fc.boolean(),
  trailing: fc.array(block, { maxLength: 3 }),
  nl: newline,
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
  truncateAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});

const opts = { providerId: 'p', modelId: 'm' };

describe('SSE readers over arbitrary byte streams', () => {
  it('readSseJson gives a typed error or exactly the JSON events before [DONE], and never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(streams, async ({ blocks, done, trailing, nl, cuts, truncateAt }) => {
        const full = new TextEncoder().encode(render(blocks, done, nl) + (done ? render(trailing, false, nl) : ''));
        const bytes = truncateAt === undefined ? full : full.subarray(0, Math.floor(truncateAt * full.length));
        let ended!: () => void;
        const sourceEnded = new Promise<void>((resolve) => (ended = resolve));
        const result = await drain(readSseJson(source(split(bytes, cuts), ended), opts), sourceEnded);
        expect(result.hung).toBeUndefined();
        if (result.error !== undefined) {
          expect(ProviderError.isInstance(result.error)).toBe(true);
          expect(['malformed_response', 'connection_error']).toContain((result.error as ProviderError).code);
          // Up to three events that are not JSON are skipped; only a fourth breaks the stream.
          if ((result.error as ProviderError).code === 'malformed_response') expect(blocks.filter((b) => b.kind === 'not-json').length).toBeGreaterThan(3);
          return;
        }
        // A complete answer: [DONE] arrived, and every event before it was JSON and is yielded in order.
        const expected = blocks.filter((b): b is Extract<Block, { kind: 'json' }> => b.kind === 'json').map((b) => ({ event: b.event, data: b.value }));
        expect(done).toBe(true);
        expect(blocks.filter((b) => b.kind === 'not-json').length).toBeLessThanOrEqual(3);
        expect(result.items).toEqual(expected);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('an intact body with [DONE] and only JSON data always completes, however it is split', async () => {
    await fc.assert(
      fc.asyncProperty(streams, async ({ blocks, nl, cuts }) => {
        const clean = blocks.filter((b) => b.kind !== 'not-json');
        const bytes = new TextEncoder().encode(render(clean, true, nl));
        let ended!: () => void;
        const sourceEnded = new Promise<void>((resolve) => (ended = resolve));
        const result = await drain(readSseJson(source(split(bytes, cuts), ended), opts), sourceEnded);
        expect(result.hung).toBeUndefined();
        expect(result.error).toBeUndefined();
        expect(result.items).toHaveLength(clean.filter((b) => b.kind === 'json').length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('readSse yields events or a typed error and never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(streams, fc.uint8Array({ maxLength: 64 }), async ({ blocks, done, nl, cuts }, garbage) => {
        const text = new TextEncoder().encode(render(blocks, done, nl));
        const bytes = new Uint8Array([...text, ...garbage]);
        let ended!: () => void;
        const sourceEnded = new Promise<void>((resolve) => (ended = resolve));
        const result = await drain(readSse(source(split(bytes, cuts), ended), { ...opts, maxBufferSize: 256 }), sourceEnded);
        expect(result.hung).toBeUndefined();
        if (result.error !== undefined) expect(ProviderError.isInstance(result.error)).toBe(true);
        for (const event of result.items) expect(typeof event.data).toBe('string');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
