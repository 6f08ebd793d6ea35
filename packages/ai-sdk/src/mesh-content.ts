import type { LanguageModelV3Content } from '@ai-sdk/provider';
import type { ChatCompletion } from '@modelmesh/core';

/** Reasoning text some OpenAI-wire vendors (DeepSeek, vLLM, OpenRouter) add beside `content`. */
export function reasoningOf(message: object | undefined): string | undefined {
  const value = (message as { reasoning_content?: unknown; reasoning?: unknown } | undefined)?.reasoning_content ?? (message as { reasoning?: unknown } | undefined)?.reasoning;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first choice of a completion as AI SDK content parts: reasoning, text, tool calls. */
export function completionContent(completion: ChatCompletion): LanguageModelV3Content[] {
  const message = completion.choices[0]?.message;
  if (!message) return [];
  const content: LanguageModelV3Content[] = [];
  const reasoning = reasoningOf(message);
  if (reasoning !== undefined) content.push({ type: 'reasoning', text: reasoning });
  if (typeof message.content === 'string' && message.content !== '') content.push({ type: 'text', text: message.content });
  for (const call of message.tool_calls ?? []) {
    if (call.type === 'function') content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.function.name, input: call.function.arguments || '{}' });
    else content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.custom.name, input: call.custom.input });
  }
  return content;
}
