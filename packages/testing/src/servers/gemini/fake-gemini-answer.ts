import { splitIntoPieces } from '../fake-chat-answer.js';
import { estimateTokens, type GeminiRequestView } from './fake-gemini-request.js';
import type { FakeFunctionCall, FakeGeminiAnswer, FakeGeminiUsage, FakeSafetyRating } from './fake-gemini-step.js';

/** A `GenerateContentResponse` as the fake server sends it (JSON, or one SSE event). */
export type GeminiResponseJson = Record<string, unknown>;

/** Everything an answer sends, decided once so that JSON and SSE say the same thing. */
export interface GeminiAnswerPlan {
  readonly responseId: string | undefined;
  readonly modelVersion: string;
  readonly text: string;
  readonly textPieces: readonly string[];
  readonly functionCalls: readonly FakeFunctionCall[];
  readonly finishReason: string;
  readonly safetyRatings: readonly FakeSafetyRating[] | undefined;
  readonly usage: Required<Pick<FakeGeminiUsage, 'promptTokenCount' | 'candidatesTokenCount' | 'totalTokenCount'>> & FakeGeminiUsage | undefined;
  readonly candidateCount: number;
}

/** The four harm categories Gemini rates. */
export const HARM_CATEGORIES = ['HARM_CATEGORY_SEXUALLY_EXPLICIT', 'HARM_CATEGORY_HATE_SPEECH', 'HARM_CATEGORY_HARASSMENT', 'HARM_CATEGORY_DANGEROUS_CONTENT'] as const;

/** Ratings of every category, `category` rated HIGH (and `blocked` when asked), the others NEGLIGIBLE. */
export function safetyRatings(category: string | undefined, blocked: boolean): FakeSafetyRating[] {
  const list: FakeSafetyRating[] = HARM_CATEGORIES.map((c) => (c === category ? { category: c, probability: 'HIGH', ...(blocked ? { blocked: true } : {}) } : { category: c, probability: 'NEGLIGIBLE' }));
  if (category !== undefined && !list.some((r) => r.category === category)) list.push({ category, probability: 'HIGH', ...(blocked ? { blocked: true } : {}) });
  return list;
}

/** Decides the answer to a `generateContent` request from the step's answer fields. */
export function planGeminiAnswer(request: GeminiRequestView, answer: FakeGeminiAnswer, sequence: number): GeminiAnswerPlan {
  const functionCalls = answer.functionCalls ?? [];
  const joined = answer.chunks?.join('');
  const text = answer.text !== undefined ? (answer.text ?? '') : joined !== undefined ? joined : functionCalls.length > 0 ? '' : `Echo: ${request.lastUserText}`;
  const textPieces = answer.chunks ? [...answer.chunks] : splitIntoPieces(text);
  const completionText = text + functionCalls.map((call) => call.name + JSON.stringify(call.args ?? {})).join('');
  let usage: GeminiAnswerPlan['usage'];
  if (answer.usage !== null) {
    const given = answer.usage ?? {};
    const prompt = given.promptTokenCount ?? estimateTokens(request.promptText);
    const candidates = given.candidatesTokenCount ?? (completionText === '' ? 0 : estimateTokens(completionText)) * request.candidateCount;
    const total = given.totalTokenCount ?? prompt + candidates + (given.thoughtsTokenCount ?? 0) + (given.toolUsePromptTokenCount ?? 0);
    usage = { ...given, promptTokenCount: prompt, candidatesTokenCount: candidates, totalTokenCount: total };
  }
  return {
    responseId: answer.responseId === null ? undefined : (answer.responseId ?? `fakeGeminiResp${String(sequence).padStart(6, '0')}`),
    modelVersion: answer.modelVersion ?? request.model,
    text,
    textPieces,
    functionCalls,
    finishReason: answer.finishReason ?? 'STOP',
    safetyRatings: answer.safetyRatings,
    usage,
    candidateCount: request.candidateCount,
  };
}

function functionCallPart(call: FakeFunctionCall): Record<string, unknown> {
  const functionCall = { ...(call.id === undefined ? {} : { id: call.id }), name: call.name, args: call.args ?? {} };
  return call.thoughtSignature === undefined ? { functionCall } : { functionCall, thoughtSignature: call.thoughtSignature };
}

/** The fields every response of a plan carries after `candidates`. */
function trailer(plan: GeminiAnswerPlan, usage: object | undefined): Record<string, unknown> {
  return {
    ...(usage === undefined ? {} : { usageMetadata: usage }),
    modelVersion: plan.modelVersion,
    ...(plan.responseId === undefined ? {} : { responseId: plan.responseId }),
  };
}

/** One candidate per requested candidate, each with `parts` (when any) and the finish fields. */
function candidates(plan: GeminiAnswerPlan, parts: readonly Record<string, unknown>[], finish: { finishReason?: string; safetyRatings?: readonly FakeSafetyRating[] }): Record<string, unknown>[] {
  return Array.from({ length: plan.candidateCount }, (_, index) => ({
    ...(parts.length === 0 && finish.finishReason !== undefined && finish.finishReason !== 'STOP' && finish.finishReason !== 'MAX_TOKENS' ? {} : { content: { parts: [...parts], role: 'model' } }),
    ...(finish.finishReason === undefined ? {} : { finishReason: finish.finishReason }),
    index,
    ...(finish.safetyRatings === undefined ? {} : { safetyRatings: finish.safetyRatings }),
  }));
}

/** The `generateContent` JSON answer of a plan. */
export function geminiResponseJson(plan: GeminiAnswerPlan): GeminiResponseJson {
  const parts = [...(plan.text === '' ? [] : [{ text: plan.text }]), ...plan.functionCalls.map(functionCallPart)];
  return {
    candidates: candidates(plan, parts, { finishReason: plan.finishReason, ...(plan.safetyRatings === undefined ? {} : { safetyRatings: plan.safetyRatings }) }),
    ...trailer(plan, plan.usage),
  };
}

/** The SSE events of a streamed answer: the answer pieces, then the final event. */
export interface GeminiStreamEvents {
  /** One event per text piece, then one event with every function call (if any). */
  readonly pieces: readonly GeminiResponseJson[];
  /** The finish reason (with an empty text part) and the full usage. */
  readonly final: GeminiResponseJson;
}

/** The events of a plan, as `streamGenerateContent?alt=sse` sends them. */
export function geminiStreamEvents(plan: GeminiAnswerPlan): GeminiStreamEvents {
  const prompt = plan.usage?.promptTokenCount ?? 0;
  let soFar = 0;
  const partial = (text: string): Record<string, unknown> | undefined => {
    if (plan.usage === undefined) return undefined;
    soFar += estimateTokens(text);
    const candidatesSoFar = Math.min(soFar, plan.usage.candidatesTokenCount);
    return { promptTokenCount: prompt, candidatesTokenCount: candidatesSoFar, totalTokenCount: prompt + candidatesSoFar };
  };
  const pieces: GeminiResponseJson[] = plan.textPieces.map((text) => ({ candidates: candidates(plan, [{ text }], {}), ...trailer(plan, partial(text)) }));
  if (plan.functionCalls.length > 0) {
    pieces.push({ candidates: candidates(plan, plan.functionCalls.map(functionCallPart), {}), ...trailer(plan, partial(JSON.stringify(plan.functionCalls))) });
  }
  const final: GeminiResponseJson = {
    candidates: candidates(plan, [{ text: '' }], { finishReason: plan.finishReason, ...(plan.safetyRatings === undefined ? {} : { safetyRatings: plan.safetyRatings }) }),
    ...trailer(plan, plan.usage),
  };
  return { pieces, final };
}

/** A refused prompt: `promptFeedback` and no candidates. */
export function promptBlockedJson(plan: GeminiAnswerPlan, blockReason: string, category: string | undefined): GeminiResponseJson {
  const usage = plan.usage === undefined ? undefined : { promptTokenCount: plan.usage.promptTokenCount, totalTokenCount: plan.usage.promptTokenCount };
  return { promptFeedback: { blockReason, safetyRatings: safetyRatings(category, blockReason === 'SAFETY') }, ...trailer(plan, usage) };
}

/** A withheld candidate: the finish reason, the ratings with `category` blocked, and the text so far (if any). */
export function candidateBlockedJson(plan: GeminiAnswerPlan, textSoFar: string, category: string): GeminiResponseJson {
  const parts = textSoFar === '' ? [] : [{ text: textSoFar }];
  return { candidates: candidates(plan, parts, { finishReason: plan.finishReason, safetyRatings: safetyRatings(category, true) }), ...trailer(plan, plan.usage) };
}
