import { InvalidRequestError, type ChatCompletionCreateParamsBase, type ChatCompletionTool } from '@modelmesh/provider';
import { validateAnthropicRequest } from '@modelmesh/testing/servers';
import { describe, expect, it } from 'vitest';
import { AnthropicWarnings, JSON_OBJECT_TOOL_NAME, prepareAnthropicRequest, UNSUPPORTED_OPENAI_PARAMS, type AnthropicWarning } from '../src/internal.js';

function prepare(params: Partial<ChatCompletionCreateParamsBase> & Record<string, unknown>, options: { stream?: boolean; samplingParams?: boolean } = {}) {
  const warnings: AnthropicWarning[] = [];
  const prepared = prepareAnthropicRequest(
    { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }], ...params } as ChatCompletionCreateParamsBase,
    { warnings: new AnthropicWarnings('anthropic', (w) => warnings.push(w)), defaultMaxTokens: 1234, samplingParams: options.samplingParams ?? true },
    options.stream ?? false,
  );
  expect(validateAnthropicRequest(prepared.body, options.samplingParams === false ? { version: '2026-10-21' } : {})).toEqual([]);
  return { ...prepared, warnings };
}

const weather: ChatCompletionTool = { type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const time: ChatCompletionTool = { type: 'function', function: { name: 'get_time' } };

describe('tools and tool_choice', () => {
  it('maps function tools to input_schema tools, giving a tool without parameters an empty object schema', () => {
    expect(prepare({ tools: [weather, time] }).body.tools).toEqual([
      { name: 'get_weather', description: 'Weather now', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      { name: 'get_time', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('keeps strict: true', () => {
    expect(prepare({ tools: [{ type: 'function', function: { ...weather.function, strict: true } } as ChatCompletionTool] }).body.tools?.[0]?.strict).toBe(true);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [{ type: 'function' as const, function: { name: 'get_time' } }, { type: 'tool', name: 'get_time' }],
  ] as const)('maps tool_choice %j to %j', (choice, expected) => {
    expect(prepare({ tools: [weather, time], tool_choice: choice }).body.tool_choice).toEqual(expected);
  });

  it('maps parallel_tool_calls: false to disable_parallel_tool_use, on auto when no choice was given', () => {
    expect(prepare({ tools: [weather], parallel_tool_calls: false }).body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(prepare({ tools: [weather], tool_choice: 'required', parallel_tool_calls: false }).body.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(prepare({ tools: [weather], tool_choice: 'none', parallel_tool_calls: false }).body.tool_choice).toEqual({ type: 'none' });
    expect(prepare({ tools: [weather], parallel_tool_calls: true }).body.tool_choice).toBeUndefined();
  });

  it('keeps only the allowed tools of allowed_tools', () => {
    const { body } = prepare({ tools: [weather, time], tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_time' } }] } } });
    expect(body.tools?.map((t) => t.name)).toEqual(['get_time']);
    expect(body.tool_choice).toEqual({ type: 'any' });
  });

  it('sends no tools and no choice when there are no tools', () => {
    const { body } = prepare({ tools: [], tool_choice: 'auto' });
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
  });

  it('refuses custom tools', () => {
    expect(() => prepare({ tools: [{ type: 'custom', custom: { name: 'grep' } }] })).toThrow(InvalidRequestError);
  });
});

describe('response_format: the forced-tool JSON technique', () => {
  const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };

  it('json_schema → one tool named after the schema, forced', () => {
    const { body, responseTool } = prepare({ response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } } });
    expect(body.tools).toEqual([{ name: 'city', description: 'Respond with a JSON object that matches this schema.', input_schema: schema, strict: true }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'city' });
    expect(responseTool).toBe('city');
  });

  it('json_object → a tool taking any object, forced', () => {
    const { body, responseTool } = prepare({ response_format: { type: 'json_object' } });
    expect(body.tools).toEqual([{ name: JSON_OBJECT_TOOL_NAME, description: 'Respond with a JSON object.', input_schema: { type: 'object', additionalProperties: true } }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: JSON_OBJECT_TOOL_NAME });
    expect(responseTool).toBe(JSON_OBJECT_TOOL_NAME);
  });

  it('beside the caller’s tools with tool_choice auto: the JSON tool is added and the model must call one of them', () => {
    const { body, responseTool } = prepare({ tools: [weather], response_format: { type: 'json_schema', json_schema: { name: 'get_weather', schema } } });
    // The schema's name is taken by a real tool, so the response tool gets a free one.
    expect(body.tools?.map((t) => t.name)).toEqual(['get_weather', 'get_weather_2']);
    expect(body.tool_choice).toEqual({ type: 'any' });
    expect(responseTool).toBe('get_weather_2');
  });

  it('with tool_choice required or a named tool, the caller wants a tool call: no JSON tool', () => {
    expect(prepare({ tools: [weather], tool_choice: 'required', response_format: { type: 'json_object' } }).responseTool).toBeUndefined();
    expect(prepare({ tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } }, response_format: { type: 'json_object' } }).body.tools).toHaveLength(1);
  });

  it('with tool_choice none, only the JSON tool is sent, forced', () => {
    const { body } = prepare({ tools: [weather], tool_choice: 'none', response_format: { type: 'json_object' } });
    expect(body.tools?.map((t) => t.name)).toEqual([JSON_OBJECT_TOOL_NAME]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: JSON_OBJECT_TOOL_NAME });
  });

  it('response_format text changes nothing', () => {
    expect(prepare({ response_format: { type: 'text' } }).body.tools).toBeUndefined();
  });
});

describe('parameters', () => {
  it('max_tokens: max_completion_tokens, else max_tokens, else the default from the model', () => {
    expect(prepare({ max_completion_tokens: 10, max_tokens: 20 }).body.max_tokens).toBe(10);
    expect(prepare({ max_tokens: 20 }).body.max_tokens).toBe(20);
    expect(prepare({}).body.max_tokens).toBe(1234);
  });

  it('stop → stop_sequences, leaving out whitespace-only ones (the API rejects them) with a warning', () => {
    expect(prepare({ stop: 'END' }).body.stop_sequences).toEqual(['END']);
    const { body, warnings } = prepare({ stop: ['\n\n', 'Human:', ' '] });
    expect(body.stop_sequences).toEqual(['Human:']);
    expect(warnings.map((w) => [w.type, w.param])).toEqual([['adjusted-param', 'stop']]);
    expect(prepare({ stop: ['\n'] }).body.stop_sequences).toBeUndefined();
  });

  it('passes temperature, top_p and top_k; caps temperature at 1; leaves top_p out beside temperature', () => {
    expect(prepare({ top_p: 0.9, top_k: 40 }).body).toMatchObject({ top_p: 0.9, top_k: 40 });
    expect(prepare({ temperature: 0.3 }).body.temperature).toBe(0.3);
    const capped = prepare({ temperature: 1.6 });
    expect(capped.body.temperature).toBe(1);
    expect(capped.warnings[0]).toMatchObject({ type: 'adjusted-param', param: 'temperature' });
    const both = prepare({ temperature: 0.2, top_p: 0.5 });
    expect(both.body).toMatchObject({ temperature: 0.2 });
    expect(both.body.top_p).toBeUndefined();
    expect(both.warnings[0]).toMatchObject({ type: 'adjusted-param', param: 'top_p' });
  });

  it('leaves sampling parameters out for an API version that removed them', () => {
    const { body, warnings } = prepare({ temperature: 0.2, top_k: 5 }, { samplingParams: false });
    expect(body.temperature).toBeUndefined();
    expect(body.top_k).toBeUndefined();
    expect(warnings.map((w) => w.param)).toEqual(['temperature', 'top_k']);
  });

  it('user (or safety_identifier) → metadata.user_id', () => {
    expect(prepare({ user: 'u-1' }).body.metadata).toEqual({ user_id: 'u-1' });
    expect(prepare({ safety_identifier: 's-1' }).body.metadata).toEqual({ user_id: 's-1' });
  });

  it('leaves out unsupported and unknown parameters, warning once per parameter', () => {
    const params = { frequency_penalty: 0.5, seed: 7, logprobs: true, n: 2, metadata: { a: 'b' }, reasoning_effort: 'high' as const, x_vendor_thing: 1 };
    const { body, warnings } = prepare(params);
    for (const param of Object.keys(params)) expect(body, param).not.toHaveProperty(param);
    expect(warnings.map((w) => w.param).sort()).toEqual(Object.keys(params).sort());
    expect(warnings.every((w) => w.type === 'unsupported-param' && w.providerId === 'anthropic')).toBe(true);
  });

  it('does not warn for values that ask for nothing (n: 1, logprobs: false, null)', () => {
    expect(prepare({ n: 1, logprobs: false, store: false, seed: null, stream_options: { include_usage: true } }).warnings).toEqual([]);
  });

  it('lists the documented unsupported parameters', () => {
    expect(UNSUPPORTED_OPENAI_PARAMS).toEqual(expect.arrayContaining(['frequency_penalty', 'presence_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'n', 'seed', 'reasoning_effort']));
  });

  it('adds stream: true for streams and nothing of OpenAI’s stream_options', () => {
    const { body } = prepare({ stream_options: { include_usage: true } }, { stream: true });
    expect(body.stream).toBe(true);
    expect(body).not.toHaveProperty('stream_options');
  });
});

describe('warnings', () => {
  it('are reported once per parameter and instance, through console.warn by default', () => {
    const seen: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => seen.push(message);
    try {
      const warnings = new AnthropicWarnings('claude-1');
      warnings.warn('unsupported-param', 'seed', 'no seed');
      warnings.warn('unsupported-param', 'seed', 'no seed');
      warnings.warn('unsupported-param', 'n', 'no n');
    } finally {
      console.warn = original;
    }
    expect(seen).toEqual(['[modelmesh] Provider "claude-1": no seed', '[modelmesh] Provider "claude-1": no n']);
  });
});
