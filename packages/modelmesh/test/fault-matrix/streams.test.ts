// Matrix 5: streams. Before the first content chunk every failure is an ordinary attempt
// failure (retry, fail over, complete answer); after it, every break ends the caller's
// iteration with StreamInterruptedError and the right reason when stream_recovery is off — never a normal end — the text
// received is a prefix of the scripted text, and the request is not billed as completed.
import { describe, expect, it } from 'vitest';
import { Middleware, ProviderHttpError, StreamInterruptedError, type ChatCompletionChunk, type MiddlewareContext } from 'modelmesh';
import type { MockOutcome } from 'modelmesh/testing';
import { consume, consumeReadable, Harness, type Consumed } from './support/harness.js';

const SCRIPT = 'one two three four five';
const PIECES = ['one ', 'two ', 'three ', 'four ', 'five'];

interface BeforeContentCase {
  readonly label: string;
  readonly outcome: MockOutcome;
  readonly firstCalls: number;
  readonly decisions: readonly string[];
  /** Clock time until the stream is handed to the caller (backoff 125ms; first_token 2s). */
  readonly elapsed: number;
  /** The failed calls had a response open (or pending) that the router must release by aborting its signal. */
  readonly open: boolean;
}

const retried = (label: string, outcome: MockOutcome, open: boolean, elapsed = 125): BeforeContentCase => ({ label, outcome, firstCalls: 2, decisions: ['retry-same', 'failover'], elapsed, open });
const failedOver = (label: string, outcome: MockOutcome, open: boolean, elapsed = 0): BeforeContentCase => ({ label, outcome, firstCalls: 1, decisions: ['failover'], elapsed, open });

const BEFORE_CONTENT: readonly BeforeContentCase[] = [
  retried('HTTP 503 before the response starts', { type: 'http', status: 503 }, false),
  retried('HTTP 500 before the response starts', { type: 'http', status: 500 }, false),
  failedOver('HTTP 429 with a Retry-After too long to wait (over max_retry_after)', { type: 'http', status: 429, headers: { 'retry-after': '45' } }, false),
  failedOver('HTTP 401', { type: 'http', status: 401 }, false),
  retried('connection reset before the response', { type: 'reset' }, false),
  retried('malformed response', { type: 'malformed' }, false),
  // A silent provider is not waited on twice (retry.on_timeout: failover): one 2s attempt, then the fallback.
  failedOver('no response within first_token', { type: 'timeout' }, true, 2_000),
  failedOver('headers later than first_token', { type: 'ok', latency: 3_000 }, true, 2_000),
  retried('error event before content (529 overloaded)', { type: 'error-before-content' }, true),
  failedOver('error event before content: 429 with a Retry-After too long to wait', { type: 'error-before-content', status: 429, headers: { 'retry-after': '40' } }, true),
  retried('cut after the role chunk, before any content', { type: 'stream-cut', content: SCRIPT, afterChunks: 0 }, true),
  retried('malformed chunk before any content', { type: 'malformed-chunk', content: SCRIPT, afterChunks: 0 }, true),
  failedOver('stall before any content (first_token)', { type: 'stall', content: SCRIPT, afterChunks: 0 }, true, 2_000),
  retried('ends cleanly without any content', { type: 'no-finish', content: '' }, true),
];

describe('stream failures before the first content chunk fail over to a complete answer', () => {
  it.each(BEFORE_CONTENT.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' } });
    h.script('model-a', c.outcome);
    h.script('model-b', { type: 'ok', content: SCRIPT });
    const t0 = h.clock.now();

    const stream = await h.run(h.stream());
    expect(h.clock.now() - t0).toBe(c.elapsed);
    const seen = await h.run(consume(stream));

    expect(seen.error).toBeUndefined();
    expect(seen.text).toBe(SCRIPT);
    expect(seen.finished).toBe(true);
    // nothing of the failed attempts reached the caller
    expect(seen.chunks.every((chunk) => chunk.model === 'model-b')).toBe(true);
    expect(seen.chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
    expect(h.callCounts()).toEqual({ 'model-a': c.firstCalls, 'model-b': 1, 'model-c': 0 });
    expect(h.eventsOf('attempt.failed').map((e) => e.next)).toEqual(c.decisions);
    if (c.open) expect(h.signals['model-a'].every((signal) => signal.aborted)).toBe(true);
    expect(h.signals['model-b'][0]?.aborted).toBe(false);
    expect(h.client.usage.failedRequests).toBe(0);
    expect(h.client.usage.byModel['model-b']?.requests).toBe(1);
    expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: true, modelKey: 'model-b', stream: true })]);
  });
});

interface AfterContentCase {
  readonly label: string;
  readonly outcome: MockOutcome;
  readonly reason: StreamInterruptedError['reason'];
  /** Content pieces the caller receives before the break. */
  readonly pieces: number;
  /** Clock time from the hand-over to the break (idle timeout 2s for stalls). */
  readonly elapsed: number;
}

const AFTER_CONTENT: readonly AfterContentCase[] = [
  { label: 'cut after 1 content chunk', outcome: { type: 'stream-cut', content: SCRIPT, afterChunks: 1 }, reason: 'cut', pieces: 1, elapsed: 0 },
  { label: 'cut after 3 content chunks', outcome: { type: 'stream-cut', content: SCRIPT, afterChunks: 3 }, reason: 'cut', pieces: 3, elapsed: 0 },
  { label: 'cut just before the finish chunk', outcome: { type: 'stream-cut', content: SCRIPT, afterChunks: 5 }, reason: 'cut', pieces: 5, elapsed: 0 },
  { label: 'stall after 1 content chunk (idle timeout)', outcome: { type: 'stall', content: SCRIPT, afterChunks: 1 }, reason: 'stalled', pieces: 1, elapsed: 2_000 },
  { label: 'stall after 4 content chunks (idle timeout)', outcome: { type: 'stall', content: SCRIPT, afterChunks: 4 }, reason: 'stalled', pieces: 4, elapsed: 2_000 },
  { label: 'malformed chunk after 1 content chunk', outcome: { type: 'malformed-chunk', content: SCRIPT, afterChunks: 1 }, reason: 'malformed', pieces: 1, elapsed: 0 },
  { label: 'malformed chunk after 2 content chunks', outcome: { type: 'malformed-chunk', content: SCRIPT, afterChunks: 2 }, reason: 'malformed', pieces: 2, elapsed: 0 },
  { label: 'every content chunk, then a clean end without a finish reason', outcome: { type: 'no-finish', content: SCRIPT }, reason: 'cut', pieces: 5, elapsed: 0 },
];

/** A middleware that watches (and passes on) every chunk, so delivery runs through the hook path. */
class ChunkWatcher extends Middleware {
  readonly seen: ChatCompletionChunk[] = [];
  override async onStreamChunk(chunk: ChatCompletionChunk, _context: MiddlewareContext) {
    this.seen.push(chunk);
    return chunk;
  }
}

const READERS = [
  ['for await', 'iterator'],
  ['toReadableStream()', 'readable'],
] as const;
const MIDDLEWARE = [
  ['no middleware', false],
  ['a chunk-watching middleware', true],
] as const;

describe.each(READERS)('stream broken after content with stream_recovery: off, read with %s', (_reader, via) => {
  describe.each(MIDDLEWARE)('with %s', (_mw, watched) => {
    it.each(AFTER_CONTENT.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
      const watcher = new ChunkWatcher();
      const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', stream_recovery: 'off' }, middleware: watched ? [watcher] : [] });
      h.script('model-a', c.outcome);

      const stream = await h.run(h.stream());
      const t0 = h.clock.now();
      const seen: Consumed = await h.run(via === 'iterator' ? consume(stream) : consumeReadable(stream.toReadableStream()));

      // never a normal end
      expect(StreamInterruptedError.isInstance(seen.error)).toBe(true);
      const error = seen.error as StreamInterruptedError;
      expect(error.reason).toBe(c.reason);
      expect(error.providerId).toBe('p-a');
      expect(seen.finished).toBe(false);
      // what arrived is exactly the first pieces of the scripted answer
      expect(seen.text).toBe(PIECES.slice(0, c.pieces).join(''));
      expect(SCRIPT.startsWith(seen.text)).toBe(true);
      expect(error.chunksDelivered).toBe(seen.chunks.length);
      expect(h.clock.now() - t0).toBe(c.elapsed);
      if (watched) expect(watcher.seen).toEqual(seen.chunks);

      // no failover after content, and the connection is released
      expect(h.callCounts()).toEqual({ 'model-a': 1, 'model-b': 0, 'model-c': 0 });
      expect(h.eventsOf('request.failover')).toEqual([]);
      expect(h.signals['model-a'][0]?.aborted).toBe(true);

      // not billed as a completed request
      expect(h.client.usage.failedRequests).toBe(1);
      expect(h.client.usage.totalRequests).toBe(1);
      expect(h.client.usage.totalTokens).toBe(0);
      expect(h.client.usage.byModel['model-a']).toBeUndefined();
      expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: false, stream: true, error: expect.objectContaining({ name: 'StreamInterruptedError' }) })]);
    });
  });
});

describe('errors the provider raises mid-stream (stream_recovery: off)', () => {
  it.each([
    ['an HTTP error event', () => new ProviderHttpError({ providerId: 'p-a', modelId: 'model-a', status: 500 }), 'provider_error'],
    ['a non-ModelMesh error (socket hang up)', () => new Error('socket hang up'), 'cut'],
  ] as const)('%s after 2 content chunks ends with reason %s', async (_label, makeError, reason) => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', stream_recovery: 'off' } });
    h.script('model-a', { type: 'ok', content: SCRIPT });
    const open = h.providers['model-a'].chatStream.bind(h.providers['model-a']);
    h.providers['model-a'].chatStream = async (request, call) => {
      const inner = await open(request, call);
      return (async function* () {
        let content = 0;
        for await (const chunk of inner) {
          yield chunk;
          if (chunk.choices[0]?.delta.content) content++;
          if (content === 2) throw makeError();
        }
      })();
    };
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.error).toMatchObject({ name: 'StreamInterruptedError', reason, chunksDelivered: 3 });
    expect(seen.text).toBe('one two ');
    expect(h.count('model-b')).toBe(0);
    expect(h.client.usage.failedRequests).toBe(1);
  });
});

describe('complete streams', () => {
  it.each([
    ['word chunks', { type: 'ok', content: SCRIPT }, SCRIPT],
    ['explicit chunks with latency between them', { type: 'ok', chunks: ['Hel', 'lo', ', ', 'world'], chunkLatency: 1_500 }, 'Hello, world'],
    ['a single chunk', { type: 'ok', content: 'x' }, 'x'],
  ] as const)('%s end normally, with the finish reason and usage, billed once', async (_label, outcome, text) => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' } });
    h.script('model-a', outcome as MockOutcome);
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.error).toBeUndefined();
    expect(seen.text).toBe(text);
    expect(seen.finished).toBe(true);
    expect(seen.chunks.at(-1)?.usage).toBeDefined();
    expect(h.client.usage.failedRequests).toBe(0);
    expect(h.client.usage.byModel['model-a']?.requests).toBe(1);
    expect(h.client.usage.totalTokens).toBe(seen.chunks.at(-1)?.usage?.total_tokens);
  });

  it('a started stream is bounded by the idle timeout, not by the request deadline', async () => {
    const h = new Harness({ members: ['model-a'], pool: { timeouts: { request: '3s', idle: '2s' } } });
    h.script('model-a', { type: 'ok', chunks: ['a', 'b', 'c', 'd', 'e', 'f'], chunkLatency: 1_500 });
    const t0 = h.clock.now();
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.error).toBeUndefined();
    expect(seen.text).toBe('abcdef');
    expect(h.clock.now() - t0).toBeGreaterThan(3_000);
  });

});
