import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, loadInstalledMiddleware } from 'modelmesh';
import { fakePlugin } from './support/fake-plugin.js';

/** An app directory with one installed package exporting a middleware plugin that tags answers. */
function appWithMiddleware(): string {
  const app = mkdtempSync(join(tmpdir(), 'mm-app-'));
  const pkg = join(app, 'node_modules', 'mesh-tagger');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}');
  writeFileSync(join(pkg, 'package.json'), '{"name":"mesh-tagger","version":"1.0.0","type":"module","exports":"./index.js"}');
  writeFileSync(
    join(pkg, 'index.js'),
    [
      'export const middlewarePlugin = {',
      "  packageName: 'mesh-tagger',",
      '  create: (options) => ({ afterResponse: (response) => { response.choices[0].message.content += options.tag; return response; } }),',
      '};',
    ].join('\n'),
  );
  return app;
}

describe('middleware named in the config, loaded from installed packages', () => {
  it('finds a package by name from the app directory', () => {
    const plugin = loadInstalledMiddleware('mesh-tagger', appWithMiddleware());
    expect(plugin?.packageName).toBe('mesh-tagger');
    expect(loadInstalledMiddleware('mesh-not-installed-anywhere', appWithMiddleware())).toBeUndefined();
  });

  it('create() uses it with no code, and names the package to install when one is missing', async () => {
    const app = appWithMiddleware();
    const client = create('chat', {
      plugins: [fakePlugin()],
      env: { FAKE_API_KEY: 'k' },
      loadMiddleware: (name) => loadInstalledMiddleware(name, app),
      config: { providers: { fake: { api_key: 'k' } }, pools: { chat: { capability: 'chat-completion' } }, middleware: [{ name: 'mesh-tagger', options: { tag: ' [tagged]' } }] },
    });
    const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'x' }] });
    expect(response.choices[0]?.message.content).toMatch(/ \[tagged\]$/);
    // Only this app's packages: a parent directory of the temp dir may hold other installs.
    const onlyApp = (name: string) => (name === 'mesh-tagger' ? loadInstalledMiddleware(name, app) : undefined);
    expect(() => create('chat', { plugins: [fakePlugin()], env: { FAKE_API_KEY: 'k' }, loadMiddleware: onlyApp, config: { providers: { fake: { api_key: 'k' } }, middleware: ['otel'] } })).toThrow(
      /middleware\[0\]: middleware "otel" needs the package @modelmesh\/middleware-otel, which is not installed \(npm install @modelmesh\/middleware-otel\)/,
    );
  });
});
