import { createCapabilityRegistry } from '@modelmesh/capabilities';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.js';
import { issuesOf, onlyIssue, yaml } from './__fixtures__/config/config-issues.js';

const BASE = [
  'providers:',
  '  openai: { api_key: sk-test }',
  '  anthropic: { connector: anthropic.llm.v1 }',
  'models:',
  '  gpt: { provider: openai, capabilities: [chat] }',
  '  claude: { provider: anthropic, capabilities: [chat] }',
];

interface Case {
  name: string;
  lines: string[];
  path: string;
  line: number;
  /** The exact message, or an asymmetric matcher for long ones. */
  message: unknown;
}

const cases: Case[] = [
  {
    name: 'an unknown strategy lists the accepted names',
    lines: [...BASE, 'pools:', '  chat:', '    strategy: fastest'],
    path: 'pools.chat.strategy',
    line: 9,
    message:
      'unknown strategy "fastest"; expected one of stick-until-failure, priority, round-robin, weighted, cost-first, latency-first, rate-limit-aware, session-sticky',
  },
  {
    name: 'a misspelt strategy suggests the closest name',
    lines: [...BASE, 'pools:', '  chat:', '    strategy: { name: round-robn }'],
    path: 'pools.chat.strategy.name',
    line: 9,
    message: expect.stringMatching(/^unknown strategy "round-robn"; expected one of .*; did you mean "round-robin"\?$/),
  },
  {
    name: 'a fallback strategy, which is not supported',
    lines: [...BASE, 'pools:', '  chat:', '    strategy: priority', '    fallback_strategy: random'],
    path: 'pools.chat.fallback_strategy',
    line: 10,
    message: expect.stringMatching(/^is not supported: /),
  },
  {
    name: 'a misspelt option of a built-in strategy',
    lines: [...BASE, 'pools:', '  chat:', '    strategy:', '      name: priority', '      model_priorty: [gpt]'],
    path: 'pools.chat.strategy.model_priorty',
    line: 11,
    message: 'unknown option "model_priorty" for a built-in strategy; did you mean "model_priority"?',
  },
  {
    name: 'an unknown model in a pool',
    lines: [...BASE, 'pools:', '  chat:', '    models: [gpt, clade]'],
    path: 'pools.chat.models[1]',
    line: 9,
    message: 'unknown model "clade"; pool members must be keys of the models section; did you mean "claude"?',
  },
  {
    name: 'an unknown provider in a model',
    lines: ['providers:', '  openai: {}', 'models:', '  gpt:', '    provider: opnai'],
    path: 'models.gpt.provider',
    line: 5,
    message: 'unknown provider "opnai"; expected one of openai; did you mean "openai"?',
  },
  {
    name: 'a provider named by a connector id that two providers share',
    lines: [
      'providers:',
      '  a: { connector: openai.llm.v1 }',
      '  b: { connector: openai.llm.v1 }',
      'models:',
      '  gpt: { provider: openai.llm.v1 }',
    ],
    path: 'models.gpt.provider',
    line: 5,
    message: 'provider "openai.llm.v1" is ambiguous: it is the connector of a, b; use one of those ids',
  },
  {
    name: 'an unknown capability, with suggestions',
    lines: ['providers: { openai: {} }', 'models:', '  gpt:', '    provider: openai', '    capabilities: [chat-compleiton]'],
    path: 'models.gpt.capabilities[0]',
    line: 5,
    message: 'unknown capability "chat-compleiton"; did you mean "chat-completion"?',
  },
  {
    name: 'an unknown pool capability',
    lines: [...BASE, 'pools:', '  chat:', '    capability: text-to-speach'],
    path: 'pools.chat.capability',
    line: 9,
    message: 'unknown capability "text-to-speach"; did you mean "text-to-speech"?',
  },
  {
    name: 'a bare pool whose name is not a capability',
    lines: [...BASE, 'pools:', '  fast-chat: {}'],
    path: 'pools.fast-chat',
    line: 8,
    message: 'pool "fast-chat" sets neither capability nor models, and its name is not a capability',
  },
  {
    name: 'model_priority naming an unknown model',
    lines: [...BASE, 'pools:', '  chat:', '    strategy: priority', '    model_priority: [gpt, gemini]'],
    path: 'pools.chat.model_priority[1]',
    line: 10,
    message: 'unknown model "gemini"',
  },
  {
    name: 'model_priority inside the strategy object',
    lines: [...BASE, 'pools:', '  chat:', '    strategy: { name: priority, model_priority: [gtp] }'],
    path: 'pools.chat.strategy.model_priority[0]',
    line: 9,
    message: 'unknown model "gtp"; did you mean "gpt"?',
  },
  {
    name: 'model_weights naming an unknown model (reported at the key)',
    lines: [...BASE, 'pools:', '  chat:', '    strategy: weighted', '    model_weights:', '      gpt: 2', '      llama: 1'],
    path: 'pools.chat.model_weights.llama',
    line: 12,
    message: 'unknown model "llama"',
  },
  {
    name: 'provider_priority naming an unknown provider',
    lines: [...BASE, 'pools:', '  chat:', '    provider_priority: [openai, mistral]'],
    path: 'pools.chat.provider_priority[1]',
    line: 9,
    message: 'unknown provider "mistral"; expected one of openai, anthropic',
  },
  {
    name: 'a pool provider filter naming an unknown provider',
    lines: [...BASE, 'pools:', '  chat:', '    excluded_providers: [groq]'],
    path: 'pools.chat.excluded_providers[0]',
    line: 9,
    message: 'unknown provider "groq"; expected one of openai, anthropic',
  },
  {
    name: 'a budget with two limits',
    lines: [...BASE, 'budgets:', '  daily:', '    limit_usd: 10', '    limit_tokens: 1000'],
    path: 'budgets.daily.limit_tokens',
    line: 10,
    message: 'sets several limits (limit_usd, limit_tokens); set exactly one',
  },
  {
    name: 'a budget with no limit',
    lines: [...BASE, 'budgets:', '  daily:', '    period: day'],
    path: 'budgets.daily',
    line: 9,
    message: 'sets no limit; set one of limit_usd, limit_tokens, limit_requests (or limit with unit)',
  },
  {
    name: 'a budget limit without a unit',
    lines: [...BASE, 'budgets:', '  - name: daily', '    limit: 10'],
    path: 'budgets[0].unit',
    line: 8,
    message: 'is required with limit: usd, tokens or requests',
  },
  {
    name: 'a budget scope naming a missing pool',
    lines: [...BASE, 'pools:', '  chat: {}', 'budgets:', '  - scope: pool:chta', '    limit_usd: 3'],
    path: 'budgets[0].scope',
    line: 10,
    message: 'scope names unknown pool "chta"; did you mean "chat"?',
  },
  {
    name: 'a budget scope naming a missing model',
    lines: [...BASE, 'budgets:', '  - scope: model:llama', '    limit_requests: 100'],
    path: 'budgets[0].scope',
    line: 8,
    message: 'scope names unknown model "llama"',
  },
  {
    name: 'a budget scope naming a missing provider',
    lines: [...BASE, 'budgets:', '  - scope: provider:groq', '    limit_usd: 1'],
    path: 'budgets[0].scope',
    line: 8,
    message: 'unknown provider "groq"; expected one of openai, anthropic',
  },
  {
    name: 'a budget scope of an unknown kind',
    lines: [...BASE, 'budgets:', '  - scope: team:a', '    limit_usd: 1'],
    path: 'budgets[0].scope',
    line: 8,
    message: 'invalid scope "team:a"; expected global, pool:<name>, provider:<id>, model:<key> or key:<name>',
  },
  {
    name: 'two budgets with one name',
    lines: [...BASE, 'budgets:', '  - { name: daily, limit_usd: 1 }', '  - { name: daily, limit_usd: 2 }'],
    path: 'budgets[1]',
    line: 9,
    message: 'duplicate budget name "daily"',
  },
  {
    name: 'a max_cooldown shorter than the cooldown',
    lines: [...BASE, 'pools:', '  chat:', '    recovery: { cooldown: 5m, max_cooldown: 1m }'],
    path: 'pools.chat.recovery.max_cooldown',
    line: 9,
    message: 'max_cooldown (1m) must not be shorter than cooldown (5m)',
  },
  {
    name: 'a max_delay shorter than the initial delay',
    lines: [...BASE, 'defaults:', '  retry: { initial_delay: 2s, max_delay: 500ms }'],
    path: 'defaults.retry.max_delay',
    line: 8,
    message: 'max_delay (500ms) must not be shorter than initial_delay (2s)',
  },
  {
    name: 'a proxy key allowed an unknown pool',
    lines: [...BASE, 'pools:', '  chat: {}', 'proxy:', '  auth:', '    keys:', '      - { name: a, key: k-1, pools: [caht] }'],
    path: 'proxy.auth.keys[0].pools[0]',
    line: 12,
    message: 'unknown pool "caht"; did you mean "chat"?',
  },
  {
    name: 'a proxy key with both key and key_sha256',
    lines: ['proxy:', '  auth:', '    keys:', `      - { name: a, key: k-1, key_sha256: ${'a'.repeat(64)} }`],
    path: 'proxy.auth.keys[0]',
    line: 4,
    message: 'set exactly one of key and key_sha256',
  },
  {
    name: 'an admin key with neither key nor key_sha256',
    lines: ['proxy:', '  admin:', '    keys:', '      - { name: ops }'],
    path: 'proxy.admin.keys[0]',
    line: 4,
    message: 'set exactly one of key and key_sha256',
  },
  {
    name: 'two admin keys of one name',
    lines: ['proxy:', '  admin:', '    keys:', '      - { name: ops, key: k-1 }', '      - { name: ops, key: k-2 }'],
    path: 'proxy.admin.keys[1].name',
    line: 5,
    message: 'duplicate key name "ops"',
  },
  {
    name: 'a malformed custom capability path',
    lines: ['capabilities: [compliance.PII_detection]'],
    path: 'capabilities[0]',
    line: 1,
    message: expect.stringContaining('must use lowercase letters, digits and single hyphens'),
  },
];

describe('cross-reference problems are reported at their path and line', () => {
  it.each(cases)('$name', ({ lines, path, line, message }) => {
    const issue = onlyIssue(yaml(...lines), { capabilities: createCapabilityRegistry() });
    expect(issue).toMatchObject({ path, line, message });
  });

  it('accepts providers and strategies that exist only in code', () => {
    const text = yaml('models:', '  m: { provider: in-code }', 'pools:', '  chat: { models: [m], strategy: my-strategy }');
    expect(issuesOf(text).map((issue) => issue.path)).toEqual(['models.m.provider', 'pools.chat.strategy']);
    const config = loadConfig(text, { env: {}, knownProviders: ['in-code'], strategies: ['my-strategy'] });
    expect(config.models.m?.provider).toBe('in-code');
    expect(config.pools.chat?.strategy).toEqual({ name: 'my-strategy', options: {} });
  });
});
