import type { ModelSpec } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, postJson, readSse, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const priced = (id: string): ModelSpec => ({ id, capabilities: ['chat-completion'], pricing: { input: 1, output: 1 } });

/** `flaky` fails once and goes to standby; `steady` answers. */
async function failoverFixture(): Promise<Fixture> {
  const flaky = mockProviderEntry({ id: 'flaky', models: [priced('model-a')], script: { type: 'http', status: 500 } });
  const steady = mockProviderEntry({ id: 'steady', models: [priced('model-b')], script: { type: 'ok', promptTokens: 1000, completionTokens: 1000 } });
  return startFixture({
    providers: [flaky, steady],
    config: {
      pools: {
        chat: {
          capability: 'chat-completion',
          strategy: 'priority',
          deactivation: { failure_threshold: 1 },
          recovery: { cooldown: '10m', wait_for_recovery: false },
          retry: { max_attempts_per_model: 1, backoff: 'none' },
        },
      },
    },
  });
}

describe('probes', () => {
  it('/healthz answers while the process runs', async () => {
    fixture = await startFixture();
    const response = await fetch(`${fixture.proxy.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is ready with an active model and not ready once every model is in standby', async () => {
    fixture = await startFixture({
      script: { type: 'http', status: 500 },
      config: { pools: { chat: { capability: 'chat-completion', deactivation: { failure_threshold: 1 }, recovery: { wait_for_recovery: false }, retry: { max_attempts_per_model: 1 } } } },
      providers: [mockProviderEntry({ id: 'only', models: ['gpt-test'], script: { type: 'http', status: 500 } })],
    });
    const before = await fetch(`${fixture.proxy.url}/readyz`);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ ready: true, draining: false, activeModels: 1 });
    await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    const after = await fetch(`${fixture.proxy.url}/readyz`);
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ ready: false, activeModels: 0 });
  });

  it('/v1/pools reports each pool with its models and their health', async () => {
    fixture = await failoverFixture();
    await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    const body = (await (await fetch(`${fixture.baseURL}/pools`)).json()) as { pools: Record<string, { active: number; standby: number; strategy: string; models: Array<{ model: string; status: string; reason?: string }> }> };
    expect(body.pools['chat']).toMatchObject({ active: 1, standby: 1, total: 2, strategy: 'priority', currentModel: 'model-b' });
    expect(body.pools['chat']?.models.find((m) => m.model === 'model-a')).toMatchObject({ status: 'standby', reason: 'errors' });
  });
});

describe('/metrics', () => {
  it('exposes requests, attempts, failovers, latency, tokens, cost and model health in Prometheus text', async () => {
    fixture = await failoverFixture();
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody())).status).toBe(200);
    await readSse(await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true })));
    await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'nope' }));
    const response = await fetch(`${fixture.proxy.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    const lines = text.trimEnd().split('\n');
    for (const line of lines) {
      expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+-]+|\+Inf|NaN))$/);
    }
    const has = (line: string) => expect(lines).toContain(line);
    has('modelmesh_http_requests_total{endpoint="chat.completions",pool="chat",model="model-b",status="200"} 2');
    has('modelmesh_http_requests_total{endpoint="chat.completions",pool="",model="",status="404"} 1');
    has('modelmesh_attempts_total{pool="chat",model="model-a",provider="flaky"} 1');
    has('modelmesh_attempts_total{pool="chat",model="model-b",provider="steady"} 2');
    has('modelmesh_attempt_failures_total{pool="chat",model="model-a",provider="flaky",next="failover"} 1');
    has('modelmesh_failovers_total{pool="chat",from_model="model-a",to_model="model-b"} 1');
    has('modelmesh_request_duration_seconds_count{pool="chat",model="model-b",outcome="ok"} 2');
    has('modelmesh_request_duration_seconds_bucket{pool="chat",model="model-b",outcome="ok",le="+Inf"} 2');
    has('modelmesh_tokens_total{pool="chat",model="model-b",type="prompt"} 2000');
    has('modelmesh_cost_usd_total{pool="chat",model="model-b"} 0.004');
    has('modelmesh_model_up{model="model-a",provider="flaky"} 0');
    has('modelmesh_model_up{model="model-b",provider="steady"} 1');
    has('modelmesh_model_deactivations_total{model="model-a",provider="flaky",reason="errors"} 1');
    has('modelmesh_http_in_flight 0');
    expect(text).toContain('# TYPE modelmesh_request_duration_seconds histogram');
  });
});
