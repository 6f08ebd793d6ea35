import { describe, expect, it } from 'vitest';
import { validateAnthropicRequest } from '../src/servers/index.js';

const base = { model: 'claude-haiku-4-5', max_tokens: 16 };
const check = (extra: Record<string, unknown>, options = {}) => validateAnthropicRequest({ ...base, messages: [{ role: 'user', content: 'Hi' }], ...extra }, options);

describe('validateAnthropicRequest', () => {
  it('accepts a complete, valid request', () => {
    expect(
      check({
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '18' }, { type: 'text', text: 'Thanks' }] },
        ],
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        tool_choice: { type: 'tool', name: 'get_weather' },
        stop_sequences: ['END'],
        temperature: 0.5,
        metadata: { user_id: 'u' },
        stream: true,
      }),
    ).toEqual([]);
  });

  it.each([
    ['no body', null, /JSON object/],
    ['no model', { max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }, /model: Field required/],
    ['no messages', { ...base, messages: [] }, /at least one message/],
    ['a system role', { ...base, messages: [{ role: 'system', content: 'x' }] }, /Unexpected role "system"/],
    ['an assistant turn first', { ...base, messages: [{ role: 'assistant', content: 'x' }, { role: 'user', content: 'y' }] }, /first message/],
    ['whitespace-only text', { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: ' \n' }] }] }, /non-whitespace/],
    ['a data: URL in base64 data', { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'data:image/png;base64,AA' } }] }] }, /without a data: prefix/],
    ['a BMP image', { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'Qk0=' } }] }] }, /image\/jpeg/],
    [
      'a tool_result with no tool_use before it',
      { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'nope', content: 'x' }] }] },
      /unexpected `tool_use_id`/,
    ],
    [
      'a tool_use with no tool_result after it',
      {
        ...base,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] },
          { role: 'user', content: 'ignored it' },
        ],
      },
      /without `tool_result` blocks/,
    ],
    [
      'text before a tool_result',
      {
        ...base,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] },
          { role: 'user', content: [{ type: 'text', text: 'here' }, { type: 'tool_result', tool_use_id: 't', content: 'x' }] },
        ],
      },
      /must come before/,
    ],
    ['a final assistant turn ending in whitespace', { ...base, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'Sure ' }] }, /trailing whitespace/],
    ['a tool without an object schema', { ...base, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f', input_schema: { type: 'string' } }] }, /input_schema.type/],
    ['an OpenAI-style tool', { ...base, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f', input_schema: { type: 'object' }, parameters: {} }] }, /parameters: Extra inputs/],
    ['a choice of an unknown tool', { ...base, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'g' } }, /not found/],
    ['an OpenAI tool_choice', { ...base, messages: [{ role: 'user', content: 'x' }], tool_choice: 'auto' }, /expected tags/],
    ['a whitespace stop sequence', { ...base, messages: [{ role: 'user', content: 'x' }], stop_sequences: ['\n'] }, /non-whitespace/],
    ['temperature above 1', { ...base, messages: [{ role: 'user', content: 'x' }], temperature: 1.5 }, /between 0 and 1/],
    ['OpenAI metadata', { ...base, messages: [{ role: 'user', content: 'x' }], metadata: { suite: 'x' } }, /user_id/],
    ['an OpenAI parameter', { ...base, messages: [{ role: 'user', content: 'x' }], frequency_penalty: 0 }, /frequency_penalty: Extra inputs are not permitted/],
  ])('rejects %s', (_name, body, message) => {
    const issues = validateAnthropicRequest(body);
    expect(issues.length, JSON.stringify(issues)).toBeGreaterThan(0);
    expect(issues.join('\n')).toMatch(message);
  });

  it('allows consecutive same-role turns without strictAlternation, as the live API does', () => {
    const messages = [
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ];
    expect(check({ messages })).not.toEqual([]);
    expect(check({ messages }, { strictAlternation: false })).toEqual([]);
  });

  it('rejects sampling parameters from API version 2026-10-21 on', () => {
    expect(check({ temperature: 0.5, top_p: 0.9, top_k: 5 })).toEqual([]);
    expect(check({ temperature: 0.5, top_p: 0.9, top_k: 5 }, { version: '2026-10-21' })).toEqual([
      'temperature: Extra inputs are not permitted',
      'top_p: Extra inputs are not permitted',
      'top_k: Extra inputs are not permitted',
    ]);
  });
});
