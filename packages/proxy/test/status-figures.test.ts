import { describe, expect, it } from 'vitest';
import { BUCKET_MS, BUCKETS, ModelWindow, quantile } from '../src/status/model-window.js';

const T0 = Date.UTC(2026, 11, 7, 8, 0, 0);

describe('the status page figures of a model', () => {
  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.95)).toBe(95);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('sums requests, failures, tokens and cost over the window, with a median per bucket for the sparkline', () => {
    const window = new ModelWindow(() => 0);
    window.answered(T0, 100, undefined, 10, 0.01);
    window.answered(T0 + 1, 300, 40, 20, 0.02);
    window.failed(T0 + 2);
    window.answered(T0 + BUCKET_MS, 200, 60, 30, 0.03);
    const figures = window.figures(T0 + BUCKET_MS);
    expect(figures).toMatchObject({ requests: 3, failedAttempts: 1, tokens: 60, p50Ms: 200, p95Ms: 300, ttftP50Ms: 40 });
    expect(figures.cost).toBeCloseTo(0.06);
    expect(figures.latencySeries).toHaveLength(BUCKETS);
    expect(figures.latencySeries.slice(-3)).toEqual([null, 100, 200]);
    expect(figures.costSeries.at(-1)).toBeCloseTo(0.03);
  });

  it('forgets buckets older than the window', () => {
    const window = new ModelWindow(() => 0);
    window.answered(T0, 100, undefined, 10, 0.01);
    window.answered(T0 + BUCKETS * BUCKET_MS, 50, undefined, 5, 0.005);
    const figures = window.figures(T0 + BUCKETS * BUCKET_MS);
    expect(figures).toMatchObject({ requests: 1, tokens: 5, p50Ms: 50 });
    expect(figures.latencySeries.filter((v) => v !== null)).toEqual([50]);
  });

  it('keeps a bounded sample of a busy bucket', () => {
    const window = new ModelWindow(() => 0.999);
    for (let i = 0; i < 10_000; i++) window.answered(T0, i, undefined, 1, 0);
    const figures = window.figures(T0);
    expect(figures.requests).toBe(10_000);
    // The sample holds the first 256 (random() near 1 never replaces one): bounded memory, counts exact.
    expect(figures.p95Ms).toBeLessThan(256);
  });
});
