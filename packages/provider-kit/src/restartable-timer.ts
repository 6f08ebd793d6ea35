/**
 * A timeout re-armed very often (the idle timeout of a stream, at every read of its body)
 * that keeps one platform timer instead of setting and clearing one per arm: arming moves a
 * deadline, and a timer that fires before the deadline schedules itself for the rest. With
 * thousands of slow streams open, a timer per read was a `Timeout` object per chunk.
 */
export class RestartableTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending timer fires (monotonic ms). */
  private timerAt = 0;
  /** When the timeout expires; undefined while paused. */
  private deadline: number | undefined;

  constructor(private readonly onExpire: () => void) {}

  /** Expires `ms` from now, unless re-armed, paused or cleared before. */
  arm(ms: number): void {
    const deadline = performance.now() + ms;
    this.deadline = deadline;
    // A pending timer that fires no later looks again when it fires.
    if (this.timer !== undefined && this.timerAt <= deadline) return;
    this.schedule(ms);
  }

  /** Stops the timeout, leaving its timer pending (it then does nothing) for the next {@link RestartableTimer.arm} to reuse. */
  pause(): void {
    this.deadline = undefined;
  }

  /** Stops the timeout and its timer. */
  clear(): void {
    this.deadline = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = performance.now() + ms;
    this.timer = setTimeout(this.fire, Math.max(0, ms));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const { deadline } = this;
    if (deadline === undefined) return;
    const left = deadline - performance.now();
    if (left > 0) return this.schedule(left);
    this.deadline = undefined;
    this.onExpire();
  };
}
