import Anthropic, { APIError, AuthenticationError, BadRequestError, InternalServerError, NotFoundError, PermissionDeniedError, RateLimitError } from '@anthropic-ai/sdk';
import { anthropicStatus } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it } from 'vitest';
import { startMixedFixture, type MixedFixture } from './support/mixed-vendors.js';

let fixture: MixedFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const client = (f: MixedFixture, apiKey = 'sk-app') => new Anthropic({ baseURL: f.proxy.url, apiKey, maxRetries: 0 });
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('the official @anthropic-ai/sdk client against /v1/messages', () => {
  it('messages.create over an OpenAI model: the answer comes back as a Message with usage', async () => {
    fixture = await startMixedFixture();
    fixture.openai.script({ kind: 'ok', content: 'Hello from GPT', usage: { prompt_tokens: 11, completion_tokens: 4 } });
    const { data, response } = await client(fixture).messages.create({ model: 'openai-first', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(data).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Hello from GPT' }], stop_reason: 'end_turn', usage: { input_tokens: 11, output_tokens: 4 } });
    expect(response.headers.get('x-modelmesh-provider')).toBe('openai');
    expect(fixture.openai.requests[0]?.body).toMatchObject({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] });
  });

  it('messages.stream: the typed event sequence, and the final message with usage', async () => {
    fixture = await startMixedFixture();
    fixture.openai.script({ kind: 'ok', chunks: ['Once ', 'upon ', 'a time'], usage: { prompt_tokens: 9, completion_tokens: 3 } });
    const stream = client(fixture).messages.stream({ model: 'openai-first', max_tokens: 100, messages: [{ role: 'user', content: 'Tell a story' }] });
    const events: string[] = [];
    for await (const event of stream) events.push(event.type);
    const message = await stream.finalMessage();
    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(message.content).toEqual([{ type: 'text', text: 'Once upon a time' }]);
    expect(message.usage).toMatchObject({ input_tokens: 9, output_tokens: 3 });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('a tool round trip through an OpenAI model, tool_use and tool_result translated both ways', async () => {
    fixture = await startMixedFixture();
    fixture.openai.script({ kind: 'ok', toolCalls: [{ id: 'call_w1', name: 'get_weather', arguments: { city: 'Paris' } }] }, { kind: 'ok', content: 'It is 18°C in Paris.' });
    const anthropic = client(fixture);
    const tools: Anthropic.Tool[] = [{ name: 'get_weather', description: 'Weather of a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris?' };
    const first = await anthropic.messages.create({ model: 'openai-first', max_tokens: 200, tools, tool_choice: { type: 'auto' }, messages: [question] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
    expect(use).toMatchObject({ id: 'call_w1', name: 'get_weather', input: { city: 'Paris' } });
    const second = await anthropic.messages.create({
      model: 'openai-first',
      max_tokens: 200,
      tools,
      messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_w1', content: '18°C' }] }],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'It is 18°C in Paris.' }]);
    expect(fixture.openai.requests[0]?.body).toMatchObject({ tools: [{ type: 'function', function: { name: 'get_weather' } }], tool_choice: 'auto' });
    expect(fixture.openai.requests[1]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_w1', content: '18°C' },
      ],
    });
  });

  it('streams a tool call as a tool_use block with input_json deltas', async () => {
    fixture = await startMixedFixture();
    fixture.openai.script({ kind: 'ok', toolCalls: [{ id: 'call_s1', name: 'lookup', arguments: { q: 'cats' } }] });
    const stream = client(fixture).messages.stream({ model: 'openai-first', max_tokens: 100, tools: [{ name: 'lookup', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'Look up cats' }] });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'tool_use', id: 'call_s1', name: 'lookup', input: { q: 'cats' } }]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('sends an image to the OpenAI model as a data URL, and to the Anthropic model as the same base64 block', async () => {
    fixture = await startMixedFixture();
    const content: Anthropic.ContentBlockParam[] = [
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
    ];
    await client(fixture).messages.create({ model: 'openai-first', max_tokens: 50, messages: [{ role: 'user', content }] });
    await client(fixture).messages.create({ model: 'anthropic-first', max_tokens: 50, messages: [{ role: 'user', content }] });
    expect(fixture.openai.requests[0]?.body).toMatchObject({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }] });
    expect(fixture.anthropic.requests[0]?.body).toMatchObject({ messages: [{ role: 'user', content }] });
  });

  it('fails over from Anthropic to OpenAI before the first token, in a stream', async () => {
    fixture = await startMixedFixture();
    fixture.anthropic.script(anthropicStatus(529));
    fixture.openai.script({ kind: 'ok', chunks: ['rescued'] });
    const stream = client(fixture).messages.stream({ model: 'anthropic-first', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'rescued' }]);
    expect(fixture.anthropic.requests).toHaveLength(1);
    expect(fixture.openai.requests).toHaveLength(1);
    const { response } = await stream.withResponse();
    expect(response.headers.get('x-modelmesh-attempts')).toBe('2');
  });

  it('counts tokens with the mesh estimate, labelled as one', async () => {
    fixture = await startMixedFixture();
    const { data, response } = await client(fixture).messages.countTokens({ model: 'openai-first', messages: [{ role: 'user', content: 'Count these words, please.' }] }).withResponse();
    expect(data.input_tokens).toBeGreaterThan(0);
    expect((data as unknown as { estimated: boolean }).estimated).toBe(true);
    expect(response.headers.get('x-modelmesh-token-count')).toBe('estimate');
    expect(fixture.openai.requests).toHaveLength(0);
  });

  it('raises its typed errors with Anthropic-shaped bodies: 400, 401, 403, 404, 429, 529 and 5xx', async () => {
    fixture = await startMixedFixture();
    const hi: Anthropic.MessageParam[] = [{ role: 'user', content: 'Hi' }];
    const bad = await client(fixture).messages.create({ model: 'openai-first', max_tokens: 10, messages: hi, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as BadRequestError).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect((bad as BadRequestError).message).toContain('web_search_20250305');
    await expect(client(fixture, 'sk-wrong').messages.create({ model: 'openai-first', max_tokens: 10, messages: hi })).rejects.toBeInstanceOf(AuthenticationError);
    const denied = await client(fixture, 'sk-claude').messages.create({ model: 'openai-first', max_tokens: 10, messages: hi }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect((denied as PermissionDeniedError).error).toMatchObject({ error: { type: 'permission_error' } });
    const missing = await client(fixture).messages.create({ model: 'no-such-pool', max_tokens: 10, messages: hi }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).error).toMatchObject({ error: { type: 'not_found_error' } });
    await client(fixture, 'sk-slow').messages.create({ model: 'openai-first', max_tokens: 10, messages: hi });
    const limited = await client(fixture, 'sk-slow').messages.create({ model: 'openai-first', max_tokens: 10, messages: hi }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(Number((limited as RateLimitError).headers?.get('retry-after'))).toBeGreaterThan(0);
    // Both vendors fail: the pool is exhausted (502 api_error), then out of capacity (529 overloaded_error).
    fixture.openai.script({ kind: 'status', status: 500 });
    fixture.anthropic.script(anthropicStatus(500));
    const upstream = await client(fixture).messages.create({ model: 'openai-first', max_tokens: 10, messages: hi }).catch((e: unknown) => e);
    expect(upstream).toBeInstanceOf(InternalServerError);
    expect((upstream as APIError).status).toBe(502);
    expect((upstream as APIError).error).toMatchObject({ error: { type: 'api_error' } });
  });

  it('answers 529 overloaded_error when no model of the pool is active', async () => {
    fixture = await startMixedFixture();
    for (const model of fixture.mesh.poolStatus()['openai-first']?.models ?? []) fixture.mesh.deactivate(model.model);
    const error = await client(fixture).messages.create({ model: 'openai-first', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(529);
    expect((error as APIError).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });
});
