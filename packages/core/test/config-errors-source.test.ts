import { describe, expect, it } from 'vitest';
import { ConfigurationError, createMesh, loadConfig } from '../src/index.js';
import { issuesOf, onlyIssue, yaml } from './__fixtures__/config/config-issues.js';

describe('YAML problems', () => {
  it('reports a syntax error with its line and column', () => {
    const issues = issuesOf(yaml('providers:', '  openai: { api_key: sk-test', 'models: {}'));
    expect(issues.length).toBeGreaterThan(0);
    // yaml notices the unclosed flow map where the next key starts.
    expect(issues[0]).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/^YAML syntax error: Flow map .* must be .* end with a }$/) });
  });

  it('reports a duplicate key at the second occurrence, by path', () => {
    const issue = onlyIssue(yaml('providers:', '  openai: {}', '  groq: {}', '  openai: { enabled: false }'));
    expect(issue).toEqual({
      path: 'providers.openai',
      line: 4,
      column: 3,
      message: 'duplicate key: Map keys must be unique',
    });
  });

  it('keeps validating after a duplicate key, so other problems show too', () => {
    const issues = issuesOf(yaml('state: { store: memory }', 'state: { store: disk }'));
    // The later value wins, and its problem is located at the later key.
    expect(issues.map((issue) => [issue.path, issue.line, issue.column])).toEqual([
      ['state', 2, 1],
      ['state.store', 2, 17],
    ]);
  });

  it('locates a problem in a merged value where the anchor wrote it', () => {
    const issue = onlyIssue(
      yaml('x-base: &base', '  recovery: { jitter: 3 }', 'pools:', '  chat:', '    <<: *base', '    capability: chat'),
    );
    expect(issue).toEqual({ path: 'pools.chat.recovery.jitter', line: 2, column: 23, message: 'must be at most 1' });
  });
});

describe('substitution problems', () => {
  it('reports a missing environment variable at the value that uses it', () => {
    const issue = onlyIssue(yaml('providers:', '  openai:', '    api_key: ${OPENAI_API_KEY}'));
    expect(issue).toEqual({
      path: 'providers.openai.api_key',
      line: 3,
      column: 14,
      message: 'environment variable OPENAI_API_KEY is not set',
    });
  });

  it('reports a missing secret and where it was looked for', () => {
    const issue = onlyIssue(yaml('providers:', '  groq:', '    api_key: ${secrets:GROQ_KEY}'));
    expect(issue).toMatchObject({
      path: 'providers.groq.api_key',
      line: 3,
      message: 'secret GROQ_KEY is not set (looked in the secrets option, secrets.values, environment variable <name>)',
    });
  });

  it('does not read the environment for secrets when the store is inline', () => {
    const text = yaml('secrets: { store: inline }', 'providers:', '  groq: { api_key: "${secrets:GROQ_KEY}" }');
    expect(onlyIssue(text, { env: { GROQ_KEY: 'gsk_from_env_123' } })).toMatchObject({
      path: 'providers.groq.api_key',
      line: 3,
      message: 'secret GROQ_KEY is not set (looked in the secrets option, secrets.values)',
    });
  });

  it('reports a port from the environment that is not a number', () => {
    expect(onlyIssue(yaml('proxy:', '  port: ${PORT}'), { env: { PORT: 'eighty' } })).toEqual({
      path: 'proxy.port',
      line: 2,
      column: 9,
      message: 'environment variable PORT is "eighty"; expected a number',
    });
  });

  it('reports a boolean from the environment that is not a boolean', () => {
    const issue = onlyIssue(yaml('providers:', '  openai: { enabled: "${OPENAI_ON}" }'), { env: { OPENAI_ON: 'maybe' } });
    expect(issue).toMatchObject({ path: 'providers.openai.enabled', line: 2, message: 'environment variable OPENAI_ON is "maybe"; expected true or false' });
  });

  it('does not coerce a quoted number written in the file', () => {
    expect(onlyIssue(yaml('proxy:', '  port: "8080"'))).toMatchObject({ path: 'proxy.port', message: 'expected a number, got a string' });
  });

  it('rejects a malformed reference', () => {
    expect(onlyIssue(yaml('state:', '  url: redis://${REDIS HOST}:6379'))).toMatchObject({
      path: 'state.url',
      line: 2,
      message: 'invalid variable reference "${REDIS HOST}"; expected ${NAME}, ${NAME:-default} or ${secrets:NAME}',
    });
  });

  it('rejects an unterminated reference', () => {
    expect(onlyIssue(yaml('state:', '  url: redis://${REDIS_HOST'))).toMatchObject({
      path: 'state.url',
      line: 2,
      message: 'unterminated "${" reference; write $${ for a literal "${"',
    });
  });

  it('rejects secret references inside the secrets section', () => {
    expect(onlyIssue(yaml('secrets:', '  values:', '    A: ${secrets:B}'))).toMatchObject({
      path: 'secrets.values.A',
      line: 3,
      message: '${secrets:B} cannot be used inside the secrets section',
    });
  });
});

describe('every problem at once', () => {
  const text = yaml(
    'providers:', //                                         1
    '  openai: { api_key: "${OPENAI_API_KEY}" }', //          2  missing env var
    'models:', //                                            3
    '  gpt: { provider: openai, capabilities: [chat] }', //  4
    '  llama: { provider: groq, capabilities: [chat] }', //  5  unknown provider
    'pools:', //                                             6
    '  chat:', //                                            7
    '    models: [gpt, mistral]', //                         8  unknown model
    '    strategy: fastest', //                              9  unknown strategy
    '    recovery: { cooldown: soon }', //                  10  bad duration
    '    retry: { max_atempts: 3 }', //                     11  unknown key
    'budgets:', //                                          12
    '  - { limit_usd: 1, limit_requests: 5 }', //           13  two limits
    'proxy: { port: "${PORT}" }', //                        14  env var not a number
    'telemetry: {}', //                                     15  unknown section
  );

  it('reports all of them in one ConfigurationError, in document order', () => {
    const issues = issuesOf(text, { env: { PORT: 'x' } });
    expect(issues.map((issue) => `${issue.line} ${issue.path}`)).toEqual([
      '2 providers.openai.api_key',
      '5 models.llama.provider',
      '8 pools.chat.models[1]',
      '9 pools.chat.strategy',
      '10 pools.chat.recovery.cooldown',
      '11 pools.chat.retry.max_atempts',
      '13 budgets[0].limit_requests',
      '14 proxy.port',
      '15 telemetry',
    ]);
  });

  it('formats a terminal-friendly message naming the file', () => {
    let message = '';
    try {
      loadConfig(text, { env: { PORT: 'x' }, source: 'config.yaml' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration in config\.yaml \(9 problems\):\n/);
    expect(message).toContain('\n  - pools.chat.strategy (config.yaml:9:15): unknown strategy "fastest"; expected one of stick-until-failure, priority,');
    expect(message).toContain('\n  - pools.chat.recovery.cooldown (config.yaml:10:27): invalid duration "soon"; expected e.g. 500ms, 30s, 5m');
    expect(message).not.toMatch(/✖|invalid_type|Invalid input/);
  });

  it('gives object input paths without positions', () => {
    const issues = issuesOf({ pools: { chat: { strategy: 'fastest' } } });
    expect(issues).toEqual([{ path: 'pools.chat.strategy', message: expect.stringContaining('unknown strategy "fastest"') }]);
  });
});

describe('secrets never appear in messages', () => {
  const secret = 'sk-live-9f2c1e7a5b3d4c6e8f00';

  it('hides a secret that lands in an enum field', () => {
    const issue = onlyIssue(yaml('observability:', '  log_level: ${secrets:LEVEL}'), { secrets: { LEVEL: secret } });
    expect(issue.path).toBe('observability.log_level');
    expect(issue.message).not.toContain(secret);
    expect(issue.message).toContain('[REDACTED]');
  });

  it('does not print a secret that fails number coercion', () => {
    const issue = onlyIssue(yaml('proxy:', '  port: ${secrets:PORT}'), { secrets: { PORT: secret } });
    expect(issue.message).toBe('secret PORT (from ${secrets:PORT}) has another value; expected a number');
  });

  it('does not print an api key written in the wrong type', () => {
    const issue = onlyIssue({ providers: { openai: { api_key: 12345678901234 } } });
    expect(issue).toEqual({ path: 'providers.openai.api_key', message: 'expected a string, got a number (quote it in YAML)' });
    const listed = onlyIssue({ providers: { openai: { api_key: [secret] } } });
    expect(listed.message).toBe('expected a string, got a list');
  });

  it('refuses a connector that comes from a secret, which createMesh would quote', () => {
    const input = { providers: { p: { connector: 'acme-${secrets:ID}' } } };
    expect(onlyIssue(input, { secrets: { ID: secret } })).toEqual({
      path: 'providers.p.connector',
      message: 'must not come from a secret: connector ids are shown in messages',
    });
    expect(() => createMesh({ config: input, env: {}, secrets: { ID: secret } })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });
});
