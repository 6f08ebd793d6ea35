import type { ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionFinishReason } from '@modelmesh/core';
import { FAKE_SYSTEM_FINGERPRINT, type ChatAnswerPlan } from './fake-chat-answer.js';

/** The SSE events of one streamed answer, in the order OpenAI sends them. */
export interface ChatStreamEvents {
  /** `delta: { role: 'assistant', content: '' }` (content `null` for a tool-calls-only answer). */
  readonly role: ChatCompletionChunk;
  /** Content pieces, then per tool call a header (id, name) and its arguments in pieces. */
  readonly pieces: readonly ChatCompletionChunk[];
  /** Empty delta with the finish reason. */
  readonly finish: ChatCompletionChunk;
  /** `choices: []` with the usage, when the request asked for it and the plan has one. */
  readonly usage: ChatCompletionChunk | undefined;
}

/** Splits tool arguments into three pieces (fewer for short text), so a reader must assemble them. */
function splitArguments(text: string): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

/** Builds the events of a plan; `includeUsage` mirrors `stream_options.include_usage`. */
export function chatStreamEvents(plan: ChatAnswerPlan, includeUsage: boolean): ChatStreamEvents {
  const chunk = (delta: ChatCompletionChunkDelta, finishReason: ChatCompletionFinishReason | null = null): ChatCompletionChunk => ({
    id: plan.id,
    object: 'chat.completion.chunk',
    created: plan.created,
    model: plan.model,
    service_tier: 'default',
    system_fingerprint: FAKE_SYSTEM_FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    // OpenAI sends `usage: null` on every chunk but the last when usage was asked for.
    ...(includeUsage ? { usage: null } : {}),
  });

  const toolsOnly = plan.content === null && plan.toolCalls.length > 0;
  const pieces: ChatCompletionChunk[] = plan.contentPieces.map((content) => chunk({ content }));
  plan.toolCalls.forEach((call, index) => {
    pieces.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const part of splitArguments(call.arguments)) pieces.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
  });

  return {
    role: chunk({ role: 'assistant', content: toolsOnly ? null : '', refusal: null }),
    pieces,
    finish: chunk({}, plan.finishReason),
    usage:
      includeUsage && plan.usage !== undefined
        ? {
            id: plan.id,
            object: 'chat.completion.chunk',
            created: plan.created,
            model: plan.model,
            service_tier: 'default',
            system_fingerprint: FAKE_SYSTEM_FINGERPRINT,
            choices: [],
            usage: plan.usage,
          }
        : undefined,
  };
}
