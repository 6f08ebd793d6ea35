/** An SSE body made of these pieces (then `fail`, if given), that records whether it was returned (the connection released). */
export function body(lines: readonly string[], fail?: Error): AsyncIterableIterator<string> & { returned: boolean } {
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

/** Every item of a stream, and the error it ended with. */
export async function drain<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of stream) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

/** The same items through a generator (so a mapping takes its general path, not the reader's step). */
export async function* passThrough<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  yield* source;
}
