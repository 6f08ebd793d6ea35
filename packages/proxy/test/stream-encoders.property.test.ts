import type { ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionFinishReason } from '@modelmesh/core';
import { AnthropicStreamConverter, AnthropicStreamEncoder } from '@modelmesh/providers-anthropic/internal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpFailure } from '../src/http/openai-error.js';
import { ResponseShape } from '../src/responses/responses-object.js';
import { ResponsesStreamEncoder } from '../src/responses/responses-stream-encoder.js';
import { expectEventValid } from './support/responses-spec.js';

/** What a model streams: runs of text and tool calls (each with its arguments in pieces), in any order. */
type Segment = { kind: 'text'; pieces: string[] } | { kind: 'tool'; name: string; pieces: string[] };

const piece = fc.string({ minLength: 1, maxLength: 8 });
const segment: fc.Arbitrary<Segment> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), pieces: fc.array(piece, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('tool' as const), name: fc.stringMatching(/^[a-z_]{1,10}$/), pieces: fc.array(piece, { maxLength: 4 }) }),
);
interface Answer {
  segments: Segment[];
  finish: ChatCompletionFinishReason;
  usage: { prompt: number; completion: number };
}
const answer: fc.Arbitrary<Answer> = fc.record({
  segments: fc.array(segment, { maxLength: 5 }),
  finish: fc.constantFrom<ChatCompletionFinishReason>('stop', 'length', 'tool_calls', 'content_filter'),
  usage: fc.record({ prompt: fc.nat(500), completion: fc.nat(500) }),
});

/** The chunks of an answer, as the mesh yields them: role first, finish reason, then usage. */
function chunksOf(a: Answer): ChatCompletionChunk[] {
  const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
  const chunk = (delta: ChatCompletionChunkDelta, finish: ChatCompletionFinishReason | null = null): ChatCompletionChunk => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const out = [chunk({ role: 'assistant', content: '' })];
  let tools = 0;
  for (const s of a.segments) {
    if (s.kind === 'text') out.push(...s.pieces.map((content) => chunk({ content })));
    else {
      const index = tools++;
      out.push(chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: s.name, arguments: '' } }] }));
      out.push(...s.pieces.map((args) => chunk({ tool_calls: [{ index, function: { arguments: args } }] })));
    }
  }
  out.push(chunk({}, a.finish));
  out.push({ ...base, choices: [], usage: { prompt_tokens: a.usage.prompt, completion_tokens: a.usage.completion, total_tokens: a.usage.prompt + a.usage.completion } });
  return out;
}

/** The output an answer should end as: adjacent text runs are one message, each tool call one call. */
function expectedOutput(a: Answer): Array<{ text: string } | { name: string; args: string }> {
  const out: Array<{ text: string } | { name: string; args: string }> = [];
  for (const s of a.segments) {
    const last = out.at(-1);
    if (s.kind === 'text' && last && 'text' in last) last.text += s.pieces.join('');
    else out.push(s.kind === 'text' ? { text: s.pieces.join('') } : { name: s.name, args: s.pieces.join('') });
  }
  return out;
}

const echo = { instructions: null, max_output_tokens: null, temperature: 1, top_p: 1, parallel_tool_calls: true, tool_choice: 'auto', tools: [], text: { format: { type: 'text' } }, metadata: {} };

describe('stream encoders, for any answer', () => {
  it('Responses events are valid against the spec, numbered in order, and add up to the answer', () => {
    fc.assert(
      fc.property(answer, (a) => {
        const encoder = new ResponsesStreamEncoder(new ResponseShape('resp_1', 1, echo), 'm', () => 2_000);
        const events = [...chunksOf(a).flatMap((c) => encoder.accept(c)), ...encoder.finish()];
        for (const event of events) expectEventValid(event);
        expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
        const added = events.filter((e) => e.type === 'response.output_item.added').map((e) => e['output_index']);
        const done = events.filter((e) => e.type === 'response.output_item.done').map((e) => e['output_index']);
        expect(done).toEqual(added);
        const last = events.at(-1) as { type: string; response: { output: Array<{ type: string; content?: Array<{ text: string }>; name?: string; arguments?: string }> } };
        expect(last.type).toBe(a.finish === 'length' || a.finish === 'content_filter' ? 'response.incomplete' : 'response.completed');
        const output = last.response.output.map((item) => (item.type === 'message' ? { text: item.content?.[0]?.text ?? '' } : { name: item.name ?? '', args: item.arguments ?? '' }));
        expect(output).toEqual(expectedOutput(a));
      }),
      { numRuns: 40 },
    );
  });

  it('a Responses stream that fails part-way ends with spec-valid error and response.failed events', () => {
    fc.assert(
      fc.property(answer, fc.nat(), fc.constantFrom(429, 502, 503), (a, cut, status) => {
        const encoder = new ResponsesStreamEncoder(new ResponseShape('resp_1', 1, echo), 'm', () => 2_000);
        const chunks = chunksOf(a);
        const events = [...chunks.slice(0, cut % chunks.length).flatMap((c) => encoder.accept(c)), ...encoder.fail(httpFailure(status, 'upstream broke', 'server_error', { code: 'stream_interrupted' }))];
        for (const event of events) expectEventValid(event);
        expect(events.slice(-2).map((e) => e.type)).toEqual(['error', 'response.failed']);
        expect(events.at(-1)).toMatchObject({ response: { status: 'failed', error: { code: status === 429 ? 'rate_limit_exceeded' : 'server_error' } } });
      }),
      { numRuns: 20 },
    );
  });

  it('Messages events read back, through the Anthropic provider\'s own converter, as the same answer', () => {
    fc.assert(
      fc.property(answer, (a) => {
        const encoder = new AnthropicStreamEncoder({ id: 'msg_1', model: 'm', estimatedInputTokens: 1 });
        const events = [...chunksOf(a).flatMap((c) => encoder.accept(c)), ...encoder.finish()];
        expect(events[0]?.event).toBe('message_start');
        expect(events.slice(-2).map((e) => e.event)).toEqual(['message_delta', 'message_stop']);
        const starts = events.filter((e) => e.event === 'content_block_start').map((e) => e.data['index']);
        expect(events.filter((e) => e.event === 'content_block_stop').map((e) => e.data['index'])).toEqual(starts);
        const converter = new AnthropicStreamConverter({ providerId: 'p', modelId: 'm', secrets: [], responseTool: undefined, includeUsage: true, created: 1 });
        const back = events.flatMap((e) => converter.accept(e.event, e.data));
        const text = back.map((c) => c.choices[0]?.delta.content ?? '').join('');
        expect(text).toBe(a.segments.flatMap((s) => (s.kind === 'text' ? s.pieces : [])).join(''));
        const args = new Map<number, string>();
        for (const c of back) for (const call of c.choices[0]?.delta.tool_calls ?? []) args.set(call.index, (args.get(call.index) ?? '') + (call.function?.arguments ?? ''));
        const tools = a.segments.filter((s) => s.kind === 'tool');
        // A call streamed without arguments reads back as `{}`, as the provider makes it parseable.
        expect([...args.values()]).toEqual(tools.map((s) => (s.pieces.length === 0 ? '{}' : s.pieces.join(''))));
        expect(back.at(-1)?.usage).toMatchObject({ prompt_tokens: a.usage.prompt, completion_tokens: a.usage.completion });
      }),
      { numRuns: 100 },
    );
  });
});
