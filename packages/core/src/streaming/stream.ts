/**
 * A streamed response, shaped like the `openai` package's `Stream`: iterate it with
 * `for await`, stop it with `abort()`, or hand it on with `toReadableStream()`.
 * It can be iterated once.
 */
export class Stream<Item> implements AsyncIterable<Item> {
  /** True once iteration has started (a stream is iterated once). */
  protected consumed = false;
  readonly #iterate: () => AsyncIterator<Item>;
  #controller: AbortController | undefined;

  /**
   * @param iterate - produces the items; called once, on first iteration.
   * @param controller - aborting it cancels the request upstream. Without one, the stream
   *   makes its own when `controller` is first read.
   */
  constructor(iterate: () => AsyncIterator<Item>, controller?: AbortController) {
    this.#iterate = iterate;
    this.#controller = controller;
  }

  /** Aborting it cancels the request upstream. */
  get controller(): AbortController {
    return (this.#controller ??= new AbortController());
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    if (this.consumed) throw new Error('Cannot iterate over a consumed stream; use `.tee()` to split it first.');
    this.consumed = true;
    return this.#iterate();
  }

  /** Cancels the request: the provider's connection is closed and iteration ends with a `RequestAbortedError`. */
  abort(): void {
    this.controller.abort();
  }

  /** Splits the stream into two that each see every item (items are buffered until both read them). */
  tee(): [Stream<Item>, Stream<Item>] {
    const queues: [Array<Promise<IteratorResult<Item>>>, Array<Promise<IteratorResult<Item>>>] = [[], []];
    let source: AsyncIterator<Item> | undefined;
    const pull = () => {
      source ??= this[Symbol.asyncIterator]();
      const next = source.next();
      queues[0].push(next);
      queues[1].push(next);
    };
    const branch = (queue: Array<Promise<IteratorResult<Item>>>) =>
      new Stream<Item>(
        () => ({
          next: () => {
            if (queue.length === 0) pull();
            return queue.shift() as Promise<IteratorResult<Item>>;
          },
        }),
        this.controller,
      );
    return [branch(queues[0]), branch(queues[1])];
  }

  /**
   * A byte stream of newline-separated JSON items, as the `openai` package produces, so a
   * stream can cross a process or HTTP boundary.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let iterator: AsyncIterator<Item> | undefined;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        iterator ??= this[Symbol.asyncIterator]();
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: async () => {
        this.abort();
        await iterator?.return?.();
      },
    });
  }
}
