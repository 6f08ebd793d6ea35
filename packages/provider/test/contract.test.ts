import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completionToChunks, PROVIDER_SPECIFICATION_VERSION, RateLimitError, redactText, REDACTED, type ChatCompletion } from '../src/index.js';

describe('@modelmesh/provider', () => {
  it('has no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['peerDependencies']).toBeUndefined();
  });

  it('names the contract version a plugin declares', () => {
    expect(PROVIDER_SPECIFICATION_VERSION).toBe('v1');
  });

  it('brands its errors so a second copy of the package still recognises them', () => {
    const error = new RateLimitError({ providerId: 'p', message: 'slow down', retryAfter: 2 });
    const foreign = Object.create(Object.getPrototypeOf(error) as object) as object;
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance({ message: 'look-alike' })).toBe(false);
    expect(RateLimitError.isInstance(foreign)).toBe(true);
  });

  it('redacts secrets in text', () => {
    expect(redactText('key sk-abcdefghijklmnopqrstuvwx here')).toContain(REDACTED);
  });

  it('splits a completion into the chunks its stream would carry, usage last', () => {
    const completion: ChatCompletion = {
      id: 'c1',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi', refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    const chunks = completionToChunks(completion);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? null)).toEqual(['hi', null]);
    expect(chunks[0]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toEqual(completion.usage);
  });
});
