import type { ChatCompletion, ChatCompletionChunk, ChatCompletionFinishReason } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import {
  anthropicErrorTypeOf,
  anthropicMessageFromCompletion,
  AnthropicStreamConverter,
  AnthropicStreamEncoder,
  convertFromAnthropicMessages,
  convertToAnthropicMessages,
  fromAnthropicTool,
  fromAnthropicToolChoice,
  convertTools,
  mapAnthropicStopReason,
  mapAnthropicUsage,
  messageToCompletion,
  toAnthropicStopReason,
  toAnthropicUsage,
  type AnthropicMessage,
  type AnthropicMessageParam,
  type AnthropicTool,
  type AnthropicToolChoice,
} from '../src/internal.js';

const PNG = 'iVBORw0KGgo=';

describe('the converters run in both directions', () => {
  it('Anthropic turns → OpenAI messages → the same Anthropic turns', () => {
    const messages: AnthropicMessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Let me look it up.' }, { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'cat' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'a cat' }, { type: 'text', text: 'And now?' }] },
      { role: 'assistant', content: 'It is a cat.' },
      { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'a.pdf' }] },
    ];
    const openai = convertFromAnthropicMessages({ system: 'Be brief.', messages });
    expect(openai[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(openai.find((m) => m.role === 'tool')).toEqual({ role: 'tool', tool_call_id: 'toolu_1', content: 'a cat' });
    expect(convertToAnthropicMessages(openai)).toEqual({ system: 'Be brief.', messages });
  });

  it('moves images out of a tool result into the user turn, and drops thinking blocks', () => {
    const openai = convertFromAnthropicMessages({
      messages: [
        { role: 'user', content: 'Take a screenshot' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 's' } as never, { type: 'tool_use', id: 't1', name: 'shot', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'done' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] }] },
      ],
    });
    expect(openai.slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'shot', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 't1', content: 'done' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] },
    ]);
  });

  it('refuses blocks no other vendor understands, naming the block', () => {
    expect(() => convertFromAnthropicMessages({ messages: [{ role: 'user', content: [{ type: 'search_result' } as never] }] })).toThrow(/search_result/);
  });

  it('tools and tool choices map back to themselves', () => {
    const tools: AnthropicTool[] = [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } }, strict: true }];
    const choices: AnthropicToolChoice[] = [{ type: 'auto' }, { type: 'any' }, { type: 'none' }, { type: 'tool', name: 'get_weather' }, { type: 'any', disable_parallel_tool_use: true }];
    for (const choice of choices) {
      const back = fromAnthropicToolChoice(choice);
      expect(convertTools(tools.map(fromAnthropicTool), back.tool_choice, back.parallel_tool_calls)).toEqual({ tools, choice });
    }
  });

  it('stop reasons, usage and error types map back to themselves', () => {
    for (const finish of ['stop', 'length', 'tool_calls', 'content_filter'] as ChatCompletionFinishReason[]) expect(mapAnthropicStopReason(toAnthropicStopReason(finish))).toBe(finish);
    const usage = { prompt_tokens: 30, completion_tokens: 7, total_tokens: 37, prompt_tokens_details: { cached_tokens: 10 } };
    expect(toAnthropicUsage(usage)).toMatchObject({ input_tokens: 20, cache_read_input_tokens: 10, output_tokens: 7 });
    expect(mapAnthropicUsage(toAnthropicUsage(usage))).toEqual(usage);
    expect([400, 401, 403, 404, 413, 429, 500, 503, 529].map(anthropicErrorTypeOf)).toEqual([
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'not_found_error',
      'request_too_large',
      'rate_limit_error',
      'api_error',
      'overloaded_error',
      'overloaded_error',
    ]);
  });

  it('a completion → a Message → the same completion', () => {
    const completion: ChatCompletion = {
      id: 'msg_01',
      object: 'chat.completion',
      created: 1,
      model: 'claude-test',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Calling.', refusal: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, logprobs: null, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17, prompt_tokens_details: { cached_tokens: 0 } },
    };
    const message = anthropicMessageFromCompletion(completion);
    expect(message.content).toEqual([{ type: 'text', text: 'Calling.' }, { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } }]);
    const back = messageToCompletion(message as unknown as AnthropicMessage, { providerId: 'p', modelId: 'claude-test', secrets: [], responseTool: undefined, created: 1 });
    expect(back).toEqual(completion);
  });

  it('chunks → Messages events → the same chunks', () => {
    const base = { id: 'msg_1', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
    const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: ChatCompletionFinishReason | null = null): ChatCompletionChunk => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    const chunks: ChatCompletionChunk[] = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({ tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'f', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '2}' } }] }),
      chunk({}, 'tool_calls'),
      { ...base, choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13, prompt_tokens_details: { cached_tokens: 0 } } },
    ];
    const encoder = new AnthropicStreamEncoder({ id: 'msg_1', model: 'm', estimatedInputTokens: 8 });
    const events = [...chunks.flatMap((c) => encoder.accept(c)), ...encoder.finish()];
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const converter = new AnthropicStreamConverter({ providerId: 'p', modelId: 'm', secrets: [], responseTool: undefined, includeUsage: true, created: 1 });
    const back = events.flatMap((e) => converter.accept(e.event, e.data));
    expect(back).toEqual(chunks);
  });
});
