import { describe, expect, it } from 'vitest';
import {
  CANONICAL_CATEGORIES,
  createCapabilityRegistry,
  listPaths,
  resolve,
  tree,
} from '../src/index.js';
import {
  EXPECTED_CATEGORIES,
  EXPECTED_LEAVES,
  EXPECTED_PATHS,
  expectedTree,
} from './expected-taxonomy.js';

describe('the canonical taxonomy', () => {
  it('has exactly the specified categories, groups and leaves', () => {
    expect(tree()).toStrictEqual(expectedTree());
  });

  it('lists the seven categories in specification order', () => {
    expect([...CANONICAL_CATEGORIES]).toEqual(EXPECTED_CATEGORIES);
    expect(Object.keys(tree())).toEqual(EXPECTED_CATEGORIES);
  });

  it('keeps children in definition order rather than alphabetical order', () => {
    const generation = tree()['generation'];
    expect(Object.keys(generation ?? {})).toEqual([
      'text-generation',
      'structured-generation',
      'image-generation',
      'audio-generation',
      'video-generation',
    ]);
  });

  it('lists every node path exactly once, sorted', () => {
    expect(listPaths()).toEqual([...EXPECTED_PATHS].sort());
    expect(new Set(listPaths()).size).toBe(EXPECTED_PATHS.length);
  });

  it('has 59 leaves', () => {
    expect(EXPECTED_LEAVES).toHaveLength(59);
    expect(new Set(EXPECTED_LEAVES.map(([name]) => name)).size).toBe(59);
  });

  it('uses empty objects for leaves', () => {
    expect(tree()['transformation']?.['translation']).toStrictEqual({});
    expect(tree()['generation']?.['text-generation']?.['chat-completion']).toStrictEqual({});
  });
});

describe('tree()', () => {
  it('returns a new object on every call', () => {
    const first = tree();
    const second = tree();
    expect(first).not.toBe(second);
    expect(first['generation']).not.toBe(second['generation']);
  });

  it('cannot be used to mutate the registry', () => {
    const registry = createCapabilityRegistry();
    const copy = registry.tree();
    delete copy['evaluation'];
    copy['hacked'] = { injected: {} };
    const textGeneration = copy['generation']?.['text-generation'];
    if (textGeneration === undefined) throw new Error('fixture missing');
    textGeneration['rogue-leaf'] = {};
    delete textGeneration['chat-completion'];

    expect(registry.tree()).toStrictEqual(expectedTree());
    expect(registry.resolve('chat-completion')).toBe('generation.text-generation.chat-completion');
    expect(registry.isKnown('rogue-leaf')).toBe(false);
    expect(registry.isKnown('hacked')).toBe(false);
    expect(registry.leaves('evaluation')).toHaveLength(4);
  });

  it('reflects the same canonical data in every fresh registry', () => {
    expect(createCapabilityRegistry().tree()).toStrictEqual(expectedTree());
    expect(createCapabilityRegistry().listPaths()).toEqual(listPaths());
  });

  it('agrees with resolve for every leaf it contains', () => {
    const walk = (node: Record<string, unknown>, prefix: string): string[] =>
      Object.entries(node).flatMap(([segment, children]) => {
        const path = prefix === '' ? segment : `${prefix}.${segment}`;
        const nested = walk(children as Record<string, unknown>, path);
        return nested.length === 0 ? [path] : nested;
      });
    for (const path of walk(tree(), '')) {
      const name = path.slice(path.lastIndexOf('.') + 1);
      expect(resolve(name)).toBe(path);
    }
  });
});
