import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateStore } from '../src/index.js';
import { startProxyProcess, eventually, type ProxyProcess } from './support/proxy-process.js';
import { startRedisServer, type TestRedisServer } from '@modelmesh/testing/servers';

let redis: TestRedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

/** A config with two models on two fake upstreams, a shared Redis state and `extra` lines. */
function meshYaml(upstreamA: FakeOpenAIServer, upstreamB: FakeOpenAIServer, prefix: string, extra: string[] = []): string {
  return [
    'providers:',
    `  pa: { connector: openai, api_key: sk-a-000000000000, base_url: "${upstreamA.url}" }`,
    `  pb: { connector: openai, api_key: sk-b-000000000000, base_url: "${upstreamB.url}" }`,
    'models:',
    '  model-a: { provider: pa, model: gpt-4o-mini, capabilities: [chat-completion], pricing: { input: 1, output: 2 } }',
    '  model-b: { provider: pb, model: gpt-4o-mini, capabilities: [chat-completion], pricing: { input: 1, output: 2 } }',
    'pools:',
    '  chat:',
    '    models: [model-a, model-b]',
    '    strategy: priority',
    '    deactivation: { failure_threshold: 2 }',
    '    recovery: { cooldown: 5m }',
    `state: { store: redis, url: "${redis.url}", prefix: "${prefix}:", timeout: 5s }`,
    ...extra,
    '',
  ].join('\n');
}

const client = (proxy: ProxyProcess) => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 20_000 });
const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi there' }], max_tokens: 5 };
const metric = (text: string, name: string) => [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);

// Each test starts two proxy processes: generous liveness limits, so a loaded machine does not fail them.
describe('two proxy processes on one Redis', { timeout: 120_000 }, () => {
  it('share one hard budget: 200 concurrent requests overshoot it by at most one request’s estimate', async () => {
    // Each answer reports 12 prompt + 5 completion tokens: $0.000022. The estimate of an
    // attempt is 6 prompt + 5 output tokens ($0.000016); prompts run 2x the estimate.
    const answer = { kind: 'ok' as const, delayMs: 20, usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } };
    const upstreamA = await startFakeOpenAIServer({ defaultScript: answer });
    const upstreamB = await startFakeOpenAIServer({ defaultScript: answer });
    const cost = (12 * 1 + 5 * 2) / 1e6;
    const estimate = (6 * 1 + 5 * 2) / 1e6;
    const limit = 60 * cost;
    const yaml = meshYaml(upstreamA, upstreamB, 'budget', ['budgets:', `  - { name: cap, scope: global, period: total, limit_usd: ${limit}, action: error }`]);
    const proxies = await Promise.all([startProxyProcess(yaml), startProxyProcess(yaml)]);
    const store = new RedisStateStore({ url: redis.url, prefix: 'budget:' });
    try {
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => client(proxies[i % 2] as ProxyProcess).chat.completions.create(ask)));
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const refused = results.filter((r) => r.status === 'rejected' && (r.reason as { status?: number }).status === 429).length;
      expect(ok + refused).toBe(200);
      const [shared] = await store.get(["budget:cap:0"]);
      // What the processes spent, by their own metrics, is what the shared counter holds.
      const spent = (await Promise.all(proxies.map(async (p) => metric(await p.metrics(), 'modelmesh_cost_usd_total')))).reduce((a, b) => a + b, 0);
      expect(shared).toBeCloseTo(spent, 12);
      expect(shared).toBeCloseTo(ok * cost, 12);
      expect(shared).toBeLessThanOrEqual(limit + estimate + 1e-12);
      expect(ok).toBeGreaterThan(50);
      // Had Redis been unreachable, each process would have counted on its own.
      for (const proxy of proxies) expect(proxy.output()).not.toContain('unavailable');
    } finally {
      await store.close();
      await Promise.all(proxies.map((p) => p.stop()));
      await upstreamA.close();
      await upstreamB.close();
    }
  });

  it('a model put in standby by one process (a 503 storm) is skipped by the other on its next request', async () => {
    const upstreamA = await startFakeOpenAIServer({ defaultScript: { kind: 'status', status: 503 } });
    const upstreamB = await startFakeOpenAIServer();
    const yaml = meshYaml(upstreamA, upstreamB, 'health');
    const [first, second] = await Promise.all([startProxyProcess(yaml), startProxyProcess(yaml)]);
    if (!first || !second) throw new Error('unreachable');
    try {
      // The priority pool tries model-a first: two 503s put it in standby in the first process.
      await client(first).chat.completions.create(ask);
      await client(first).chat.completions.create(ask);
      await eventually(async () => metric(await first.metrics(), 'modelmesh_model_up\\{model="model-a"[^}]*') === 0, 'standby in the first process');
      const seenByA = upstreamA.requests.length;
      // The second process learns it from Redis pub/sub, without a failure of its own.
      await eventually(async () => metric(await second.metrics(), 'modelmesh_model_up\\{model="model-a"[^}]*') === 0, 'standby reaching the second process');
      const response = await client(second).chat.completions.create(ask);
      expect(response.choices[0]?.message.content).toContain('Hi there');
      expect(upstreamA.requests.length).toBe(seenByA);
      expect(upstreamB.requests.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await upstreamA.close();
      await upstreamB.close();
    }
  });

  it('keeps answering while Redis is killed and restarted, and says so', async () => {
    const upstreamA = await startFakeOpenAIServer({ defaultScript: { kind: 'ok', delayMs: 5 } });
    const upstreamB = await startFakeOpenAIServer();
    const yaml = meshYaml(upstreamA, upstreamB, 'outage', ['budgets:', '  - { name: cap, scope: global, period: day, limit_usd: 100, action: error }']);
    const [first, second] = await Promise.all([startProxyProcess(yaml), startProxyProcess(yaml)]);
    if (!first || !second) throw new Error('unreachable');
    try {
      const burst = () => Promise.allSettled(Array.from({ length: 20 }, (_, i) => client(i % 2 ? first : second).chat.completions.create(ask)));
      const before = await burst();
      await redis.kill();
      const during = await burst();
      await eventually(async () => first.output().includes('unavailable') && second.output().includes('unavailable'), 'the unavailable report');
      const stillDown = await burst();
      await redis.restart();
      await eventually(async () => first.output().includes('restored') && second.output().includes('restored'), 'the restored report');
      const after = await burst();
      for (const results of [before, during, stillDown, after]) expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(first.output()).toMatch(/\[state\] redis unavailable \(serving from local state\)/);
      expect(first.output()).toMatch(/\[state\] redis restored: .*written back/);
      const metrics = await first.metrics();
      expect(metric(metrics, 'modelmesh_state_store_unavailable_total')).toBeGreaterThanOrEqual(1);
      expect(metric(metrics, 'modelmesh_state_store_up')).toBe(1);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await upstreamA.close();
      await upstreamB.close();
    }
  });

  it('share one response cache with store: redis: an answer cached through one proxy is a hit on the other', async () => {
    const upstreamA = await startFakeOpenAIServer({ defaultScript: { kind: 'ok', content: 'cached once' } });
    const upstreamB = await startFakeOpenAIServer();
    const yaml = meshYaml(upstreamA, upstreamB, 'cache', ['middleware:', '  - { name: cache, options: { store: redis, ttl: 5m } }']);
    const [first, second] = await Promise.all([startProxyProcess(yaml), startProxyProcess(yaml)]);
    if (!first || !second) throw new Error('unreachable');
    try {
      const miss = await client(first).chat.completions.create(ask).withResponse();
      const hit = await client(second).chat.completions.create(ask).withResponse();
      expect(miss.response.headers.get('x-modelmesh-cache')).not.toBe('hit');
      expect(hit.response.headers.get('x-modelmesh-cache')).toBe('hit');
      expect(hit.data.choices[0]?.message.content).toBe('cached once');
      expect(upstreamA.requests.length + upstreamB.requests.length).toBe(1);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await upstreamA.close();
      await upstreamB.close();
    }
  });
});
