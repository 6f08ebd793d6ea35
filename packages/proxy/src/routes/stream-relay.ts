import type { ChatCompletionChunk, Stream } from '@modelmesh/core';
import { toHttpFailure } from '../http/error-mapping.js';
import type { HttpFailure } from '../http/openai-error.js';
import { SseWriter } from '../http/sse-writer.js';
import { traceHeaders } from '../request-trace.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

/** How one API writes a stream of the mesh's chunks: its events per chunk, its ending, its error event. */
export interface StreamEncoding {
  /** Writes the events of one chunk. */
  chunk(sse: SseWriter, chunk: ChatCompletionChunk): Promise<void>;
  /** Writes what follows the last chunk of a stream that ended well. */
  end(sse: SseWriter): Promise<void>;
  /** Writes the error event of a stream that failed after it started. */
  fail(sse: SseWriter, failure: HttpFailure): Promise<void>;
}

/**
 * Relays a mesh stream to the client as SSE, in whichever API's events `encoding` writes. The
 * mesh resolves the stream once the first content chunk is in (failover happens before that),
 * so a failure up to then is still an ordinary HTTP error; the headers then carry model,
 * provider and attempts. A failure after the start ends the stream with the API's error event;
 * a client that left stops the upstream call.
 */
export async function relayStream(ctx: ProxyContext, ex: Exchange, stream: Stream<ChatCompletionChunk>, encoding: StreamEncoding): Promise<void> {
  const sse = new SseWriter(ex.res);
  sse.open(traceHeaders(ex.trace, false, ex.headers));
  try {
    for await (const chunk of stream) {
      await encoding.chunk(sse, chunk);
      if (!sse.writable) break;
    }
  } catch (error) {
    // A forced shutdown aborts with its own reason (503); a client that left can read nothing.
    const cause: unknown = ex.signal.aborted ? ex.signal.reason : error;
    if (sse.writable) await encoding.fail(sse, toHttpFailure(cause, () => ctx.clock.now()));
    sse.end();
    return;
  }
  if (!sse.writable) {
    stream.abort();
    return;
  }
  await encoding.end(sse);
  sse.end();
}
