import type { ChatCompletionChunk, Clock } from '@modelmesh/core';
import type { PlannedChunks } from './mock-completion.js';
import { untilAborted, wait } from './mock-wait.js';

/** How a mock stream ends once its content chunks are out. */
export type MockStreamEnd =
  /** Finish chunk, then usage chunk, then done. */
  | { readonly kind: 'finish' }
  /** Done straight after the content, with no finish reason. */
  | { readonly kind: 'no-finish' }
  /** The iterable throws this error. */
  | { readonly kind: 'throw'; readonly error: () => unknown }
  /** Nothing more, ever, until the signal aborts. */
  | { readonly kind: 'stall' };

/** Everything a mock stream needs. */
export interface MockStreamInput {
  readonly chunks: PlannedChunks;
  /** Content chunks delivered before the end (Infinity for all). */
  readonly deliver: number;
  readonly end: MockStreamEnd;
  /** Milliseconds on the clock before each chunk after the role chunk. */
  readonly chunkLatency: number | undefined;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Told once how the stream ended: read to the end, failed, or closed early by the reader. */
  readonly settle: (status: 'ok' | 'failed' | 'cancelled', error?: unknown) => void;
}

/**
 * The chunks of a mock response: a role chunk, content chunks, then the scripted end.
 * Every wait honours the signal, so aborting the call ends iteration with its reason.
 */
export async function* mockStream(input: MockStreamInput): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const { chunks, clock, signal } = input;
  let settled = false;
  const settle = (status: 'ok' | 'failed' | 'cancelled', error?: unknown) => {
    if (settled) return;
    settled = true;
    input.settle(status, error);
  };
  const pace = () => wait(clock, input.chunkLatency, signal);
  try {
    await wait(clock, 0, signal);
    yield chunks.role;
    const delivered = chunks.content.slice(0, Math.max(0, input.deliver));
    for (const chunk of delivered) {
      await pace();
      yield chunk;
    }
    switch (input.end.kind) {
      case 'finish':
        await pace();
        yield chunks.finish;
        await wait(clock, 0, signal);
        yield chunks.usage;
        break;
      case 'no-finish':
        break;
      case 'throw':
        await pace();
        throw input.end.error();
      case 'stall':
        await untilAborted(signal);
    }
    settle('ok');
  } catch (error) {
    settle('failed', error);
    throw error;
  } finally {
    // Reaching here unsettled means the reader called return(): it stopped reading.
    settle('cancelled');
  }
}
