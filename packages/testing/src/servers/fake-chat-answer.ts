import type { ChatCompletion, CompletionUsage } from '@modelmesh/core';
import { completionHead, planChatContent, type ChatPlanBase } from '../chat-answer-plan.js';
import { estimateTokens, type ChatRequestView } from './fake-chat-request.js';
import type { FakeAnswer } from './fake-step.js';

/** A tool call with its id and its arguments as the JSON text sent on the wire. */
export interface ResolvedToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** Everything an answer sends, decided once so that JSON and SSE say the same thing. */
export interface ChatAnswerPlan extends ChatPlanBase {
  /** Stream pieces of the content. */
  readonly contentPieces: readonly string[];
  readonly toolCalls: readonly ResolvedToolCall[];
  readonly usage: CompletionUsage | undefined;
}

/** Ids and time of one answer. */
export interface AnswerIdentity {
  /** Sequence number of the request, for ids. */
  readonly sequence: number;
  /** Unix seconds. */
  readonly created: number;
}

/** The fingerprint the fake answers carry, like OpenAI's `fp_...`. */
export const FAKE_SYSTEM_FINGERPRINT = 'fp_modelmesh_fake';

/** Splits text after each whitespace run: `'Echo: hi there'` → `['Echo: ', 'hi ', 'there']`. */
export function splitIntoPieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function usageOf(request: ChatRequestView, completionText: string, usage: FakeAnswer['usage']): CompletionUsage | undefined {
  if (usage === null) return undefined;
  const prompt = usage?.prompt_tokens ?? estimateTokens(request.promptText);
  const completion = usage?.completion_tokens ?? (completionText === '' ? 0 : estimateTokens(completionText));
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage?.total_tokens ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0, ...usage?.prompt_tokens_details },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
      ...usage?.completion_tokens_details,
    },
  };
}

/** Decides the answer to a chat request from the step's answer fields and the request. */
export function planChatAnswer(request: ChatRequestView, answer: FakeAnswer, identity: AnswerIdentity): ChatAnswerPlan {
  const toolCalls = (answer.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_${identity.sequence}_${index}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const { content, pieces: contentPieces, finishReason } = planChatContent(answer, toolCalls.length, `Echo: ${request.lastUserText}`, splitIntoPieces);
  const completionText = (content ?? '') + toolCalls.map((call) => call.name + call.arguments).join('');
  return {
    id: `chatcmpl-fake${String(identity.sequence).padStart(6, '0')}`,
    created: identity.created,
    model: answer.model ?? request.model ?? 'gpt-4o-mini',
    content,
    contentPieces,
    toolCalls,
    finishReason,
    usage: usageOf(request, completionText, answer.usage),
  };
}

/** The non-streaming `chat.completion` object of a plan. */
export function chatCompletionJson(plan: ChatAnswerPlan): ChatCompletion {
  return {
    ...completionHead(plan),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: plan.content,
          refusal: null,
          annotations: [],
          ...(plan.toolCalls.length === 0
            ? {}
            : {
                tool_calls: plan.toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function' as const,
                  function: { name: call.name, arguments: call.arguments },
                })),
              }),
        },
        logprobs: null,
        finish_reason: plan.finishReason,
      },
    ],
    ...(plan.usage === undefined ? {} : { usage: plan.usage }),
    service_tier: 'default',
    system_fingerprint: FAKE_SYSTEM_FINGERPRINT,
  };
}
