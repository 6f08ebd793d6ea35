import type { ModelSpec } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, postJson, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const chatModel = (id: string): ModelSpec => ({ id, capabilities: ['chat-completion'], pricing: { input: 1, output: 1 } });

/** Two tenants with a pool each, and an unrestricted operator key. */
async function twoTenants(): Promise<Fixture> {
  return startFixture({
    providers: [
      mockProviderEntry({ id: 'vendor-a', models: [chatModel('alpha-model')], script: { type: 'ok', promptTokens: 10, completionTokens: 10 } }),
      mockProviderEntry({ id: 'vendor-b', models: [chatModel('beta-model')], script: { type: 'ok', promptTokens: 10, completionTokens: 10 } }),
    ],
    config: {
      pools: {
        alpha: { capability: 'chat-completion', providers: ['vendor-a'] },
        beta: { capability: 'chat-completion', providers: ['vendor-b'] },
      },
      proxy: {
        auth: {
          keys: [
            { name: 'tenant-a', key: 'sk-tenant-a', pools: ['alpha'] },
            { name: 'tenant-b', key: 'sk-tenant-b', pools: ['beta'], budget: { limit_requests: 1, period: 'day', action: 'error' } },
            { name: 'operator', key: 'sk-operator' },
          ],
        },
      },
    },
  });
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function scrape(url: string, secret: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers: bearer(secret) });
  expect(response.status).toBe(200);
  return response.text();
}

describe('a key restricted to some pools', () => {
  it("sees only its own pools, models and budgets in /metrics; an unrestricted key sees everything", async () => {
    fixture = await twoTenants();
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'alpha' }), bearer('sk-tenant-a'))).status).toBe(200);
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'beta' }), bearer('sk-tenant-b'))).status).toBe(200);
    // The second request of tenant-b crosses its budget: a budget series scoped to key:tenant-b.
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'beta' }), bearer('sk-tenant-b'))).status).toBe(429);
    // Refused before routing (no pool): another tenant's failures are not shown either.
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'alpha' }), bearer('sk-wrong'))).status).toBe(401);

    const tenantA = await scrape(fixture.proxy.url, 'sk-tenant-a');
    expect(tenantA).toContain('modelmesh_cost_usd_total{pool="alpha",model="alpha-model"}');
    expect(tenantA).toContain('modelmesh_model_up{model="alpha-model",provider="vendor-a"} 1');
    expect(tenantA).toContain('modelmesh_http_in_flight');
    for (const other of ['beta', 'vendor-b', 'tenant-b', 'pool=""']) expect(tenantA).not.toContain(other);

    const tenantB = await scrape(fixture.proxy.url, 'sk-tenant-b');
    expect(tenantB).toContain('modelmesh_budget_exceeded_total{budget="key-tenant-b",scope="key:tenant-b",action="error"} 1');
    expect(tenantB).not.toContain('alpha');

    const operator = await scrape(fixture.proxy.url, 'sk-operator');
    for (const seen of ['pool="alpha"', 'pool="beta"', 'scope="key:tenant-b"', 'pool=""']) expect(operator).toContain(seen);
  });

  it('gets a 404 for an unknown model that names only its own pools', async () => {
    fixture = await twoTenants();
    for (const model of ['no-such-model', 'text-embeddings']) {
      const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model }), bearer('sk-tenant-a'));
      expect(response.status).toBe(404);
      const error = ((await response.json()) as { error: { message: string; code: string; param: string } }).error;
      expect(error).toMatchObject({ code: 'model_not_found', param: 'model' });
      expect(error.message).toContain('alpha');
      expect(error.message).not.toMatch(/beta/);
    }
    // The operator's key may use every pool, so its 404 may list them all.
    const operator = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'no-such-model' }), bearer('sk-operator'));
    expect(operator.status).toBe(404);
  });
});
