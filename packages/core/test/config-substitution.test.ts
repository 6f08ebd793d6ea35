import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.js';
import { yaml } from './__fixtures__/config/config-issues.js';

const providerKey = (text: string, options: Parameters<typeof loadConfig>[1]) => loadConfig(text, options).providers.p?.apiKey;

describe('environment variables', () => {
  it('replaces ${VAR} inside longer strings', () => {
    const config = loadConfig(yaml('state:', '  store: redis', '  url: redis://${REDIS_HOST}:${REDIS_PORT}/0'), {
      env: { REDIS_HOST: 'cache.internal', REDIS_PORT: '6380' },
    });
    expect(config.state.url).toBe('redis://cache.internal:6380/0');
  });

  it('uses ${VAR:-default} when the variable is unset or empty, and the variable otherwise', () => {
    const text = yaml('observability:', '  log_level: ${LOG_LEVEL:-warn}');
    expect(loadConfig(text, { env: {} }).observability.logLevel).toBe('warn');
    expect(loadConfig(text, { env: { LOG_LEVEL: '' } }).observability.logLevel).toBe('warn');
    expect(loadConfig(text, { env: { LOG_LEVEL: 'debug' } }).observability.logLevel).toBe('debug');
  });

  it('treats $${X} as a literal ${X}', () => {
    const config = loadConfig(yaml('providers:', '  p:', '    headers: { x-template: "$${USER} and ${USER}" }'), { env: { USER: 'ada' } });
    expect(config.providers.p?.headers).toEqual({ 'x-template': '${USER} and ada' });
  });

  it('never lets an environment value inject YAML structure', () => {
    const config = loadConfig(yaml('providers:', '  p: { api_key: "${KEY}" }'), { env: { KEY: 'x\nenabled: false\n  evil: {}' } });
    expect(config.providers.p).toMatchObject({ apiKey: 'x\nenabled: false\n  evil: {}', enabled: true });
  });

  it('coerces a value that is exactly one reference into a number or boolean field', () => {
    const config = loadConfig(yaml('proxy:', '  port: ${PORT}', 'providers:', '  p: { enabled: "${P_ON:-false}" }'), { env: { PORT: ' 9090 ' } });
    expect(config.proxy.port).toBe(9090);
    expect(config.providers.p?.enabled).toBe(false);
  });

  it('reads numeric environment values in duration fields as seconds, like bare numbers', () => {
    const config = loadConfig(yaml('pools:', '  chat:', '    timeouts: { request: "${TIMEOUT}" }'), { env: { TIMEOUT: '45' } });
    expect(config.pools.chat?.timeouts.requestMs).toBe(45_000);
  });

  it('defaults to process.env when no env option is given', () => {
    process.env.MODELMESH_TEST_KEY = 'from-process-env';
    try {
      expect(providerKey(yaml('providers:', '  p: { api_key: "${MODELMESH_TEST_KEY}" }'), {})).toBe('from-process-env');
    } finally {
      delete process.env.MODELMESH_TEST_KEY;
    }
  });
});

describe('secrets', () => {
  const text = yaml('providers:', '  p: { api_key: "${secrets:OPENAI_KEY}" }');

  it('come from a secrets function option', () => {
    const asked: string[] = [];
    const secrets = (name: string) => {
      asked.push(name);
      return name === 'OPENAI_KEY' ? 'sk-from-function' : undefined;
    };
    expect(providerKey(text, { env: {}, secrets })).toBe('sk-from-function');
    expect(asked).toEqual(['OPENAI_KEY']);
  });

  it('come from a secrets map option', () => {
    expect(providerKey(text, { env: {}, secrets: { OPENAI_KEY: 'sk-from-map' } })).toBe('sk-from-map');
  });

  it('come from secrets.values, which may itself use environment variables', () => {
    const document = yaml('secrets:', '  store: inline', '  values:', '    OPENAI_KEY: ${VAULT_OPENAI}', text);
    const config = loadConfig(document, { env: { VAULT_OPENAI: 'sk-from-values' } });
    expect(config.providers.p?.apiKey).toBe('sk-from-values');
    expect(config.secrets).toEqual({ store: 'inline' });
  });

  it('come from the environment with the env store, honouring its prefix', () => {
    const document = yaml('secrets: { store: modelmesh.env.v1, prefix: MM_ }', text);
    const config = loadConfig(document, { env: { MM_OPENAI_KEY: 'sk-from-env', OPENAI_KEY: 'wrong' } });
    expect(config.providers.p?.apiKey).toBe('sk-from-env');
    expect(config.secrets).toEqual({ store: 'env', prefix: 'MM_' });
  });

  it('prefer the option over secrets.values over the environment', () => {
    const document = yaml('secrets:', '  values: { OPENAI_KEY: from-values }', text);
    expect(providerKey(document, { env: { OPENAI_KEY: 'from-env' }, secrets: { OPENAI_KEY: 'from-option' } })).toBe('from-option');
    expect(providerKey(document, { env: { OPENAI_KEY: 'from-env' } })).toBe('from-values');
    expect(providerKey(text, { env: { OPENAI_KEY: 'from-env' } })).toBe('from-env');
  });

  it('never keeps secrets.values in the resolved config', () => {
    const config = loadConfig(yaml('secrets:', '  values: { OPENAI_KEY: sk-hidden-value }', text), { env: {} });
    expect(JSON.stringify(config.secrets)).not.toContain('sk-hidden-value');
  });
});
