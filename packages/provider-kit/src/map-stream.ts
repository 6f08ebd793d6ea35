import { FlatMappedIterator, noItems } from './flat-map-stream.js';
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
  // Any other iterator (a rare path: tests, custom sources) goes the general way, one item at a time.
  return new FlatMappedIterator(source, (item: T) => [map(item)], noItems, mapError);
}
