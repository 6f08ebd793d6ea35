import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/scenario.js';

describe('example scenario', () => {
  it('fails over while the primary is down, then returns to it after the cooldown', async () => {
    const lines: string[] = [];
    const client = await runScenario(fileURLToPath(new URL('../mesh.yaml', import.meta.url)), (line) => lines.push(line));
    const output = lines.join('\n');
    expect(output).toContain('Pool "chat" (strategy: priority)');
    expect(output).toContain('primary-large → standby (errors)');
    expect(output).toContain('primary-large recovered');
    expect(client.usage.byModel['backup-small']?.requests).toBeGreaterThan(0);
    expect(client.usage.byModel['primary-large']?.requests).toBeGreaterThan(0);
    expect(client.usage.totalRequests).toBe(8);
    expect(client.usage.cacheHits).toBe(1);
    expect(output).toContain('request answered from cache');
    expect(output.match(/request completed/g)).toHaveLength(8);
    expect(client.usage.failedRequests).toBe(0);
    await client.close();
  });
});
