import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_POLICY } from '../src/config/pool-policy.js';
import { attemptTimeouts, hasFallback } from '../src/router/attempt-timeouts.js';
import type { MeshModel } from '../src/router/mesh-model.js';

const model = (key: string, reasoning = false): MeshModel =>
  ({ key, modelId: key, providerId: 'p', connector: 'c', capabilities: [], features: reasoning ? { reasoning: true } : {}, provider: {} as MeshModel['provider'] }) as MeshModel;

describe('attemptTimeouts: the limits of one attempt', () => {
  const policy = DEFAULT_POOL_POLICY.timeouts;

  it('cuts a silent stream after 10 s while a fallback waits: headers and first token', () => {
    expect(attemptTimeouts(policy, model('a'), true, true)).toEqual({ connect: 5_000, headers: 10_000, firstByte: 60_000, firstToken: 10_000, idle: 30_000, attempt: 60_000 });
  });

  it('gives a non-streaming answer 30 s for its headers, which come with the whole answer', () => {
    expect(attemptTimeouts(policy, model('a'), false, true).headers).toBe(30_000);
  });

  it('gives a reasoning model a minute to think before its first token, and its whole attempt for a non-streaming answer', () => {
    const stream = attemptTimeouts(policy, model('o', true), true, true);
    expect(stream.firstToken).toBe(60_000);
    // A stream's headers come when the request is accepted, thinking or not.
    expect(stream.headers).toBe(10_000);
    expect(attemptTimeouts(policy, model('o', true), false, true).headers).toBe(60_000);
  });

  it('stretches the defaults to the attempt timeout on the last candidate: there is nowhere to move', () => {
    expect(attemptTimeouts(policy, model('a'), true, false)).toMatchObject({ headers: 60_000, firstToken: 60_000 });
  });

  it('applies limits the pool sets as written, reasoning model or last candidate alike', () => {
    const set = { ...policy, firstTokenMs: 2_000, headersMs: 1_000 };
    expect(attemptTimeouts(set, model('o', true), true, false)).toMatchObject({ headers: 1_000, firstToken: 2_000 });
  });

  it('never lets a default outlast the attempt timeout', () => {
    expect(attemptTimeouts({ ...policy, attemptMs: 4_000 }, model('a'), false, true)).toMatchObject({ headers: 4_000, firstToken: 4_000 });
  });
});

describe('hasFallback', () => {
  const a = model('a');
  const b = model('b');
  it('counts members not excluded and not unavailable', () => {
    expect(hasFallback([a, b], a, new Map(), { availability: () => 'active' })).toBe(true);
    expect(hasFallback([a, b], a, new Map([['b', 'failed']]), { availability: () => 'active' })).toBe(false);
    expect(hasFallback([a, b], a, new Map(), { availability: (key) => (key === 'b' ? 'unavailable' : 'active') })).toBe(false);
    expect(hasFallback([a], a, new Map(), { availability: () => 'active' })).toBe(false);
  });
});
