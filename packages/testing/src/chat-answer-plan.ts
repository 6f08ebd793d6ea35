import type { ChatCompletionFinishReason } from '@modelmesh/core';

/** What every planned chat answer has, whether a mock provider or a fake server gives it. */
export interface ChatPlanBase {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly content: string | null;
  readonly finishReason: ChatCompletionFinishReason;
}

/** The answer fields a script sets for the text of an answer. */
export interface ChatContentFields {
  readonly content?: string | null;
  readonly chunks?: readonly string[];
  readonly finishReason?: ChatCompletionFinishReason;
}

/**
 * The content of an answer, its stream pieces and its finish reason, from what the script set:
 * the content, else the chunks joined, else `null` for a tool-calls-only answer, else `fallback`;
 * the chunks as pieces, else the content `split`; `tool_calls` when there are tool calls, else `stop`.
 */
export function planChatContent(
  answer: ChatContentFields,
  toolCalls: number,
  fallback: string,
  split: (text: string) => string[],
): { content: string | null; pieces: string[]; finishReason: ChatCompletionFinishReason } {
  const joined = answer.chunks?.join('');
  const content = answer.content !== undefined ? answer.content : (joined ?? (toolCalls > 0 ? null : fallback));
  return {
    content,
    pieces: answer.chunks ? [...answer.chunks] : split(content ?? ''),
    finishReason: answer.finishReason ?? (toolCalls > 0 ? 'tool_calls' : 'stop'),
  };
}

/** The fields a `chat.completion` object begins with, in the order OpenAI sends them. */
export function completionHead(plan: ChatPlanBase): { id: string; object: 'chat.completion'; created: number; model: string } {
  return { id: plan.id, object: 'chat.completion', created: plan.created, model: plan.model };
}
