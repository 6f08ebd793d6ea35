import type { ChatCompletionCreateParamsNonStreaming } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { anthropicErrorBody } from '../../servers/anthropic/anthropic-error-bodies.js';
import { validateAnthropicRequest } from '../../servers/anthropic/validate-anthropic-request.js';
import { describeThrown, rejectionOf } from '../expect-provider-error.js';
import { drain } from '../stream-reading.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';

/** A parameter neither OpenAI nor Anthropic knows: it must not reach the Messages API, which rejects extra inputs. */
const UNKNOWN_PARAM = 'x_conformance_unknown';

/** An OpenAI-shaped conversation with everything the Messages API wants differently. */
function richParams(model: string, tools: boolean): ChatCompletionCreateParamsNonStreaming & Record<string, unknown> {
  const toolTurn: ChatCompletionCreateParamsNonStreaming['messages'] = tools
    ? [
        { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_conf_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'toolu_conf_1', content: '{"celsius":21}' },
      ]
    : [];
  return {
    model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
      { role: 'user', content: 'Answer in one line.' },
      ...toolTurn,
    ],
    temperature: 0.2,
    max_completion_tokens: 64,
    stop: ['END'],
    user: 'conformance-user',
    ...(tools
      ? {
          tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
          tool_choice: 'auto',
        }
      : {}),
    [UNKNOWN_PARAM]: { keep: false },
  };
}

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** What the provider sends: a Messages API body the API accepts, its headers and credentials. */
export function checkAnthropicRequests(ctx: AnthropicConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('requests', () => {
    it('sends a Messages API body: system hoisted, turns merged to alternate, max_tokens set, nothing the API rejects', { timeout }, async () => {
      await ctx.provider.chat(richParams(options.model, options.tools), ctx.call());
      const request = ctx.server.requests[0];
      expect(request?.method).toBe('POST');
      expect(request?.path).toBe('/v1/messages');
      expect(request?.headers['content-type']).toMatch(/^application\/json/);
      const body = asRecord(request?.body);
      expect(validateAnthropicRequest(body, { version: request?.headers['anthropic-version'] }), 'problems the Messages API would report').toEqual([]);
      expect(body['model']).toBe(options.model);
      expect(body['system']).toEqual(expect.stringContaining('You are terse.'));
      expect(body['max_tokens']).toBe(64);
      expect(body['stop_sequences']).toEqual(['END']);
      expect(body['metadata']).toEqual({ user_id: 'conformance-user' });
      expect(body[UNKNOWN_PARAM], 'an unknown parameter reached the API').toBeUndefined();
      const messages = (body['messages'] as Record<string, unknown>[] | undefined) ?? [];
      expect(messages.map((m) => m['role'])).toEqual(options.tools ? ['user', 'assistant', 'user'] : ['user']);
      if (options.tools) {
        expect(body['tools']).toEqual([expect.objectContaining({ name: 'get_weather', input_schema: expect.objectContaining({ type: 'object' }) })]);
        expect(body['tool_choice']).toEqual({ type: 'auto' });
        expect(messages[1]?.['content']).toEqual([expect.objectContaining({ type: 'tool_use', id: 'toolu_conf_1', name: 'get_weather', input: { city: 'Paris' } })]);
        expect(messages[2]?.['content']).toEqual([expect.objectContaining({ type: 'tool_result', tool_use_id: 'toolu_conf_1' })]);
      }
    });

    it('gives max_tokens a default when the caller sets none (the API requires it)', { timeout }, async () => {
      await ctx.provider.chat(ctx.chatParams(), ctx.call());
      const maxTokens = asRecord(ctx.server.requests[0]?.body)['max_tokens'];
      expect(Number.isInteger(maxTokens) && (maxTokens as number) > 0, `max_tokens = ${String(maxTokens)}`).toBe(true);
    });

    if (options.streaming) {
      it('sends the same body with `stream: true` for streams', { timeout }, async () => {
        const params = { ...richParams(options.model, options.tools), stream: true as const };
        await drain(await ctx.provider.chatStream(params, ctx.call()));
        await ctx.provider.chat(richParams(options.model, options.tools), ctx.call());
        const [streamed, plain] = ctx.server.requests.map((r) => asRecord(r.body));
        expect(streamed?.['stream']).toBe(true);
        const { stream: _stream, ...rest } = streamed ?? {};
        expect(rest).toEqual(plain);
        expect(validateAnthropicRequest(streamed, { version: ctx.server.requests[0]?.headers['anthropic-version'] })).toEqual([]);
      });
    }

    it("sends anthropic-version and the caller's extra headers", { timeout }, async () => {
      await ctx.provider.chat(ctx.chatParams(), ctx.call({ headers: { 'x-conformance-trace': 'trace-1' } }));
      expect(ctx.server.requests[0]?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ctx.server.requests[0]?.headers['x-conformance-trace']).toBe('trace-1');
    });

    const apiKey = options.apiKey;
    if (apiKey !== undefined) {
      it('sends the API key (as x-api-key, or a bearer token as newer SDKs do)', { timeout }, async () => {
        await ctx.provider.chat(ctx.chatParams(), ctx.call());
        const headers = ctx.server.requests[0]?.headers ?? {};
        expect(headers['x-api-key'] ?? headers['authorization']?.replace(/^Bearer\s+/i, '')).toBe(apiKey);
      });

      it('never puts the API key in an error, even when the vendor echoes it', { timeout }, async () => {
        ctx.server.script({ kind: 'status', status: 401, body: anthropicErrorBody('authentication_error', `invalid x-api-key: ${apiKey}`) });
        const error = await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat with a rejected key');
        const text = [describeThrown(error), error instanceof Error ? (error.stack ?? '') : '', JSON.stringify(error)].join('\n');
        expect(text.includes(apiKey), 'the API key appears in the error').toBe(false);
      });
    }
  });
}
