import { NEED_PIECE, QueueIterator, type QueueStep } from './queue-iterator.js';

/** Options of {@link flatMapStream}. */
export interface FlatMapStreamOptions<U> {
  /** The items that follow the source's last item (e.g. a final usage chunk); called once, when the source ends. */
  end?: () => readonly U[];
  /** What a throw from `map` or `end`, or a failure of the source, becomes (thrown as is by default). */
  mapError?: (error: unknown) => unknown;
}

/** An `end` that adds nothing. */
export const noItems = (): readonly never[] => [];
const same = (error: unknown): unknown => error;

/**
 * {@link mapStream} for a mapping that makes zero, one or several items per item: each item
 * of `source` becomes the items `map` returns, in order, and `end`'s items follow the last.
 * As with `mapStream`, a throw from `map` or `end`, or a failure of the source, ends the
 * stream: the source is returned (which releases its connection) and the error, passed
 * through `mapError` when given, is thrown; `return()` returns the source; the stream takes
 * over the source. Items are never `undefined` (that marks the end).
 *
 * Over a stream from `readSse`/`readSseJson` the mapping runs in the step that parses the
 * event: an open stream keeps no suspended async function, only the body's pending read.
 *
 * @example
 * ```ts
 * const chunks = flatMapStream(readSseJson(response.chunks(), { providerId: 'acme' }), (event) => converter.accept(event.data), {
 *   end: () => converter.end(),
 * });
 * ```
 */
export function flatMapStream<T, U>(source: AsyncIterator<T>, map: (item: T) => readonly U[], options: FlatMapStreamOptions<U> = {}): AsyncIterableIterator<U, undefined> {
  const end = options.end ?? noItems;
  const mapError = options.mapError ?? same;
  if (source instanceof QueueIterator && source.unmapped) {
    return (source as QueueIterator<unknown, T>).restepped((step) => flatStep(step, map, end), mapError);
  }
  return new FlatMappedIterator(source, map, end, mapError);
}

/**
 * A reader's step whose items pass through `map`: the items a mapped item gave are handed
 * out one per run before the inner step runs again; when the inner step ends, `end`'s items.
 */
function flatStep<T, U>(step: () => QueueStep<T>, map: (item: T) => readonly U[], end: () => readonly U[]): () => QueueStep<U> {
  let pending: readonly U[] = [];
  let next = 0;
  let ended = false;
  /** At the inner end: `end`'s items wait, and whether any do. */
  const finish = (): boolean => {
    ended = true;
    pending = end();
    next = 0;
    return pending.length > 0;
  };
  const run = (): QueueStep<U> => {
    for (;;) {
      if (next < pending.length) return pending[next++];
      if (ended) return undefined;
      const inner = step();
      if (inner === NEED_PIECE) return NEED_PIECE;
      // A tail wait or a release: when it ends the stream, `end`'s items still come first.
      if (inner instanceof Promise) return inner.then((again) => again || finish());
      if (inner === undefined) {
        finish();
        continue;
      }
      pending = map(inner);
      next = 0;
    }
  };
  return run;
}

/** {@link flatMapStream} (and {@link mapStream}) over any async iterator: one `then` per source item, with handlers made once. */
export class FlatMappedIterator<T, U> implements AsyncIterableIterator<U, undefined> {
  private pending: readonly U[] = [];
  private index = 0;
  private ended = false;
  private finished = false;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly map: (item: T) => readonly U[],
    private readonly end: () => readonly U[],
    private readonly mapError: (error: unknown) => unknown,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<U, undefined>> {
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    const ready = this.take();
    if (ready !== undefined) return Promise.resolve(ready);
    try {
      return this.source.next().then(this.onItem, this.onFailure);
    } catch (error) {
      return this.fail(error);
    }
  }

  async return(): Promise<IteratorResult<U, undefined>> {
    this.finished = true;
    this.pending = [];
    await this.source.return?.();
    return { done: true, value: undefined };
  }

  /** The next waiting item, the end, or undefined when the source must be read. */
  private take(): IteratorResult<U, undefined> | undefined {
    if (this.index < this.pending.length) return { done: false, value: this.pending[this.index++] as U };
    if (!this.ended) return undefined;
    this.finished = true;
    return { done: true, value: undefined };
  }

  private readonly onItem = (next: IteratorResult<T>): IteratorResult<U, undefined> | Promise<IteratorResult<U, undefined>> => {
    try {
      if (next.done === true) this.ended = true;
      this.pending = next.done === true ? this.end() : this.map(next.value);
      this.index = 0;
    } catch (error) {
      return this.fail(error);
    }
    // An item that made nothing: read the next one.
    return this.take() ?? this.next();
  };

  private readonly onFailure = (error: unknown): Promise<never> => this.fail(error);

  private async fail(error: unknown): Promise<never> {
    this.finished = true;
    this.pending = [];
    await Promise.resolve(this.source.return?.()).catch(() => undefined);
    throw this.mapError(error);
  }
}
