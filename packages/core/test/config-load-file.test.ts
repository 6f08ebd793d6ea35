import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../src/index.js';
import { loadConfigFile } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'modelmesh-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfigFile', () => {
  it('reads and resolves a YAML file', async () => {
    const path = join(dir, 'modelmesh.yaml');
    writeFileSync(path, 'providers:\n  openai: { api_key: "${KEY}" }\npools:\n  chat: {}\n');
    const config = await loadConfigFile(path, { env: { KEY: 'sk-file-test' } });
    expect(config.providers.openai?.apiKey).toBe('sk-file-test');
    expect(config.pools.chat?.capability).toBe('generation.text-generation.chat-completion');
  });

  it('names the file in messages about its contents', async () => {
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'pools:\n  chat:\n    strategy: fastest\n');
    const error = await loadConfigFile(path, { env: {} }).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).issues).toEqual([
      expect.objectContaining({ path: 'pools.chat.strategy', line: 3, column: 15 }),
    ]);
    expect((error as Error).message).toContain(`pools.chat.strategy (${path}:3:15): unknown strategy "fastest"`);
  });

  it('turns a missing file into a ConfigurationError with an empty path', async () => {
    const path = join(dir, 'missing.yaml');
    const error = await loadConfigFile(path).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).issues).toEqual([{ path: '', message: `cannot read config file ${path}: file not found` }]);
  });

  it('turns a directory into a ConfigurationError too', async () => {
    const error = await loadConfigFile(dir).catch((caught: unknown) => caught);
    expect((error as ConfigurationError).issues).toEqual([{ path: '', message: `cannot read config file ${dir}: it is a directory, not a file` }]);
  });
});
