import { describe, expect, it } from 'vitest';
import { costOf, estimateCost } from '../src/index.js';

describe('cost', () => {
  const pricing = { input: 2, cachedInput: 0.5, output: 8, perRequest: 0.001 };
  it('prices prompt, cached prompt and completion tokens per million, plus the per-request fee', () => {
    const usage = { prompt_tokens: 1_000, completion_tokens: 500, total_tokens: 1_500, prompt_tokens_details: { cached_tokens: 400 } };
    expect(costOf(pricing, usage)).toBeCloseTo((600 * 2 + 400 * 0.5 + 500 * 8) / 1e6 + 0.001, 15);
  });
  it('prefers a cost the provider reports', () => {
    expect(costOf(pricing, { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.42 } as never)).toBe(0.42);
  });
  it('is zero for unpriced models and undefined as an estimate', () => {
    expect(costOf(undefined, { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 })).toBe(0);
    expect(estimateCost(undefined, 10, 10)).toBeUndefined();
    expect(estimateCost({ input: 1, output: 1 }, 500_000, 500_000)).toBe(1);
  });
});
