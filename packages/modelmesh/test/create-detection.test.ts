import { describe, expect, it } from 'vitest';
import { ConfigurationError, create } from 'modelmesh';
import { fakePlugin } from './support/fake-plugin.js';

describe('create() environment detection', () => {
  it('with nothing installed and nothing configured, says which packages and variables enable a provider', () => {
    const error = (() => {
      try {
        create('chat-completion', { plugins: [], env: {} });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toContain('@modelmesh/providers-openai');
    expect((error as ConfigurationError).message).toContain('OPENAI_API_KEY');
  });

  it('with a plugin installed but no key set, names its variables', () => {
    expect(() => create('chat-completion', { plugins: [fakePlugin()], env: {} })).toThrow(/set one of FAKE_API_KEY/);
  });

  it('an OpenAI-compatible base URL alone (a plugin without default models) fails at once, saying what to add', () => {
    const bare = { ...fakePlugin(), connector: 'bare.llm.v1', defaultId: 'local', envVars: ['LOCAL_BASE_URL'], models: [], detect: (env: Record<string, string | undefined>) => (env['LOCAL_BASE_URL'] ? { baseUrl: env['LOCAL_BASE_URL'] } : undefined) };
    expect(() => create('chat-completion', { plugins: [bare], env: { LOCAL_BASE_URL: 'http://127.0.0.1:1234/v1' } })).toThrow(
      /providers\.local: no models known for provider "local" \(bare\.llm\.v1 at http:\/\/127\.0\.0\.1:1234\/v1\).*name the ones it serves under models/,
    );
  });

  it('passes the detected key to the plugin and builds one pool named after the capability', async () => {
    const plugin = fakePlugin();
    const client = create('chat', { plugins: [plugin], env: { FAKE_API_KEY: 'k-1234' } });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['chat']);
    await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'x' }] });
    expect(plugin.created).toHaveLength(1);
  });

  it('reads a YAML config file by path', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'mm-'));
    const file = join(dir, 'mesh.yaml');
    writeFileSync(file, 'providers:\n  fake: { api_key: "${FAKE_API_KEY}" }\npools:\n  chat:\n    capability: chat-completion\n    strategy: fastest\n');
    expect(() => create('chat', { plugins: [fakePlugin()], env: { FAKE_API_KEY: 'k' }, config: file })).toThrow(/mesh\.yaml:6:15\): unknown strategy "fastest"/);
  });
});
