import type { RequestOptions } from '@modelmesh/core';
import { sendJson } from '../http/send-response.js';
import type { SseWriter, Written } from '../http/sse-writer.js';
import { traceHeaders } from '../request-trace.js';
import { readParams, requestOptions, requireModel } from '../routes/request-params.js';
import { relayStream } from '../routes/stream-relay.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { ResponseShape } from './responses-object.js';
import { responsesCall, type ResponsesCall } from './responses-request.js';
import { ResponsesStreamEncoder, type ResponsesEvent } from './responses-stream-encoder.js';

/** A Response id, unique enough for a stateless proxy: nothing is ever looked up by it. */
function responseId(): string {
  return `resp_${crypto.randomUUID().replace(/-/g, '')}`;
}

const nameOf = (item: ResponsesEvent): string => item.type;
const payloadOf = (item: ResponsesEvent): string => JSON.stringify(item);

function write(sse: SseWriter, events: readonly ResponsesEvent[]): Written {
  return sse.events(events, nameOf, payloadOf);
}

/**
 * `POST /v1/responses`: OpenAI's Responses API over the mesh, stateless. The request is
 * translated to the mesh's chat params (see `responsesCall`), routed like a chat completion
 * (pool access, key limits and budgets, failover, middleware) and the answer translated back:
 * a Response object, or with `stream: true` the typed event stream.
 */
export async function responses(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const body = await readParams(ctx, ex);
  const model = requireModel(body);
  const call = responsesCall(body, model);
  ctx.access.authorize(ex.key, model);
  const shape = new ResponseShape(responseId(), Math.floor(ctx.clock.now() / 1000), call.echo);
  const options = requestOptions(ex);
  if (call.stream) {
    await streamResponse(ctx, ex, call, shape, options);
    return;
  }
  const completion = await ctx.mesh.chat.completions.create(call.params, options);
  sendJson(ex.res, 200, shape.fromCompletion(completion, Math.floor(ctx.clock.now() / 1000)), traceHeaders(ex.trace, true, ex.headers));
}

async function streamResponse(ctx: ProxyContext, ex: Exchange, call: ResponsesCall, shape: ResponseShape, options: RequestOptions): Promise<void> {
  const stream = await ctx.mesh.chat.completions.create({ ...call.params, stream: true, stream_options: { include_usage: true } }, options);
  const encoder = new ResponsesStreamEncoder(shape, call.params.model, () => ctx.clock.now());
  await relayStream(ctx, ex, stream, {
    chunk: (sse, chunk) => write(sse, encoder.accept(chunk)),
    end: (sse) => write(sse, encoder.finish()),
    fail: (sse, failure) => write(sse, encoder.fail(failure)),
  });
}
