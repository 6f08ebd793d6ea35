/**
 * Wraps a generator so that ending it early always releases `source`, even when the
 * consumer calls `return()` before the first `next()` (a generator that never started
 * would skip its `finally` and leave the connection open).
 */
export function releasing<T>(inner: AsyncGenerator<T, void, undefined>, source: AsyncIterator<unknown>): AsyncIterableIterator<T> {
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await source.return?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        const result = await inner.next();
        if (result.done) released = true;
        return result;
      } catch (error) {
        await release().catch(() => undefined);
        throw error;
      }
    },
    async return() {
      await inner.return(undefined);
      await release();
      return { done: true, value: undefined };
    },
  };
}
