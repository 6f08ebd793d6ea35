import { playAnswer } from '../fake-answer-player.js';
import { sendBody, type FakeExchange } from '../fake-exchange.js';
import { playFakeStep } from '../fake-step-player.js';
import type { FakeStreamFailure } from '../fake-wire.js';
import {
  candidateBlockedJson,
  geminiResponseJson,
  geminiStreamEvents,
  planGeminiAnswer,
  promptBlockedJson,
  type GeminiResponseJson,
  type GeminiStreamEvents,
} from './fake-gemini-answer.js';
import { estimateTokens, readGeminiRequest } from './fake-gemini-request.js';
import { batchEmbedContentsJson, embedContentJson, geminiModelJson, geminiModelListJson } from './fake-gemini-resources.js';
import type { GeminiRoute } from './fake-gemini-routes.js';
import type { FakeGeminiStep } from './fake-gemini-step.js';
import { geminiSseEvent } from './fake-gemini-wire.js';
import { defaultGoogleErrorBody, googleErrorBody } from './google-error-bodies.js';

const DEFAULT_STREAM_ERROR = { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' };

/** The steps that carry an answer (all but the plain failures and the safety blocks). */
type AnswerStep = Extract<FakeGeminiStep, { kind: 'ok' | 'slow-first-token' | 'cut' | 'stall' | 'malformed-chunk' | 'missing-final' | 'stream-error' }>;

/** What a request is, beside its step. */
export interface GeminiPlayContext {
  readonly route: GeminiRoute;
  readonly body: unknown;
  /** `alt=sse` was asked for. */
  readonly sse: boolean;
  readonly sequence: number;
  /** Models the listing shows. */
  readonly listed: readonly string[];
}

const isChat = (route: GeminiRoute): boolean => route.rpc === 'generateContent' || route.rpc === 'streamGenerateContent';

/** Plays a step on an exchange. */
export function playGeminiStep(exchange: FakeExchange, step: FakeGeminiStep, context: GeminiPlayContext): Promise<void> {
  return playFakeStep(exchange, step, {
    defaultErrorBody: (status) => defaultGoogleErrorBody(status),
    async playOther(ex, other) {
      switch (other.kind) {
        case 'prompt-blocked':
        case 'candidate-blocked':
          if (isChat(context.route)) return playBlocked(ex, other, context);
          return playGeminiAnswer(ex, { kind: 'ok' }, context);
        default:
          return playGeminiAnswer(ex, other, context);
      }
    },
  });
}

async function playBlocked(exchange: FakeExchange, step: Extract<FakeGeminiStep, { kind: 'prompt-blocked' | 'candidate-blocked' }>, context: GeminiPlayContext): Promise<void> {
  const request = readGeminiRequest(context.body, context.route.model ?? '');
  if (step.kind === 'prompt-blocked') {
    const plan = planGeminiAnswer(request, { text: '' }, context.sequence);
    const blockReason = step.blockReason ?? 'SAFETY';
    const json = promptBlockedJson(plan, blockReason, blockReason === 'SAFETY' ? (step.category ?? 'HARM_CATEGORY_HARASSMENT') : step.category);
    return deliver(exchange, { kind: 'ok' }, context, { pieces: [], final: json }, json);
  }
  const plan = planGeminiAnswer(request, { ...step, finishReason: step.finishReason ?? 'SAFETY' }, context.sequence);
  const before = plan.textPieces.slice(0, step.afterChunks ?? 0);
  const category = step.category ?? 'HARM_CATEGORY_DANGEROUS_CONTENT';
  // What was said before the block is all the answer there is: usage counts only that.
  const said = before.length === 0 ? 0 : estimateTokens(before.join(''));
  const usage = plan.usage === undefined ? undefined : { ...plan.usage, candidatesTokenCount: said, totalTokenCount: plan.usage.promptTokenCount + said };
  const blocked = { ...plan, usage, functionCalls: [] };
  const events = { pieces: geminiStreamEvents({ ...blocked, textPieces: before }).pieces, final: candidateBlockedJson(blocked, '', category) };
  const answerStep: AnswerStep = { kind: 'ok', ...(step.chunkDelayMs === undefined ? {} : { chunkDelayMs: step.chunkDelayMs }), ...(step.headers === undefined ? {} : { headers: step.headers }) };
  return deliver(exchange, answerStep, context, events, candidateBlockedJson(blocked, before.join(''), category));
}

async function playGeminiAnswer(exchange: FakeExchange, step: AnswerStep, context: GeminiPlayContext): Promise<void> {
  const { route, body } = context;
  const headers = { ...step.headers };
  switch (route.rpc) {
    case 'models':
      return playJson(exchange, step, geminiModelListJson(context.listed), headers);
    case 'model':
      return playJson(exchange, step, geminiModelJson(route.model ?? ''), headers);
    case 'countTokens':
      return playJson(exchange, step, { totalTokens: estimateTokens(JSON.stringify(body ?? '')) }, headers);
    case 'embedContent':
    case 'batchEmbedContents': {
      const answer = route.rpc === 'embedContent' ? embedContentJson(body, route.model ?? '') : batchEmbedContentsJson(body, route.model ?? '');
      if ('error' in answer) return sendBody(exchange, 400, googleErrorBody(400, answer.error, 'INVALID_ARGUMENT'));
      return playJson(exchange, step, answer.body, headers);
    }
    default: {
      const plan = planGeminiAnswer(readGeminiRequest(body, route.model ?? ''), step, context.sequence);
      return deliver(exchange, step, context, geminiStreamEvents(plan), geminiResponseJson(plan));
    }
  }
}

/** What a `stream-error` step sends on Gemini's wire: an error event, or the error's HTTP answer. */
function streamFailure(step: AnswerStep): FakeStreamFailure {
  const error = { ...DEFAULT_STREAM_ERROR, ...(step.kind === 'stream-error' ? step.error : undefined) };
  return { frame: geminiSseEvent({ error }), status: error.code, body: googleErrorBody(error.code, error.message, error.status) };
}

/** Plays a JSON answer. */
function playJson(exchange: FakeExchange, step: AnswerStep, body: unknown, headers: Readonly<Record<string, string>>): Promise<void> {
  return playAnswer(exchange, step, { type: 'json', body }, headers, streamFailure);
}

/** Sends a chat answer the way the request asked: SSE events (the final one where an unreached break comes), a JSON array of events, or one JSON response. */
async function deliver(exchange: FakeExchange, step: AnswerStep, context: GeminiPlayContext, events: GeminiStreamEvents, json: GeminiResponseJson): Promise<void> {
  const headers = { ...step.headers };
  if (context.route.rpc !== 'streamGenerateContent') return playJson(exchange, step, json, headers);
  // Without alt=sse, streamGenerateContent answers one JSON array of the events.
  if (!context.sse) return playJson(exchange, step, [...events.pieces, events.final], headers);
  const frames = [
    ...events.pieces.map((piece) => ({ text: geminiSseEvent(piece), piece: true })),
    { text: geminiSseEvent(events.final), tail: true, omittedBy: 'missing-final' },
  ];
  return playAnswer(exchange, step, { type: 'stream', frames }, headers, streamFailure);
}
