import type { ChatCompletionCreateParamsNonStreaming } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { openAIErrorBody } from '../servers/openai-error-bodies.js';
import { validateOpenAI } from '../servers/validate-openai.js';
import type { ConformanceContext } from './conformance-context.js';
import { describeThrown, rejectionOf } from './expect-provider-error.js';
import { drain } from './stream-reading.js';

/** A parameter no OpenAI schema knows: providers pass unknown params through untouched. */
const UNKNOWN_PARAM = 'x_conformance_passthrough';

/** Rich chat params; the official `openai` client sends exactly these as the JSON body. */
function oracleParams(model: string, tools: boolean): ChatCompletionCreateParamsNonStreaming & Record<string, unknown> {
  const toolTurn: ChatCompletionCreateParamsNonStreaming['messages'] = tools
    ? [
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":21}' },
      ]
    : [];
  return {
    model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
      ...toolTurn,
    ],
    temperature: 0.2,
    top_p: 0.9,
    max_completion_tokens: 64,
    seed: 42,
    stop: ['\n\n'],
    user: 'conformance',
    metadata: { suite: 'conformance' },
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'weather', strict: true, schema: { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'], additionalProperties: false } },
    },
    ...(tools
      ? {
          tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
          tool_choice: 'auto',
          parallel_tool_calls: true,
        }
      : {}),
    [UNKNOWN_PARAM]: { keep: ['this', 1] },
  };
}

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** What the provider sends: the request body, headers and credentials, checked against the official client and the spec. */
export function checkRequests(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;
  const normalize = options.normalizeRequestBody ?? ((body: Record<string, unknown>) => body);
  const knownParams = (body: Record<string, unknown>): Record<string, unknown> => {
    const { [UNKNOWN_PARAM]: _unknown, ...rest } = body;
    return rest;
  };

  describe('requests', () => {
    it('sends the JSON body the official openai client sends for the same params', { timeout }, async () => {
      const params = oracleParams(options.model, options.tools);
      await ctx.provider.chat(params, ctx.call());
      const request = ctx.server.requests[0];
      expect(request?.method).toBe('POST');
      expect(request?.path).toBe('/v1/chat/completions');
      expect(request?.headers['content-type']).toMatch(/^application\/json/);
      expect(normalize(asRecord(request?.body))).toEqual(JSON.parse(JSON.stringify(params)));
      expect(validateOpenAI('CreateChatCompletionRequest', knownParams(asRecord(request?.body))).errors).toEqual([]);
    });

    if (options.streaming) {
      it('sends the same body with `stream: true` for streams, and asks for usage', { timeout }, async () => {
        const params = { ...oracleParams(options.model, options.tools), stream: true as const };
        await drain(await ctx.provider.chatStream(params, ctx.call()));
        const { stream_options: streamOptions, ...body } = normalize(asRecord(ctx.server.requests[0]?.body));
        expect(body).toEqual(JSON.parse(JSON.stringify(params)));
        if (options.streamUsage) expect(streamOptions).toMatchObject({ include_usage: true });
        expect(validateOpenAI('CreateChatCompletionRequest', knownParams(asRecord(ctx.server.requests[0]?.body))).errors).toEqual([]);
      });
    }

    it("sends the caller's extra headers", { timeout }, async () => {
      await ctx.provider.chat(ctx.chatParams(), ctx.call({ headers: { 'x-conformance-trace': 'trace-1' } }));
      expect(ctx.server.requests[0]?.headers['x-conformance-trace']).toBe('trace-1');
    });

    const apiKey = options.apiKey;
    if (apiKey !== undefined) {
      it('sends the API key as a bearer token', { timeout }, async () => {
        await ctx.provider.chat(ctx.chatParams(), ctx.call());
        expect(ctx.server.requests[0]?.headers['authorization']).toBe(`Bearer ${apiKey}`);
      });

      it('never puts the API key in an error, even when the vendor echoes it', { timeout }, async () => {
        ctx.server.script({ kind: 'status', status: 401, body: openAIErrorBody(`Incorrect API key provided: ${apiKey}.`, 'invalid_request_error', 'invalid_api_key') });
        const error = await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat with a rejected key');
        const text = [describeThrown(error), error instanceof Error ? (error.stack ?? '') : '', JSON.stringify(error)].join('\n');
        expect(text.includes(apiKey), 'the API key appears in the error').toBe(false);
      });
    }
  });
}
