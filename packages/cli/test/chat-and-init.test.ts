// `modelmesh init` and `modelmesh chat`, run as the built binary: init writes a config that
// references the environment's keys (never copies them), chat sends one request through a
// config and says which model answered after how many attempts, at what cost.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

describe('modelmesh init', () => {
  it('writes a commented config from the keys in the environment, referencing them, and it validates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-init-'));
    const env = { OPENAI_API_KEY: 'sk-init-secret-1234567890', ANTHROPIC_API_KEY: 'sk-ant-init-secret-0987654321' };
    const run = await runCli(['init'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote modelmesh.yaml with openai, anthropic');
    const text = readFileSync(join(dir, 'modelmesh.yaml'), 'utf8');
    expect(text).toMatch(/^# ModelMesh configuration/);
    expect(text).toContain('api_key: ${OPENAI_API_KEY}');
    expect(text).toContain('api_key: ${ANTHROPIC_API_KEY}');
    expect(text).not.toContain('init-secret');
    // The default file is what the other commands find on their own.
    const validated = await runCli(['validate', '--json'], { cwd: dir, env });
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.stdout)).toMatchObject({ valid: true, counts: { providers: 2 } });
    const explained = await runCli(['explain', '--model', 'chat-completion', '--json'], { cwd: dir, env });
    expect(JSON.parse(explained.stdout).candidates.length).toBeGreaterThan(1);
  });

  it('keeps an existing file unless --force, and prints with --stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-init-'));
    writeFileSync(join(dir, 'modelmesh.yaml'), 'mine\n');
    const env = { OPENAI_API_KEY: 'sk-init-secret-1234567890' };
    const refused = await runCli(['init'], { cwd: dir, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'modelmesh.yaml'), 'utf8')).toBe('mine\n');
    const printed = await runCli(['init', '--stdout'], { cwd: dir, env });
    expect(printed.stdout).toContain('connector: openai.llm.v1');
    expect((await runCli(['init', '--force', '-o', 'other.yaml'], { cwd: dir, env })).code).toBe(0);
    expect(existsSync(join(dir, 'other.yaml'))).toBe(true);
  });

  it('says which variables to set when the environment has no provider', async () => {
    const run = await runCli(['init'], { cwd: mkdtempSync(join(tmpdir(), 'mm-init-')) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no provider found in the environment: set one of .*OPENAI_API_KEY/);
  });
});

describe('modelmesh chat', () => {
  let primary: FakeOpenAIServer;
  let backup: FakeOpenAIServer;
  let config: string;
  beforeAll(async () => {
    primary = await startFakeOpenAIServer();
    backup = await startFakeOpenAIServer();
    config = join(mkdtempSync(join(tmpdir(), 'mm-chat-')), 'mesh.yaml');
    writeFileSync(
      config,
      [
        'providers:',
        `  primary: { connector: openai, api_key: sk-chat-primary-000000, base_url: "${primary.url}" }`,
        `  backup: { connector: openai, api_key: sk-chat-backup-000000, base_url: "${backup.url}" }`,
        'models:',
        '  fast: { provider: primary, model: gpt-4o-mini, capabilities: [chat-completion], pricing: { input: 1, output: 2 } }',
        '  steady: { provider: backup, model: gpt-4o, capabilities: [chat-completion], pricing: { input: 1000, output: 2000 } }',
        'pools:',
        '  chat: { models: [fast, steady], strategy: priority, retry: { max_attempts_per_model: 1, backoff: none } }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await Promise.all([primary.close(), backup.close()]);
  });
  beforeEach(() => {
    primary.reset();
    backup.reset();
  });

  it('prints the answer, then which model answered, the failed attempt and the cost', async () => {
    primary.script({ kind: 'status', status: 503 });
    backup.script({ kind: 'ok', content: 'Hello from the backup', usage: { prompt_tokens: 10, completion_tokens: 5 } });
    const run = await runCli(['chat', 'chat', 'Say hello', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Hello from the backup\n');
    expect(run.stderr).toMatch(/attempt 1: fast \(primary\) failed: .*503/);
    // 10 × $1000/M + 5 × $2000/M = $0.02
    expect(run.stderr).toContain('answered by steady (gpt-4o via backup) · 2 attempts · 15 tokens · $0.020000');
    expect(run.stdout + run.stderr).not.toContain('sk-chat-');
    expect(backup.requests[0]?.body).toMatchObject({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello' }] });
  });

  it('--json gives the same facts to scripts; --stream prints the answer as it comes', async () => {
    primary.script({ kind: 'ok', content: 'Streamed answer', chunks: ['Streamed ', 'answer'], usage: { prompt_tokens: 4, completion_tokens: 2 } });
    const streamed = await runCli(['chat', 'chat', 'Hi', '--config', config, '--stream', '--system', 'Be brief']);
    expect(streamed.stdout).toBe('Streamed answer\n');
    expect(streamed.stderr).toContain('answered by fast (gpt-4o-mini via primary) · 1 attempt');
    expect(primary.requests[0]?.body).toMatchObject({ stream: true, messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi' }] });

    primary.script({ kind: 'ok', content: 'JSON answer', usage: { prompt_tokens: 4, completion_tokens: 2 } });
    const json = await runCli(['chat', 'chat', 'Hi', '--config', config, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ content: 'JSON answer', model: 'fast', provider: 'primary', modelId: 'gpt-4o-mini', attempts: 1, failures: [], usage: { total_tokens: 6 } });
  });

  it('exits 1 with the typed error and every failed attempt when the pool gives up', async () => {
    primary.script({ kind: 'status', status: 401 });
    backup.script({ kind: 'status', status: 401 });
    const run = await runCli(['chat', 'chat', 'Hi', '--config', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/attempt 1: fast \(primary\) failed/);
    expect(run.stderr).toMatch(/attempt 2: steady \(backup\) failed/);
    expect(run.stderr).toMatch(/^AllProvidersExhaustedError: /m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
