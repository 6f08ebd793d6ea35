// Moved from @modelmesh/core, which no longer exports home-made abort types: kept private to
// provider-kit until its own signal handling replaces it (a stopgap so this branch compiles).
/**
 * The part of an abort signal that code inside ModelMesh needs: whether it fired, why, and a
 * way to be told. Unlike `AbortSignal` it is a plain object, so passing one around costs
 * nothing; {@link AbortLink} implements it and makes a real `AbortSignal` only on demand.
 */
export interface AbortWatch {
  /** True once aborted. */
  readonly aborted: boolean;
  /** Why it was aborted (undefined before). */
  readonly reason: unknown;
  /**
   * Calls `listener` once, when it aborts (not if it already has: check `aborted` first).
   * Returns the function that removes the listener.
   */
  watch(listener: (reason: unknown) => void): () => void;
}

/** Either kind of abort source ModelMesh accepts. */
export type AbortSource = AbortSignal | AbortWatch;

const NOTHING_TO_REMOVE = () => undefined;

/** Whether `source` is an {@link AbortWatch} (rather than an `AbortSignal`). */
export function isAbortWatch(source: AbortSource): source is AbortWatch {
  return typeof (source as Partial<AbortWatch>).watch === 'function';
}

/**
 * Calls `listener` once when `source` aborts (not if it already has); returns the remover.
 * Works for an `AbortSignal` and for an {@link AbortWatch}.
 */
export function onAbort(source: AbortSource | undefined, listener: (reason: unknown) => void): () => void {
  if (source === undefined || source.aborted) return NOTHING_TO_REMOVE;
  if (isAbortWatch(source)) return source.watch(listener);
  const handler = () => listener(source.reason);
  source.addEventListener('abort', handler, { once: true });
  return () => source.removeEventListener('abort', handler);
}

/**
 * An abort controller whose state lives in plain fields. In Node every `AbortController`
 * costs microseconds to make and extra garbage-collector work, and a routed request needs
 * several (request, attempt, HTTP exchange) that almost never fire; an `AbortLink` creates
 * its `AbortSignal` only when someone reads {@link AbortLink.signal}.
 */
export class AbortLink implements AbortWatch {
  #aborted = false;
  #reason: unknown = undefined;
  #listeners: Array<(reason: unknown) => void> | undefined;
  #controller: AbortController | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** A real `AbortSignal` that follows this link (made on first use). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts with `reason` (once: later calls change nothing); without one, with an `AbortError` as `AbortController` does. */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners;
    this.#listeners = undefined;
    this.#controller?.abort(reason);
    if (listeners) for (const listener of listeners) listener(reason);
  }

  watch(listener: (reason: unknown) => void): () => void {
    if (this.#aborted) return NOTHING_TO_REMOVE;
    (this.#listeners ??= []).push(listener);
    return () => {
      const listeners = this.#listeners;
      const index = listeners ? listeners.indexOf(listener) : -1;
      if (index >= 0) listeners?.splice(index, 1);
    };
  }

  /** Aborts this link when `source` aborts, with its reason; returns the function that detaches. */
  follow(source: AbortSource | undefined): () => void {
    if (source?.aborted) {
      this.abort(source.reason);
      return NOTHING_TO_REMOVE;
    }
    return onAbort(source, (reason) => this.abort(reason));
  }
}
