import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, RequestOptions } from '@modelmesh/core';
import { toHttpFailure } from '../http/error-mapping.js';
import { SseWriter } from '../http/sse-writer.js';
import { traceHeaders, type RequestTrace } from '../request-trace.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

/** The summary written as the stream's last comment: what is not known when headers leave. */
export interface StreamSummary {
  readonly model?: string;
  readonly provider?: string;
  readonly attempts: number;
  readonly cost?: number;
  readonly usage?: RequestTrace['usage'];
  /** True when a cache answered. */
  readonly cacheHit?: boolean;
}

/**
 * Streams a chat completion as SSE, chunk by chunk as the mesh yields them. The mesh
 * resolves the stream once the first content chunk is in (failover happens before that),
 * so a failure up to then is still an ordinary HTTP error. The headers then carry model,
 * provider and attempts; cost and usage are only known at the end and go in a trailing
 * `: modelmesh {...}` comment before `data: [DONE]`. A failure after the start ends the
 * stream with an OpenAI-style `data: {"error": ...}` event and no `[DONE]`.
 */
export async function streamChatCompletion(ctx: ProxyContext, ex: Exchange, params: ChatCompletionCreateParamsStreaming, options: RequestOptions): Promise<void> {
  const stream = await ctx.mesh.chat.completions.create(params, options);
  const sse = new SseWriter(ex.res);
  // Clients that did not ask for usage may not expect a chunk without choices.
  const wantsUsage = params.stream_options?.include_usage === true;
  sse.open(traceHeaders(ex.trace, false, ex.headers));
  try {
    for await (const chunk of stream) {
      if (!wantsUsage && isUsageOnly(chunk)) continue;
      await sse.data(JSON.stringify(chunk));
      if (!sse.writable) break;
    }
  } catch (error) {
    // A forced shutdown aborts with its own reason (503); a client that left can read nothing.
    const cause: unknown = ex.signal.aborted ? ex.signal.reason : error;
    if (sse.writable) await sse.data(JSON.stringify({ error: toHttpFailure(cause, () => ctx.clock.now()).error }));
    sse.end();
    return;
  }
  if (!sse.writable) {
    stream.abort();
    return;
  }
  await sse.comment(`modelmesh ${JSON.stringify(summaryOf(ex.trace))}`);
  await sse.data('[DONE]');
  sse.end();
}

function isUsageOnly(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.length === 0 && chunk.usage != null;
}

function summaryOf(trace: RequestTrace): StreamSummary {
  return {
    ...(trace.modelKey !== undefined ? { model: trace.modelKey } : {}),
    ...(trace.providerId !== undefined ? { provider: trace.providerId } : {}),
    attempts: trace.attempts,
    ...(trace.cost !== undefined ? { cost: trace.cost } : {}),
    ...(trace.usage !== undefined ? { usage: trace.usage } : {}),
    ...(trace.cacheHit ? { cacheHit: true } : {}),
  };
}
