import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { startMiddlewareMesh } from '@modelmesh/testing/vitest';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggingMiddleware } from '../src/index.js';

describe('pino as the sink', () => {
  it('writes one JSON line per request through a pino logger', async () => {
    const written: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void written.push(line) });
    const mesh = await startMiddlewareMesh({ plugin: providerPlugin, middleware: [loggingMiddleware({ logger })] });
    try {
      await mesh.client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    } finally {
      await mesh.close();
    }
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0] ?? '{}')).toMatchObject({ level: 30, msg: 'request completed', pool: 'chat', model: 'model-a' });
  });

  it('stays out of browser bundles: the package never imports pino', () => {
    const dir = join(import.meta.dirname, '../src');
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/from ['"]pino|import\(['"]pino|require\(['"]pino/);
  });
});
