import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.js';

const entries = (document: object) => loadConfig(document).middleware.map((entry) => [entry.name, entry.packageName, entry.path, entry.optionsPath]);

describe('the middleware list', () => {
  it('reads names and { name, options }, built-in names standing for their packages', () => {
    const config = loadConfig({ middleware: ['logging', { name: 'cache', options: { ttl: '5m' } }, '@acme/audit'] });
    expect(config.middleware).toEqual([
      { name: 'logging', packageName: '@modelmesh/middleware-logging', options: {}, path: 'middleware[0]', optionsPath: 'middleware[0].options' },
      { name: 'cache', packageName: '@modelmesh/middleware-cache', options: { ttl: '5m' }, path: 'middleware[1]', optionsPath: 'middleware[1].options' },
      { name: '@acme/audit', packageName: '@acme/audit', options: {}, path: 'middleware[2]', optionsPath: 'middleware[2].options' },
    ]);
  });

  it('refuses a malformed entry at its path', () => {
    expect(() => loadConfig({ middleware: [{ options: {} }] })).toThrow(/middleware\[0\]/);
    expect(() => loadConfig({ middleware: 'logging' })).toThrow(/middleware/);
  });
});

describe('observability maps onto the logging and OpenTelemetry middleware', () => {
  it('log_level turns logging on, unless silent or already listed', () => {
    expect(entries({ observability: { log_level: 'debug' } })).toEqual([['logging', '@modelmesh/middleware-logging', 'observability.log_level', 'observability']]);
    expect(entries({ observability: { log_level: 'silent' } })).toEqual([]);
    expect(entries({ middleware: ['logging'], observability: { log_level: 'debug' } })).toEqual([['logging', '@modelmesh/middleware-logging', 'middleware[0]', 'middleware[0].options']]);
  });

  it('connector names logging or otel, with config as the options', () => {
    const config = loadConfig({ observability: { connector: 'otel', config: { sample: 1 } } });
    expect(config.middleware).toEqual([{ name: 'otel', packageName: '@modelmesh/middleware-otel', options: { sample: 1 }, path: 'observability.connector', optionsPath: 'observability.config' }]);
    expect(entries({ observability: { connector: 'modelmesh.console.v1', log_level: 'warn' } })).toEqual([['logging', '@modelmesh/middleware-logging', 'observability.connector', 'observability.config']]);
    expect(loadConfig({ observability: { connector: 'otel' } }).warnings).toEqual([]);
  });

  it('warns about a connector it does not know, and about config without a connector', () => {
    expect(loadConfig({ observability: { connector: 'modelmesh.datadog.v1' } }).warnings.map((w) => w.path)).toEqual(['observability.connector']);
    expect(loadConfig({ observability: { config: { a: 1 } } }).warnings.map((w) => w.path)).toEqual(['observability.config']);
    expect(loadConfig({ observability: { connector: 'modelmesh.datadog.v1' } }).middleware).toEqual([]);
  });
});
