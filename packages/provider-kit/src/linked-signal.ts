/** An AbortSignal that follows several others, with a way to detach from them. */
export interface LinkedSignal {
  /** Aborts when any source aborts (with that source's reason) or when {@link LinkedSignal.abort} is called. */
  readonly signal: AbortSignal;
  /** Aborts the linked signal itself. */
  abort(reason: unknown): void;
  /** Removes the listeners from the sources; call when the request is over. */
  dispose(): void;
}

/**
 * Merges abort signals like `AbortSignal.any`, plus a controller of our own (for timeouts).
 * Hand-rolled rather than `AbortSignal.any` so the listeners on long-lived sources (a
 * provider's close signal, a caller's request signal) are removed deterministically when
 * the request ends instead of waiting for garbage collection.
 */
export function linkSignals(sources: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const detach: (() => void)[] = [];
  for (const source of sources) {
    if (source === undefined) continue;
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    const onAbort = () => controller.abort(source.reason);
    source.addEventListener('abort', onAbort, { once: true });
    detach.push(() => source.removeEventListener('abort', onAbort));
  }
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => {
      for (const off of detach.splice(0)) off();
    },
  };
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, so a
 * `fetch` or body reader that ignores its signal still cannot hang past a timeout.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? signal.reason : error);
      },
    );
  });
}
