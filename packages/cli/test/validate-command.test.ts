import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'mm-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('modelmesh validate', () => {
  it('accepts a valid file and summarises it', async () => {
    const path = file('ok.yaml', ['providers:', '  openai: { api_key: sk-test-123456 }', 'pools:', '  chat: { capability: chat-completion }', ''].join('\n'));
    const out = capture();
    expect(await main(['validate', path], out)).toBe(0);
    expect(out.text()).toContain(`✓ ${path} is valid (1 providers, 0 models, 1 pools, 0 budgets)`);
  });

  it('lists every problem with file:line:column and exits 1', async () => {
    const path = file(
      'bad.yaml',
      ['providers:', '  openai: {}', 'pools:', '  chat:', '    strategy: fastest', '    recovery: { cooldown: 5 minutes }', '    models: [nope]', ''].join('\n'),
    );
    const out = capture();
    expect(await main(['validate', path], out)).toBe(1);
    const errors = out.lines.filter((line) => line.startsWith('error '));
    expect(errors).toHaveLength(3);
    expect(errors.some((line) => line.includes(`${path}:5:15  pools.chat.strategy: unknown strategy "fastest"`))).toBe(true);
    expect(errors.some((line) => line.includes(`${path}:6:`) && line.includes('pools.chat.recovery.cooldown'))).toBe(true);
    expect(errors.some((line) => line.includes(`${path}:7:`) && line.includes('pools.chat.models[0]'))).toBe(true);
    expect(out.lines.at(-1)).toBe(`3 problems in ${path}`);
  });

  it('warns about deprecated keys and connectors no installed package handles', async () => {
    const path = file('warn.yaml', ['providers:', '  x: { connector: acme.llm.v1 }', 'pools:', '  chat: { capability: chat, deactivation: { retry_limit: 2 } }', ''].join('\n'));
    const out = capture();
    expect(await main(['validate', path], out)).toBe(0);
    expect(out.text()).toContain('providers.x.connector: no installed provider package handles "acme.llm.v1"');
    expect(out.text()).toMatch(/warning .*pools\.chat\.deactivation\.retry_limit/);
  });

  it('warns about keys not acted on yet and refuses unsupported ones, by path', async () => {
    const planned = file('planned.yaml', ['state: { prefix: "mm:" }', 'observability: { events: false }', 'pools:', '  chat: { capability: chat }', ''].join('\n'));
    const out = capture();
    expect(await main(['validate', planned], out)).toBe(0);
    expect(out.text()).toContain(`${planned}:1:10  state.prefix: has no effect with store: memory`);
    expect(out.text()).toMatch(/warning .*observability\.events: events: false is not acted on yet/);
    const refused = file('refused.yaml', ['pools:', '  chat: { capability: chat, retry: { scope: any } }', ''].join('\n'));
    const errors = capture();
    expect(await main(['validate', refused], errors)).toBe(1);
    expect(errors.text()).toContain('pools.chat.retry.scope: is not supported: ');
  });

  it('reports a missing file as a problem, and usage errors with exit code 2', async () => {
    const out = capture();
    expect(await main(['validate', join(dir, 'missing.yaml')], out)).toBe(1);
    expect(out.text()).toContain('missing.yaml');
    expect(await main(['validate'], capture())).toBe(2);
  });
});
