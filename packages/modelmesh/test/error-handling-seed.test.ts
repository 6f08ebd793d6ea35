// The TypeScript snippet of ../shared/seeds/error-handling.txt, as written (the client is a
// mesh over mock providers scripted to fail in the ways each branch catches).
import { describe, expect, it } from 'vitest';
import {
  AllProvidersExhaustedError,
  BudgetExceededError,
  createMesh,
  ModelMeshError,
  NoActiveModelError,
  RateLimitError,
  type MeshClient,
} from 'modelmesh';
import { mockProviderEntry, type MockScript } from 'modelmesh/testing';

function meshWith(scripts: Record<string, MockScript>, extra: Record<string, unknown> = {}): MeshClient {
  return createMesh({
    providers: Object.entries(scripts).map(([id, script]) => mockProviderEntry({ id, models: [`${id}-model`], script })),
    config: {
      pools: {
        'chat-completion': {
          capability: 'chat-completion',
          retry: { max_attempts_per_model: 1, backoff: 'none' },
          recovery: { wait_for_recovery: false },
          ...extra,
        },
      },
    },
  });
}

/** The seed's try/catch, returning what it logged. */
async function seedSnippet(client: MeshClient): Promise<string> {
  const log: string[] = [];
  try {
    const response = await client.chat.completions.create({
      model: 'chat-completion',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    log.push(`ok: ${response.choices[0]?.message.content}`);
  } catch (e) {
    if (e instanceof RateLimitError) {
      log.push(`Rate limited, retry after ${e.retryAfter}s`);
    } else if (e instanceof NoActiveModelError) {
      log.push('No models available');
    } else if (e instanceof AllProvidersExhaustedError) {
      log.push(`All ${e.attempts} attempts failed`);
    } else if (e instanceof ModelMeshError) {
      log.push(`ModelMesh error: ${e.message}`);
    }
  }
  return log.join('\n');
}

describe('error handling seed', () => {
  it('RateLimitError when every model is rate limited', async () => {
    const client = meshWith({ a: { type: 'http', status: 429, headers: { 'retry-after': '9' } }, b: { type: 'http', status: 429, headers: { 'retry-after': '30' } } });
    expect(await seedSnippet(client)).toBe('Rate limited, retry after 9s');
  });

  it('NoActiveModelError when every model is in standby', async () => {
    const client = meshWith({ a: { type: 'http', status: 429, headers: { 'retry-after': '60' } } });
    await seedSnippet(client);
    expect(await seedSnippet(client)).toBe('No models available');
  });

  it('AllProvidersExhaustedError with the number of attempts', async () => {
    const client = meshWith({ a: { type: 'http', status: 500 }, b: { type: 'http', status: 503 } });
    expect(await seedSnippet(client)).toBe('All 2 attempts failed');
  });

  it('BudgetExceededError is a ModelMeshError with limitType, limitValue and actualValue', async () => {
    const client = createMesh({
      providers: [mockProviderEntry({ id: 'a', models: [{ id: 'a-model', capabilities: ['chat-completion'], pricing: { input: 1, output: 1 }, maxOutputTokens: 1_000 }] })],
      config: { budgets: [{ name: 'per-request', scope: 'global', period: 'request', limit_usd: 0.0001 }] },
    });
    expect(await seedSnippet(client)).toMatch(/^ModelMesh error: Budget "per-request" exceeded: cost limit \$0\.0001/);
    const error = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hello' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ limitType: 'cost', limitValue: 0.0001, retryable: false });
    expect((error as BudgetExceededError).actualValue).toBeGreaterThan(0.0001);
  });

  it('a success logs nothing from the catch branches', async () => {
    expect(await seedSnippet(meshWith({ a: { type: 'ok', content: 'hi' } }))).toBe('ok: hi');
  });
});
