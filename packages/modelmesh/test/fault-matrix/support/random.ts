/**
 * A random source whose values the test decides: queued values first (in order), then a
 * constant (or another source, such as `seededRandom(seed)`). Every draw is logged, so a test
 * can tell how many the router took and which values it got.
 */
export class ScriptedRandom {
  private readonly queue: number[];
  readonly draws: number[] = [];

  private readonly fallback: () => number;

  constructor(values: readonly number[] = [], fallback: number | (() => number) = 0.5) {
    this.queue = [...values];
    this.fallback = typeof fallback === 'number' ? () => fallback : fallback;
  }

  /** The `RandomSource` to hand to `createMesh`. */
  readonly source = (): number => {
    const value = this.queue.length > 0 ? (this.queue.shift() as number) : this.fallback();
    this.draws.push(value);
    return value;
  };

  /** Queues values for the next draws. */
  push(...values: number[]): void {
    this.queue.push(...values);
  }

  /** Values queued and not drawn yet. */
  get pending(): number {
    return this.queue.length;
  }
}
