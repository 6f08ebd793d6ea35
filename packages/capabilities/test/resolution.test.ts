import { describe, expect, it } from 'vitest';
import {
  isDeprecated,
  isKnown,
  resolve,
  resolveDetailed,
  UnknownCapabilityError,
} from '../src/index.js';
import {
  DEPRECATED,
  EXPECTED_CATEGORIES,
  EXPECTED_GROUPS,
  EXPECTED_LEAVES,
  EXPECTED_PATHS,
} from './expected-taxonomy.js';

describe('leaf aliases', () => {
  it.each(EXPECTED_LEAVES)('resolves %s to %s', (name, path) => {
    expect(resolve(name)).toBe(path);
    expect(resolveDetailed(name)).toEqual({ input: name, path, deprecated: false, via: 'alias' });
  });
});

describe('extra aliases', () => {
  it('resolves chat to chat-completion', () => {
    expect(resolve('chat')).toBe('generation.text-generation.chat-completion');
    expect(resolveDetailed('chat').via).toBe('alias');
  });

  it('resolves embeddings to the embeddings group, not to one leaf', () => {
    expect(resolve('embeddings')).toBe('representation.embeddings');
    expect(resolveDetailed('embeddings')).toMatchObject({ via: 'alias', deprecated: false });
  });
});

describe('full canonical paths', () => {
  it.each(EXPECTED_PATHS.map((path) => [path]))('resolves %s to itself', (path) => {
    expect(resolve(path)).toBe(path);
    expect(resolveDetailed(path)).toEqual({ input: path, path, deprecated: false, via: 'path' });
  });
});

describe('node names', () => {
  it.each(EXPECTED_GROUPS.filter(([name]) => name !== 'embeddings'))(
    'resolves group name %s to %s',
    (name, path) => {
      expect(resolveDetailed(name)).toEqual({
        input: name,
        path,
        deprecated: false,
        via: 'node-name',
      });
    },
  );

  it.each(EXPECTED_CATEGORIES.map((name) => [name]))('resolves category %s to itself', (name) => {
    expect(resolveDetailed(name)).toMatchObject({ path: name, via: 'path' });
  });
});

describe('input normalisation', () => {
  it('trims surrounding whitespace', () => {
    expect(resolve('  chat-completion\t\n')).toBe('generation.text-generation.chat-completion');
    expect(resolve(' transformation.translation ')).toBe('transformation.translation');
  });

  it('matches case-insensitively and reports the normalised input', () => {
    expect(resolve('Chat')).toBe('generation.text-generation.chat-completion');
    expect(resolve('GENERATION.Text-Generation')).toBe('generation.text-generation');
    expect(resolveDetailed(' Text-Embeddings ').input).toBe('text-embeddings');
  });

  it('does not treat a segment in the middle of a path as a name', () => {
    expect(() => resolve('text-generation.chat-completion')).toThrow(UnknownCapabilityError);
  });
});

describe('deprecated synonyms', () => {
  it.each(DEPRECATED)('resolves %s to %s and flags it deprecated', (synonym, path) => {
    expect(resolve(synonym)).toBe(path);
    expect(resolveDetailed(synonym)).toEqual({
      input: synonym,
      path,
      deprecated: true,
      via: 'deprecated-synonym',
    });
    expect(isDeprecated(synonym)).toBe(true);
  });

  it('matches deprecated synonyms case-insensitively', () => {
    expect(resolveDetailed(' Generation.Audio.Text-To-Speech ')).toMatchObject({
      path: 'generation.audio-generation.text-to-speech',
      deprecated: true,
    });
  });

  it('rewrites other nodes below a deprecated group prefix', () => {
    expect(resolveDetailed('generation.audio.music-generation')).toMatchObject({
      path: 'generation.audio-generation.music-generation',
      deprecated: true,
    });
    expect(resolve('generation.image.inpainting')).toBe('generation.image-generation.inpainting');
    expect(resolve('understanding.audio.audio-classification')).toBe(
      'understanding.audio-understanding.audio-classification',
    );
  });

  it('does not invent nodes below a deprecated prefix', () => {
    expect(() => resolve('generation.image.text-to-speech')).toThrow(UnknownCapabilityError);
    expect(() => resolve('generation.audio.nonexistent')).toThrow(UnknownCapabilityError);
  });

  it('maps only the listed representation.image leaf, not the prefix itself', () => {
    expect(() => resolve('representation.image')).toThrow(UnknownCapabilityError);
  });

  it('does not flag canonical names, aliases or node names as deprecated', () => {
    for (const name of [
      'chat',
      'text-to-speech',
      'generation.audio-generation',
      'audio-generation',
      'generation',
    ]) {
      expect(isDeprecated(name)).toBe(false);
      expect(resolveDetailed(name).deprecated).toBe(false);
    }
  });

  it('answers isDeprecated with false for unknown names instead of throwing', () => {
    expect(isDeprecated('no-such-capability')).toBe(false);
    expect(isDeprecated('generation.audio.nonexistent')).toBe(false);
  });
});

describe('isKnown', () => {
  it('is true for every kind of accepted name', () => {
    for (const name of [
      'chat',
      'ocr',
      'rag',
      'retrieval.rag',
      'generation',
      'generation.audio',
      ' OCR ',
    ]) {
      expect(isKnown(name)).toBe(true);
    }
  });

  it('is false for unknown or empty names without throwing', () => {
    for (const name of [
      '',
      '   ',
      'chat-compleiton',
      'generation.',
      'generation..text-generation',
    ]) {
      expect(isKnown(name)).toBe(false);
    }
  });
});
