import type { LanguageModelV3FinishReason, LanguageModelV3StreamPart, SharedV3ProviderMetadata, SharedV3Warning } from '@ai-sdk/provider';
import type { ChatCompletionChunk, CompletionUsage } from '@modelmesh/core';
import { reasoningOf } from './mesh-content.js';
import { mapMeshFinishReason } from './map-mesh-finish-reason.js';
import { mapMeshUsage } from './map-mesh-usage.js';

interface OpenToolCall {
  id: string;
  name: string;
  input: string;
}

/**
 * Turns the mesh's OpenAI-shaped chunks into AI SDK stream parts, one chunk at a time:
 * text and reasoning blocks with start/delta/end, tool calls assembled from their pieces
 * (by index) and emitted whole at the end, and the finish part with usage.
 */
export class MeshStreamParts {
  private textOpen = false;
  private reasoningOpen = false;
  /** Block ids: a text block reopened after a tool call gets a new id. */
  private blocks = 0;
  private textId = '';
  private reasoningId = '';
  private metadataSent = false;
  private readonly toolCalls = new Map<number, OpenToolCall>();
  private finishReason: LanguageModelV3FinishReason = { unified: 'other', raw: undefined };
  private usage: CompletionUsage | undefined;

  /** The parts that open the stream. */
  start(warnings: SharedV3Warning[]): LanguageModelV3StreamPart[] {
    return [{ type: 'stream-start', warnings }];
  }

  /** The parts one chunk yields. */
  push(chunk: ChatCompletionChunk, includeRaw: boolean): LanguageModelV3StreamPart[] {
    const parts: LanguageModelV3StreamPart[] = includeRaw ? [{ type: 'raw', rawValue: chunk }] : [];
    if (!this.metadataSent) {
      this.metadataSent = true;
      parts.push({ type: 'response-metadata', id: chunk.id, modelId: chunk.model, timestamp: new Date(chunk.created * 1000) });
    }
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return parts;
    const reasoning = reasoningOf(choice.delta);
    if (reasoning !== undefined) {
      if (!this.reasoningOpen) {
        this.reasoningId = `reasoning-${this.blocks++}`;
        parts.push({ type: 'reasoning-start', id: this.reasoningId });
      }
      this.reasoningOpen = true;
      parts.push({ type: 'reasoning-delta', id: this.reasoningId, delta: reasoning });
    }
    const text = choice.delta.content;
    if (typeof text === 'string' && text !== '') {
      if (this.reasoningOpen) parts.push(...this.closeReasoning());
      if (!this.textOpen) {
        this.textId = `text-${this.blocks++}`;
        parts.push({ type: 'text-start', id: this.textId });
      }
      this.textOpen = true;
      parts.push({ type: 'text-delta', id: this.textId, delta: text });
    }
    for (const piece of choice.delta.tool_calls ?? []) parts.push(...this.toolPiece(piece));
    if (choice.finish_reason) this.finishReason = mapMeshFinishReason(choice.finish_reason);
    return parts;
  }

  /** Marks the stream as failed, so its finish part says `error`. */
  fail(): void {
    this.finishReason = { unified: 'error', raw: undefined };
  }

  /** The parts that close the stream: open blocks, whole tool calls, then finish. */
  finish(providerMetadata: SharedV3ProviderMetadata | undefined): LanguageModelV3StreamPart[] {
    const parts = [...this.closeReasoning(), ...this.closeText()];
    for (const call of this.toolCalls.values()) {
      parts.push({ type: 'tool-input-end', id: call.id });
      parts.push({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.input || '{}' });
    }
    this.toolCalls.clear();
    return [...parts, { type: 'finish', finishReason: this.finishReason, usage: mapMeshUsage(this.usage), ...(providerMetadata ? { providerMetadata } : {}) }];
  }

  private toolPiece(piece: NonNullable<ChatCompletionChunk['choices'][number]['delta']['tool_calls']>[number]): LanguageModelV3StreamPart[] {
    const parts: LanguageModelV3StreamPart[] = [];
    let call = this.toolCalls.get(piece.index);
    if (!call) {
      call = { id: piece.id ?? `call-${piece.index}`, name: piece.function?.name ?? '', input: '' };
      this.toolCalls.set(piece.index, call);
      parts.push(...this.closeText());
      parts.push({ type: 'tool-input-start', id: call.id, toolName: call.name });
    }
    const delta = piece.function?.arguments;
    if (delta) {
      call.input += delta;
      parts.push({ type: 'tool-input-delta', id: call.id, delta });
    }
    return parts;
  }

  private closeText(): LanguageModelV3StreamPart[] {
    if (!this.textOpen) return [];
    this.textOpen = false;
    return [{ type: 'text-end', id: this.textId }];
  }

  private closeReasoning(): LanguageModelV3StreamPart[] {
    if (!this.reasoningOpen) return [];
    this.reasoningOpen = false;
    return [{ type: 'reasoning-end', id: this.reasoningId }];
  }
}
