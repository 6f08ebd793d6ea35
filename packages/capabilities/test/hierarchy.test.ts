import { describe, expect, it } from 'vitest';
import {
  ancestors,
  createCapabilityRegistry,
  descendants,
  isWithin,
  leaves,
  UnknownCapabilityError,
} from '../src/index.js';
import { EXPECTED_CATEGORIES, EXPECTED_LEAVES, EXPECTED_PATHS } from './expected-taxonomy.js';

const CHAT = 'generation.text-generation.chat-completion';

describe('ancestors', () => {
  it('lists ancestors from the root down', () => {
    expect(ancestors(CHAT)).toEqual(['generation', 'generation.text-generation']);
  });

  it('accepts aliases, node names and deprecated synonyms', () => {
    expect(ancestors('chat')).toEqual(['generation', 'generation.text-generation']);
    expect(ancestors('text-generation')).toEqual(['generation']);
    expect(ancestors('representation.image.image-to-text')).toEqual([
      'understanding',
      'understanding.vision-understanding',
    ]);
  });

  it('gives a category-level leaf only its category', () => {
    expect(ancestors('translation')).toEqual(['transformation']);
  });

  it('gives a category no ancestors', () => {
    expect(ancestors('generation')).toEqual([]);
  });

  it.each(EXPECTED_LEAVES)('gives %s every proper prefix of %s', (name, path) => {
    const segments = path.split('.');
    const prefixes = segments.slice(1).map((_, i) => segments.slice(0, i + 1).join('.'));
    expect(ancestors(name)).toEqual(prefixes);
  });
});

describe('descendants', () => {
  it('lists every node below a group, sorted', () => {
    expect(descendants('generation.text-generation')).toEqual([
      'generation.text-generation.chat-completion',
      'generation.text-generation.code-generation',
      'generation.text-generation.text-completion',
    ]);
  });

  it('includes groups as well as leaves below a category', () => {
    expect(descendants('representation')).toEqual([
      'representation.embeddings',
      'representation.embeddings.image-embeddings',
      'representation.embeddings.multimodal-embeddings',
      'representation.embeddings.text-embeddings',
      'representation.feature-extraction',
      'representation.tokenization',
    ]);
  });

  it('is empty for a leaf', () => {
    expect(descendants('chat')).toEqual([]);
    expect(descendants('transformation.translation')).toEqual([]);
  });

  it('accepts aliases and deprecated synonyms', () => {
    expect(descendants('embeddings')).toEqual(descendants('representation.embeddings'));
    expect(descendants('generation.audio')).toEqual([
      'generation.audio-generation.music-generation',
      'generation.audio-generation.text-to-speech',
    ]);
  });

  it.each(EXPECTED_CATEGORIES.map((category) => [category]))(
    'lists exactly the expected paths under %s',
    (category) => {
      const expected = EXPECTED_PATHS.filter((path) => path.startsWith(`${category}.`)).sort();
      expect(descendants(category)).toEqual(expected);
    },
  );
});

describe('leaves', () => {
  it('lists only the leaf paths under a category, sorted', () => {
    expect(leaves('transformation')).toEqual([
      'transformation.audio-processing.audio-separation',
      'transformation.audio-processing.noise-reduction',
      'transformation.audio-processing.voice-cloning',
      'transformation.image-editing.background-removal',
      'transformation.image-editing.format-conversion',
      'transformation.image-editing.upscaling',
      'transformation.rewriting',
      'transformation.style-transfer',
      'transformation.translation',
    ]);
  });

  it('returns a leaf itself', () => {
    expect(leaves('chat')).toEqual([CHAT]);
    expect(leaves('reranking')).toEqual(['retrieval.reranking']);
  });

  it('covers every leaf exactly once across all categories', () => {
    const all = EXPECTED_CATEGORIES.flatMap((category) => leaves(category));
    expect(all.sort()).toEqual(EXPECTED_LEAVES.map(([, path]) => path).sort());
  });

  it('accepts the embeddings alias for the whole group', () => {
    expect(leaves('embeddings')).toEqual([
      'representation.embeddings.image-embeddings',
      'representation.embeddings.multimodal-embeddings',
      'representation.embeddings.text-embeddings',
    ]);
  });
});

describe('isWithin', () => {
  it('is true for a node itself', () => {
    expect(isWithin(CHAT, CHAT)).toBe(true);
    expect(isWithin('generation', 'generation')).toBe(true);
  });

  it('is true for a descendant at any depth', () => {
    expect(isWithin(CHAT, 'generation.text-generation')).toBe(true);
    expect(isWithin(CHAT, 'generation')).toBe(true);
  });

  it('accepts aliases, node names and deprecated synonyms on both sides', () => {
    expect(isWithin('chat', 'text-generation')).toBe(true);
    expect(isWithin('text-embeddings', 'embeddings')).toBe(true);
    expect(isWithin('generation.audio.text-to-speech', 'audio-generation')).toBe(true);
    expect(isWithin('text-to-speech', 'generation.audio')).toBe(true);
  });

  it('is false for siblings, other branches and the reverse direction', () => {
    expect(isWithin('chat', 'structured-generation')).toBe(false);
    expect(isWithin('chat', 'text-completion')).toBe(false);
    expect(isWithin('chat', 'understanding')).toBe(false);
    expect(isWithin('generation', 'chat')).toBe(false);
    expect(isWithin('text-generation', CHAT)).toBe(false);
  });

  it('compares whole segments, not string prefixes', () => {
    const registry = createCapabilityRegistry();
    registry.register('custom.group.first');
    registry.register('custom.group-extra.second');
    expect(registry.isWithin('second', 'custom.group')).toBe(false);
    expect(registry.isWithin('first', 'custom.group')).toBe(true);
  });

  it('throws for unknown names on either side', () => {
    expect(() => isWithin('nope', 'generation')).toThrow(UnknownCapabilityError);
    expect(() => isWithin('chat', 'nope')).toThrow(UnknownCapabilityError);
  });
});

describe('hierarchy queries on unknown names', () => {
  it.each([
    ['ancestors', ancestors],
    ['descendants', descendants],
    ['leaves', leaves],
  ] as const)('%s throws UnknownCapabilityError', (_label, query) => {
    expect(() => query('not-a-capability')).toThrow(UnknownCapabilityError);
  });
});
