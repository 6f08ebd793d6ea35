import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessageFunctionToolCall, CompletionUsage } from '@modelmesh/core';
import { completionHead, planChatContent, type ChatPlanBase } from './chat-answer-plan.js';
import type { MockAnswer } from './mock-outcome.js';
import type { MockRequest } from './recorded-calls.js';

/** What a mock answer amounts to, ready to be sent whole or in chunks. */
export interface PlannedAnswer extends ChatPlanBase {
  /** Content pieces for a stream; joined they equal `content`. */
  readonly pieces: readonly string[];
  readonly toolCalls: readonly ChatCompletionMessageFunctionToolCall[];
  readonly usage: CompletionUsage;
}

/** Where an answer is made: ids and timestamps come from here so they are deterministic. */
export interface AnswerContext {
  /** Sequence number of the call, for ids. */
  readonly sequence: number;
  /** Now, in ms since epoch. */
  readonly now: number;
}

const DEFAULT_CONTENT = 'Mock response';

/** About four characters per token, the usual rough estimate. */
function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function messageText(request: MockRequest): string {
  return request.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join('\n');
}

/** Splits text after each run of whitespace, so the pieces join back to the text exactly. */
export function splitIntoWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

function usageOf(answer: MockAnswer, request: MockRequest, content: string): CompletionUsage {
  if (answer.tokens !== undefined) {
    const prompt = answer.promptTokens ?? Math.floor(answer.tokens / 3);
    const completion = answer.completionTokens ?? Math.max(0, answer.tokens - prompt);
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: answer.tokens };
  }
  const prompt = answer.promptTokens ?? estimateTokens(messageText(request));
  const completion = answer.completionTokens ?? estimateTokens(content);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Works out the full answer a mock gives to `request`. */
export function planAnswer(answer: MockAnswer, request: MockRequest, at: AnswerContext): PlannedAnswer {
  const toolCalls = (answer.toolCalls ?? []).map(
    (call, index): ChatCompletionMessageFunctionToolCall => ({
      id: call.id ?? `call_mock_${at.sequence}_${index}`,
      type: 'function',
      function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}) },
    }),
  );
  const { content, pieces, finishReason } = planChatContent(answer, toolCalls.length, DEFAULT_CONTENT, splitIntoWords);
  return {
    id: `chatcmpl-mock-${at.sequence}`,
    created: Math.floor(at.now / 1000),
    model: answer.model ?? request.model,
    content,
    pieces,
    toolCalls,
    finishReason,
    usage: usageOf(answer, request, content ?? ''),
  };
}

/** The answer as a non-streamed completion. */
export function toCompletion(plan: PlannedAnswer): ChatCompletion {
  return {
    ...completionHead(plan),
    choices: [
      {
        index: 0,
        finish_reason: plan.finishReason,
        logprobs: null,
        message: {
          role: 'assistant',
          content: plan.content,
          refusal: null,
          ...(plan.toolCalls.length > 0 ? { tool_calls: plan.toolCalls.map((call) => ({ ...call, function: { ...call.function } })) } : {}),
        },
      },
    ],
    usage: { ...plan.usage },
  };
}

/** The chunks of the answer's stream, in the order an OpenAI-wire provider sends them. */
export interface PlannedChunks {
  /** `delta: { role: 'assistant', content: '' }`. */
  readonly role: ChatCompletionChunk;
  /** One chunk per content piece, then one per tool call. */
  readonly content: readonly ChatCompletionChunk[];
  /** Empty delta with the finish reason. */
  readonly finish: ChatCompletionChunk;
  /** `choices: []` with the usage. */
  readonly usage: ChatCompletionChunk;
}

/** Splits the answer into stream chunks. */
export function toChunks(plan: PlannedAnswer): PlannedChunks {
  const chunk = (choices: ChatCompletionChunk['choices'], usage?: CompletionUsage): ChatCompletionChunk => ({
    id: plan.id,
    object: 'chat.completion.chunk',
    created: plan.created,
    model: plan.model,
    choices,
    ...(usage ? { usage: { ...usage } } : {}),
  });
  const delta = (d: ChatCompletionChunk['choices'][number]['delta']) => chunk([{ index: 0, delta: d, finish_reason: null, logprobs: null }]);
  return {
    role: delta({ role: 'assistant', content: '' }),
    content: [
      ...plan.pieces.map((piece) => delta({ content: piece })),
      ...plan.toolCalls.map((call, index) =>
        delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }] }),
      ),
    ],
    finish: chunk([{ index: 0, delta: {}, finish_reason: plan.finishReason, logprobs: null }]),
    usage: chunk([], plan.usage),
  };
}
