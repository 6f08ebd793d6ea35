import { AbortLink, onAbort, type AbortSource, type AbortWatch } from './abort-link.js';

/** An abort that follows several sources, with a way to detach from them. */
export interface LinkedSignal {
  /** Aborts when any source aborts (with that source's reason) or when {@link LinkedSignal.abort} is called. Made on first use. */
  readonly signal: AbortSignal;
  /** The same abort without an `AbortSignal` (cheaper: see `AbortLink`). */
  readonly watch: AbortWatch;
  /** Aborts the linked signal itself. */
  abort(reason: unknown): void;
  /** Removes the listeners from the sources; call when the request is over. */
  dispose(): void;
}

/**
 * Merges abort sources like `AbortSignal.any`, plus an abort of our own (for timeouts).
 * Hand-rolled rather than `AbortSignal.any` so the listeners on long-lived sources (a
 * provider's close signal, a caller's request signal) are removed deterministically when
 * the request ends instead of waiting for garbage collection; and built on `AbortLink`, so
 * no `AbortSignal` exists unless someone reads {@link LinkedSignal.signal}.
 */
export function linkSignals(sources: readonly (AbortSource | undefined)[]): LinkedSignal {
  const link = new AbortLink();
  const detach: (() => void)[] = [];
  for (const source of sources) {
    detach.push(link.follow(source));
    if (link.aborted) break;
  }
  return {
    get signal() {
      return link.signal;
    },
    watch: link,
    abort: (reason) => link.abort(reason),
    dispose: () => {
      for (const off of detach.splice(0)) off();
    },
  };
}

/**
 * Settles with `promise`, or rejects with the source's reason as soon as it aborts, so a
 * `fetch` or body reader that ignores its signal still cannot hang past a timeout.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSource): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const stopWatching = onAbort(signal, reject);
    promise.then(
      (value) => {
        stopWatching();
        resolve(value);
      },
      (error: unknown) => {
        stopWatching();
        reject(signal.aborted ? signal.reason : error);
      },
    );
  });
}
