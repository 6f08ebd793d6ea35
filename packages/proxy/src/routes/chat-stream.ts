import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, RequestOptions, Stream } from '@modelmesh/core';
import type { HttpFailure } from '../http/openai-error.js';
import type { SseWriter, Written } from '../http/sse-writer.js';
import type { RequestTrace } from '../request-trace.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { relayStream, type StreamEncoding } from './stream-relay.js';

/** The summary written as the stream's last comment: what is not known when headers leave. */
export interface StreamSummary {
  readonly model?: string;
  readonly provider?: string;
  readonly attempts: number;
  readonly cost?: number;
  readonly usage?: RequestTrace['usage'];
  /** Present when the stream broke and another model finished the answer: usage and cost are then the sum of the parts. */
  readonly recovered?: ReadonlyArray<{ readonly from: string; readonly to: string; readonly mode: 'continue' | 'restart' }>;
  /** True when a cache answered. */
  readonly cacheHit?: boolean;
}

/**
 * Streams a chat completion as SSE, chunk by chunk as the mesh yields them (see
 * `relayStream`). Cost and usage are only known at the end and go in a trailing
 * `: modelmesh {...}` comment before `data: [DONE]`. A failure after the start ends the
 * stream with an OpenAI-style `data: {"error": ...}` event and no `[DONE]`. Never throws:
 * failures reject.
 */
export function streamChatCompletion(ctx: ProxyContext, ex: Exchange, params: ChatCompletionCreateParamsStreaming, options: RequestOptions): Promise<void> {
  let opening: Promise<Stream<ChatCompletionChunk>>;
  try {
    opening = ctx.mesh.chat.completions.create(params, options);
  } catch (error) {
    return Promise.reject(error);
  }
  // Clients that did not ask for usage may not expect a chunk without choices.
  const encoding = new ChatEncoding(ex.trace, params.stream_options?.include_usage === true);
  // A `then`, not an await: no suspended frame of this function per opening stream.
  return opening.then((stream) => relayStream(ctx, ex, stream, encoding));
}

/**
 * The chat API's SSE events. A class rather than an object of three closures: the relay keeps
 * it as long as the stream is open (~150 B less per stream).
 */
class ChatEncoding implements StreamEncoding {
  constructor(
    private readonly trace: RequestTrace,
    private readonly wantsUsage: boolean,
  ) {}

  chunk(sse: SseWriter, chunk: ChatCompletionChunk): Written {
    return !this.wantsUsage && isUsageOnly(chunk) ? undefined : sse.data(JSON.stringify(chunk));
  }

  end(sse: SseWriter): Written {
    const written = sse.comment(`modelmesh ${JSON.stringify(summaryOf(this.trace))}`);
    return written === undefined ? sse.data('[DONE]') : written.then(() => sse.data('[DONE]'));
  }

  fail(sse: SseWriter, failure: HttpFailure): Written {
    return sse.data(JSON.stringify({ error: failure.error }));
  }
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
    ...(trace.recoveries !== undefined ? { recovered: trace.recoveries.map((r) => ({ from: r.fromModel, to: r.toModel, mode: r.mode })) } : {}),
    ...(trace.cacheHit ? { cacheHit: true } : {}),
  };
}
