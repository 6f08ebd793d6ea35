import type { ChatCompletion, ChatCompletionChunk, ChatCompletionFinishReason, CompletionUsage, ChatCompletionMessageToolCall } from '@modelmesh/provider';
import { TextPieces } from './text-pieces.js';

interface ChoiceState {
  /**
   * The text, kept compactly (see {@link TextPieces}). `text += piece` per chunk would keep a
   * chain of cons strings (tens of bytes a link, never flattened while nobody reads the text).
   */
  content: TextPieces;
  /** Made on the first refusal (most answers have none). */
  refusal: TextPieces | undefined;
  hasContent: boolean;
  hasRefusal: boolean;
  finishReason: ChatCompletionFinishReason | null;
  /** Made on the first tool call: most answers have none, and a stream holds its state until it ends. */
  toolCalls: Map<number, { id: string; name: string; arguments: string }> | undefined;
}

/**
 * Folds stream chunks into the ChatCompletion they add up to: text concatenated, tool-call
 * argument pieces joined per index, the finish reason and the final usage kept.
 */
export class CompletionAssembler {
  private id = '';
  private model = '';
  private created = 0;
  private systemFingerprint: string | undefined;
  private usageSeen: CompletionUsage | undefined;
  /** The first choice seen, kept out of a Map: nearly every stream has one choice, and its state lives as long as the stream. */
  private first: ChoiceState | undefined;
  private firstIndex = 0;
  private others: Map<number, ChoiceState> | undefined;

  /** Adds one chunk. */
  add(chunk: ChatCompletionChunk): void {
    this.id ||= chunk.id;
    this.model ||= chunk.model;
    this.created ||= chunk.created;
    this.systemFingerprint ??= chunk.system_fingerprint;
    if (chunk.usage) this.usageSeen = chunk.usage;
    for (const choice of chunk.choices) {
      const state = this.stateOf(choice.index);
      const delta = choice.delta;
      if (typeof delta.content === 'string') {
        state.content.add(delta.content);
        state.hasContent = true;
      }
      if (typeof delta.refusal === 'string') {
        (state.refusal ??= new TextPieces()).add(delta.refusal);
        state.hasRefusal = true;
      }
      for (const call of delta.tool_calls ?? []) {
        state.toolCalls ??= new Map();
        const existing = state.toolCalls.get(call.index) ?? { id: '', name: '', arguments: '' };
        if (call.id) existing.id = call.id;
        if (call.function?.name) existing.name += call.function.name;
        if (call.function?.arguments) existing.arguments += call.function.arguments;
        state.toolCalls.set(call.index, existing);
      }
      if (choice.finish_reason !== null) state.finishReason = choice.finish_reason;
    }
  }

  /** True once some choice has a finish reason. */
  get finished(): boolean {
    if (this.first && this.first.finishReason !== null) return true;
    for (const state of this.others?.values() ?? []) if (state.finishReason !== null) return true;
    return false;
  }

  /** The final usage chunk's usage, if the stream sent one. */
  get usage(): CompletionUsage | undefined {
    return this.usageSeen;
  }

  private stateOf(index: number): ChoiceState {
    if (this.first && this.firstIndex === index) return this.first;
    let state = this.others?.get(index);
    if (!state) {
      state = { content: new TextPieces(), refusal: undefined, hasContent: false, hasRefusal: false, finishReason: null, toolCalls: undefined };
      if (!this.first) {
        this.first = state;
        this.firstIndex = index;
      } else (this.others ??= new Map()).set(index, state);
    }
    return state;
  }

  /** Every choice's index and state, in the order first seen. */
  private entries(): Array<[number, ChoiceState]> {
    if (!this.first) return [];
    const entries: Array<[number, ChoiceState]> = [[this.firstIndex, this.first]];
    if (this.others) entries.push(...this.others.entries());
    return entries;
  }

  /** The completion so far. */
  toCompletion(): ChatCompletion {
    const choices = this.entries()
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => {
        const toolCalls: ChatCompletionMessageToolCall[] = [...(state.toolCalls?.entries() ?? [])]
          .sort(([a], [b]) => a - b)
          .map(([, call]) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
        return {
          index,
          finish_reason: state.finishReason ?? 'stop',
          logprobs: null,
          message: {
            role: 'assistant' as const,
            content: state.hasContent ? state.content.toString() : null,
            refusal: state.hasRefusal ? (state.refusal?.toString() ?? '') : null,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
        };
      });
    return {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices,
      ...(this.systemFingerprint === undefined ? {} : { system_fingerprint: this.systemFingerprint }),
      ...(this.usageSeen ? { usage: this.usageSeen } : {}),
    };
  }
}
