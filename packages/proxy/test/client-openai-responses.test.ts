import OpenAI, { APIError, AuthenticationError, BadRequestError, InternalServerError, NotFoundError, PermissionDeniedError, RateLimitError } from 'openai';
import { anthropicStatus } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it } from 'vitest';
import { startMixedFixture, type MixedFixture } from './support/mixed-vendors.js';
import { expectEventValid, expectSpecValid } from './support/responses-spec.js';

let fixture: MixedFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const client = (f: MixedFixture, apiKey = 'sk-app') => new OpenAI({ baseURL: `${f.proxy.url}/v1`, apiKey, maxRetries: 0 });

describe('the official openai client against /v1/responses', () => {
  it('responses.create over an Anthropic model: a Response object valid against the spec', async () => {
    fixture = await startMixedFixture();
    fixture.anthropic.script({ kind: 'ok', content: 'Hello from Claude', usage: { input_tokens: 12, output_tokens: 4 } });
    const { data, response } = await client(fixture).responses.create({ model: 'anthropic-first', instructions: 'Be brief.', input: 'Hi' }).withResponse();
    expect(data.output_text).toBe('Hello from Claude');
    expect(data).toMatchObject({ object: 'response', status: 'completed', store: false, usage: { input_tokens: 12, output_tokens: 4, total_tokens: 16 } });
    expectSpecValid('Response', data);
    expect(response.headers.get('x-modelmesh-provider')).toBe('anthropic');
    expect(fixture.anthropic.requests[0]?.body).toMatchObject({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('streams the typed event sequence, every event valid against the spec', async () => {
    fixture = await startMixedFixture();
    fixture.anthropic.script({ kind: 'ok', chunks: ['Once ', 'upon ', 'a time'], usage: { input_tokens: 9, output_tokens: 3 } });
    const stream = await client(fixture).responses.create({ model: 'anthropic-first', input: 'Tell a story', stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    for (const event of events) expectEventValid(event);
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const completed = events.at(-1);
    expect(completed?.type === 'response.completed' && completed.response.output[0]).toMatchObject({ type: 'message', status: 'completed', content: [{ type: 'output_text', text: 'Once upon a time' }] });
    expect(completed?.type === 'response.completed' && completed.response.usage).toMatchObject({ input_tokens: 9, output_tokens: 3 });
  });

  it('the responses.stream() helper rebuilds the same Response from the events', async () => {
    fixture = await startMixedFixture();
    fixture.openai.script({ kind: 'ok', chunks: ['Hel', 'lo'] });
    const final = await client(fixture).responses.stream({ model: 'openai-first', input: 'Hi' }).finalResponse();
    // The helper checks each event against its snapshot (item indexes, content types) and throws on a mismatch.
    expect(final.output).toMatchObject([{ type: 'message', content: [{ type: 'output_text', text: 'Hello' }] }]);
    expect(final.status).toBe('completed');
  });

  it('a function tool round trip over an Anthropic model, streamed arguments included', async () => {
    fixture = await startMixedFixture();
    fixture.anthropic.script({ kind: 'ok', toolUses: [{ id: 'toolu_w1', name: 'get_weather', input: { city: 'Paris' } }] }, { kind: 'ok', content: 'It is 18°C in Paris.' });
    const openai = client(fixture);
    const tools: OpenAI.Responses.Tool[] = [{ type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: false }];
    const stream = await openai.responses.create({ model: 'anthropic-first', input: 'Weather in Paris?', tools, stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    for (const event of events) expectEventValid(event);
    const args = events.filter((e) => e.type === 'response.function_call_arguments.delta').map((e) => e.delta).join('');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    const done = events.at(-1);
    if (done?.type !== 'response.completed') throw new Error(`stream ended with ${done?.type}`);
    const call = done.response.output.find((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call');
    expect(call).toMatchObject({ call_id: 'toolu_w1', name: 'get_weather', status: 'completed' });
    const second = await openai.responses.create({
      model: 'anthropic-first',
      tools,
      input: [{ role: 'user', content: 'Weather in Paris?' }, { type: 'function_call', call_id: 'toolu_w1', name: 'get_weather', arguments: call?.arguments ?? '' }, { type: 'function_call_output', call_id: 'toolu_w1', output: '18°C' }],
    });
    expect(second.output_text).toBe('It is 18°C in Paris.');
    expectSpecValid('Response', second);
    expect(fixture.anthropic.requests[1]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_w1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_w1', content: '18°C' }] },
      ],
    });
  });

  it('answers a JSON schema (text.format) from either vendor', async () => {
    fixture = await startMixedFixture();
    const format = { type: 'json_schema' as const, name: 'weather', strict: true, schema: { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'], additionalProperties: false } };
    fixture.anthropic.script({ kind: 'ok', toolUses: [{ name: 'weather', input: { celsius: 18 } }] });
    fixture.openai.script({ kind: 'ok', content: '{"celsius":21}' });
    const openai = client(fixture);
    const fromClaude = await openai.responses.create({ model: 'anthropic-first', input: 'Paris weather as JSON', text: { format } });
    const fromGpt = await openai.responses.create({ model: 'openai-first', input: 'Paris weather as JSON', text: { format } });
    expect(JSON.parse(fromClaude.output_text)).toEqual({ celsius: 18 });
    expect(JSON.parse(fromGpt.output_text)).toEqual({ celsius: 21 });
    expect(fromGpt.text?.format).toMatchObject({ type: 'json_schema', name: 'weather' });
    expect(fixture.openai.requests[0]?.body).toMatchObject({ response_format: { type: 'json_schema', json_schema: { name: 'weather', strict: true } } });
    expect(fixture.anthropic.requests[0]?.body).toMatchObject({ tool_choice: { type: 'tool', name: 'weather' } });
  });

  it('fails over from OpenAI to Anthropic before the first token of a stream', async () => {
    fixture = await startMixedFixture();
    fixture.openai.script({ kind: 'status', status: 503 });
    fixture.anthropic.script({ kind: 'ok', chunks: ['rescued'] });
    const { data: stream, response } = await client(fixture).responses.create({ model: 'openai-first', input: 'Hi', stream: true }).withResponse();
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe('rescued');
    expect(response.headers.get('x-modelmesh-attempts')).toBe('2');
    expect(response.headers.get('x-modelmesh-provider')).toBe('anthropic');
  });

  it('refuses what a stateless proxy cannot do with a 400 that says so', async () => {
    fixture = await startMixedFixture();
    const openai = client(fixture);
    const cases: Array<[OpenAI.Responses.ResponseCreateParamsNonStreaming, string, RegExp]> = [
      [{ model: 'openai-first', input: 'Hi', previous_response_id: 'resp_1' }, 'previous_response_id', /stateless/],
      [{ model: 'openai-first', input: 'Hi', store: true }, 'store', /stateless/],
      [{ model: 'openai-first', input: 'Hi', tools: [{ type: 'web_search' }] }, 'tools[0]', /Built-in tools such as "web_search"/],
      [{ model: 'openai-first', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0]', /stateless/],
    ];
    for (const [params, param, message] of cases) {
      const error = await openai.responses.create(params).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).param).toBe(param);
      expect((error as BadRequestError).message).toMatch(message);
      expectSpecValid('ErrorResponse', (error as BadRequestError).error === undefined ? {} : { error: (error as BadRequestError).error });
    }
    expect(fixture.openai.requests).toHaveLength(0);
  });

  it('raises its typed errors: 401, 403, 404, 429 with Retry-After and 5xx', async () => {
    fixture = await startMixedFixture();
    const input = 'Hi';
    await expect(client(fixture, 'sk-wrong').responses.create({ model: 'openai-first', input })).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client(fixture, 'sk-claude').responses.create({ model: 'openai-first', input })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(client(fixture).responses.create({ model: 'no-such-pool', input })).rejects.toBeInstanceOf(NotFoundError);
    const first = await client(fixture, 'sk-slow').responses.create({ model: 'openai-first', input }).withResponse();
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('1');
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const limited = await client(fixture, 'sk-slow').responses.create({ model: 'openai-first', input }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(Number((limited as RateLimitError).headers?.get('retry-after'))).toBeGreaterThan(0);
    fixture.openai.script({ kind: 'status', status: 500 });
    fixture.anthropic.script(anthropicStatus(500));
    const upstream = await client(fixture).responses.create({ model: 'openai-first', input }).catch((e: unknown) => e);
    expect(upstream).toBeInstanceOf(InternalServerError);
    expect((upstream as APIError).status).toBe(502);
    for (const model of fixture.mesh.poolStatus()['openai-first']?.models ?? []) fixture.mesh.deactivate(model.model);
    const none = await client(fixture).responses.create({ model: 'openai-first', input }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(InternalServerError);
    expect((none as APIError).status).toBe(503);
    expect((none as APIError).code).toBe('no_active_model');
  });
});
