import { readFileSync } from 'node:fs';
import { createCapabilityRegistry } from '@modelmesh/capabilities';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_POOL_POLICY, loadConfig, type MeshConfig, type MeshConfigDocument, type PoolPolicy } from '../src/index.js';
import { yaml } from './__fixtures__/config/config-issues.js';

const fullYaml = readFileSync(new URL('./__fixtures__/config/full.yaml', import.meta.url), 'utf8');
const env = { OPENAI_API_KEY: 'sk-openai-test-000000001', TEAM_A_KEY: 'team-a-secret-key' };

/** What a pool gets from full.yaml's `defaults` plus the built-in defaults. */
const inherited: Omit<PoolPolicy, 'strategy'> = {
  deactivation: { failureThreshold: 3, errorRateWindowMs: 60_000, errorRateMinRequests: 10, onRateLimit: true, onAuthFailure: true, errorCodes: [] },
  recovery: {
    cooldownMs: 45_000,
    // The default ceiling (30s) follows a cooldown raised above it.
    maxCooldownMs: 45_000,
    backoffMultiplier: 2,
    jitter: 0.2,
    halfOpen: true,
    waitForRecovery: true,
    probeOnStart: false,
    onQuotaReset: true,
  },
  retry: {
    maxAttempts: 4,
    maxAttemptsPerModel: 2,
    backoff: 'exponential_jitter',
    initialDelayMs: 250,
    maxDelayMs: 8_000,
    honorRetryAfter: true,
    maxRetryAfterMs: 5_000,
    onTimeout: 'failover',
    maxMalformedEvents: 3,
  },
  timeouts: { requestMs: 90_000, attemptMs: 60_000, idleMs: 30_000, connectMs: 5_000 },
  streams: { recovery: 'continue' },
};

const CHAT = 'generation.text-generation.chat-completion';

const expectedFull: MeshConfig = {
  providers: {
    openai: {
      id: 'openai',
      connector: 'openai.llm.v1',
      enabled: true,
      apiKey: 'sk-openai-test-000000001',
      headers: {},
      query: {},
      organization: 'org-123',
      timeoutMs: 20_000,
      maxConnections: 512,
      options: {},
      limits: { rpm: 500, tpm: 200_000 },
    },
    anthropic: {
      id: 'anthropic',
      connector: 'anthropic',
      enabled: true,
      apiKey: 'sk-ant-inline-secret-0001',
      headers: { 'anthropic-beta': 'tools-2024-05-16' },
      query: {},
      options: {},
    },
    'groq.api.v1': { id: 'groq.api.v1', connector: 'groq.api.v1', enabled: false, headers: {}, query: {}, options: {} },
    local: {
      id: 'local',
      connector: 'ollama',
      enabled: true,
      baseUrl: 'http://127.0.0.1:11434/v1',
      headers: {},
      query: {},
      options: { keep_alive: '5m' },
    },
  },
  models: {
    'openai.gpt-4o': {
      id: 'openai.gpt-4o',
      provider: 'openai',
      model: 'gpt-4o',
      capabilities: [CHAT, 'interaction.tool-calling'],
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      features: { tools: true, vision: true, json: true, streaming: true },
      pricing: { input: 2.5, cachedInput: 1.25, output: 10 },
      priority: 1,
    },
    'gpt-4o-mini': {
      id: 'gpt-4o-mini',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      capabilities: [CHAT],
      pricing: { input: 0.15, output: 0.6 },
      weight: 3,
    },
    'claude-sonnet': {
      id: 'claude-sonnet',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      capabilities: [CHAT],
      limits: { rpm: 50 },
      priority: 2,
    },
    'groq.llama-3.3-70b-versatile': {
      id: 'groq.llama-3.3-70b-versatile',
      provider: 'groq.api.v1',
      model: 'llama-3.3-70b-versatile',
      capabilities: [CHAT],
    },
    'local.nomic-embed-text': {
      id: 'local.nomic-embed-text',
      provider: 'local',
      model: 'nomic-embed-text',
      capabilities: ['representation.embeddings.text-embeddings'],
    },
  },
  pools: {
    chat: {
      name: 'chat',
      capability: CHAT,
      excludedProviders: ['local'],
      strategy: { name: 'priority', options: { modelPriority: ['openai.gpt-4o', 'claude-sonnet'] } },
      deactivation: { ...inherited.deactivation, failureThreshold: 2, errorRateThreshold: 0.5, errorCodes: [401, 403] },
      recovery: { ...inherited.recovery, maxCooldownMs: 300_000, jitter: 0.1 },
      retry: {
        ...inherited.retry,
        backoff: 'exponential',
        initialDelayMs: 100,
        maxDelayMs: 2_000,
        retryableCodes: [429, 500, 502, 503],
      },
      timeouts: { ...inherited.timeouts, attemptMs: 30_000, firstTokenMs: 10_000 },
      streams: { recovery: 'restart' },
    },
    cheap: {
      name: 'cheap',
      models: ['gpt-4o-mini', 'groq.llama-3.3-70b-versatile'],
      providers: ['openai', 'groq.api.v1'],
      strategy: { name: 'weighted', options: { modelWeights: { 'gpt-4o-mini': 3, 'groq.llama-3.3-70b-versatile': 1 } } },
      ...inherited,
    },
    'text-embeddings': {
      name: 'text-embeddings',
      capability: 'representation.embeddings.text-embeddings',
      strategy: { name: 'stick-until-failure', options: {} },
      ...inherited,
    },
  },
  budgets: [
    { name: 'daily-cost', scope: 'global', period: 'day', limitType: 'cost', limit: 25, alertThreshold: 0.8, action: 'error' },
    { name: 'chat-tokens', scope: 'pool:chat', period: 'hour', limitType: 'tokens', limit: 2_000_000, alertThreshold: 0.9, action: 'warn' },
    {
      name: 'claude-requests',
      scope: 'model:claude-sonnet',
      period: 'minute',
      limitType: 'requests',
      limit: 40,
      alertThreshold: 0.8,
      action: 'rotate',
    },
    { name: 'key-team-a', scope: 'key:team-a', period: 'day', limitType: 'cost', limit: 5, alertThreshold: 0.8, action: 'error' },
  ],
  capabilities: [],
  secrets: { store: 'env' },
  state: { store: 'redis', url: 'redis://localhost:6379/0', keyPrefix: 'mm:', onUnavailable: 'local', timeoutMs: 1_000 },
  observability: { logLevel: 'warn', events: true },
  middleware: [{ name: 'logging', packageName: '@modelmesh/middleware-logging', options: {}, path: 'observability.log_level', optionsPath: 'observability' }],
  proxy: {
    host: '0.0.0.0',
    port: 8787,
    auth: {
      keys: [
        { name: 'team-a', key: 'team-a-secret-key', pools: ['chat'], rpm: 60, budget: 'key-team-a' },
        { name: 'ci', keySha256: '9f86d081884c7d659a2feae0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
      ],
    },
    admin: { keys: [] },
    cors: { origins: ['https://app.example.com'] },
    limits: { bodySizeBytes: 524_288, headerTimeoutMs: 5_000, requestTimeoutMs: 300_000, maxConcurrent: 64 },
    shutdownGraceMs: 15_000,
  },
  defaults: { strategy: { name: 'stick-until-failure', options: {} }, ...inherited },
  // full.yaml sets no key that is not acted on.
  warnings: ([] as string[]).map((path) =>
    expect.objectContaining({ path, message: expect.stringContaining('is not acted on yet') }),
  ),
};

describe('loadConfig resolves a full document', () => {
  it('normalises full.yaml: camelCase, defaults, canonical capabilities, ms durations', () => {
    expect(loadConfig(fullYaml, { env, capabilities: createCapabilityRegistry() })).toEqual(expectedFull);
  });

  it('reads the same document as JSON text', () => {
    const asJson = JSON.stringify(parseYaml(fullYaml), null, 2);
    expect(asJson.startsWith('{')).toBe(true);
    expect(loadConfig(asJson, { env, capabilities: createCapabilityRegistry() })).toEqual(expectedFull);
  });

  it('reads the same document as an object, leaving the input untouched', () => {
    const document = parseYaml(fullYaml) as Record<string, unknown>;
    const before = structuredClone(document);
    expect(loadConfig(document, { env, capabilities: createCapabilityRegistry() })).toEqual(expectedFull);
    expect(document).toEqual(before);
  });

  it('gives every pool the full default policy when nothing is set', () => {
    const config = loadConfig({ pools: { 'chat-completion': null } }, { env: {} });
    const { strategy, ...policies } = DEFAULT_POOL_POLICY;
    expect(config.pools['chat-completion']).toEqual({ name: 'chat-completion', capability: CHAT, strategy, ...policies });
    expect(config.pools['chat-completion']?.recovery).toEqual({
      cooldownMs: 30_000,
      maxCooldownMs: 30_000,
      backoffMultiplier: 2,
      jitter: 0.2,
      halfOpen: true,
      waitForRecovery: true,
      probeOnStart: false,
      onQuotaReset: true,
    });
    expect(config.pools['chat-completion']?.retry).toMatchObject({ maxAttempts: 6, maxAttemptsPerModel: 2, initialDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 5_000 });
    expect(config.pools['chat-completion']?.timeouts).toEqual({ requestMs: 120_000, attemptMs: 60_000, idleMs: 30_000, connectMs: 5_000 });
    expect(config.pools['chat-completion']?.deactivation.failureThreshold).toBe(3);
  });

  it('loads an empty document with every section defaulted', () => {
    expect(loadConfig('', { env: {} })).toEqual({
      providers: {},
      models: {},
      pools: {},
      budgets: [],
      capabilities: [],
      secrets: { store: 'env' },
      state: { store: 'memory', keyPrefix: 'modelmesh:', onUnavailable: 'local', timeoutMs: 1_000 },
      observability: { logLevel: 'info', events: true },
      middleware: [],
      proxy: {
        host: '127.0.0.1',
        port: 8080,
        auth: { keys: [] },
        admin: { keys: [] },
        cors: { origins: [] },
        limits: { bodySizeBytes: 1_048_576, headerTimeoutMs: 10_000, requestTimeoutMs: 300_000 },
        shutdownGraceMs: 10_000,
      },
      defaults: DEFAULT_POOL_POLICY,
      warnings: [],
    });
  });

  it('does not let one loaded config change the defaults of the next', () => {
    const first = loadConfig({ pools: { chat: null } }, { env: {} });
    first.pools.chat?.deactivation.errorCodes.push(500);
    expect(loadConfig({ pools: { chat: null } }, { env: {} }).pools.chat?.deactivation.errorCodes).toEqual([]);
    expect(Object.isFrozen(DEFAULT_POOL_POLICY.retry)).toBe(true);
  });
});

describe('defaults section and merge keys', () => {
  it('applies `defaults` to every pool before the pool’s own keys, key by key', () => {
    const config = loadConfig(
      yaml(
        'defaults:',
        '  strategy: { name: latency-first, min_samples: 3 }',
        '  recovery: { cooldown: 1m, jitter: 0 }',
        '  timeouts: { request: 30s }',
        'pools:',
        '  chat:',
        '    recovery: { cooldown: 10s }',
        '  embeddings:',
        '    strategy: cost-first',
      ),
      { env: {} },
    );
    expect(config.pools.chat?.strategy).toEqual({ name: 'latency-first', options: { minSamples: 3 } });
    expect(config.pools.chat?.recovery).toMatchObject({ cooldownMs: 10_000, jitter: 0 });
    expect(config.pools.chat?.timeouts.requestMs).toBe(30_000);
    expect(config.pools.embeddings?.strategy).toEqual({ name: 'cost-first', options: {} });
    expect(config.pools.embeddings?.recovery).toMatchObject({ cooldownMs: 60_000, jitter: 0 });
    expect(config.pools.embeddings?.capability).toBe('representation.embeddings');
  });

  it('raises an unset max_cooldown to a longer cooldown instead of failing', () => {
    const config = loadConfig({ pools: { chat: { recovery: { cooldown: '15m' } } } }, { env: {} });
    expect(config.pools.chat?.recovery).toMatchObject({ cooldownMs: 900_000, maxCooldownMs: 900_000 });
  });

  it('merges `<<: *anchor` maps, with the pool’s own keys winning', () => {
    const config = loadConfig(
      yaml(
        'x-resilient: &resilient',
        '  retry: { max_attempts: 9, initial_delay: 1s }',
        '  recovery: { cooldown: 2m }',
        'pools:',
        '  chat:',
        '    <<: *resilient',
        '    recovery: { cooldown: 5s }',
        '  embeddings:',
        '    <<: *resilient',
      ),
      { env: {} },
    );
    expect(config.pools.chat?.retry).toMatchObject({ maxAttempts: 9, initialDelayMs: 1_000 });
    expect(config.pools.chat?.recovery.cooldownMs).toBe(5_000);
    expect(config.pools.embeddings?.recovery.cooldownMs).toBe(120_000);
    expect(config.warnings).toEqual([]);
  });
});

describe('references', () => {
  it('resolves a model’s provider given by connector id to the provider instance', () => {
    const config = loadConfig(
      { providers: { primary: { connector: 'openai.llm.v1' } }, models: { 'openai.gpt-4o': { provider: 'openai.llm.v1' } } },
      { env: {} },
    );
    expect(config.models['openai.gpt-4o']).toMatchObject({ provider: 'primary', model: 'gpt-4o' });
  });

  it('keeps a dotted model key whole when its prefix is not the provider', () => {
    const config = loadConfig({ providers: { openai: {} }, models: { 'gpt-4.1': { provider: 'openai' } } }, { env: {} });
    expect(config.models['gpt-4.1']?.model).toBe('gpt-4.1');
  });

  it('registers custom capabilities so models and pools can use them', () => {
    const registry = createCapabilityRegistry();
    const document: MeshConfigDocument = {
      capabilities: ['compliance.pii-detection'],
      providers: { scanner: {} },
      models: { 'pii-v2': { provider: 'scanner', capabilities: ['pii-detection'] } },
      pools: { 'pii-detection': null },
    };
    const config = loadConfig(document, { env: {}, capabilities: registry });
    expect(config.capabilities).toEqual(['compliance.pii-detection']);
    expect(config.models['pii-v2']?.capabilities).toEqual(['compliance.pii-detection']);
    expect(config.pools['pii-detection']?.capability).toBe('compliance.pii-detection');
    expect(registry.resolve('pii-detection')).toBe('compliance.pii-detection');
  });

  it('accepts connector-id strategy names and app strategies', () => {
    const config = loadConfig(
      { pools: { a: { capability: 'chat', strategy: 'modelmesh.round-robin.v1' }, b: { capability: 'chat', strategy: { name: 'mine', depth: 2 } } } },
      { env: {}, strategies: ['mine'] },
    );
    expect(config.pools.a?.strategy).toEqual({ name: 'round-robin', options: {} });
    expect(config.pools.b?.strategy).toEqual({ name: 'mine', options: { depth: 2 } });
    expect(config.warnings).toEqual([]);
  });

  it('reads durations in every accepted form', () => {
    const config = loadConfig(
      { pools: { chat: { timeouts: { request: '1m30s', attempt: 45, first_token: '1.5s', idle: '250ms', connect: '1h' } } } },
      { env: {} },
    );
    expect(config.pools.chat?.timeouts).toEqual({ requestMs: 90_000, attemptMs: 45_000, firstTokenMs: 1_500, idleMs: 250, connectMs: 3_600_000 });
  });

  it('reads stream_recovery and hedge per pool, over the defaults section', () => {
    const config = loadConfig(
      { defaults: { stream_recovery: 'restart', hedge: { after: '3s' } }, pools: { a: { capability: 'chat-completion' }, b: { capability: 'chat-completion', stream_recovery: 'off', hedge: { after: '750ms', max: 1 } } } },
      { env: {} },
    );
    expect(config.pools.a?.streams).toEqual({ recovery: 'restart', hedge: { afterMs: 3_000, max: 1 } });
    expect(config.pools.b?.streams).toEqual({ recovery: 'off', hedge: { afterMs: 750, max: 1 } });
    expect(loadConfig({ pools: { c: { capability: 'chat-completion' } } }, { env: {} }).pools.c?.streams).toEqual({ recovery: 'continue' });
    expect(config.warnings).toEqual([]);
  });
});
