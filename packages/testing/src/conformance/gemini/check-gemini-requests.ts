import type { ChatCompletionCreateParamsNonStreaming } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { googleErrorBody } from '../../servers/gemini/google-error-bodies.js';
import { describeThrown, rejectionOf } from '../expect-provider-error.js';
import { drain } from '../stream-reading.js';
import { GEMINI_PROMPT, type GeminiConformanceContext } from './gemini-conformance-context.js';

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** A conversation with everything that must be converted: system, a tool round trip, sampling, JSON output. */
function conversation(model: string, tools: boolean): ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
      ...(tools
        ? ([
            { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
            { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":21}' },
          ] satisfies ChatCompletionCreateParamsNonStreaming['messages'])
        : []),
    ],
    temperature: 0.2,
    top_p: 0.9,
    max_completion_tokens: 64,
    seed: 42,
    stop: ['\n\n'],
    response_format: { type: 'json_object' },
    ...(tools
      ? {
          tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } } }],
          tool_choice: 'required',
        }
      : {}),
  };
}

/** What the provider sends: the Gemini request body, the method URL, the key header (never the URL). */
export function checkGeminiRequests(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('requests', () => {
    it('POSTs generateContent for the model with a Gemini body for a plain prompt', { timeout }, async () => {
      await ctx.provider.chat(ctx.chatParams(), ctx.call());
      const request = ctx.server.requests[0];
      expect(request?.method).toBe('POST');
      expect(request?.path).toBe(`/v1beta/models/${options.model}:generateContent`);
      expect(request?.headers['content-type']).toMatch(/^application\/json/);
      const body = asRecord(request?.body);
      expect(body['contents']).toEqual([{ role: 'user', parts: [{ text: GEMINI_PROMPT }] }]);
      expect(body['model'], 'the model goes in the URL, not the body').toBeUndefined();
      expect(body['messages'], 'no OpenAI fields on the wire').toBeUndefined();
    });

    it('converts system messages, tool round trips, tools, tool_choice and sampling settings', { timeout }, async () => {
      await ctx.provider.chat(conversation(options.model, options.tools), ctx.call());
      const body = asRecord(ctx.server.requests[0]?.body);
      expect(body['systemInstruction']).toMatchObject({ parts: [{ text: 'You are terse.' }] });
      const contents = body['contents'] as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
      expect(contents.map((c) => c.role)).toEqual(options.tools ? ['user', 'model', 'user'] : ['user']);
      expect(contents[0]?.parts).toEqual([{ text: 'What is the weather in Paris?' }]);
      if (options.tools) {
        expect(contents[1]?.parts).toEqual([{ functionCall: expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' } }) }]);
        expect(contents[2]?.parts).toEqual([{ functionResponse: expect.objectContaining({ name: 'get_weather', response: { celsius: 21 } }) }]);
        const declarations = (body['tools'] as Array<{ functionDeclarations: Array<Record<string, unknown>> }>)[0]?.functionDeclarations ?? [];
        expect(declarations.map((d) => d['name'])).toEqual(['get_weather']);
        expect(JSON.stringify(declarations), 'JSON Schema keywords Gemini rejects are left out').not.toContain('additionalProperties');
        expect(body['toolConfig']).toEqual({ functionCallingConfig: { mode: 'ANY' } });
      }
      expect(body['generationConfig']).toMatchObject({ temperature: 0.2, topP: 0.9, maxOutputTokens: 64, seed: 42, stopSequences: ['\n\n'], responseMimeType: 'application/json' });
    });

    if (options.streaming) {
      it('streams with streamGenerateContent?alt=sse and the same body', { timeout }, async () => {
        await ctx.provider.chat(ctx.chatParams(), ctx.call());
        await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
        const [json, stream] = ctx.server.requests;
        expect(stream?.path).toBe(`/v1beta/models/${options.model}:streamGenerateContent`);
        expect(stream?.query['alt']).toBe('sse');
        expect(stream?.body).toEqual(json?.body);
      });
    }

    it("sends the caller's extra headers", { timeout }, async () => {
      await ctx.provider.chat(ctx.chatParams(), ctx.call({ headers: { 'x-conformance-trace': 'trace-1' } }));
      expect(ctx.server.requests[0]?.headers['x-conformance-trace']).toBe('trace-1');
    });

    const apiKey = options.apiKey;
    if (apiKey !== undefined) {
      it('sends the API key in x-goog-api-key and never in a URL', { timeout }, async () => {
        await ctx.provider.chat(ctx.chatParams(), ctx.call());
        if (options.streaming) await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
        for (const request of ctx.server.requests) {
          expect(request.headers['x-goog-api-key']).toBe(apiKey);
          expect(request.query['key'], 'a key query parameter').toBeUndefined();
          expect(request.path.includes(apiKey), 'the key in the path').toBe(false);
          expect(Object.values(request.query).some((value) => value.includes(apiKey)), 'the key in the query').toBe(false);
        }
      });

      it('never puts the API key in an error, even when Gemini echoes it', { timeout }, async () => {
        ctx.server.script({ kind: 'status', status: 400, body: googleErrorBody(400, `API key not valid: ${apiKey}. Please pass a valid API key.`, 'INVALID_ARGUMENT') });
        const error = await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat with a rejected key');
        const text = [describeThrown(error), error instanceof Error ? (error.stack ?? '') : '', JSON.stringify(error)].join('\n');
        expect(text.includes(apiKey), 'the API key appears in the error').toBe(false);
      });
    }
  });
}
