import type { ChatCompletionChunk } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { StreamProgress } from '../src/stream-progress.js';

const chunk = (choices: Array<[index: number, finish: string | null]>, usage = false): ChatCompletionChunk =>
  ({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: choices.map(([index, finish_reason]) => ({ index, delta: {}, finish_reason })),
    ...(usage ? { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } } : {}),
  }) as ChatCompletionChunk;

describe('StreamProgress', () => {
  it('is complete once the only choice finished, and stays so', () => {
    const progress = new StreamProgress();
    expect(progress.complete).toBe(false);
    progress.see(chunk([[0, null]]));
    expect(progress.complete).toBe(false);
    progress.see(chunk([[0, 'stop']]));
    progress.see(chunk([[0, null]]));
    expect(progress.complete).toBe(true);
    expect(progress.usageSeen).toBe(false);
    progress.see(chunk([], true));
    expect(progress.usageSeen).toBe(true);
  });

  it('waits for every choice, whichever index comes first', () => {
    const progress = new StreamProgress();
    progress.see(chunk([[1, null]]));
    progress.see(chunk([[0, 'stop']]));
    expect(progress.complete).toBe(false);
    progress.see(chunk([[2, 'length']]));
    progress.see(chunk([[1, 'stop']]));
    expect(progress.complete).toBe(true);
    progress.see(chunk([[3, null]]));
    expect(progress.complete).toBe(false);
  });
});
