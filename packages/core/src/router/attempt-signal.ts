import type { ModelMeshError } from '@modelmesh/provider';
import type { Clock, TimerHandle } from '../runtime/clock.js';

/** Told at once when the attempt it waits on aborts (see {@link AttemptSignal.wait}). */
export type AbortWaiter = (reason: unknown) => void;

/** What an attempt tells when it ends: the request stops aborting it. */
export interface AttemptOwner {
  release(attempt: AttemptSignal): void;
}

/**
 * The signal of one attempt, with restartable timeouts (first token, idle).
 *
 * Whoever waits on the attempt (a {@link AttemptSignal.race}, or the stream delivery's one read
 * in flight) sits in a single slot rather than a Set: an attempt nearly always has one wait at a
 * time, and a stream holds its attempt open as long as it lasts (a Set costs ~200 B, and an add
 * and delete per chunk). A second wait at once goes to a Set made for it.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  /** Mirrors `signal.aborted`, which a delivered stream asks before each read: Node's getters check their receiver each time. */
  #aborted = false;
  #waiter: AbortWaiter | undefined;
  #moreWaiters: Set<AbortWaiter> | undefined;
  private timer: TimerHandle | undefined;
  /** When the pending timer fires. */
  private timerAt = 0;
  /** When the armed timeout expires; undefined while disarmed or paused. */
  private deadline: number | undefined;
  private error: (() => ModelMeshError) | undefined;

  constructor(
    private readonly clock: Clock,
    /** Stops the request from aborting this attempt (once it has ended). */
    private readonly owner: AttemptOwner | undefined,
  ) {}

  /** Aborts with the attempt (its timeouts) and with the request. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True once the attempt has aborted. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /**
   * (Re)arms the timeout: after `ms`, the attempt aborts with `error()`. A pending timer that
   * fires no later is kept and looks again when it fires, so a stream re-arming its idle
   * timeout at every chunk makes no timer per chunk.
   */
  arm(ms: number, error: () => ModelMeshError): void {
    const deadline = this.clock.now() + ms;
    this.deadline = deadline;
    this.error = error;
    if (this.timer !== undefined && this.timerAt <= deadline) return;
    this.schedule(ms);
  }

  /** Stops the timeout. */
  disarm(): void {
    this.deadline = undefined;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops the timeout but leaves its timer pending (it then does nothing), for an {@link AttemptSignal.arm} soon after to reuse. */
  pause(): void {
    this.deadline = undefined;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerAt = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(this.expire, ms);
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const { deadline, error } = this;
    if (deadline === undefined || error === undefined) return;
    const left = deadline - this.clock.now();
    if (left > 0) return this.schedule(left);
    this.deadline = undefined;
    this.abort(error());
  };

  /** Aborts the attempt (releases the provider's connection) and tells every waiter at once. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    const signal = this.#controller.signal;
    this.#controller.abort(reason);
    // Every abort comes through here (the controller is private), so waiters need no listener of their own.
    const waiter = this.#waiter;
    const more = this.#moreWaiters;
    this.#waiter = undefined;
    this.#moreWaiters = undefined;
    waiter?.(signal.reason);
    if (more) for (const other of more) other(signal.reason);
  }

  /** Stops timers and listeners. */
  dispose(): void {
    this.disarm();
    this.owner?.release(this);
  }

  /** Calls `waiter` with the reason if the attempt aborts before {@link AttemptSignal.stopWaiting}; the caller checks {@link AttemptSignal.aborted} first. */
  wait(waiter: AbortWaiter): void {
    if (this.#waiter === undefined) this.#waiter = waiter;
    else (this.#moreWaiters ??= new Set()).add(waiter);
  }

  /** Ends a {@link AttemptSignal.wait}. */
  stopWaiting(waiter: AbortWaiter): void {
    if (this.#waiter === waiter) this.#waiter = undefined;
    else this.#moreWaiters?.delete(waiter);
  }

  /**
   * Settles with `promise`, or rejects with the abort reason as soon as the attempt aborts,
   * even if the provider ignores its signal.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    if (this.#aborted) {
      promise.catch(() => undefined);
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.wait(reject);
      promise.then(
        (value) => {
          this.stopWaiting(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.stopWaiting(reject);
          reject(this.#aborted ? signal.reason : error);
        },
      );
    });
  }
}
