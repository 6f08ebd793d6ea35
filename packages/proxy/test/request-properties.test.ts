import type { RequestCompletedEvent } from '@modelmesh/core';
import type { MockOutcome } from '@modelmesh/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './support/proxy-fixture.js';

const TOKEN_LIMIT = 1_500;
const COST_LIMIT = 0.002;

/** Mostly answers, some overrunning (more tokens than any reservation), some failures of each kind. */
function outcome(index: number): MockOutcome {
  switch (index % 11) {
    case 3:
      return { type: 'ok', tokens: 300 };
    case 5:
      return { type: 'http', status: 400 };
    case 7:
      return { type: 'malformed' };
    case 9:
      return { type: 'no-finish' };
    default:
      return { type: 'ok' };
  }
}

const json = fc.jsonValue({ maxDepth: 4 });
/** A value for a numeric field: in range, out of range, or of the wrong type. */
const numberish = fc.oneof(
  fc.integer({ min: -3, max: 64 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('x', '16', '', true, null, [], {}, -1e9, 1e308, 0.5),
  json,
);
const part = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 40 }) }),
  fc.record({ type: fc.constant('text'), text: json }, { requiredKeys: ['type'] }),
  fc.constant(null),
  fc.record({ type: fc.constantFrom('image_url', 'refusal', 'input_audio', 'file', 'other'), image_url: json, refusal: json }, { requiredKeys: ['type'] }),
  json,
);
const content = fc.oneof(fc.string({ maxLength: 80 }), fc.array(part, { maxLength: 4 }), json);
const message = fc.oneof(
  { weight: 4, arbitrary: fc.record({ role: fc.constantFrom('user', 'system', 'assistant', 'developer', 'tool', 'function'), content, tool_calls: json, name: json }, { requiredKeys: ['role', 'content'] }) },
  { weight: 1, arbitrary: json },
);
const NUMERIC = ['max_tokens', 'max_completion_tokens', 'n', 'temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'seed', 'top_logprobs'] as const;
const odd = fc.record(
  {
    model: fc.oneof(fc.constant('chat'), fc.constant('chat'), json),
    messages: fc.oneof(fc.array(message, { minLength: 1, maxLength: 3 }), json),
    stream: fc.oneof(fc.boolean(), json),
    ...Object.fromEntries(NUMERIC.map((name) => [name, numberish])),
    tools: json,
    response_format: json,
    metadata: json,
    logit_bias: json,
    user: json,
    extra: json,
  },
  { requiredKeys: ['model', 'messages'] },
);
/** Well-formed requests, so the budgets are reached within a run. */
const valid = fc.record({
  model: fc.constant('chat'),
  messages: fc.array(fc.record({ role: fc.constant('user'), content: fc.string({ minLength: 1, maxLength: 60 }) }), { minLength: 1, maxLength: 2 }),
  max_tokens: fc.integer({ min: 1, max: 40 }),
  stream: fc.boolean(),
});
/** Raw bodies: JSON of the above, and text that is not a JSON object or nests too deep. */
const rawBody = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(odd, valid).map((body) => JSON.stringify(body)) },
  { weight: 1, arbitrary: fc.constantFrom('{', 'null', '[]', '"chat"', `{"model":"chat","x":${'['.repeat(70)}${']'.repeat(70)}}`, '{"model":"chat","messages":[{"role":"user","content":"hi"}],"max_tokens":1e400}') },
);

let fixture: Fixture;
const completed: RequestCompletedEvent[] = [];

beforeAll(async () => {
  fixture = await startFixture({
    script: (_request, index) => outcome(index),
    config: {
      budgets: [
        { name: 'tokens', scope: 'global', period: 'total', limit_tokens: TOKEN_LIMIT, action: 'error' },
        { name: 'usd', scope: 'global', period: 'total', limit_usd: COST_LIMIT, action: 'error' },
      ],
    },
  });
  fixture.mesh.on('request.completed', (event) => completed.push(event));
});
afterAll(async () => {
  await fixture.close();
});

async function send(body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${fixture.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

function expectFinite(value: unknown, what: string): void {
  expect(typeof value === 'number' && Number.isFinite(value) && value >= 0, `${what} = ${String(value)}`).toBe(true);
}

describe('arbitrary request bodies through the proxy and the router, under hard budgets', () => {
  it('never a 500, never a NaN in a counter, and budgets exceeded by no more than the stated bound', async () => {
    // The documented bound: only attempts that spend more than they reserved cross a limit, by
    // at most their overruns. Within one batch of concurrent requests that is at most what the
    // batch spent, so the largest batch spend bounds the overshoot.
    let largestBatch = { tokens: 0, cost: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(rawBody, { minLength: 1, maxLength: 4 }), async (bodies) => {
        const before = completed.length;
        const answers = await Promise.all(bodies.map(send));
        for (const { status, text } of answers) {
          expect(status, text).not.toBe(500);
          expect([200, 400, 404, 429, 502, 503]).toContain(status);
          if (status !== 200) expect((JSON.parse(text) as { error: { type: string } }).error.type).toEqual(expect.any(String));
        }
        const batch = completed.slice(before).filter((e) => e.ok);
        const spent = {
          tokens: batch.reduce((sum, e) => sum + (e.usage?.total_tokens ?? 0), 0),
          cost: batch.reduce((sum, e) => sum + e.cost, 0),
        };
        largestBatch = { tokens: Math.max(largestBatch.tokens, spent.tokens), cost: Math.max(largestBatch.cost, spent.cost) };
        const usage = fixture.mesh.usage;
        for (const [name, value] of Object.entries({ totalCost: usage.totalCost, totalTokens: usage.totalTokens, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, totalRequests: usage.totalRequests })) expectFinite(value, name);
        const budgets = usage.budgetStatus?.budgets ?? {};
        expectFinite(budgets['tokens']?.used, 'tokens budget');
        expectFinite(budgets['usd']?.used, 'usd budget');
        expect(budgets['tokens']?.used ?? Infinity).toBeLessThanOrEqual(TOKEN_LIMIT + largestBatch.tokens);
        expect(budgets['usd']?.used ?? Infinity).toBeLessThanOrEqual(COST_LIMIT + largestBatch.cost + 1e-12);
        expect(fixture.proxy.handler.metricsText()).not.toMatch(/NaN/);
      }),
      { seed: 42, numRuns: 100 },
    );
    // The run reached the budgets: later requests were refused rather than admitted past a NaN.
    expect(fixture.mesh.usage.budgetStatus?.exceeded).toBe(true);
    expect(fixture.messages.filter((m) => m.code === 'internal-error')).toEqual([]);
  }, 60_000);
});
