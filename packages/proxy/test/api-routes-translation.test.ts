import { Middleware, type ChatCompletion, type ChatCompletionCreateParams, type MiddlewareContext } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

type AnthropicError = { type: 'error'; error: { type: string; message: string } };
type OpenAIError = { error: { message: string; param: string | null } };

describe('/v1/messages request translation', () => {
  it('refuses a request without max_tokens, as Anthropic does, in Anthropic\'s shape', async () => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/messages`, { model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
  });

  it.each([
    [{ messages: [] }, /messages: must be a non-empty list/],
    [{ messages: [{ role: 'system', content: 'x' }] }, /messages\.0: each message needs a role/],
    [{ tool_choice: { type: 'sometimes' } }, /tool_choice: must be/],
    [{ mcp_servers: [{ url: 'https://x' }] }, /mcp_servers: is not supported/],
    [{ messages: [{ role: 'user', content: [{ type: 'search_result', source: 'x' }] }] }, /search_result/],
  ])('refuses %j with a 400 naming the problem', async (extra, message) => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/messages`, { model: 'chat', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }], ...extra });
    expect(response.status).toBe(400);
    expect(((await response.json()) as AnthropicError).error.message).toMatch(message);
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });

  it('sends stop_sequences, sampling, tool choice and the user id to the pool', async () => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/messages`, {
      model: 'chat',
      max_tokens: 64,
      stop_sequences: ['END'],
      temperature: 0.2,
      metadata: { user_id: 'u-1' },
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(response.status).toBe(200);
    expect(fixture.primary.provider.calls[0]?.params).toMatchObject({
      max_completion_tokens: 64,
      stop: ['END'],
      temperature: 0.2,
      user: 'u-1',
      tool_choice: 'required',
      parallel_tool_calls: false,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    });
  });
});

describe('/v1/responses request translation', () => {
  it('turns instructions and input items into messages: images, grouped function calls, outputs; reasoning dropped', async () => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/responses`, {
      model: 'chat',
      instructions: 'Be brief.',
      max_output_tokens: 99,
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Look' }, { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'low' }] },
        { type: 'reasoning', id: 'rs_1', summary: [] },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
        { type: 'function_call', call_id: 'c2', name: 'g', arguments: '{"a":1}' },
        { type: 'function_call_output', call_id: 'c1', output: 'one' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'two' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
      ],
    });
    expect(response.status).toBe(200);
    const call = fixture.primary.provider.calls[0];
    expect(call?.params).toMatchObject({ max_completion_tokens: 99 });
    expect(call?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }, { id: 'c2', type: 'function', function: { name: 'g', arguments: '{"a":1}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'one' },
      { role: 'tool', tool_call_id: 'c2', content: 'two' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('answers a cut answer as incomplete, with the reason', async () => {
    fixture = await startFixture({ script: { type: 'ok', content: 'cut sh', finishReason: 'length' } });
    const response = await postJson(`${fixture.baseURL}/responses`, { model: 'chat', input: 'Hi', max_output_tokens: 2 });
    expect(await response.json()).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });

  it.each([
    [{ conversation: 'conv_1' }, 'conversation'],
    [{ background: true }, 'background'],
    [{ tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] }, 'tools[0]'],
    [{ tool_choice: { type: 'web_search_preview' }, tools: [{ type: 'function', name: 'f' }] }, 'tool_choice'],
    [{ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }, 'input[0].content[0]'],
    [{ text: { format: { type: 'json_schema' } } }, 'text.format'],
  ])('refuses %j with a 400 naming the parameter', async (extra, param) => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/responses`, { model: 'chat', input: 'Hi', ...extra });
    expect(response.status).toBe(400);
    expect(((await response.json()) as OpenAIError).error.param).toBe(param);
  });
});

describe('middleware', () => {
  it('runs for /v1/responses and /v1/messages as for chat completions', async () => {
    const seen: string[] = [];
    class Tagging extends Middleware {
      override async beforeRequest(request: ChatCompletionCreateParams, _context: MiddlewareContext): Promise<ChatCompletionCreateParams> {
        seen.push(String(request.messages.at(-1)?.content));
        return request;
      }
      override async afterResponse(response: ChatCompletion, _context: MiddlewareContext): Promise<ChatCompletion> {
        const choice = response.choices[0];
        return choice ? { ...response, choices: [{ ...choice, message: { ...choice.message, content: `${choice.message.content ?? ''} [tagged]` } }] } : response;
      }
    }
    fixture = await startFixture({ script: { type: 'ok', content: 'answer' }, middleware: [new Tagging()] });
    const viaResponses = (await (await postJson(`${fixture.baseURL}/responses`, { model: 'chat', input: 'one' })).json()) as { output: Array<{ content: Array<{ text: string }> }> };
    const viaMessages = (await (await postJson(`${fixture.baseURL}/messages`, { model: 'chat', max_tokens: 5, messages: [{ role: 'user', content: 'two' }] })).json()) as { content: Array<{ text: string }> };
    expect(seen).toEqual(['one', 'two']);
    expect(viaResponses.output[0]?.content[0]?.text).toBe('answer [tagged]');
    expect(viaMessages.content[0]?.text).toBe('answer [tagged]');
  });
});
