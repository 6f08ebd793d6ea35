import { InvalidRequestError, type ChatCompletionMessageParam } from '@modelmesh/provider';
import { validateAnthropicRequest } from '@modelmesh/testing/servers';
import { describe, expect, it } from 'vitest';
import { convertToAnthropicMessages, PLACEHOLDER_USER_TEXT } from '../src/internal.js';

/** Converts and checks that the result is what the Messages API accepts. */
function convert(messages: ChatCompletionMessageParam[]) {
  const prompt = convertToAnthropicMessages(messages);
  expect(validateAnthropicRequest({ model: 'claude-haiku-4-5', max_tokens: 16, ...prompt })).toEqual([]);
  return prompt;
}

describe('system and developer messages', () => {
  it('hoists a single system message into `system` as a string', () => {
    expect(convert([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }])).toEqual({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('hoists several system and developer messages, wherever they are, as text blocks in order', () => {
    const prompt = convert([
      { role: 'system', content: 'One.' },
      { role: 'user', content: 'Hi' },
      { role: 'developer', content: [{ type: 'text', text: 'Two.' }] },
      { role: 'assistant', content: 'Hello' },
      { role: 'system', content: 'Three.' },
      { role: 'user', content: 'Go on' },
    ]);
    expect(prompt.system).toEqual([
      { type: 'text', text: 'One.' },
      { type: 'text', text: 'Two.' },
      { type: 'text', text: 'Three.' },
    ]);
    expect(prompt.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('leaves `system` out when there is none, or only whitespace', () => {
    expect(convert([{ role: 'system', content: '  ' }, { role: 'user', content: 'Hi' }]).system).toBeUndefined();
  });
});

describe('alternation repair', () => {
  it('merges consecutive turns of the same role', () => {
    expect(
      convert([
        { role: 'user', content: 'A' },
        { role: 'user', content: [{ type: 'text', text: 'B' }] },
        { role: 'assistant', content: 'C' },
        { role: 'assistant', content: 'D' },
        { role: 'user', content: 'E' },
      ]).messages,
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'C' },
          { type: 'text', text: 'D' },
        ],
      },
      { role: 'user', content: 'E' },
    ]);
  });

  it('puts a user turn before a leading assistant turn', () => {
    expect(convert([{ role: 'assistant', content: 'Hello there' }, { role: 'user', content: 'Hi' }]).messages).toEqual([
      { role: 'user', content: PLACEHOLDER_USER_TEXT },
      { role: 'assistant', content: 'Hello there' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('sends a lone user turn when only system messages were given', () => {
    expect(convert([{ role: 'system', content: 'Write a haiku.' }])).toEqual({ system: 'Write a haiku.', messages: [{ role: 'user', content: PLACEHOLDER_USER_TEXT }] });
  });

  it('drops empty turns before merging, so their neighbours merge', () => {
    expect(
      convert([
        { role: 'user', content: 'A' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'B' },
      ]).messages,
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
      },
    ]);
  });

  it('keeps a final assistant turn as a prefill, without trailing whitespace', () => {
    expect(convert([{ role: 'user', content: 'List three fruits as JSON.' }, { role: 'assistant', content: '{"fruits": [ \n' }]).messages.at(-1)).toEqual({ role: 'assistant', content: '{"fruits": [' });
    expect(convert([{ role: 'user', content: 'Hi' }, { role: 'assistant', content: '   ' }]).messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('drops whitespace-only text parts, which the API rejects', () => {
    expect(convert([{ role: 'user', content: [{ type: 'text', text: ' \n' }, { type: 'text', text: 'Real' }] }]).messages).toEqual([{ role: 'user', content: 'Real' }]);
  });
});

describe('tools', () => {
  const conversation: ChatCompletionMessageParam[] = [
    { role: 'user', content: 'Weather in Paris and Rome?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
    { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '24°C' }] },
    { role: 'user', content: 'Which is warmer?' },
  ];

  it('turns tool calls into tool_use blocks and tool messages into one user turn of tool_result blocks, text after', () => {
    expect(convert(conversation).messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'get_weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '18°C' },
          { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: '24°C' }] },
          { type: 'text', text: 'Which is warmer?' },
        ],
      },
    ]);
  });

  it('puts tool results before text that came first in the same merged turn', () => {
    const messages = convert([
      { role: 'user', content: 'Go' },
      { role: 'assistant', content: 'Calling.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'user', content: 'Also, hurry.' },
      { role: 'tool', tool_call_id: 'c1', content: 'done' },
    ]).messages;
    expect(messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 'c1', content: 'done' },
      { type: 'text', text: 'Also, hurry.' },
    ]);
  });

  it('refuses tool call arguments that are not a JSON object, naming the call', () => {
    const bad = (args: string) => () => convertToAnthropicMessages([{ role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'f', arguments: args } }] }]);
    expect(bad('{not json')).toThrow(InvalidRequestError);
    expect(bad('{not json')).toThrow(/call_9/);
    expect(bad('[1,2]')).toThrow(/not a JSON object/);
  });

  it('refuses custom tool calls and deprecated function messages', () => {
    expect(() => convertToAnthropicMessages([{ role: 'assistant', tool_calls: [{ id: 'x', type: 'custom', custom: { name: 'grep', input: 'foo' } }] }])).toThrow(InvalidRequestError);
    expect(() => convertToAnthropicMessages([{ role: 'function', name: 'f', content: 'x' }])).toThrow(/function/);
  });
});

describe('content blocks', () => {
  it('turns a base64 data URL into a base64 image block and an https URL into a URL image block', () => {
    const [turn] = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGRg==', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        ],
      },
    ]).messages;
    expect(turn?.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGRg==' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
    ]);
  });

  it('turns a base64 PDF file part into a document block', () => {
    const [turn] = convert([{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0x', filename: 'report.pdf' } }, { type: 'text', text: 'Summarise' }] }]).messages;
    expect(turn?.content).toEqual([
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' }, title: 'report.pdf' },
      { type: 'text', text: 'Summarise' },
    ]);
  });

  it('refuses what the Messages API cannot take, naming the part', () => {
    const user = (content: Extract<ChatCompletionMessageParam, { role: 'user' }>['content']) => () => convertToAnthropicMessages([{ role: 'user', content }]);
    expect(user([{ type: 'image_url', image_url: { url: 'data:image/bmp;base64,Qk0=' } }])).toThrow(/JPEG, PNG, GIF and WebP/);
    expect(user([{ type: 'image_url', image_url: { url: 'ftp://example.com/a.png' } }])).toThrow(InvalidRequestError);
    expect(user([{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }])).toThrow(/audio/);
    expect(user([{ type: 'file', file: { file_id: 'file-abc' } }])).toThrow(/PDF/);
    const thrown = (() => {
      try {
        user([{ type: 'text', text: 'x' }, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }])();
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toMatchObject({ name: 'InvalidRequestError', param: 'messages[0].content[1]' });
  });

  it('drops message names, which have no equivalent', () => {
    expect(convert([{ role: 'user', name: 'alice', content: 'Hi' }]).messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });
});
