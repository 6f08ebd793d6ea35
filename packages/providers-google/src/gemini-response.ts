import { ProviderError, type ChatCompletion, type ChatCompletionChoice, type ChatCompletionMessageFunctionToolCall } from '@modelmesh/provider';
import { safeExcerpt } from '@modelmesh/provider-kit';
import type { GeminiCandidate, GeminiFunctionCall, GeminiGenerateContentResponse, GeminiPart } from './gemini-types.js';
import { candidateBlockError, isFilteredCandidate, promptBlockError } from './gemini-safety.js';
import { isGoogleErrorPayload, mapGoogleErrorPayload } from './google-errors.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';
import { localResponseKey, toolCallId, type ToolCallExtraContent } from './tool-call-ids.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a response is converted for. */
export interface ResponseContext {
  providerId: string;
  /** The model asked for; the answer names `modelVersion` when Gemini sends it. */
  modelId: string;
  secrets: readonly string[];
  now: number;
}

/** A function call found in a candidate's parts, with the signature sent beside it. */
export interface FoundCall {
  call: GeminiFunctionCall;
  signature: string | undefined;
}

/** The answer text (thought summaries excluded) and function calls of a list of parts. */
export function readParts(parts: readonly GeminiPart[] | undefined): { text: string; calls: FoundCall[] } {
  let text = '';
  const calls: FoundCall[] = [];
  for (const part of Array.isArray(parts) ? parts : []) {
    if (typeof part !== 'object' || part === null) continue;
    if (typeof part.text === 'string' && part.thought !== true) text += part.text;
    const call = part.functionCall;
    if (typeof call === 'object' && call !== null && typeof call.name === 'string') {
      calls.push({ call, signature: typeof part.thoughtSignature === 'string' ? part.thoughtSignature : undefined });
    }
  }
  return { text, calls };
}

/** An OpenAI tool call for a Gemini function call; a thought signature rides along in `extra_content.google`. */
export function toToolCall(found: FoundCall, id: string): ChatCompletionMessageFunctionToolCall & ToolCallExtraContent {
  const call: ChatCompletionMessageFunctionToolCall & ToolCallExtraContent = {
    id,
    type: 'function',
    function: { name: found.call.name, arguments: JSON.stringify(found.call.args ?? {}) },
  };
  if (found.signature !== undefined) call.extra_content = { google: { thought_signature: found.signature } };
  return call;
}

/** A `malformed_response` error (retryable: another try may well get a proper answer). */
export function malformed(context: Pick<ResponseContext, 'providerId' | 'modelId' | 'secrets'>, what: string, data: unknown): ProviderError {
  let text: string;
  try {
    text = JSON.stringify(data) ?? String(data);
  } catch {
    text = String(data);
  }
  return new ProviderError({
    providerId: context.providerId,
    modelId: context.modelId,
    code: 'malformed_response',
    message: `Provider "${context.providerId}" (Gemini) ${what}: ${safeExcerpt(text, context.secrets, 200)}`,
  });
}

/** The key tool-call and completion ids are derived from: `responseId`, else a local token. */
export function responseKeyOf(response: GeminiGenerateContentResponse, now: number): string {
  return typeof response.responseId === 'string' && response.responseId !== '' ? response.responseId : localResponseKey(now);
}

function candidateIndex(candidate: GeminiCandidate, position: number): number {
  return typeof candidate.index === 'number' ? candidate.index : position;
}

/**
 * Converts a `generateContent` answer to an OpenAI chat completion: one choice per candidate
 * (text without thought summaries; function calls as tool calls with ids, see `toolCallId`),
 * the mapped finish reason and usage, and `model` = `modelVersion`. A refused prompt, or an answer
 * whose every candidate was withheld by a filter, throws ContentFilteredError with the harm category;
 * an error body throws the mapped error; anything else unreadable is `malformed_response`.
 */
export function toChatCompletion(data: unknown, context: ResponseContext): ChatCompletion {
  if (isGoogleErrorPayload(data)) throw mapGoogleErrorPayload(data, context);
  if (!isRecord(data)) throw malformed(context, 'answered with something that is not a GenerateContentResponse', data);
  const response = data as GeminiGenerateContentResponse;
  const blocked = promptBlockError(response, context);
  if (blocked) throw blocked;
  const candidates = Array.isArray(response.candidates) ? response.candidates.filter((c): c is GeminiCandidate => isRecord(c)) : [];
  if (candidates.length === 0) throw malformed(context, 'answered without candidates', data);
  const key = responseKeyOf(response, context.now);
  const choices: ChatCompletionChoice[] = [];
  let withheld: GeminiCandidate | undefined;
  let delivered = false;
  candidates.forEach((candidate, position) => {
    const index = candidateIndex(candidate, position);
    const { text, calls } = readParts(candidate.content?.parts);
    const toolCalls = calls.map((found, n) => toToolCall(found, toolCallId(found.call.id, key, index, n)));
    if (text === '' && toolCalls.length === 0 && isFilteredCandidate(candidate)) withheld ??= candidate;
    else delivered = true;
    choices.push({
      index,
      message: {
        role: 'assistant',
        content: text !== '' ? text : toolCalls.length > 0 || isFilteredCandidate(candidate) ? null : '',
        refusal: null,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      },
      logprobs: null,
      finish_reason: mapGeminiFinishReason(candidate.finishReason, toolCalls.length > 0),
    });
  });
  if (withheld !== undefined && !delivered) throw candidateBlockError(withheld, context);
  choices.sort((a, b) => a.index - b.index);
  return {
    id: `chatcmpl-${key}`,
    object: 'chat.completion',
    created: Math.floor(context.now / 1000),
    model: typeof response.modelVersion === 'string' && response.modelVersion !== '' ? response.modelVersion : context.modelId,
    choices,
    ...(isRecord(response.usageMetadata) ? { usage: mapGeminiUsage(response.usageMetadata) } : {}),
  };
}
