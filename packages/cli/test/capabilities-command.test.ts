import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/capture.js';

describe('modelmesh capabilities', () => {
  it('lists every capability name with its path, aligned, without colour when piped', async () => {
    const out = capture();
    expect(await main(['capabilities'], out)).toBe(0);
    const row = out.lines.find((line) => line.startsWith('chat-completion '));
    expect(row).toMatch(/^chat-completion\s+generation\.text-generation\.chat-completion$/);
    expect(out.text()).not.toContain('\u001b[');
    const pathColumn = out.lines.slice(2).map((line) => line.indexOf('  ') >= 0 ? line.search(/\S+$/) : -1);
    expect(new Set(pathColumn).size).toBe(1);
  });

  it('uses colour in a terminal', async () => {
    const out = capture(true);
    await main(['capabilities'], out);
    expect(out.text()).toContain('\u001b[36mchat-completion\u001b[39m');
  });

  it('prints the tree and searches', async () => {
    const tree = capture();
    await main(['capabilities', 'tree'], tree);
    expect(tree.lines).toContain('generation');
    expect(tree.lines).toContain('    chat-completion');
    const search = capture();
    expect(await main(['capabilities', 'search', 'speech'], search)).toBe(0);
    expect(search.text()).toContain('text-to-speech');
    expect(search.text()).toContain('speech-to-text');
    expect(await main(['capabilities', 'search', 'zzzz'], capture())).toBe(1);
  });

  it('rejects an unknown mode and an unknown command with exit code 2', async () => {
    expect(await main(['capabilities', 'graph'], capture())).toBe(2);
    const out = capture();
    expect(await main(['frobnicate'], out)).toBe(2);
    expect(out.errors[0]).toContain('unknown command "frobnicate"');
  });
});
