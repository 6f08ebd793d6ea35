import type { ChatCompletion } from '@modelmesh/provider';

/** Anything that gives the completion its chunks add up to (a `CompletionAssembler`). */
export interface CompletionSource {
  toCompletion(): ChatCompletion;
}

/**
 * The outcome of a chat stream for `finalChatCompletion()`: settled once, when the stream
 * ends. The completion is assembled, and a promise made, only when someone asks: most streams
 * (a proxy's) are read chunk by chunk and never asked, and each would hold a promise and its
 * two resolving functions for as long as it is open.
 */
export class FinalCompletion {
  #source: CompletionSource | undefined;
  #completion: ChatCompletion | undefined;
  #failed = false;
  #error: unknown;
  #waiting: { resolve(completion: ChatCompletion): void; reject(error: unknown): void } | undefined;

  /** True once the stream's outcome is known. */
  get settled(): boolean {
    return this.#source !== undefined || this.#failed;
  }

  /** The stream ended well; `source` holds every chunk it gave. */
  resolve(source: CompletionSource): void {
    if (this.settled) return;
    this.#source = source;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.resolve(this.#assembled(source));
  }

  /** The stream ended without a whole answer. */
  reject(error: unknown): void {
    if (this.settled) return;
    this.#failed = true;
    this.#error = error;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(error);
  }

  /** The completion, once the stream has ended. */
  promise(): Promise<ChatCompletion> {
    if (this.#source !== undefined) return Promise.resolve(this.#assembled(this.#source));
    if (this.#failed) return Promise.reject(this.#error);
    return new Promise<ChatCompletion>((resolve, reject) => {
      const earlier = this.#waiting;
      // A second asker while the stream runs gets the same answer (rare: chained on the first).
      this.#waiting = earlier
        ? { resolve: (c) => (earlier.resolve(c), resolve(c)), reject: (e) => (earlier.reject(e), reject(e)) }
        : { resolve, reject };
    });
  }

  #assembled(source: CompletionSource): ChatCompletion {
    return (this.#completion ??= source.toCompletion());
  }
}

/**
 * The keys of an iterator that keeps the final completion of the stream reading it: the
 * router's delivery has the caller's answer assembled anyway (for stream recovery and the
 * request's record), so a `ChatCompletionStream` over it need not keep a second copy of the
 * text. `[keepsFinal]` is false when it cannot (chunk middleware changes what the caller sees
 * after the delivery assembled it); `[finalOf]()` makes the final completion when first asked.
 */
export const keepsFinal = Symbol('modelmesh.keepsFinal');
export const finalOf = Symbol('modelmesh.finalOf');

/** An iterator that keeps the final completion of the stream reading it. */
export interface FinalCompletionKeeper {
  readonly [keepsFinal]: boolean;
  [finalOf](): FinalCompletion;
}

/** True when `iterator` keeps the final completion itself. */
export function keepsFinalCompletion(iterator: object): iterator is FinalCompletionKeeper {
  return (iterator as Partial<FinalCompletionKeeper>)[keepsFinal] === true;
}
