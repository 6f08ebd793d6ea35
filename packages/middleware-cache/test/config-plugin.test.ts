import { ConfigurationError, createMesh, ManualClock } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { describe, expect, it } from 'vitest';
import { middlewarePlugin } from '../src/index.js';

describe('the cache entry of a config', () => {
  it('builds the cache from the config, with its TTL on the mesh clock', async () => {
    const clock = new ManualClock();
    const demo = mockProviderEntry({ id: 'demo', models: ['gpt-4o'] });
    const client = createMesh({ clock, providers: [demo], middlewarePlugins: [middlewarePlugin], config: { middleware: [{ name: 'cache', options: { ttl: '1m', max_entries: 10 } }] } });
    const ask = { model: 'chat-completion', messages: [{ role: 'user' as const, content: 'Hi' }] };
    await client.chat.completions.create(ask);
    await client.chat.completions.create(ask);
    expect(demo.provider.calls).toHaveLength(1);
    await clock.advance(60_001);
    await client.chat.completions.create(ask);
    expect(demo.provider.calls).toHaveLength(2);
  });

  it('refuses bad options, each at its path', () => {
    const issues = (() => {
      try {
        createMesh({ middlewarePlugins: [middlewarePlugin], config: { middleware: ['logging-free', { name: 'cache', options: { ttl: 'soon', max_entries: 0, store: 'redis', size: 1 } }] } });
      } catch (error) {
        if (ConfigurationError.isInstance(error)) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
      }
      return [];
    })();
    expect(issues).toEqual([
      expect.stringMatching(/^middleware\[0\]: middleware "logging-free" needs the package logging-free/),
      'middleware[1].options.size: unknown option "size"; expected one of ttl, max_entries, cache_sampled, namespace, store',
      'middleware[1].options.ttl: expected a positive duration such as 30s or 5m',
      'middleware[1].options.max_entries: expected a positive integer',
      expect.stringMatching(/^middleware\[1\]\.options\.store: store: redis keeps answers in the mesh's Redis state store, and none is configured: set state: \{ store: redis/),
    ]);
  });

  it('refuses a store it does not know', () => {
    expect(() => createMesh({ middlewarePlugins: [middlewarePlugin], config: { middleware: [{ name: 'cache', options: { store: 'memcached' } }] } })).toThrow(/middleware\[0\]\.options\.store: expected memory or redis/);
  });
});
