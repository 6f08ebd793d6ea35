import { ProviderError, type ChatCompletionChunk, type ChatCompletionChunkDelta, type ChatCompletionFinishReason } from '@modelmesh/provider';
import { anthropicPayloadError, type AnthropicErrorContext } from './anthropic-errors.js';
import type { AnthropicUsage } from './anthropic-wire.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

/** What the converter needs to know about the request. */
export interface StreamConverterOptions extends AnthropicErrorContext {
  /** The JSON response tool, whose input pieces are streamed as content. */
  responseTool: string | undefined;
  /** Send the usage chunk at the end. */
  includeUsage: boolean;
  /** `created`, in Unix seconds. */
  created: number;
}

type Block = { kind: 'text' } | { kind: 'tool'; toolIndex: number; args: string } | { kind: 'json'; args: string } | { kind: 'other' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Turns the events of a Messages stream into OpenAI chunks, one event at a time, so that each
 * chunk goes out as soon as its event arrives:
 *
 * | Event | Chunk |
 * |---|---|
 * | `message_start` | the role chunk (`role: 'assistant'`, `content: ''`) |
 * | `content_block_start` (`tool_use`) | a tool-call delta with `index`, `id`, `name` and `arguments: ''` |
 * | `content_block_delta` `text_delta` | a content delta |
 * | `content_block_delta` `input_json_delta` | an `arguments` piece of that tool call (content, for the JSON response tool) |
 * | `content_block_stop` of a tool use that got no input | `arguments: '{}'` |
 * | `message_delta` | the finish chunk (`stop_reason` mapped) |
 * | `message_stop` | the usage chunk (`choices: []`) |
 * | `ping`, thinking and signature deltas, unknown events | nothing |
 * | `error` | throws the typed error (`overloaded_error` → retryable 529) |
 */
export class AnthropicStreamConverter {
  private id = '';
  private model: string;
  private readonly usage: AnthropicUsage = {};
  private readonly blocks = new Map<number, Block>();
  private tools = 0;
  private roleSent = false;
  private usageSent = false;
  private finish: ChatCompletionFinishReason | undefined;
  private answeredWithJson = false;

  constructor(private readonly options: StreamConverterOptions) {
    this.model = options.modelId;
  }

  /** True once `message_delta` brought the stop reason: the answer is whole even if `message_stop` never comes. */
  get finished(): boolean {
    return this.finish !== undefined;
  }

  /** The chunks one event turns into (often none). Throws the typed error of an `error` event. */
  accept(event: string | undefined, data: unknown): ChatCompletionChunk[] {
    if (!isRecord(data)) throw this.malformed('an event that is not an object');
    const type = typeof data['type'] === 'string' ? data['type'] : event;
    switch (type) {
      case 'message_start':
        return this.start(data['message']);
      case 'content_block_start':
        return this.blockStart(data['index'], data['content_block']);
      case 'content_block_delta':
        return this.blockDelta(data['index'], data['delta']);
      case 'content_block_stop':
        return this.blockStop(data['index']);
      case 'message_delta':
        return this.messageDelta(data['delta'], data['usage']);
      case 'message_stop':
        return this.end();
      case 'error':
        throw anthropicPayloadError(data, this.options);
      default:
        return [];
    }
  }

  /** The usage chunk, if the stream ended without `message_stop` and it was not sent yet. */
  end(): ChatCompletionChunk[] {
    if (this.usageSent || !this.options.includeUsage || !this.finished) return [];
    this.usageSent = true;
    return [{ ...this.base(), choices: [], usage: mapAnthropicUsage(this.usage) }];
  }

  private start(message: unknown): ChatCompletionChunk[] {
    if (isRecord(message)) {
      this.id = text(message['id']) || this.id;
      this.model = text(message['model']) || this.model;
      this.addUsage(message['usage']);
    }
    return this.withRole([]);
  }

  private blockStart(index: unknown, block: unknown): ChatCompletionChunk[] {
    if (typeof index !== 'number' || !isRecord(block)) throw this.malformed('a content_block_start without index or content_block');
    if (block['type'] === 'text') {
      this.blocks.set(index, { kind: 'text' });
      return this.content(text(block['text']));
    }
    if (block['type'] !== 'tool_use') {
      this.blocks.set(index, { kind: 'other' });
      return [];
    }
    const name = text(block['name']);
    if (name === this.options.responseTool) {
      this.answeredWithJson = true;
      this.blocks.set(index, { kind: 'json', args: '' });
      return this.withRole([]);
    }
    const toolIndex = this.tools++;
    this.blocks.set(index, { kind: 'tool', toolIndex, args: '' });
    return this.withRole([this.chunk({ tool_calls: [{ index: toolIndex, id: text(block['id']), type: 'function', function: { name, arguments: '' } }] })]);
  }

  private blockDelta(index: unknown, delta: unknown): ChatCompletionChunk[] {
    if (typeof index !== 'number' || !isRecord(delta)) throw this.malformed('a content_block_delta without index or delta');
    const block = this.blocks.get(index);
    if (delta['type'] === 'text_delta') return this.content(text(delta['text']));
    if (delta['type'] !== 'input_json_delta' || block === undefined) return [];
    const piece = text(delta['partial_json']);
    if (piece === '') return [];
    if (block.kind === 'json') {
      block.args += piece;
      return this.content(piece);
    }
    if (block.kind !== 'tool') return [];
    block.args += piece;
    return [this.chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: piece } }] })];
  }

  private blockStop(index: unknown): ChatCompletionChunk[] {
    const block = typeof index === 'number' ? this.blocks.get(index) : undefined;
    // A tool called without input streams no pieces; `{}` keeps the arguments parseable.
    if (block?.kind === 'tool' && block.args === '') return [this.chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: '{}' } }] })];
    if (block?.kind === 'json' && block.args === '') return this.content('{}');
    return [];
  }

  private messageDelta(delta: unknown, usage: unknown): ChatCompletionChunk[] {
    this.addUsage(usage);
    const stopReason = isRecord(delta) && typeof delta['stop_reason'] === 'string' ? delta['stop_reason'] : undefined;
    if (stopReason === undefined || this.finished) return [];
    this.finish = mapAnthropicStopReason(stopReason, this.answeredWithJson && this.tools === 0);
    return this.withRole([this.chunk({}, this.finish)]);
  }

  /** Usage counts are cumulative: the latest value of each count wins. */
  private addUsage(usage: unknown): void {
    if (!isRecord(usage)) return;
    for (const key of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const) {
      const value = usage[key];
      if (typeof value === 'number') this.usage[key] = value;
    }
  }

  private content(piece: string): ChatCompletionChunk[] {
    return piece === '' ? [] : this.withRole([this.chunk({ content: piece })]);
  }

  /** Puts the role chunk first if it has not gone out yet (a stream that skipped `message_start`). */
  private withRole(chunks: ChatCompletionChunk[]): ChatCompletionChunk[] {
    if (this.roleSent) return chunks;
    this.roleSent = true;
    return [this.chunk({ role: 'assistant', content: '' }), ...chunks];
  }

  private base(): Omit<ChatCompletionChunk, 'choices'> {
    return { id: this.id, object: 'chat.completion.chunk', created: this.options.created, model: this.model };
  }

  private chunk(delta: ChatCompletionChunkDelta, finishReason: ChatCompletionFinishReason | null = null): ChatCompletionChunk {
    return { ...this.base(), choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
  }

  private malformed(what: string): ProviderError {
    return new ProviderError({ providerId: this.options.providerId, modelId: this.options.modelId, code: 'malformed_response', message: `Provider "${this.options.providerId}" sent ${what}` });
  }
}
