import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAIServer } from '@modelmesh/testing/servers';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

describe('modelmesh proxy', () => {
  it('serves the configured mesh until SIGTERM, then exits 0, after printing the config warnings', async () => {
    const upstream = await startFakeOpenAIServer();
    const dir = mkdtempSync(join(tmpdir(), 'mm-proxy-'));
    const config = join(dir, 'mesh.yaml');
    writeFileSync(config, ['providers:', `  openai: { api_key: sk-upstream-0000000000, base_url: "${upstream.url}" }`, 'pools:', '  chat: { capability: chat-completion }', 'observability: { log_level: debug, events: false }', ''].join('\n'));
    const child = spawn(process.execPath, [bin, 'proxy', '--config', config, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        stdout += data.toString();
        const match = /ModelMesh proxy on (http:\/\/\S+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`proxy exited early (${code}): ${stdout}`)));
    });
    try {
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hello proxy' }] });
      expect(response.choices[0]?.message.content).toContain('Hello proxy');
      expect(stdout).toContain('[auth]');
      expect(stdout).toMatch(/\[config\] observability\.events: /);
      // Logged by default, as JSON since stdout is a pipe; log_level: debug adds a line per attempt.
      const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line['msg'])).toEqual(['attempt succeeded', 'request completed']);
      expect(lines[1]).toMatchObject({ level: 'info', pool: 'chat', attempts: 1, cacheHit: false });
      expect(stdout).not.toContain('sk-upstream-0000000000');
      expect(stdout).toContain(`status page ${url}/status`);

      // SIGHUP re-reads the file: an invalid one is refused with its problems, a valid one swapped in.
      const printed = (text: string) =>
        new Promise<void>((resolve) => {
          const check = () => (stdout.includes(text) ? resolve() : setTimeout(check, 20));
          check();
        });
      writeFileSync(config, ['providers:', `  openai: { api_key: sk-upstream-0000000000, base_url: "${upstream.url}" }`, 'pools:', '  chat: { capability: chat-completion, strategy: fastest }', ''].join('\n'));
      child.kill('SIGHUP');
      await printed('refused');
      expect(stdout).toMatch(/\[reload\] reload of .*mesh\.yaml refused \(1 problem\)/);
      expect(stdout).toContain('pools.chat.strategy');
      writeFileSync(config, ['providers:', `  openai: { api_key: sk-upstream-0000000000, base_url: "${upstream.url}" }`, 'pools:', '  chat: { capability: chat-completion, strategy: round-robin }', ''].join('\n'));
      child.kill('SIGHUP');
      await printed('config generation 2');
      const pools = (await (await fetch(`${url}/v1/pools`)).json()) as { pools: Record<string, { strategy: string }> };
      expect(pools.pools['chat']?.strategy).toBe('round-robin');
      expect(stdout).not.toContain('sk-upstream-0000000000');
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await upstream.close();
    }
  });

  it('refuses a bad port with exit code 2', async () => {
    const child = spawn(process.execPath, [bin, 'proxy', '--config', 'x.yaml', '--port', 'eighty'], { stdio: 'ignore' });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
  });
});
