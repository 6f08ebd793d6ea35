import type { StateStore } from '../state/state-store.js';
import type { Margins, SpendMargins } from './spend-margin.js';

/** How long a process trusts its copy of another process's calibration before reading it again. */
const REFRESH_MS = 10_000;

const keyOf = (modelKey: string) => `calibration:${modelKey}`;

function parseMargins(text: string | undefined): Margins | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Margins>;
    return typeof value.cost === 'number' && typeof value.tokens === 'number' ? { cost: value.cost, tokens: value.tokens } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calibration of spend estimates, shared through the store, and the cold-start gate that
 * makes a hard budget hold before anything was learned.
 *
 * A reservation covers the estimate times the model's margin (see {@link SpendMargins}).
 * Before the first settlement of a model nothing is known: were 64 requests admitted at once
 * on estimates that run 2× low, they would together overshoot by 64 errors. So while a model
 * is uncalibrated (in this process and in the store), only one reservation on a hard limit
 * is in flight for it; the others wait for its settlement, which calibrates the model. Margins
 * are written to the store after each settlement that changed them and read from it on first
 * use (then at most every 10 s), so a new process starts calibrated.
 */
export class SharedCalibration {
  private readonly probes = new Map<string, Promise<void>>();
  private readonly readAt = new Map<string, number>();
  private readonly published = new Map<string, Margins>();

  constructor(
    private readonly store: StateStore,
    private readonly margins: SpendMargins,
    private readonly now: () => number,
  ) {}

  /**
   * Waits until a reservation for `modelKey` may go ahead; returns the function that ends its
   * hold (call it once the reservation is settled, released or refused).
   */
  async admit(modelKey: string): Promise<() => void> {
    await this.refresh(modelKey);
    for (;;) {
      if (this.margins.isCalibrated(modelKey)) return () => undefined;
      const probe = this.probes.get(modelKey);
      if (!probe) break;
      await probe;
    }
    let end: () => void = () => undefined;
    this.probes.set(modelKey, new Promise<void>((resolve) => (end = resolve)));
    return () => {
      this.probes.delete(modelKey);
      end();
    };
  }

  /**
   * Shares the model's margins after a settlement: the first time, and whenever they moved by
   * more than 1% since last shared (not on every request). A failed write only costs accuracy.
   */
  publish(modelKey: string): void {
    const now = this.margins.marginsOf(modelKey);
    const last = this.published.get(modelKey);
    const moved = (a: number, b: number) => Math.abs(a - b) > 0.01 * b;
    if (last && !moved(now.cost, last.cost) && !moved(now.tokens, last.tokens)) return;
    this.published.set(modelKey, now);
    this.store.setValue(keyOf(modelKey), JSON.stringify(now)).catch(() => undefined);
  }

  private async refresh(modelKey: string): Promise<void> {
    const last = this.readAt.get(modelKey);
    const now = this.now();
    if (last !== undefined && now - last < REFRESH_MS) return;
    this.readAt.set(modelKey, now);
    const read = this.store.getValue(keyOf(modelKey)).then(
      (text) => {
        const margins = parseMargins(text);
        if (margins) this.margins.adoptShared(modelKey, margins);
      },
      () => undefined,
    );
    // The first read decides whether this process needs a cold-start probe; later ones run in the background.
    if (last === undefined) await read;
  }
}
