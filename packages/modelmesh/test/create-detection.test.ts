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
