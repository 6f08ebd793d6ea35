import { ProviderError } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { flatMapStream, mapStream, readSseJson } from '../src/index.js';
import { body, drain, passThrough } from './support/stream-bodies.js';

/** Event `n` becomes `n` copies of itself: 0 gives nothing, 1 one item, 3 three. */
const copies = (event: { data: unknown }): number[] => Array.from({ length: event.data as number }, () => event.data as number);

const paths = [
  ['readSseJson', (source: AsyncIterable<string>, options: { isFinal?: (event: { data: unknown }) => boolean } = {}) => readSseJson(source, { providerId: 'p', doneMarker: null, requireEnd: false, ...options })],
  ['any iterator', (source: AsyncIterable<string>, options: { isFinal?: (event: { data: unknown }) => boolean } = {}) => passThrough(readSseJson(source, { providerId: 'p', doneMarker: null, requireEnd: false, ...options }))],
] as const;

describe('flatMapStream', () => {
  for (const [name, wrap] of paths) {
    it(`over ${name}: events giving 0, 1 and several items, in order, then the end items`, async () => {
      const source = body(['data: 0\n\ndata: 1\n\n', 'data: 3\n', '\ndata: 0\n\ndata: 0\n\n', 'data: 2\n\n']);
      const stream = flatMapStream(wrap(source), copies, { end: () => [-1, -2] });
      expect(await drain(stream)).toEqual({ items: [1, 3, 3, 3, 2, 2, -1, -2], error: undefined });
      expect(await stream.next()).toEqual({ done: true, value: undefined });
    });

    it(`over ${name}: a stream whose events all give nothing yields only the end items`, async () => {
      expect(await drain(flatMapStream(wrap(body(['data: 0\n\n', 'data: 0\n\n'])), copies, { end: () => [9] }))).toEqual({ items: [9], error: undefined });
      expect(await drain(flatMapStream(wrap(body(['data: 0\n\n'])), copies))).toEqual({ items: [], error: undefined });
    });

    it(`over ${name}: after a final event, the end items still come and the source is released`, async () => {
      const source = body(['data: 2\n\ndata: 5\n\n', 'data: 1\n\n']);
      const stream = flatMapStream(wrap(source, { isFinal: (event) => event.data === 5 }), (event) => (event.data === 5 ? [] : copies(event)), { end: () => [0] });
      expect(await drain(stream)).toEqual({ items: [2, 2, 0], error: undefined });
      expect(source.returned).toBe(true);
    });

    it(`over ${name}: a throw from map ends the stream after the items before it, releases the source and goes through mapError`, async () => {
      const source = body(['data: 2\n\n', 'data: 7\n\n', 'data: 1\n\n']);
      const stream = flatMapStream(
        wrap(source),
        (event) => {
          if (event.data === 7) throw new Error('bad event');
          return copies(event);
        },
        { mapError: (error) => new Error(`mapped: ${(error as Error).message}`), end: () => [-1] },
      );
      const { items, error } = await drain(stream);
      expect(items).toEqual([2, 2]);
      expect((error as Error).message).toBe('mapped: bad event');
      expect(source.returned).toBe(true);
      expect(await stream.next()).toEqual({ done: true, value: undefined });
    });

    it(`over ${name}: a throw from end goes through mapError`, async () => {
      const stream = flatMapStream(wrap(body(['data: 1\n\n'])), copies, {
        end: () => {
          throw new Error('no usage');
        },
        mapError: (error) => ({ wrapped: error }),
      });
      const { items, error } = await drain(stream);
      expect(items).toEqual([1]);
      expect(((error as { wrapped: Error }).wrapped).message).toBe('no usage');
    });

    it(`over ${name}: a failure of the source goes through mapError and skips the end items`, async () => {
      const source = body(['data: 3\n\n'], new Error('socket closed'));
      const { items, error } = await drain(flatMapStream(wrap(source), copies, { end: () => [-1], mapError: (failure) => ({ wrapped: failure }) }));
      expect(items).toEqual([3, 3, 3]);
      expect((error as { wrapped: unknown }).wrapped).toBeInstanceOf(Error);
    });

    it(`over ${name}: return() in the middle of an event's items releases the source; nothing more comes`, async () => {
      const source = body(['data: 3\n\n', 'data: 2\n\n']);
      const stream = flatMapStream(wrap(source), copies, { end: () => [-1] });
      expect(await stream.next()).toEqual({ done: false, value: 3 });
      await stream.return?.();
      expect(source.returned).toBe(true);
      expect(await stream.next()).toEqual({ done: true, value: undefined });
    });
  }

  it('passes the stream errors of readSseJson (a body cut before [DONE]) through mapError', async () => {
    const { items, error } = await drain(flatMapStream(readSseJson(body(['data: 2\n\n']), { providerId: 'p' }), copies, { mapError: (failure) => ({ wrapped: failure }) }));
    expect(items).toEqual([2, 2]);
    expect(ProviderError.isInstance((error as { wrapped: unknown }).wrapped)).toBe(true);
  });

  it('flat-maps any async iterator', async () => {
    async function* numbers() {
      yield* [0, 2, 1];
    }
    expect(await drain(flatMapStream(numbers(), (n) => Array.from({ length: n }, (_, i) => `${n}.${i}`)))).toEqual({ items: ['2.0', '2.1', '1.0'], error: undefined });
  });
});

describe('flatMapStream over readSseJson', () => {
  it('runs in the reader\'s own step: the stream is the reader itself, re-stepped, with no iterator wrapped around it', async () => {
    const { QueueIterator } = await import('../src/queue-iterator.js');
    expect(flatMapStream(readSseJson(body([]), { providerId: 'p' }), copies)).toBeInstanceOf(QueueIterator);
    expect(flatMapStream(passThrough(readSseJson(body([]), { providerId: 'p' })), copies)).not.toBeInstanceOf(QueueIterator);
  });
});

describe('mapStream over flatMapStream', () => {
  it('keeps both mappings and both mapErrors (the inner first)', async () => {
    const flat = flatMapStream(readSseJson(body(['data: 2\n\n', 'data: 1\n\n']), { providerId: 'p', doneMarker: null, requireEnd: false }), copies, { mapError: (error) => `inner(${String(error)})` });
    const mapped = mapStream(flat, (n) => { if (n === 1) throw 'one'; return n * 10; }, (error) => `outer(${String(error)})`);
    expect(await drain(mapped)).toEqual({ items: [20, 20], error: 'outer(one)' });
    const failing = flatMapStream(readSseJson(body(['data: 2\n\n'], new Error('cut')), { providerId: 'p' }), copies, { mapError: () => 'inner' });
    expect(await drain(mapStream(failing, (n) => n, (error) => `outer(${String(error)})`))).toEqual({ items: [2, 2], error: 'outer(inner)' });
  });
});
