import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/index.js';
import { capture } from './support/capture.js';

describe('modelmesh demo', () => {
  it('fails over during the outage, puts the model in standby, recovers it and prints a summary', async () => {
    const out = capture();
    const result = await runDemo({ output: out });
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
