import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'mm-explain-'));
const config = join(dir, 'mesh.yaml');
writeFileSync(
  config,
  [
    'providers:',
    '  openai: { api_key: sk-explain-secret-000000, base_url: "http://127.0.0.1:9/v1" }',
    'models:',
    '  small: { provider: openai, model: gpt-4o-mini, capabilities: [chat-completion], context_window: 100 }',
    '  large: { provider: openai, model: gpt-4o, capabilities: [chat-completion] }',
    'pools:',
    '  chat: { models: [small, large], strategy: cost-first }',
    '',
  ].join('\n'),
);

describe('modelmesh explain', () => {
  it('prints the routing decision as a table without calling any provider', async () => {
    const out = capture();
    expect(await main(['explain', '--config', config, '--model', 'chat'], out)).toBe(0);
    expect(out.lines[0]).toBe('Pool "chat"  strategy cost-first');
    expect(out.lines[1]).toMatch(/^selected: small {2}\(.*cheapest/);
    const rows = out.lines.filter((line) => /^\s*\d/.test(line));
    expect(rows[0]).toMatch(/^1\s+→ small\s+openai\s+openai\.llm\.v1\s+active\s+\$\d/);
    expect(rows[1]).toMatch(/^2\s+large/);
    expect(out.text()).not.toContain('sk-explain-secret');
  });

  it('says which rule skipped a model for a given message', async () => {
    const out = capture();
    await main(['explain', '--config', config, '--model', 'chat', '--message', 'x'.repeat(2_000)], out);
    expect(out.text()).toMatch(/small .*exceed the context window of 100/);
    expect(out.lines[1]).toMatch(/^selected: large/);
  });

  it('reports an unknown model as a typed error with exit code 1', async () => {
    const out = capture();
    expect(await main(['explain', '--config', config, '--model', 'nope'], out)).toBe(1);
    expect(out.errors[0]).toMatch(/^RoutingError: Unknown model "nope"/);
  });
});
