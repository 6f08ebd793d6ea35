import { ProviderHttpError, RateLimitError, type ChatCompletionChunk } from '@modelmesh/provider';
import { assembleToolCalls, contentDeltas, finishReasons } from '@modelmesh/testing/vitest';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamConverter, type StreamConverterOptions } from '../src/internal.js';

const converter = (options: Partial<StreamConverterOptions> = {}) =>
  new AnthropicStreamConverter({ providerId: 'anthropic', modelId: 'claude-haiku-4-5', secrets: [], responseTool: undefined, includeUsage: true, created: 1_700_000_000, ...options });

type Event = [string, Record<string, unknown>];

const start = (usage: Record<string, unknown> = { input_tokens: 10, output_tokens: 1 }): Event => [
  'message_start',
  { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001', content: [], stop_reason: null, stop_sequence: null, usage } },
];
const blockStart = (index: number, block: Record<string, unknown>): Event => ['content_block_start', { type: 'content_block_start', index, content_block: block }];
const text = (index: number, value: string): Event => ['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: value } }];
const json = (index: number, partial: string): Event => ['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } }];
const blockStop = (index: number): Event => ['content_block_stop', { type: 'content_block_stop', index }];
const delta = (stopReason: string, usage: Record<string, unknown> = { output_tokens: 20 }): Event => ['message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage }];
const stop: Event = ['message_stop', { type: 'message_stop' }];
const ping: Event = ['ping', { type: 'ping' }];

/** Feeds events one at a time, recording which chunks each produced. */
function feed(events: readonly Event[], options: Partial<StreamConverterOptions> = {}) {
  const c = converter(options);
  const perEvent = events.map(([name, data]) => c.accept(name, data));
  return { chunks: perEvent.flat(), perEvent, converter: c };
}

describe('AnthropicStreamConverter', () => {
  it('yields each chunk as its event arrives: role, text deltas, finish, usage; pings yield nothing', () => {
    const { chunks, perEvent } = feed([start(), blockStart(0, { type: 'text', text: '' }), ping, text(0, 'Hel'), text(0, 'lo'), blockStop(0), delta('end_turn'), stop]);
    expect(perEvent.map((out) => out.length)).toEqual([1, 0, 0, 1, 1, 0, 1, 1]);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(contentDeltas(chunks)).toEqual(['Hel', 'lo']);
    expect(finishReasons(chunks)).toEqual(['stop']);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 } });
    for (const chunk of chunks) expect(chunk).toMatchObject({ id: 'msg_1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'claude-haiku-4-5-20251001' });
  });

  it('streams tool_use as tool-call deltas: header with index, id and name, then each input piece', () => {
    const { chunks, perEvent } = feed([
      start(),
      blockStart(0, { type: 'text', text: '' }),
      text(0, 'Checking.'),
      blockStop(0),
      blockStart(1, { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} }),
      json(1, ''),
      json(1, '{"city": "Pa'),
      json(1, 'ris"}'),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: {} }),
      json(2, '{"zone":"CET"}'),
      blockStop(2),
      delta('tool_use'),
      stop,
    ]);
    expect(perEvent[4]?.[0]?.choices[0]?.delta.tool_calls).toEqual([{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '' } }]);
    expect(perEvent[5]).toEqual([]); // the empty first input_json_delta
    expect(perEvent[6]?.[0]?.choices[0]?.delta.tool_calls).toEqual([{ index: 0, function: { arguments: '{"city": "Pa' } }]);
    expect(assembleToolCalls(chunks).map((c) => [c.index, c.ids, c.names, JSON.parse(c.arguments) as unknown])).toEqual([
      [0, ['toolu_a'], ['get_weather'], { city: 'Paris' }],
      [1, ['toolu_b'], ['get_time'], { zone: 'CET' }],
    ]);
    expect(finishReasons(chunks)).toEqual(['tool_calls']);
  });

  it('gives a tool called without input the arguments "{}"', () => {
    const { chunks } = feed([start(), blockStart(0, { type: 'tool_use', id: 't', name: 'now', input: {} }), json(0, ''), blockStop(0), delta('tool_use'), stop]);
    expect(assembleToolCalls(chunks)[0]?.arguments).toBe('{}');
  });

  it('streams the JSON response tool as content, and its tool_use stop as stop', () => {
    const { chunks } = feed([start(), blockStart(0, { type: 'tool_use', id: 't', name: 'city', input: {} }), json(0, ''), json(0, '{"name":'), json(0, '"Oslo"}'), blockStop(0), delta('tool_use'), stop], { responseTool: 'city' });
    expect(contentDeltas(chunks).join('')).toBe('{"name":"Oslo"}');
    expect(assembleToolCalls(chunks)).toEqual([]);
    expect(finishReasons(chunks)).toEqual(['stop']);
  });

  it('ignores thinking blocks, their deltas and unknown events', () => {
    const { chunks } = feed([
      start(),
      blockStart(0, { type: 'thinking', thinking: '' }),
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } }],
      blockStop(0),
      ['brand_new_event', { type: 'brand_new_event' }],
      blockStart(1, { type: 'text', text: '' }),
      text(1, 'Answer'),
      blockStop(1),
      delta('end_turn'),
      stop,
    ]);
    expect(contentDeltas(chunks)).toEqual(['Answer']);
    expect(chunks).toHaveLength(4);
  });

  it('maps usage with cache tokens, taking the latest cumulative counts from message_delta', () => {
    const { chunks } = feed([
      start({ input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 20, output_tokens: 1 }),
      delta('max_tokens', { output_tokens: 8, input_tokens: 6 }),
      stop,
    ]);
    expect(finishReasons(chunks)).toEqual(['length']);
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 126, completion_tokens: 8, total_tokens: 134, prompt_tokens_details: { cached_tokens: 100 } });
  });

  it('sends the usage chunk from end() when message_stop never came, once, and not without a stop reason', () => {
    const finished = feed([start(), delta('end_turn')]);
    expect(finished.converter.finished).toBe(true);
    expect(finished.converter.end()).toHaveLength(1);
    expect(finished.converter.end()).toEqual([]);
    const unfinished = feed([start(), blockStart(0, { type: 'text', text: '' }), text(0, 'x')]);
    expect(unfinished.converter.finished).toBe(false);
    expect(unfinished.converter.end()).toEqual([]);
  });

  it('leaves the usage chunk out when the caller did not ask and streamUsage is off', () => {
    const { chunks } = feed([start(), delta('end_turn'), stop], { includeUsage: false });
    expect(chunks.some((c: ChatCompletionChunk) => c.usage)).toBe(false);
  });

  it('sends the role chunk first even when message_start is missing', () => {
    const { chunks } = feed([blockStart(0, { type: 'text', text: 'Hi' }), delta('end_turn')]);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(contentDeltas(chunks)).toEqual(['Hi']);
  });

  it('throws the typed error of an error event: overloaded → retryable 529, rate limit → RateLimitError', () => {
    const c = converter();
    c.accept(...start());
    const overloaded = (() => {
      try {
        c.accept('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(ProviderHttpError.isInstance(overloaded)).toBe(true);
    expect(overloaded).toMatchObject({ status: 529, retryable: true, details: { type: 'overloaded_error' } });
    expect(() => converter().accept('error', { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } })).toThrow(RateLimitError);
  });

  it('throws malformed_response for events that are not objects or lack their fields', () => {
    expect(() => converter().accept('content_block_delta', 'nope')).toThrow(expect.objectContaining({ code: 'malformed_response' }) as Error);
    expect(() => converter().accept('content_block_start', { type: 'content_block_start' })).toThrow(/content_block_start/);
  });
});
