import {
  candidateBlockedJson,
  geminiResponseJson,
  geminiStreamEvents,
  planGeminiAnswer,
  promptBlockedJson,
  type GeminiResponseJson,
  type GeminiStreamEvents,
} from './fake-gemini-answer.js';
import { destroyConnection, openStream, pause, sendBody, sendEvent, sendHalf, type GeminiExchange } from './fake-gemini-exchange.js';
import { estimateTokens, readGeminiRequest } from './fake-gemini-request.js';
import { batchEmbedContentsJson, embedContentJson, geminiModelJson, geminiModelListJson } from './fake-gemini-resources.js';
import type { GeminiRoute } from './fake-gemini-routes.js';
import type { FakeGeminiStep } from './fake-gemini-step.js';
import { defaultGoogleErrorBody, googleErrorBody } from './google-error-bodies.js';

/** The text of the malformed event: the start of a JSON object that never closes. */
export const GEMINI_MALFORMED_EVENT = '{not json';

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
export async function playGeminiStep(exchange: GeminiExchange, step: FakeGeminiStep, context: GeminiPlayContext): Promise<void> {
  // `slow-first-token` uses `delayMs` for the wait after the headers instead.
  if (step.kind !== 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  switch (step.kind) {
    case 'status': {
      const fallback = defaultGoogleErrorBody(step.status);
      const body = step.body === undefined ? fallback.body : step.body;
      sendBody(exchange, step.status, body, { 'content-type': step.body === undefined ? fallback.contentType : 'application/json; charset=UTF-8', ...step.headers });
      return;
    }
    case 'timeout':
      return;
    case 'reset':
      destroyConnection(exchange, 'reset');
      return;
    case 'prompt-blocked':
    case 'candidate-blocked':
      if (isChat(context.route)) return playBlocked(exchange, step, context);
      return playAnswer(exchange, { kind: 'ok' }, context);
    default:
      return playAnswer(exchange, step, context);
  }
}

async function playBlocked(exchange: GeminiExchange, step: Extract<FakeGeminiStep, { kind: 'prompt-blocked' | 'candidate-blocked' }>, context: GeminiPlayContext): Promise<void> {
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

async function playAnswer(exchange: GeminiExchange, step: AnswerStep, context: GeminiPlayContext): Promise<void> {
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

/** Sends a chat answer the way the request asked: SSE events, a JSON array of events, or one JSON response. */
async function deliver(exchange: GeminiExchange, step: AnswerStep, context: GeminiPlayContext, events: GeminiStreamEvents, json: GeminiResponseJson): Promise<void> {
  const headers = { ...step.headers };
  if (context.route.rpc !== 'streamGenerateContent') return playJson(exchange, step, json, headers);
  if (context.sse) return playStream(exchange, step, events, headers);
  // Without alt=sse, streamGenerateContent answers one JSON array of the events.
  return playJson(exchange, step, [...events.pieces, events.final], headers);
}

/** Where a misbehaving step breaks the stream: after this many pieces (undefined: never). */
function breakPoint(step: AnswerStep, pieces: number): number | undefined {
  if (step.kind === 'cut' || step.kind === 'stall' || step.kind === 'malformed-chunk' || step.kind === 'stream-error') return Math.max(0, Math.min(step.afterChunks, pieces));
  return undefined;
}

/** What happens at the break point; true when the stream goes on afterwards. */
function breakStream(exchange: GeminiExchange, step: AnswerStep): boolean {
  switch (step.kind) {
    case 'cut':
      destroyConnection(exchange, 'close');
      return false;
    case 'stall':
      return false;
    case 'malformed-chunk':
      sendEvent(exchange, GEMINI_MALFORMED_EVENT);
      return true;
    case 'stream-error':
      sendEvent(exchange, { error: { ...DEFAULT_STREAM_ERROR, ...step.error } });
      exchange.res.end();
      return false;
    default:
      return true;
  }
}

/** Plays an answer as `alt=sse` events: the pieces (with the step's break), then the final event. */
async function playStream(exchange: GeminiExchange, step: AnswerStep, events: GeminiStreamEvents, headers: Readonly<Record<string, string>>): Promise<void> {
  openStream(exchange, headers);
  if (step.kind === 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  const stopAt = breakPoint(step, events.pieces.length);
  for (const [index, piece] of events.pieces.entries()) {
    if (index === stopAt && !breakStream(exchange, step)) return;
    if (index > 0 && !(await pause(exchange, step.chunkDelayMs))) return;
    sendEvent(exchange, piece);
  }
  if (stopAt === events.pieces.length && !breakStream(exchange, step)) return;
  if (step.kind !== 'missing-final') sendEvent(exchange, events.final);
  if (!exchange.closed.aborted) exchange.res.end();
}

/** Plays an answer step for a JSON answer; stream failures get their JSON counterparts. */
async function playJson(exchange: GeminiExchange, step: AnswerStep, body: unknown, headers: Readonly<Record<string, string>>): Promise<void> {
  const text = JSON.stringify(body, null, 2);
  switch (step.kind) {
    case 'ok':
    case 'missing-final':
      return sendBody(exchange, 200, text, headers);
    case 'slow-first-token':
      exchange.res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', ...headers });
      exchange.res.flushHeaders();
      if (await pause(exchange, step.delayMs)) exchange.res.end(text);
      return;
    case 'cut':
      sendHalf(exchange, text, headers);
      destroyConnection(exchange, 'close');
      return;
    case 'stall':
      sendHalf(exchange, text, headers);
      return;
    case 'malformed-chunk':
      return sendBody(exchange, 200, text.slice(0, Math.floor(text.length / 2)), headers);
    case 'stream-error': {
      const error = { ...DEFAULT_STREAM_ERROR, ...step.error };
      return sendBody(exchange, error.code, googleErrorBody(error.code, error.message, error.status));
    }
  }
}
