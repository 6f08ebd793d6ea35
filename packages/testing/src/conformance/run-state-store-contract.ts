import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidAmountError, type SharedHealth, type StateStore } from '@modelmesh/core';

/** A backend under test: stores that share it, and a way to let time pass. */
export interface StateStoreBackend {
  /** A store on the backend. Two calls give two clients of the same data (as two processes would have). */
  open(): StateStore;
  /** Lets `ms` pass for expiry checks: a manual clock's advance, or a real wait. */
  advance(ms: number): Promise<void>;
  /** Closes what `open` made and the backend. */
  close(): Promise<void>;
}

/** Options of {@link runStateStoreContract}. */
export interface StateStoreContractOptions {
  /** Shown in the test names, e.g. `memory` or `redis`. */
  readonly name: string;
  /** Makes a fresh backend (one per suite; each test uses its own key names). */
  readonly backend: () => Promise<StateStoreBackend>;
}

let counter = 0;
/** A key no other test of this run uses. */
const fresh = (label: string) => `${label}-${process.pid}-${++counter}`;

/** Resolves with the first health message for `modelKey` a store delivers. */
function nextHealth(store: StateStore, modelKey: string): Promise<SharedHealth> {
  return new Promise((resolve) => {
    const off = store.subscribeHealth((health) => {
      if (health.modelKey !== modelKey) return;
      off();
      resolve(health);
    });
  });
}

/**
 * Registers the StateStore contract with vitest: every store implementation (memory, Redis,
 * your own) must pass it. It checks atomic multi-counter reservations (also across two
 * clients of one backend), settlements, refusal of non-finite amounts, expiry, shared health
 * with its subscription, and shared values.
 */
export function runStateStoreContract(options: StateStoreContractOptions): void {
  describe(`StateStore contract: ${options.name}`, () => {
    let backend: StateStoreBackend;
    let a: StateStore;
    let b: StateStore;
    beforeAll(async () => {
      backend = await options.backend();
      a = backend.open();
      b = backend.open();
    });
    afterAll(() => backend.close());

    it('reserve raises every counter or none', async () => {
      const [x, y] = [fresh('x'), fresh('y')];
      expect(await a.reserve([{ key: x, amount: 2, limit: 5 }, { key: y, amount: 1, limit: 1 }])).toEqual({ ok: true, values: [2, 1] });
      expect(await a.reserve([{ key: x, amount: 2, limit: 5 }, { key: y, amount: 1, limit: 1 }])).toEqual({ ok: false, index: 1, value: 1 });
      expect(await b.get([x, y, fresh('absent')])).toEqual([2, 1, 0]);
    });

    it('concurrent reservations from two clients never cross the limit', async () => {
      const key = fresh('k');
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a : b).reserve([{ key, amount: 3, limit: 50 }])));
      expect(results.filter((r) => r.ok)).toHaveLength(16);
      expect(await a.get([key])).toEqual([48]);
    });

    it('add settles with positive and negative deltas and keeps fractions', async () => {
      const key = fresh('usd');
      await a.reserve([{ key, amount: 0.25, limit: 1 }]);
      expect(await b.add(key, -0.05)).toBeCloseTo(0.2, 12);
      expect(await a.add(key, 0.0001)).toBeCloseTo(0.2001, 12);
    });

    it('an Infinity limit admits any amount', async () => {
      const key = fresh('warn');
      expect(await a.reserve([{ key, amount: 1e9, limit: Infinity }])).toEqual({ ok: true, values: [1e9] });
    });

    it('refuses amounts that are not finite (and negative reservations), changing nothing', async () => {
      const [j, k] = [fresh('j'), fresh('k')];
      await a.add(k, 3);
      for (const amount of [Number.NaN, Infinity, -1]) {
        await expect(a.reserve([{ key: j, amount: 1, limit: 10 }, { key: k, amount, limit: 10 }])).rejects.toBeInstanceOf(InvalidAmountError);
      }
      await expect(a.reserve([{ key: k, amount: 1, limit: Number.NaN }])).rejects.toBeInstanceOf(InvalidAmountError);
      await expect(a.add(k, Number.NaN)).rejects.toBeInstanceOf(InvalidAmountError);
      expect(await a.get([j, k])).toEqual([0, 3]);
    });

    it('counters, standbys and values expire', async () => {
      const [key, value, model] = [fresh('ttl'), fresh('value'), fresh('model')];
      await a.reserve([{ key, amount: 5, limit: 10, ttlMs: 300 }]);
      await a.setValue(value, 'v', 300);
      await a.putHealth({ modelKey: model, state: 'standby', reason: 'errors', until: Date.now() + 300, at: Date.now(), origin: 'test' });
      expect(await b.get([key])).toEqual([5]);
      expect(await b.getValue(value)).toBe('v');
      await backend.advance(400);
      expect(await b.get([key])).toEqual([0]);
      expect(await b.getValue(value)).toBeUndefined();
      expect(await b.getHealth([model])).toEqual([undefined]);
    });

    it('health changes reach subscribers of every client, and the standby is stored until it ends', async () => {
      const model = fresh('model');
      const standby: SharedHealth = { modelKey: model, state: 'standby', reason: 'errors', until: Infinity, detail: '5 errors', at: 1, origin: 'proc-a' };
      const heard = nextHealth(b, model);
      await a.putHealth(standby);
      expect(await heard).toEqual(standby);
      expect(await b.getHealth([model, fresh('other')])).toEqual([standby, undefined]);
      const recovered = nextHealth(b, model);
      await a.putHealth({ modelKey: model, state: 'active', reason: 'errors', at: 2, origin: 'proc-a' });
      expect((await recovered).state).toBe('active');
      expect(await b.getHealth([model])).toEqual([undefined]);
    });

    it('an unsubscribed listener hears nothing more', async () => {
      const model = fresh('model');
      const heard: SharedHealth[] = [];
      const off = b.subscribeHealth((health) => heard.push(health));
      off();
      const stillSubscribed = nextHealth(b, model);
      await a.putHealth({ modelKey: model, state: 'standby', reason: 'manual', until: Infinity, at: 1, origin: 'proc-a' });
      await stillSubscribed;
      expect(heard).toEqual([]);
    });

    it('values are shared between clients', async () => {
      const key = fresh('calibration');
      expect(await b.getValue(key)).toBeUndefined();
      await a.setValue(key, '{"ratio":2}');
      expect(await b.getValue(key)).toBe('{"ratio":2}');
    });
  });
}
