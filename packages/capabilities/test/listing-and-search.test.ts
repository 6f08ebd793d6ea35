import { describe, expect, it } from 'vitest';
import { isKnown, listAll, search } from '../src/index.js';
import { EXPECTED_CATEGORIES, EXPECTED_GROUPS, EXPECTED_LEAVES } from './expected-taxonomy.js';

const expectedAliases = [...EXPECTED_LEAVES.map(([name]) => name), 'chat', 'embeddings'].sort();
const expectedNames = [
  ...new Set([
    ...expectedAliases,
    ...EXPECTED_GROUPS.map(([name]) => name),
    ...EXPECTED_CATEGORIES,
  ]),
].sort();

describe('listAll', () => {
  it('returns exactly the leaf names plus chat and embeddings', () => {
    expect(listAll()).toEqual(expectedAliases);
    expect(listAll()).toHaveLength(61);
  });

  it('is sorted', () => {
    const all = listAll();
    expect(all).toEqual([...all].sort());
  });

  it('omits deprecated dotted synonyms, categories and other group names', () => {
    const all = listAll();
    expect(all.some((name) => name.includes('.'))).toBe(false);
    expect(all).not.toContain('generation');
    expect(all).not.toContain('text-generation');
    expect(all).not.toContain('search');
  });

  it('returns a copy that callers may mutate freely', () => {
    const all = listAll();
    all.length = 0;
    expect(listAll()).toHaveLength(61);
  });

  it('lists only names that resolve', () => {
    for (const name of listAll()) expect(isKnown(name)).toBe(true);
  });
});

describe('search', () => {
  it('finds aliases and node names containing the keyword', () => {
    const expected = expectedNames.filter((name) => name.includes('text'));
    expect(search('text')).toEqual(expected);
    expect(search('text')).toEqual(
      expect.arrayContaining([
        'text-embeddings',
        'text-generation',
        'text-to-image',
        'text-to-speech',
        'speech-to-text',
        'text-completion',
        'text-understanding',
        'image-to-text',
      ]),
    );
  });

  it('returns sorted results without duplicates', () => {
    const results = search('e');
    expect(results).toEqual([...results].sort());
    expect(new Set(results).size).toBe(results.length);
    // `embeddings` is both an alias and a group name but appears once.
    expect(search('embeddings').filter((name) => name === 'embeddings')).toHaveLength(1);
  });

  it('ignores case and surrounding whitespace in the keyword', () => {
    expect(search('  TeXt ')).toEqual(search('text'));
  });

  it('includes categories and groups', () => {
    expect(search('generation')).toEqual(
      expect.arrayContaining(['generation', 'text-generation', 'code-generation']),
    );
    expect(search('rag')).toEqual(['rag']);
    expect(search('understanding')).toEqual([
      'audio-understanding',
      'document-understanding',
      'text-understanding',
      'understanding',
      'vision-understanding',
    ]);
  });

  it('matches inside names, not only at the start', () => {
    expect(search('search')).toEqual([
      'code-search',
      'image-search',
      'search',
      'semantic-search',
      'web-search',
    ]);
  });

  it('returns an empty array when nothing matches', () => {
    expect(search('quantum')).toEqual([]);
  });

  it('returns every name for an empty keyword', () => {
    expect(search('')).toEqual(expectedNames);
  });

  it('returns only names that resolve', () => {
    for (const name of search('')) expect(isKnown(name)).toBe(true);
  });

  it('does not match dotted paths or deprecated synonyms', () => {
    expect(search('.')).toEqual([]);
    expect(search('generation.audio')).toEqual([]);
  });
});
