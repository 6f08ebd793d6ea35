/** What answers when no queued step is left: one step for every request, or a function of the request. */
export type FakeFallback<S, R> = S | ((request: R) => S);

/**
 * The steps scripted on a fake server: a shared queue, a queue per model (checked first) and a
 * fallback for when both are empty. `S` is the wire's step type, `R` its request record.
 */
export class FakeStepQueue<S, R extends { readonly model?: string }> {
  readonly #shared: S[] = [];
  readonly #perModel = new Map<string, S[]>();
  readonly #fallback: FakeFallback<S, R>;

  /** @param fallback what answers when nothing is queued for a request. */
  constructor(fallback: FakeFallback<S, R>) {
    this.#fallback = fallback;
  }

  /** Queues steps for any request. */
  push(...steps: S[]): void {
    this.#shared.push(...steps);
  }

  /** Queues steps for requests naming `model`. */
  pushFor(model: string, ...steps: S[]): void {
    this.#perModel.set(model, [...(this.#perModel.get(model) ?? []), ...steps]);
  }

  /** Takes the step that answers `record`: its model's queue, then the shared queue, then the fallback. */
  take(record: R): S {
    const queued = (record.model === undefined ? undefined : this.#perModel.get(record.model)?.shift()) ?? this.#shared.shift();
    if (queued !== undefined) return queued;
    // A step is an object, a script a function: `typeof` tells them apart.
    return typeof this.#fallback === 'function' ? (this.#fallback as (request: R) => S)(record) : this.#fallback;
  }

  /** Empties both queues. */
  clear(): void {
    this.#shared.length = 0;
    this.#perModel.clear();
  }
}
