// The README's quick tour, run as written with the built binary, against a fake OpenAI server
// standing in for api.openai.com (its base URL comes from OPENAI_BASE_URL, as init records it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAIServer } from '@modelmesh/testing/servers';
import { expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

it('runs the README quick tour: init, validate, explain, chat', async () => {
  await using server = await startFakeOpenAIServer();
  server.script({ kind: 'ok', content: 'Hello!' });
  const cwd = mkdtempSync(join(tmpdir(), 'mm-readme-'));
  const env = { OPENAI_API_KEY: 'sk-readme-0000000000', OPENAI_BASE_URL: server.url };
  expect((await runCli(['init'], { cwd, env })).code).toBe(0);
  expect((await runCli(['validate'], { cwd, env })).stdout).toContain('is valid');
  expect((await runCli(['explain', '--model', 'chat-completion'], { cwd, env })).code).toBe(0);
  const chat = await runCli(['chat', 'chat-completion', 'Say hello'], { cwd, env });
  expect(chat.stdout).toBe('Hello!\n');
  expect(chat.stderr).toMatch(/answered by .* · 1 attempt/);
});
