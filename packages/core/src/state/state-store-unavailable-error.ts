import { brandError, ModelMeshError, type ModelMeshErrorOptions } from '@modelmesh/provider';

/** Options of {@link StateStoreUnavailableError}. */
export interface StateStoreUnavailableErrorOptions extends ModelMeshErrorOptions {
  /** Which store failed, e.g. `redis`. */
  readonly store: string;
}

/**
 * The shared state store could not be reached (down, or slower than its timeout) and the
 * configuration says `state.on_unavailable: fail`: a request that must reserve spend on a
 * budget or quota is refused rather than admitted without the shared counters. Retry later,
 * or set `on_unavailable: local` to keep serving from this process's own counters.
 */
export class StateStoreUnavailableError extends ModelMeshError {
  readonly store: string;
  override readonly retryable = true;

  constructor(options: StateStoreUnavailableErrorOptions) {
    super({ ...options, message: options.message ?? `The ${options.store} state store is unavailable` });
    this.store = options.store;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { store: this.store };
  }
}
brandError(StateStoreUnavailableError, 'StateStoreUnavailableError');
