import { describe, expect, it } from 'vitest';
import {
  createCapabilityRegistry,
  isKnown,
  resolve,
  UnknownCapabilityError,
} from '../src/index.js';
import { captureThrown } from './capture-thrown.js';

function unknownError(action: () => unknown): UnknownCapabilityError {
  const error = captureThrown(action);
  expect(error).toBeInstanceOf(UnknownCapabilityError);
  return error as UnknownCapabilityError;
}

describe('unknown capability names', () => {
  it('suggests the closest alias for a typo', () => {
    const error = unknownError(() => resolve('chat-compleiton'));

    expect(error.capability).toBe('chat-compleiton');
    expect(error.suggestions).toEqual(['chat-completion']);
    expect(error.message).toBe(
      'Unknown capability "chat-compleiton". Did you mean "chat-completion"?',
    );
  });

  it.each([
    ['embedings', 'embeddings'],
    ['summarisation', 'summarization'],
    ['rga', 'rag'],
    ['generaton', 'generation'],
    ['text-embedding', 'text-embeddings'],
    ['TEXT-TO-SPECH', 'text-to-speech'],
  ])('suggests %s → %s', (input, expected) => {
    expect(unknownError(() => resolve(input)).suggestions[0]).toBe(expected);
  });

  it('suggests names that the input abbreviates', () => {
    expect(unknownError(() => resolve('tool-call')).suggestions).toEqual(['tool-calling']);
    expect(unknownError(() => resolve('text-to')).suggestions).toEqual([
      'text-to-image',
      'text-to-video',
      'text-to-speech',
    ]);
  });

  it('lists several suggestions in the message', () => {
    const error = unknownError(() => resolve('image-to'));
    expect(error.suggestions).toEqual(['image-to-text', 'image-to-image', 'image-to-video']);
    expect(error.message).toBe(
      'Unknown capability "image-to". Did you mean "image-to-text", "image-to-image" or "image-to-video"?',
    );
  });

  it('orders suggestions by distance, then alphabetically, and keeps at most three', () => {
    const registry = createCapabilityRegistry();
    for (const name of ['model-d', 'model-c', 'model-b', 'model-a', 'models-ab'])
      registry.register(`custom.${name}`);

    expect(unknownError(() => registry.resolve('model-x')).suggestions).toEqual([
      'model-a',
      'model-b',
      'model-c',
    ]);
  });

  it('omits the question when nothing is close', () => {
    const error = unknownError(() => resolve('xyz'));
    expect(error.suggestions).toEqual([]);
    expect(error.message).toBe('Unknown capability "xyz".');
  });

  it('suggests full paths for a mistyped path', () => {
    expect(
      unknownError(() => resolve('generation.text-generation.chat-compleiton')).suggestions,
    ).toEqual(['generation.text-generation.chat-completion']);
  });

  it('suggests the path of a known last segment under a wrong prefix', () => {
    expect(unknownError(() => resolve('generation.chat-completion')).suggestions).toEqual([
      'generation.text-generation.chat-completion',
    ]);
    expect(unknownError(() => resolve('understanding.ocr')).suggestions[0]).toBe(
      'understanding.vision-understanding.ocr',
    );
  });

  it('never suggests a deprecated synonym', () => {
    const error = unknownError(() => resolve('generation.audio.text-to-speeh'));
    expect(error.suggestions.some((name) => name.startsWith('generation.audio.'))).toBe(false);
  });

  it('only suggests names that resolve', () => {
    for (const input of ['chat-compleiton', 'image-to', 'audio', 'generation.text', 'rerankin']) {
      for (const suggestion of unknownError(() => resolve(input)).suggestions) {
        expect(isKnown(suggestion)).toBe(true);
      }
    }
  });

  it('keeps the original input, untrimmed, in the error', () => {
    expect(unknownError(() => resolve('  Chat-Compleiton ')).capability).toBe('  Chat-Compleiton ');
    expect(unknownError(() => resolve('  Chat-Compleiton ')).suggestions).toEqual([
      'chat-completion',
    ]);
  });

  it('rejects empty and whitespace-only names without suggestions', () => {
    expect(unknownError(() => resolve('')).suggestions).toEqual([]);
    expect(unknownError(() => resolve('   ')).suggestions).toEqual([]);
  });

  it('rejects non-string input from untyped callers', () => {
    expect(unknownError(() => resolve(undefined as unknown as string)).capability).toBe(
      'undefined',
    );
  });

  it('suggests names registered on the same registry', () => {
    const registry = createCapabilityRegistry();
    registry.register('compliance.pii-detection');
    expect(unknownError(() => registry.resolve('pii-detecton')).suggestions).toEqual([
      'pii-detection',
    ]);
    expect(unknownError(() => resolve('pii-detecton')).suggestions).toEqual([]);
  });
});
