import { QueueIterator } from './queue-iterator.js';

/**
 * The items of `source` (a stream from {@link readSse} or {@link readSseJson}, or any async
 * iterator) passed through `map` as they come. A throw from `map`, or a failure of the source,
 * ends the stream: the source is returned (which releases its connection) and the error,
 * passed through `mapError` when given, is thrown. `return()` returns the source. The
 * mapped stream takes over the source; do not read the source directly any more.
 *
 * Over a stream from `readSse`/`readSseJson` the mapping runs in the step that parses the
 * event, adding no promise per item (measured with 1,000 slow streams through the proxy).
 *
 * @example
 * ```ts
 * const chunks = mapStream(readSseJson(response.chunks(), { providerId: 'acme' }), (event) => toChunk(event.data));
 * ```
 */
export function mapStream<T, U>(source: AsyncIterator<T>, map: (item: T) => U, mapError: (error: unknown) => unknown = (error) => error): AsyncIterableIterator<U, undefined> {
  if (source instanceof QueueIterator && source.unmapped) return (source as QueueIterator<unknown, T>).mapped(map, mapError);
  return new MappedIterator(source, map, mapError);
}

/** {@link mapStream} over any async iterator: one `then` per item, with handlers made once. */
class MappedIterator<T, U> implements AsyncIterableIterator<U, undefined> {
  private finished = false;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly map: (item: T) => U,
    private readonly mapError: (error: unknown) => unknown,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<U, undefined>> {
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    try {
      return this.source.next().then(this.onItem, this.onFailure);
    } catch (error) {
      return this.fail(error);
    }
  }

  async return(): Promise<IteratorResult<U, undefined>> {
    this.finished = true;
    await this.source.return?.();
    return { done: true, value: undefined };
  }

  private readonly onItem = (next: IteratorResult<T>): IteratorResult<U, undefined> | Promise<never> => {
    if (next.done === true) {
      this.finished = true;
      return { done: true, value: undefined };
    }
    try {
      return { done: false, value: this.map(next.value) };
    } catch (error) {
      return this.fail(error);
    }
  };

  private readonly onFailure = (error: unknown): Promise<never> => this.fail(error);

  private async fail(error: unknown): Promise<never> {
    this.finished = true;
    await Promise.resolve(this.source.return?.()).catch(() => undefined);
    throw this.mapError(error);
  }
}
