import { describe, expect, it } from 'vitest';
import { ConfigurationError, createMesh, ManualClock, type MeshConfigDocument } from '../src/index.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';
import { issuesOf, onlyIssue, yaml } from './__fixtures__/config/config-issues.js';

// Issue 13, defect 5: names of Object.prototype members used as keys or references.
describe('keys named after Object.prototype members', () => {
  it('reports `toString` inside a pool as an unknown key instead of crashing (the reported case)', () => {
    const input = { pools: { chat: { toString: 1 } } };
    expect(onlyIssue(input)).toMatchObject({ path: 'pools.chat.toString', message: 'unknown key "toString"' });
    expect(() => createMesh({ config: input as MeshConfigDocument, env: {} })).toThrow(ConfigurationError);
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__defineGetter__'])('reports %s as an unknown key at every level', (key) => {
    const paths = issuesOf({ [key]: 1, pools: { chat: { capability: 'chat', [key]: 1, retry: { [key]: 1 } } } }).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining([key, `pools.chat.${key}`, `pools.chat.retry.${key}`]));
  });

  it('accepts prototype names as the names of pools, providers, models and budgets', () => {
    const provider = new FakeProvider('constructor', new ManualClock());
    const client = createMesh({
      env: {},
      providers: [{ provider, models: chatModels('valueOf') }],
      config: {
        models: { toString: { provider: 'constructor', model: 'valueOf', capabilities: ['chat-completion'] } },
        pools: { hasOwnProperty: { models: ['toString'] } },
        budgets: { isPrototypeOf: { scope: 'pool:hasOwnProperty', limit_usd: 1 } },
      },
    });
    expect(client.describe('hasOwnProperty')).toContain('toString');
  });

  it('does not take a strategy called `toString` for an original ModelMesh name', () => {
    expect(onlyIssue({ pools: { chat: { capability: 'chat', strategy: 'toString' } } })).toMatchObject({
      path: 'pools.chat.strategy',
      message: expect.stringMatching(/^unknown strategy "toString"/),
    });
  });

  it('treats ${constructor} as an unset variable and ${secrets:toString} as a missing secret', () => {
    const variable = issuesOf({ pools: { chat: { capability: 'chat', timeouts: { request: '${constructor}' } } } });
    expect(variable[0]).toMatchObject({ path: 'pools.chat.timeouts.request', message: 'environment variable constructor is not set' });
    const secret = issuesOf({ providers: { p: { api_key: '${secrets:toString}' } } });
    expect(secret[0]).toMatchObject({ path: 'providers.p.api_key', message: expect.stringMatching(/^secret toString is not set/) });
  });

  it('does not read `constructor` as a boolean when coercing a variable', () => {
    const issue = onlyIssue({ pools: { chat: { capability: 'chat', recovery: { half_open: '${FLAG}' } } } }, { env: { FLAG: 'constructor' } });
    expect(issue).toMatchObject({ path: 'pools.chat.recovery.half_open', message: 'environment variable FLAG is "constructor"; expected true or false' });
  });
});

describe('keys that would change an object instead of adding an entry', () => {
  it('refuses "__proto__" in an object document (as JSON.parse makes it) rather than losing the entry', () => {
    const input = JSON.parse('{"pools": {"__proto__": {"capability": "chat"}}, "providers": {"p": {"headers": {"__proto__": "x"}}}}') as object;
    expect(issuesOf(input).map((issue) => [issue.path, issue.message])).toEqual([
      ['pools.__proto__', 'the key "__proto__" is not allowed'],
      ['providers.p.headers.__proto__', 'the key "__proto__" is not allowed'],
    ]);
  });

  it('refuses "__proto__" in YAML, at its line', () => {
    expect(onlyIssue(yaml('pools:', '  __proto__: { capability: chat }'))).toEqual({
      path: 'pools.__proto__',
      line: 2,
      column: 3,
      message: 'the key "__proto__" is not allowed',
    });
  });

  it('refuses an object document that contains itself', () => {
    const input: { pools: Record<string, unknown> } = { pools: {} };
    input.pools.loop = input;
    expect(issuesOf(input)).toContainEqual({ path: 'pools.loop.pools', message: 'the value contains itself (a circular reference)' });
  });

  it('refuses nesting deeper than any real document instead of exhausting the stack', () => {
    let deep: object = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(issuesOf({ pools: { chat: deep } }).some((issue) => issue.message === 'nested more than 64 levels deep')).toBe(true);
  });
});
