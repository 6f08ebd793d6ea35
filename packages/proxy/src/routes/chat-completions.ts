import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from '@modelmesh/core';
import { sendJson } from '../http/send-response.js';
import { traceHeaders } from '../request-trace.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { streamChatCompletion } from './chat-stream.js';
import { readParams, requestOptions, requireModel } from './request-params.js';

/**
 * `POST /v1/chat/completions`: JSON, or SSE when `stream` is true. A `then` chain, not an
 * async function: a stream lasts minutes, and its frame would stay suspended until the first
 * token (with streamChatCompletion's, ~1.3 KB per opened stream; sampling heap profiler,
 * 1,000 slow streams opened). Never throws: failures reject.
 */
export function chatCompletions(ctx: ProxyContext, ex: Exchange): Promise<void> {
  let reading: Promise<Record<string, unknown>>;
  try {
    reading = readParams(ctx, ex);
  } catch (error) {
    return Promise.reject(error);
  }
  return reading.then((params) => answerChat(ctx, ex, params));
}

function answerChat(ctx: ProxyContext, ex: Exchange, params: Record<string, unknown>): Promise<void> {
  ctx.access.authorize(ex.key, requireModel(params));
  const options = requestOptions(ex);
  if (params['stream'] === true) return streamChatCompletion(ctx, ex, params as unknown as ChatCompletionCreateParamsStreaming, options);
  return ctx.mesh.chat.completions.create(params as unknown as ChatCompletionCreateParamsNonStreaming, options).then((completion) => {
    sendJson(ex.res, 200, completion, traceHeaders(ex.trace, true, ex.headers));
  });
}
