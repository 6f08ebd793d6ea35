import type { ChatCompletionChunk, ChatCompletionChunkToolCall, ChatCompletionFinishReason, CompletionUsage } from '@modelmesh/core';
import type { HttpFailure } from '../http/openai-error.js';
import { completionStatus, type ResponseOutputItem, type ResponseShape } from './responses-object.js';

/** One Responses stream event: its `type` (also the SSE event name) and its fields. */
export type ResponsesEvent = { readonly type: string } & Readonly<Record<string, unknown>>;

interface OpenText {
  readonly kind: 'text';
  readonly outputIndex: number;
  readonly id: string;
  text: string;
}
interface OpenCall {
  readonly kind: 'call';
  readonly outputIndex: number;
  readonly item: Extract<ResponseOutputItem, { type: 'function_call' }>;
}

/**
 * Turns the mesh's chunks into the Responses API's typed events, numbered by
 * `sequence_number`: `response.created` and `response.in_progress` first; per output item
 * `response.output_item.added`, its deltas (`response.content_part.added` then
 * `response.output_text.delta` for text, `response.function_call_arguments.delta` for a call)
 * and its done events; and `response.completed` (or `response.incomplete` when the answer was
 * cut) with the whole Response and usage. A failure after the start is an `error` event
 * followed by `response.failed`.
 */
export class ResponsesStreamEncoder {
  private sequence = 0;
  private started = false;
  private model: string;
  private readonly output: ResponseOutputItem[] = [];
  private open: OpenText | OpenCall | undefined;
  private readonly calls = new Map<number, OpenCall>();
  private finishReason: ChatCompletionFinishReason | null = null;
  private usage: CompletionUsage | undefined;

  constructor(
    private readonly shape: ResponseShape,
    model: string,
    private readonly now: () => number,
  ) {
    this.model = model;
  }

  /** The events of one chunk. */
  accept(chunk: ChatCompletionChunk): ResponsesEvent[] {
    if (!this.started && chunk.model) this.model = chunk.model;
    const out = this.start();
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return out;
    const piece = choice.delta.content ?? choice.delta.refusal ?? '';
    if (piece !== '') out.push(...this.text(piece));
    for (const call of choice.delta.tool_calls ?? []) out.push(...this.toolCall(call));
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return out;
  }

  /** The closing events of a stream that ended well. */
  finish(): ResponsesEvent[] {
    const out = [...this.start(), ...this.closeOpen()];
    const { status, incomplete_details: incompleteDetails } = completionStatus(this.finishReason);
    const response = this.shape.build({ status, model: this.model, output: this.output, usage: this.usage, incompleteDetails, ...(status === 'completed' ? { completedAt: this.seconds() } : {}) });
    out.push(this.event(status === 'completed' ? 'response.completed' : 'response.incomplete', { response }));
    return out;
  }

  /** The events of a stream that failed after it started: `error`, then `response.failed`. */
  fail(failure: HttpFailure): ResponsesEvent[] {
    const out = this.start();
    const code = failure.status === 429 ? 'rate_limit_exceeded' : 'server_error';
    out.push(this.event('error', { code: failure.error.code ?? code, message: failure.error.message, param: failure.error.param }));
    const response = this.shape.build({ status: 'failed', model: this.model, output: this.output, usage: this.usage, error: { code, message: failure.error.message } });
    out.push(this.event('response.failed', { response }));
    return out;
  }

  private start(): ResponsesEvent[] {
    if (this.started) return [];
    this.started = true;
    const response = this.shape.build({ status: 'in_progress', model: this.model, output: [], usage: undefined });
    return [this.event('response.created', { response }), this.event('response.in_progress', { response })];
  }

  private text(piece: string): ResponsesEvent[] {
    const out: ResponsesEvent[] = [];
    let open = this.open;
    if (open?.kind !== 'text') {
      out.push(...this.closeOpen());
      open = { kind: 'text', outputIndex: this.output.length, id: this.shape.itemId('msg', this.output.length), text: '' };
      this.output.push({ type: 'message', id: open.id, status: 'in_progress', role: 'assistant', content: [] });
      this.open = open;
      out.push(this.event('response.output_item.added', { output_index: open.outputIndex, item: this.output[open.outputIndex] }));
      out.push(this.event('response.content_part.added', { item_id: open.id, output_index: open.outputIndex, content_index: 0, part: this.textPart('') }));
    }
    open.text += piece;
    out.push(this.event('response.output_text.delta', { item_id: open.id, output_index: open.outputIndex, content_index: 0, delta: piece, logprobs: [] }));
    return out;
  }

  private toolCall(call: ChatCompletionChunkToolCall): ResponsesEvent[] {
    const out: ResponsesEvent[] = [];
    let open = this.calls.get(call.index);
    if (open === undefined) {
      out.push(...this.closeOpen());
      const outputIndex = this.output.length;
      const item: OpenCall['item'] = {
        type: 'function_call',
        id: this.shape.itemId('fc', outputIndex),
        call_id: call.id ?? `call_${outputIndex}`,
        name: call.function?.name ?? '',
        arguments: '',
        status: 'in_progress',
      };
      open = { kind: 'call', outputIndex, item };
      this.output.push(item);
      this.calls.set(call.index, open);
      this.open = open;
      out.push(this.event('response.output_item.added', { output_index: outputIndex, item: { ...item } }));
    }
    const piece = call.function?.arguments ?? '';
    if (piece !== '') {
      open.item.arguments += piece;
      out.push(this.event('response.function_call_arguments.delta', { item_id: open.item.id, output_index: open.outputIndex, delta: piece }));
    }
    return out;
  }

  private closeOpen(): ResponsesEvent[] {
    const open = this.open;
    if (open === undefined) return [];
    this.open = undefined;
    if (open.kind === 'call') {
      open.item.status = 'completed';
      return [
        this.event('response.function_call_arguments.done', { item_id: open.item.id, output_index: open.outputIndex, name: open.item.name, arguments: open.item.arguments }),
        this.event('response.output_item.done', { output_index: open.outputIndex, item: { ...open.item } }),
      ];
    }
    const part = this.textPart(open.text);
    const item: ResponseOutputItem = { type: 'message', id: open.id, status: 'completed', role: 'assistant', content: [part] };
    this.output[open.outputIndex] = item;
    return [
      this.event('response.output_text.done', { item_id: open.id, output_index: open.outputIndex, content_index: 0, text: open.text, logprobs: [] }),
      this.event('response.content_part.done', { item_id: open.id, output_index: open.outputIndex, content_index: 0, part }),
      this.event('response.output_item.done', { output_index: open.outputIndex, item }),
    ];
  }

  private textPart(text: string): { type: 'output_text'; text: string; annotations: []; logprobs: [] } {
    return { type: 'output_text', text, annotations: [], logprobs: [] };
  }

  private event(type: string, fields: Record<string, unknown>): ResponsesEvent {
    return { type, ...fields, sequence_number: this.sequence++ };
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
