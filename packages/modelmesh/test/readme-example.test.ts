import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { create } from 'modelmesh';
import { fakePlugin } from './support/fake-plugin.js';

describe('the README', () => {
  it('runs the example as written (a fake provider package stands in for OpenAI)', async () => {
    const client = create('chat-completion', { plugins: [fakePlugin()], env: { FAKE_API_KEY: 'fk-readme-000000' } });
    const response = await client.chat.completions.create({
      model: 'chat-completion',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(response.choices[0]?.message.content).toBe('Hello from the fake vendor!');
    expect(client.describe()).toMatch(/^Pool "chat-completion" \(strategy: stick-until-failure\)/);
    await client.close();
  });

  it('keeps @modelmesh/testing out of production installs: an optional peer, not a dependency', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
      files: string[];
    };
    expect(Object.keys(manifest.dependencies)).not.toContain('@modelmesh/testing');
    expect(manifest.peerDependencies?.['@modelmesh/testing']).toBeDefined();
    expect(manifest.peerDependenciesMeta?.['@modelmesh/testing']?.optional).toBe(true);
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'LICENSE']));
  });
});
