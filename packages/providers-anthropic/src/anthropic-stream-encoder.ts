import type { ChatCompletionChunk, ChatCompletionChunkToolCall, ChatCompletionFinishReason, CompletionUsage } from '@modelmesh/provider';
import { toAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { toAnthropicUsage } from './map-anthropic-usage.js';

/** One event of a Messages stream: its SSE `event:` name and its `data` (whose `type` is the same name). */
export interface AnthropicEncodedEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What the encoder needs to know before the first chunk. */
export interface AnthropicStreamEncoderOptions {
  /** The Message id. */
  readonly id: string;
  /** The model named in `message_start` (Anthropic echoes the requested one). */
  readonly model: string;
  /** Prompt tokens announced in `message_start`, before the real count arrives with the usage chunk. */
  readonly estimatedInputTokens: number;
}

interface OpenBlock {
  readonly index: number;
  readonly kind: 'text' | 'tool';
}

const event = (type: string, data: Record<string, unknown>): AnthropicEncodedEvent => ({ event: type, data: { type, ...data } });

/**
 * The inverse of `AnthropicStreamConverter`: OpenAI chunks → the events of a Messages stream,
 * for servers that answer in Anthropic's shape. Each chunk turns into its events at once:
 *
 * | Chunk | Events |
 * |---|---|
 * | the first chunk | `message_start` (empty content, estimated input tokens) |
 * | a content delta | `content_block_start` of a text block when none is open, then `text_delta` |
 * | a tool-call delta with an id | the open block's `content_block_stop`, then a `tool_use` block's start |
 * | an `arguments` piece | `input_json_delta` of that call's block |
 * | `finish_reason`, usage | remembered for the end |
 *
 * {@link AnthropicStreamEncoder.finish} closes the open block and sends `message_delta` (stop reason, usage)
 * and `message_stop`. Feeding the events to `AnthropicStreamConverter` gives the chunks back.
 */
export class AnthropicStreamEncoder {
  private started = false;
  private nextIndex = 0;
  private open: OpenBlock | undefined;
  private readonly tools = new Map<number, OpenBlock>();
  private finishReason: ChatCompletionFinishReason | null = null;
  private usage: CompletionUsage | undefined;

  constructor(private readonly options: AnthropicStreamEncoderOptions) {}

  /** The events of one chunk (possibly none). */
  accept(chunk: ChatCompletionChunk): AnthropicEncodedEvent[] {
    const out = this.start();
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return out;
    const { delta } = choice;
    const text = delta.content ?? delta.refusal ?? '';
    if (text !== '') out.push(...this.text(text));
    for (const call of delta.tool_calls ?? []) out.push(...this.toolCall(call));
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return out;
  }

  /** The closing events: the open block's stop, `message_delta` and `message_stop`. */
  finish(): AnthropicEncodedEvent[] {
    const out = [...this.start(), ...this.closeOpen()];
    const usage = toAnthropicUsage(this.usage);
    out.push(event('message_delta', { delta: { stop_reason: toAnthropicStopReason(this.finishReason), stop_sequence: null }, usage: this.usage ? usage : { output_tokens: 0 } }));
    out.push(event('message_stop', {}));
    return out;
  }

  private start(): AnthropicEncodedEvent[] {
    if (this.started) return [];
    this.started = true;
    const { id, model, estimatedInputTokens } = this.options;
    const message = { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: estimatedInputTokens, output_tokens: 0 } };
    return [event('message_start', { message })];
  }

  private text(piece: string): AnthropicEncodedEvent[] {
    const out: AnthropicEncodedEvent[] = [];
    if (this.open?.kind !== 'text') {
      out.push(...this.closeOpen());
      this.open = { index: this.nextIndex++, kind: 'text' };
      out.push(event('content_block_start', { index: this.open.index, content_block: { type: 'text', text: '' } }));
    }
    out.push(event('content_block_delta', { index: this.open.index, delta: { type: 'text_delta', text: piece } }));
    return out;
  }

  private toolCall(call: ChatCompletionChunkToolCall): AnthropicEncodedEvent[] {
    const out: AnthropicEncodedEvent[] = [];
    let block = this.tools.get(call.index);
    if (block === undefined) {
      out.push(...this.closeOpen());
      block = { index: this.nextIndex++, kind: 'tool' };
      this.tools.set(call.index, block);
      this.open = block;
      out.push(event('content_block_start', { index: block.index, content_block: { type: 'tool_use', id: call.id ?? `toolu_${block.index}`, name: call.function?.name ?? '', input: {} } }));
    }
    const piece = call.function?.arguments ?? '';
    if (piece !== '') {
      out.push(event('content_block_delta', { index: block.index, delta: { type: 'input_json_delta', partial_json: piece } }));
    }
    return out;
  }

  private closeOpen(): AnthropicEncodedEvent[] {
    const open = this.open;
    if (open === undefined) return [];
    this.open = undefined;
    return [event('content_block_stop', { index: open.index })];
  }
}
