import { describe, expect, it } from 'vitest';
import { onlyIssue, yaml } from './__fixtures__/config/config-issues.js';

/** Providers and models that the cases below build on, so each case has exactly one problem. */
const BASE = [
  'providers:',
  '  openai: { api_key: sk-test }',
  'models:',
  '  gpt: { provider: openai, capabilities: [chat] }',
];

interface Case {
  name: string;
  lines: string[];
  path: string;
  line: number;
  message: string;
}

const cases: Case[] = [
  {
    name: 'an unknown stream_recovery mode',
    lines: [...BASE, 'pools:', '  chat:', '    stream_recovery: sometimes'],
    path: 'pools.chat.stream_recovery',
    line: 7,
    message: 'invalid value "sometimes"; expected one of continue, restart, off',
  },
  {
    name: 'a hedge of more than one parallel attempt',
    lines: [...BASE, 'pools:', '  chat:', '    hedge: { after: 2s, max: 2 }'],
    path: 'pools.chat.hedge.max',
    line: 7,
    message: 'invalid value "2"; expected one of 1',
  },
  {
    name: 'a string where a number belongs',
    lines: [...BASE, 'pools:', '  chat:', '    deactivation: { failure_threshold: three }'],
    path: 'pools.chat.deactivation.failure_threshold',
    line: 7,
    message: 'expected a number, got a string',
  },
  {
    name: 'a number where a list belongs',
    lines: ['providers: { openai: {} }', 'models:', '  gpt:', '    provider: openai', '    capabilities: 5'],
    path: 'models.gpt.capabilities',
    line: 5,
    message: 'expected a list, got the number 5',
  },
  {
    name: 'a list where a mapping of providers belongs',
    lines: ['providers:', '  - openai'],
    path: 'providers',
    line: 2,
    message: 'expected a mapping of provider id to provider settings, got a list',
  },
  {
    name: 'a YAML 1.2 "yes" (a string) for a boolean',
    lines: ['providers:', '  openai:', '    enabled: yes'],
    path: 'providers.openai.enabled',
    line: 3,
    message: 'expected true or false, got a string',
  },
  {
    name: 'a version-like number for a string (1.10 parses as 1.1)',
    lines: ['providers: { openai: {} }', 'models:', '  gpt:', '    provider: openai', '    model: 1.10'],
    path: 'models.gpt.model',
    line: 5,
    message: 'expected a string, got the number 1.1 (quote it in YAML)',
  },
  {
    name: 'an unreadable duration',
    lines: [...BASE, 'pools:', '  chat:', '    recovery:', '      cooldown: 5 minutes'],
    path: 'pools.chat.recovery.cooldown',
    line: 8,
    message: 'invalid duration "5 minutes"; expected e.g. 500ms, 30s, 5m',
  },
  {
    name: 'a negative cooldown',
    lines: [...BASE, 'pools:', '  chat:', '    recovery: { cooldown: -5s }'],
    path: 'pools.chat.recovery.cooldown',
    line: 7,
    message: 'must not be negative',
  },
  {
    name: 'a negative bare-number duration',
    lines: [...BASE, 'pools:', '  chat:', '    retry: { initial_delay: -1 }'],
    path: 'pools.chat.retry.initial_delay',
    line: 7,
    message: 'must not be negative',
  },
  {
    name: 'jitter above 1',
    lines: [...BASE, 'pools:', '  chat:', '    recovery:', '      jitter: 1.5'],
    path: 'pools.chat.recovery.jitter',
    line: 8,
    message: 'must be at most 1',
  },
  {
    name: 'a weight of zero',
    lines: ['providers: { openai: {} }', 'models:', '  gpt:', '    provider: openai', '    weight: 0'],
    path: 'models.gpt.weight',
    line: 5,
    message: 'must be greater than 0',
  },
  {
    name: 'a zero request deadline',
    lines: [...BASE, 'pools:', '  chat:', '    timeouts: { request: 0s }'],
    path: 'pools.chat.timeouts.request',
    line: 7,
    message: 'must be greater than 0',
  },
  {
    name: 'a backoff multiplier below 1',
    lines: [...BASE, 'pools:', '  chat:', '    recovery: { backoff_multiplier: 0.5 }'],
    path: 'pools.chat.recovery.backoff_multiplier',
    line: 7,
    message: 'must be at least 1',
  },
  {
    name: 'a misspelt pool key (did you mean)',
    lines: [...BASE, 'pools:', '  chat:', '    stratgy: priority'],
    path: 'pools.chat.stratgy',
    line: 7,
    message: 'unknown key "stratgy"; did you mean "strategy"?',
  },
  {
    name: 'a misspelt policy key (did you mean)',
    lines: [...BASE, 'pools:', '  chat:', '    retry:', '      max_atempts: 3'],
    path: 'pools.chat.retry.max_atempts',
    line: 8,
    message: 'unknown key "max_atempts"; did you mean "max_attempts"?',
  },
  {
    name: 'a misspelt provider key (did you mean)',
    lines: ['providers:', '  openai:', '    apikey: sk-test'],
    path: 'providers.openai.apikey',
    line: 3,
    message: 'unknown key "apikey"; did you mean "api_key"?',
  },
  {
    name: 'an unknown top-level section (did you mean)',
    lines: ['providers: {}', 'pool:', '  chat: {}'],
    path: 'pool',
    line: 2,
    message: 'unknown top-level section "pool"; did you mean "pools"?',
  },
  {
    name: 'an unknown top-level section with nothing close',
    lines: ['telemetry: {}'],
    path: 'telemetry',
    line: 1,
    message: 'unknown top-level section "telemetry"',
  },
  {
    name: 'an unknown budget period',
    lines: ['budgets:', '  daily:', '    period: weekly', '    limit_usd: 5'],
    path: 'budgets.daily.period',
    line: 3,
    message: 'invalid value "weekly"; expected one of request, minute, hour, day, month, total',
  },
  {
    name: 'an unknown budget action',
    lines: ['budgets:', '  - limit_usd: 5', '    action: block'],
    path: 'budgets[0].action',
    line: 3,
    message: 'invalid value "block"; expected one of error, rotate, warn',
  },
  {
    name: 'an unknown backoff',
    lines: [...BASE, 'pools:', '  chat:', '    retry: { backoff: linear }'],
    path: 'pools.chat.retry.backoff',
    line: 7,
    message: 'invalid value "linear"; expected one of exponential_jitter, exponential, fixed, none, retry_after',
  },
  {
    name: 'a base_url that is not a URL',
    lines: ['providers:', '  local:', '    base_url: localhost:11434'],
    path: 'providers.local.base_url',
    line: 3,
    message: 'expected a URL such as https://api.example.com/v1',
  },
  {
    name: 'a port out of range',
    lines: ['proxy:', '  port: 70000'],
    path: 'proxy.port',
    line: 2,
    message: 'must be at most 65535',
  },
  {
    name: 'an HTTP status that is not one',
    lines: [...BASE, 'pools:', '  chat:', '    deactivation:', '      error_codes: [429, 42]'],
    path: 'pools.chat.deactivation.error_codes[1]',
    line: 8,
    message: 'must be at least 100',
  },
  {
    name: 'an unreadable body size',
    lines: ['proxy:', '  limits:', '    body_size: 1 megabyte'],
    path: 'proxy.limits.body_size',
    line: 3,
    message: 'invalid size "1 megabyte"; expected e.g. 1mb, 512kb or 1048576',
  },
  {
    name: 'a key_sha256 that is not a SHA-256',
    lines: ['proxy:', '  auth:', '    keys:', '      - name: ci', '        key_sha256: abc123'],
    path: 'proxy.auth.keys[0].key_sha256',
    line: 5,
    message: 'expected 64 hexadecimal characters',
  },
  {
    name: 'a strategy that is neither a name nor an object',
    lines: [...BASE, 'pools:', '  chat:', '    strategy: 5'],
    path: 'pools.chat.strategy',
    line: 7,
    message: 'expected a strategy name or { name, ...options }',
  },
  {
    name: 'a strategy object without a name (reported at the key that lacks it)',
    lines: [...BASE, 'pools:', '  chat:', '    strategy:', '      model_priority: [gpt]'],
    path: 'pools.chat.strategy.name',
    line: 7,
    message: 'is required',
  },
  {
    name: 'a model without a provider',
    lines: ['models:', '  gpt:', '    capabilities: [chat]'],
    path: 'models.gpt.provider',
    line: 2,
    message: 'is required',
  },
  {
    name: 'an empty capability name',
    lines: [...BASE, 'pools:', '  chat:', '    capability: ""'],
    path: 'pools.chat.capability',
    line: 7,
    message: 'must not be empty',
  },
  {
    name: 'a negative model weight in strategy options',
    lines: [...BASE, 'pools:', '  chat:', '    model_weights: { gpt: -1 }'],
    path: 'pools.chat.model_weights.gpt',
    line: 7,
    message: 'must be at least 0',
  },
  {
    name: 'a negative price',
    lines: ['providers: { openai: {} }', 'models:', '  gpt:', '    provider: openai', '    pricing: { input: -2 }'],
    path: 'models.gpt.pricing.input',
    line: 5,
    message: 'must be at least 0',
  },
  {
    name: 'a fractional quota',
    lines: ['providers:', '  openai:', '    limits: { rpm: 2.5 }'],
    path: 'providers.openai.limits.rpm',
    line: 3,
    message: 'expected a whole number, got the number 2.5',
  },
  {
    name: 'a max_connections of 0',
    lines: ['providers:', '  openai:', '    max_connections: 0'],
    path: 'providers.openai.max_connections',
    line: 3,
    message: 'must be at least 1',
  },
  {
    name: 'a fractional max_connections',
    lines: ['providers:', '  openai:', '    max_connections: 2.5'],
    path: 'providers.openai.max_connections',
    line: 3,
    message: 'expected a whole number, got the number 2.5',
  },
  {
    name: 'an unknown log level',
    lines: ['observability:', '  log_level: verbose'],
    path: 'observability.log_level',
    line: 2,
    message: 'invalid value "verbose"; expected one of debug, info, warn, error, silent',
  },
  {
    name: 'an unknown state store',
    lines: ['state: { store: postgres }'],
    path: 'state.store',
    line: 1,
    message: 'invalid value "postgres"; expected one of memory, redis',
  },
];

describe('schema problems are reported at their path and line', () => {
  it.each(cases)('$name', ({ lines, path, line, message }) => {
    const issue = onlyIssue(yaml(...lines), { source: 'config.yaml' });
    expect(issue).toMatchObject({ path, line, message });
    expect(issue.column).toBeGreaterThan(0);
  });

  it('rejects a document that is not a mapping', () => {
    expect(onlyIssue(yaml('- providers', '- models'))).toMatchObject({
      path: '',
      line: 1,
      message: expect.stringContaining('expected a mapping of sections (providers, models, pools'),
    });
  });

  it('points at the value for type errors and at the key for unknown keys', () => {
    expect(onlyIssue(yaml(...BASE, 'pools:', '  chat: { recovery: { jitter: 2 } }'))).toMatchObject({
      path: 'pools.chat.recovery.jitter',
      line: 6,
      column: 31,
    });
    expect(onlyIssue(yaml(...BASE, 'pools:', '  chat: { retri: {} }'))).toMatchObject({
      path: 'pools.chat.retri',
      line: 6,
      column: 11,
    });
  });
});
