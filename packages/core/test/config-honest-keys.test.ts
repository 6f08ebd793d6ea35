import { describe, expect, it } from 'vitest';
import { ConfigurationError, createMesh, loadConfig, type MeshConfigDocument } from '../src/index.js';
import { issuesOf, yaml } from './__fixtures__/config/config-issues.js';

// Issue 11, section 4: every key the configuration accepts either works or is refused.

const POOL = ['pools:', '  chat:', '    capability: chat'];

/** Loads `text` and returns the warnings. */
function warningsOf(text: string) {
  return loadConfig(text, { env: {} }).warnings;
}

describe('keys that planned work will act on load with a warning naming the key', () => {
  it.each([
    ['observability.events', ['observability: { events: false }'], 'events: false is not acted on yet'],
  ])('%s', (path, lines, start) => {
    const warnings = warningsOf(yaml(...lines));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path, line: lines.length, message: expect.stringMatching(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} and has no effect: `)) });
  });

  it('stays quiet for values that describe what happens today', () => {
    const text = yaml(
      'defaults:',
      '  recovery: { probe_on_start: false, on_quota_reset: true }',
      'state: { store: memory }',
      'observability: { log_level: silent, events: true }',
      ...POOL,
    );
    expect(warningsOf(text)).toEqual([]);
  });

  it.each([
    ['state.url', 'state: { url: "redis://user:pw@cache:6379" }'],
    ['state.prefix', 'state: { prefix: "mm:" }'],
    ['state.on_unavailable', 'state: { on_unavailable: fail }'],
  ])('warns that %s does nothing with the memory store', (path, line) => {
    expect(warningsOf(yaml(line))).toEqual([expect.objectContaining({ path, message: expect.stringContaining('has no effect with store: memory') })]);
  });

  it('refuses store: redis without a url, naming the path', () => {
    expect(() => loadConfig(yaml('state: { store: redis }'), { env: {} })).toThrow(/state\.url/);
  });

  it('never quotes the state URL, which may carry a password', () => {
    const [warning] = warningsOf(yaml('state: { url: "redis://user:hunter2@cache:6379" }'));
    expect(warning?.message).not.toContain('hunter2');
  });

  it('surfaces the same warnings on the client made by createMesh', () => {
    const client = createMesh({ env: {}, config: yaml('state: { key_prefix: "mm:" }', ...POOL) });
    expect(client.warnings).toEqual([expect.objectContaining({ path: 'state.key_prefix' })]);
    expect(createMesh({ env: {}, config: yaml(...POOL) }).warnings).toEqual([]);
  });

  it('loads the recovery probe keys without a warning: they are acted on', () => {
    expect(warningsOf(yaml(...POOL, '    recovery: { probe_on_start: true, probe_interval: 10s, on_quota_reset: false }'))).toEqual([]);
  });

  it('passes a loaded config’s warnings on to the client', () => {
    const config = loadConfig({ observability: { events: false } }, { env: {} });
    expect(createMesh({ config }).warnings.map((warning) => warning.path)).toEqual(['observability.events']);
  });
});

describe('keys that nothing will act on are refused', () => {
  it.each([
    ['pools.chat.retry.scope', [...POOL, '    retry: { scope: same_provider }']],
    ['defaults.retry.scope', ['defaults:', '  retry: { scope: any }']],
    ['pools.chat.session_header', [...POOL, '    session_header: x-user']],
    ['pools.chat.strategy.session_header', [...POOL, '    strategy: { name: session-sticky, session_header: x-user }']],
    ['pools.chat.fallback_strategy', [...POOL, '    fallback_strategy: round-robin']],
    ['defaults.strategy.fallback_strategy', ['defaults:', '  strategy: { name: priority, fallback_strategy: error }']],
    ['pools.chat.balance_mode', [...POOL, '    balance_mode: relative']],
    ['pools.chat.rate_limit.min_delta', [...POOL, '    rate_limit: { threshold: 0.5, min_delta: 0.1 }']],
    ['pools.chat.strategy.rate_limit.max_rpm', [...POOL, '    strategy: { name: rate-limit-aware, rate_limit: { max_rpm: 60 } }']],
    ['models.m.features.parallel_tool_calls', ['providers: { p: {} }', 'models:', '  m: { provider: p, features: { parallel_tool_calls: false } }']],
  ])('%s', (path, lines) => {
    const issues = issuesOf(yaml(...lines));
    expect(issues).toEqual([{ path, line: lines.length, column: expect.any(Number), message: expect.stringMatching(/^is not supported: \S/) }]);
  });

  it('names the path and the reason in the error message', () => {
    try {
      loadConfig({ pools: { chat: { capability: 'chat', retry: { scope: 'any' } } } } as unknown as MeshConfigDocument, { env: {} });
      expect.unreachable();
    } catch (error) {
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('pools.chat.retry.scope: is not supported: retries stay on the failed model');
    }
  });

  it('refuses them for an app’s own strategy too, whose other options pass through', () => {
    const strategy = { name: 'mine', select: () => ({ order: [], reason: '' }) };
    const config = (options: Record<string, unknown>) =>
      ({ pools: { chat: { capability: 'chat', strategy: { name: 'mine', ...options } } } }) as unknown as MeshConfigDocument;
    expect(() => createMesh({ env: {}, strategies: [strategy], config: config({ balance_mode: 'x' }) })).toThrow(/pools\.chat\.strategy\.balance_mode: is not supported/);
    expect(createMesh({ env: {}, strategies: [strategy], config: config({ my_option: 1 }) }).warnings).toEqual([]);
  });
});
