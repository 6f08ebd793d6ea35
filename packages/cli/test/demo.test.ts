import { describe, expect, it, vi } from 'vitest';
import { runDemo } from '../src/index.js';
import { capture } from './support/capture.js';

describe('modelmesh demo', () => {
  it('fails over during the outage, puts the model in standby, recovers it and prints a summary', async () => {
    const out = capture();
    let url = '';
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = runDemo({ output: out, keepOpen: true, stop: stopped, onListening: (listening) => (url = listening) });
    // Kept open after the demo: the status page still answers, with every request of the demo counted.
    await vi.waitFor(() => expect(out.text()).toContain('The proxy stays up'), { timeout: 20_000 });
    expect(out.text()).toContain(`Status page: ${url}/status`);
    const snapshot = (await (await fetch(`${url}/status/snapshot`)).json()) as { totals: { requests: number }; pools: Array<{ name: string }>; budgets: Array<{ name: string; used: number }> };
    expect(snapshot.totals.requests).toBe(14);
    expect(snapshot.pools.map((p) => p.name)).toEqual(['chat']);
    expect(snapshot.budgets[0]?.used).toBeGreaterThan(0);
    expect((await fetch(`${url}/status`)).headers.get('content-type')).toContain('text/html');
    stop();
    const result = await running;
    await expect(fetch(`${url}/status`)).rejects.toThrow();
    expect(result.servedBy).toHaveLength(14);
    expect(result.servedBy.slice(0, 3)).toEqual(['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini']);
    // during the outage the backup vendor answers
    expect(result.servedBy.slice(3, 8).every((model) => model !== 'gpt-4o-mini')).toBe(true);
    expect(result.failovers).toBeGreaterThan(0);
    expect(result.deactivated).toContain('gpt-4o-mini');
    expect(result.recovered).toContain('gpt-4o-mini');
    // after the cooldown the preferred model is back
    expect(result.servedBy.at(-1)).toBe('gpt-4o-mini');
    expect(result.totalCost).toBeGreaterThan(0);
    expect(out.text()).toContain('⏸ gpt-4o-mini to standby (errors)');
    expect(out.text()).toContain('▶ gpt-4o-mini recovered');
    expect(out.lines.some((line) => /^\s+total\s+14\s+\d+\s+\$0\.\d{6}$/.test(line))).toBe(true);
  });
});
