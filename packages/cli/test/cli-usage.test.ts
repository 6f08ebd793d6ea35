// The binary's contract with people and scripts: help for every command, usage errors with exit
// code 2 (never a stack), --version, and JSON output where scripts need it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

const COMMANDS = ['proxy', 'chat', 'init', 'validate', 'explain', 'capabilities', 'demo'];
const dir = mkdtempSync(join(tmpdir(), 'mm-cli-usage-'));
const config = join(dir, 'mesh.yaml');
writeFileSync(
  config,
  [
    'providers:',
    '  openai: { api_key: sk-usage-secret-00000000, base_url: "http://127.0.0.1:9/v1" }',
    'models:',
    '  small: { provider: openai, model: gpt-4o-mini, capabilities: [chat-completion] }',
    'pools:',
    '  chat: { models: [small] }',
    '',
  ].join('\n'),
);
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('modelmesh --help and usage errors', () => {
  it.each(COMMANDS)('%s --help prints its usage and options and exits 0', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: modelmesh ${command}\\b`));
    expect(run.stdout).toContain('-h, --help');
    noStack(run.stdout + run.stderr);
  });

  it('validate --help is help, not a file named --help', async () => {
    const run = await runCli(['validate', '--help']);
    expect(run.stdout).not.toContain('ENOENT');
    expect(run.stdout).toContain('FILE defaults to ./modelmesh.yaml');
  });

  it('an unknown flag is a usage error: exit 2, the flag named, the command usage shown', async () => {
    for (const [command, flag] of [['proxy', '--prot'], ['explain', '--modle'], ['validate', '--jsn'], ['capabilities', '-x']] as const) {
      const run = await runCli([command, flag, '1']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Unknown option '${flag}'`);
      expect(run.stderr).toContain(`usage: modelmesh ${command}`);
      noStack(run.stderr);
    }
  });

  it('a missing argument or value is a usage error with exit 2', async () => {
    expect((await runCli(['explain', '--config', config])).code).toBe(2);
    expect((await runCli(['chat', 'chat'])).stderr).toContain('missing PROMPT');
    expect((await runCli(['proxy', '--port'])).code).toBe(2);
    expect((await runCli(['nonsense'])).code).toBe(2);
  });

  it('--version prints the package version', async () => {
    const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('help lists every command', async () => {
    const run = await runCli(['--help']);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
  });
});

describe('--json output', () => {
  it('validate --json: valid and invalid files', async () => {
    const ok = await runCli(['validate', config, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ file: config, valid: true, errors: [], counts: { providers: 1, models: 1, pools: 1, budgets: 0 } });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'pools:\n  chat: { strategy: fastest }\n');
    const failed = await runCli(['validate', bad, '--json']);
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as { valid: boolean; errors: Array<{ path: string; line?: number }> };
    expect(report.valid).toBe(false);
    expect(report.errors.some((e) => e.path === 'pools.chat.strategy' && e.line === 2)).toBe(true);
  });

  it('explain --json: the explanation object, without secrets', async () => {
    const run = await runCli(['explain', '--config', config, '--model', 'chat', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ poolName: 'chat', selectedModel: 'small', candidates: [expect.objectContaining({ model: 'small', provider: 'openai' })] });
    expect(run.stdout).not.toContain('sk-usage-secret');
  });

  it('capabilities --json: list, search and tree', async () => {
    const list = JSON.parse((await runCli(['capabilities', '--json'])).stdout) as Array<{ name: string; path: string }>;
    expect(list).toContainEqual({ name: 'chat-completion', path: 'generation.text-generation.chat-completion' });
    const found = JSON.parse((await runCli(['capabilities', 'search', 'embed', '--json'])).stdout) as Array<{ name: string }>;
    expect(found.map((c) => c.name)).toContain('text-embeddings');
    const tree = JSON.parse((await runCli(['capabilities', 'tree', '--json'])).stdout) as Record<string, unknown>;
    expect(Object.keys(tree)).toContain('generation');
  });
});
