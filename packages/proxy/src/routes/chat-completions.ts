import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from '@modelmesh/core';
import { sendJson } from '../http/send-response.js';
import { traceHeaders } from '../request-trace.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { streamChatCompletion } from './chat-stream.js';
import { readParams, requestOptions, requireModel } from './request-params.js';

/** `POST /v1/chat/completions`: JSON, or SSE when `stream` is true. */
export async function chatCompletions(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const params = await readParams(ctx, ex);
  ctx.access.authorize(ex.key, requireModel(params));
  const options = requestOptions(ex);
  // Returned, not awaited: a stream lasts minutes, and a suspended frame per open stream costs memory.
  if (params['stream'] === true) return streamChatCompletion(ctx, ex, params as unknown as ChatCompletionCreateParamsStreaming, options);
  const completion = await ctx.mesh.chat.completions.create(params as unknown as ChatCompletionCreateParamsNonStreaming, options);
  sendJson(ex.res, 200, completion, traceHeaders(ex.trace, true, ex.headers));
}
