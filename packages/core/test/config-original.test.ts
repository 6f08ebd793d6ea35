import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.js';
import { yaml } from './__fixtures__/config/config-issues.js';

const compact = readFileSync(new URL('./__fixtures__/config/original-compact.yaml', import.meta.url), 'utf8');
const env = { GROQ_API_KEY: 'gsk_test_groq_000000', OPENAI_API_KEY: 'sk-test-openai-000000', PROXY_TOKEN: 'proxy-token-000000' };
const CHAT = 'generation.text-generation.chat-completion';

describe('the original ModelMesh compact example', () => {
  const config = loadConfig(compact, { env, source: 'modelmesh.yaml' });

  it('maps the priority pool and its policies', () => {
    const pool = config.pools.chat;
    expect(pool?.capability).toBe(CHAT);
    expect(pool?.strategy).toEqual({ name: 'priority', options: { modelPriority: ['groq.llama-3.3-70b-versatile', 'openai.gpt-4o-mini'] } });
    expect(pool?.deactivation).toMatchObject({ failureThreshold: 3, errorCodes: [429, 500, 503] });
    expect(pool?.recovery.cooldownMs).toBe(60_000);
    expect(pool?.retry).toMatchObject({ maxAttempts: 2, backoff: 'exponential_jitter', initialDelayMs: 500 });
  });

  it('maps connector-id providers, secrets from the environment and vendor model ids', () => {
    expect(config.providers['groq.api.v1']).toMatchObject({ connector: 'groq.api.v1', apiKey: 'gsk_test_groq_000000' });
    expect(config.providers['openai.llm.v1']).toMatchObject({ connector: 'openai.llm.v1', apiKey: 'sk-test-openai-000000' });
    expect(config.models['groq.llama-3.3-70b-versatile']).toMatchObject({ provider: 'groq.api.v1', model: 'llama-3.3-70b-versatile', capabilities: [CHAT] });
    expect(config.models['openai.gpt-4o-mini']).toMatchObject({ provider: 'openai.llm.v1', model: 'gpt-4o-mini' });
  });

  it('converts the provider budget, observability connector and proxy tokens', () => {
    expect(config.budgets).toEqual([
      { name: 'provider-openai.llm.v1-daily', scope: 'provider:openai.llm.v1', period: 'day', limitType: 'cost', limit: 2, alertThreshold: 0.8, action: 'error' },
    ]);
    expect(config.observability).toEqual({ logLevel: 'info', events: true, connector: 'modelmesh.console.v1' });
    expect(config.proxy.port).toBe(8080);
    expect(config.proxy.auth.keys).toEqual([{ name: 'token-1', key: 'proxy-token-000000' }]);
  });

  it('maps the console observability connector onto the logging middleware', () => {
    expect(config.middleware).toEqual([{ name: 'logging', packageName: '@modelmesh/middleware-logging', options: {}, path: 'observability.connector', optionsPath: 'observability.config' }]);
  });

  it('loads with warnings (not errors) for each original key, with positions', () => {
    expect(config.warnings).toEqual([
      { path: 'providers.openai.llm.v1.budget', line: 4, column: 59, message: 'deprecated key budget; use budgets with scope provider:openai.llm.v1' },
      {
        path: 'pools.chat.strategy',
        line: 11,
        column: 15,
        message: 'strategy "modelmesh.priority-selection.v1" is the original ModelMesh name; use "priority"',
      },
      { path: 'pools.chat.deactivation.retry_limit', line: 13, column: 21, message: 'deprecated key retry_limit; use failure_threshold' },
      { path: 'proxy.auth.method', line: 17, column: 30, message: 'key method (original ModelMesh) is not supported and is ignored' },
      { path: 'proxy.auth.tokens', line: 17, column: 46, message: 'deprecated key tokens; use auth.keys' },
    ]);
  });
});

describe('other original shapes', () => {
  it('flattens providers.<id>.config, passing unknown keys to options', () => {
    const config = loadConfig(
      { providers: { openai: { connector: 'openai.llm.v1', config: { api_key: 'sk-x', base_url: 'https://proxy.example.com/v1', region: 'eu' } } } },
      { env: {} },
    );
    expect(config.providers.openai).toMatchObject({ apiKey: 'sk-x', baseUrl: 'https://proxy.example.com/v1', options: { region: 'eu' } });
    expect(config.warnings).toEqual([{ path: 'providers.openai.config', message: 'deprecated key config; use keys directly on the provider' }]);
  });

  it('rejects a connection key set both flat and in config', () => {
    expect(() => loadConfig({ providers: { p: { api_key: 'a-key-1', config: { api_key: 'b-key-2' } } } }, { env: {} })).toThrow(
      'providers.p.config.api_key: api_key is also set on the provider; keep one',
    );
  });

  it('maps pool-level failure_threshold, cooldown_seconds and backoff retry_after', () => {
    const config = loadConfig(
      yaml('pools:', '  chat:', '    failure_threshold: 5', '    cooldown_seconds: 90', '    retry: { backoff: retry_after, honor_retry_after: false }'),
      { env: {} },
    );
    expect(config.pools.chat?.deactivation.failureThreshold).toBe(5);
    expect(config.pools.chat?.recovery.cooldownMs).toBe(90_000);
    expect(config.pools.chat?.retry).toMatchObject({ backoff: 'exponential_jitter', honorRetryAfter: false });
    expect(config.warnings.map((warning) => [warning.path, warning.line])).toEqual([
      ['pools.chat.failure_threshold', 3],
      ['pools.chat.cooldown_seconds', 4],
      ['pools.chat.retry.backoff', 5],
    ]);
  });

  it('maps features and constraints spelled the original way', () => {
    const config = loadConfig(
      {
        providers: { p: {} },
        models: {
          m: {
            provider: 'p',
            features: { tool_calling: true, json_mode: true, grounding: true },
            constraints: { context_window: 32_000, max_output_tokens: 4_096, max_images: 4 },
          },
        },
      },
      { env: {} },
    );
    expect(config.models.m).toMatchObject({ features: { tools: true, json: true }, contextWindow: 32_000, maxOutputTokens: 4_096 });
    expect(config.warnings.map((warning) => warning.path).sort()).toEqual([
      'models.m.constraints.context_window',
      'models.m.constraints.max_images',
      'models.m.constraints.max_output_tokens',
      'models.m.features.grounding',
      'models.m.features.json_mode',
      'models.m.features.tool_calling',
    ]);
  });

  it('converts the top-level budget block into global budgets', () => {
    const config = loadConfig({ budget: { daily_limit: 5, monthly_limit: 100, alert_threshold: 0.5 } }, { env: {} });
    expect(config.budgets).toEqual([
      { name: 'global-daily', scope: 'global', period: 'day', limitType: 'cost', limit: 5, alertThreshold: 0.5, action: 'error' },
      { name: 'global-monthly', scope: 'global', period: 'month', limitType: 'cost', limit: 100, alertThreshold: 0.5, action: 'error' },
    ]);
    expect(config.warnings).toEqual([{ path: 'budget', message: 'deprecated key budget; use budgets' }]);
  });

  it('ignores the storage, discovery and connectors sections with a warning', () => {
    const config = loadConfig(yaml('storage: { connector: modelmesh.local-file.v1 }', 'discovery: {}', 'connectors: { packages: [] }'), { env: {} });
    expect(config.warnings.map((warning) => [warning.path, warning.line, warning.message])).toEqual([
      ['storage', 1, 'section storage (original ModelMesh) is not used and is ignored'],
      ['discovery', 2, 'section discovery (original ModelMesh) is not used and is ignored'],
      ['connectors', 3, 'section connectors (original ModelMesh) is not used and is ignored'],
    ]);
  });

  it('accepts the other original strategy names', () => {
    const config = loadConfig(
      {
        pools: {
          a: { capability: 'chat', strategy: 'modelmesh.session-stickiness.v1', session_timeout: '30m', affinity_mode: 'strict' },
          b: { capability: 'chat', strategy: 'load-balanced', rate_limit: { threshold: 0.8 } },
        },
      },
      { env: {} },
    );
    expect(config.pools.a?.strategy).toEqual({ name: 'session-sticky', options: { sessionTimeoutMs: 1_800_000, affinityMode: 'strict' } });
    expect(config.pools.b?.strategy).toEqual({ name: 'weighted', options: { rateLimit: { threshold: 0.8 } } });
    expect(config.warnings).toHaveLength(2);
  });
});
