import { estimatePromptTokens, type ChatCompletionCreateParamsNonStreaming, type RequestOptions } from '@modelmesh/core';
import { AnthropicStreamEncoder, type AnthropicEncodedEvent } from '@modelmesh/providers-anthropic/internal';
import { dialectError } from '../http/error-dialect.js';
import type { SseWriter, Written } from '../http/sse-writer.js';
import { relayStream } from '../routes/stream-relay.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

const nameOf = (item: AnthropicEncodedEvent): string => item.event;
const payloadOf = (item: AnthropicEncodedEvent): string => JSON.stringify(item.data);

function write(sse: SseWriter, events: readonly AnthropicEncodedEvent[]): Written {
  return sse.events(events, nameOf, payloadOf);
}

/**
 * Streams a Messages answer as Anthropic's named events (`message_start`,
 * `content_block_start/delta/stop`, `message_delta` with the usage, `message_stop`), encoded
 * from the mesh's chunks by `AnthropicStreamEncoder`. A failure after the start ends the stream
 * with an `error` event of Anthropic's shape.
 */
export async function streamMessages(ctx: ProxyContext, ex: Exchange, params: ChatCompletionCreateParamsNonStreaming, options: RequestOptions): Promise<void> {
  const stream = await ctx.mesh.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, options);
  let encoder: AnthropicStreamEncoder | undefined;
  // Made on the first chunk, which names the model that answers; message_start carries the prompt estimate until usage arrives.
  const encoderFor = (id: string, model: string) =>
    (encoder ??= new AnthropicStreamEncoder({ id: id.startsWith('msg_') ? id : `msg_${id}`, model, estimatedInputTokens: estimatePromptTokens(params.messages) }));
  await relayStream(ctx, ex, stream, {
    chunk: (sse, chunk) => write(sse, encoderFor(chunk.id, chunk.model).accept(chunk)),
    end: (sse) => write(sse, encoderFor(ex.trace.requestId ?? 'modelmesh', params.model).finish()),
    fail: (sse, failure) => sse.event('error', JSON.stringify(dialectError(failure, 'anthropic').body)),
  });
}
