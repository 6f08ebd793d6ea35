import { describe, expect, it } from 'vitest';
import { renameParams, type ParamRenames } from '../src/internal.js';

const renames: ParamRenames = { chat: { max_completion_tokens: 'max_tokens', seed: 'random_seed' }, embeddings: { dimensions: 'output_dimension' } };

describe('renameParams', () => {
  it('moves chat parameters to the vendor names, for streams too', () => {
    for (const kind of ['chat', 'chat-stream'] as const) {
      expect(renameParams({ model: 'm', max_completion_tokens: 5, seed: 1 }, kind, renames)).toEqual({ model: 'm', max_tokens: 5, random_seed: 1 });
    }
  });

  it('keeps a value the caller set under the vendor name, dropping the OpenAI one', () => {
    expect(renameParams({ max_completion_tokens: 99, max_tokens: 10 }, 'chat', renames)).toEqual({ max_tokens: 10 });
  });

  it('uses the embeddings renames for embeddings only', () => {
    expect(renameParams({ input: 'x', dimensions: 256, seed: 1 }, 'embeddings', renames)).toEqual({ input: 'x', output_dimension: 256, seed: 1 });
    expect(renameParams({ dimensions: 256 }, 'chat', renames)).toEqual({ dimensions: 256 });
  });

  it('returns the body itself when nothing is renamed, and never changes the input', () => {
    const body = { model: 'm' };
    expect(renameParams(body, 'chat', renames)).toBe(body);
    expect(renameParams(body, 'chat', undefined)).toBe(body);
    const input = { max_completion_tokens: 5 };
    renameParams(input, 'chat', renames);
    expect(input).toEqual({ max_completion_tokens: 5 });
  });
});
