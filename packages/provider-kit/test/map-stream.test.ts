import { ProviderError } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { mapStream, readSseJson } from '../src/index.js';

/** An SSE body that records whether it was returned (the connection released). */
function body(lines: readonly string[], fail?: Error): AsyncIterableIterator<string> & { returned: boolean } {
  let i = 0;
  return {
    returned: false,
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (i < lines.length) return { done: false, value: lines[i++] as string };
      if (fail) throw fail;
      return { done: true, value: undefined };
    },
    async return() {
      this.returned = true;
      return { done: true, value: undefined };
    },
  };
}

async function drain<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of stream) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

/** The same items through a generator (so mapStream takes its general path). */
async function* passThrough<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  yield* source;
}

const double = (event: { data: unknown }) => (event.data as number) * 2;

describe('mapStream', () => {
  it('maps the events of readSseJson in order, to the end', async () => {
    const source = body(['data: 1\n\n', 'data: 2\n', '\ndata: 3\n\ndata: [DONE]\n\n']);
    expect(await drain(mapStream(readSseJson(source, { providerId: 'p' }), double))).toEqual({ items: [2, 4, 6], error: undefined });
    expect(source.returned).toBe(true);
  });

  it('composes two mappings; an error of the outer map goes through the outer mapError only', async () => {
    const once = mapStream(readSseJson(body(['data: 1\n\n', 'data: 2\n\n']), { providerId: 'p' }), double, (error) => `inner(${String(error)})`);
    const twice = mapStream(once, (n) => { if (n > 2) throw 'too big'; return n + 1; }, (error) => `outer(${String(error)})`);
    expect(await drain(twice)).toEqual({ items: [3], error: 'outer(too big)' });
  });

  it('maps any async iterator', async () => {
    async function* numbers() {
      yield* [1, 2, 3];
    }
    expect(await drain(mapStream(numbers(), (n) => n + 1))).toEqual({ items: [2, 3, 4], error: undefined });
  });

  for (const [name, wrap] of [
    ['readSseJson', (source: AsyncIterable<string>) => readSseJson(source, { providerId: 'p' })],
    ['any iterator', (source: AsyncIterable<string>) => passThrough(readSseJson(source, { providerId: 'p' }))],
  ] as const) {
    it(`over ${name}: a throw from map ends the stream, releases the source and goes through mapError`, async () => {
      const source = body(['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']);
      const mapped = mapStream(
        wrap(source),
        (event) => {
          if (event.data === 2) throw new Error('bad event');
          return event.data;
        },
        (error) => new Error(`mapped: ${(error as Error).message}`),
      );
      const { items, error } = await drain(mapped);
      expect(items).toEqual([1]);
      expect((error as Error).message).toBe('mapped: bad event');
      expect(source.returned).toBe(true);
      expect(await mapped.next()).toEqual({ done: true, value: undefined });
    });

    it(`over ${name}: a failure of the source goes through mapError`, async () => {
      const source = body(['data: 1\n\n'], new Error('socket closed'));
      const { items, error } = await drain(mapStream(wrap(source), (event) => event.data, (failure) => ({ wrapped: failure })));
      expect(items).toEqual([1]);
      expect((error as { wrapped: unknown }).wrapped).toBeInstanceOf(Error);
    });
  }

  it('passes the stream errors of readSseJson (a body cut before [DONE]) through mapError', async () => {
    const { error } = await drain(mapStream(readSseJson(body(['data: 1\n\n']), { providerId: 'p' }), double, (failure) => ({ wrapped: failure })));
    expect(ProviderError.isInstance((error as { wrapped: unknown }).wrapped)).toBe(true);
  });

  it('returns the source on return()', async () => {
    const source = body(['data: 1\n\n', 'data: 2\n\n']);
    const mapped = mapStream(readSseJson(source, { providerId: 'p' }), double);
    expect(await mapped.next()).toEqual({ done: false, value: 2 });
    await mapped.return?.();
    expect(source.returned).toBe(true);
    expect(await mapped.next()).toEqual({ done: true, value: undefined });
  });
});
