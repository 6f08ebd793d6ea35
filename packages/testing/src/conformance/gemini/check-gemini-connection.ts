import { checkAbort } from '../shared/check-abort.js';
import { checkTimeouts } from '../shared/check-timeouts.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

/** Timeouts (first byte, idle) and abort propagation: each ends the call with the right error and closes the connection. */
export function checkGeminiConnection(ctx: GeminiConformanceContext): void {
  checkTimeouts(ctx, {
    script: (step) => step,
    titles: {
      chatFirstByte: 'chat rejects with ProviderTimeoutError (first-byte) when nothing arrives within timeouts.firstByte',
      streamFirstByte: 'chatStream rejects with ProviderTimeoutError (first-byte) when nothing arrives',
      streamIdle: 'a stalled stream throws ProviderTimeoutError (idle) and closes the connection',
    },
    streamFirstByteClosesConnection: false,
  });
  checkAbort(ctx, (step) => step, {
    chatWhileWaiting: 'rejects chat and closes the connection when aborted while waiting',
    streamBeforeResponse: 'rejects chatStream and closes the connection when aborted before the response starts',
    streamMidStream: 'ends a stalled stream with an error when aborted mid-stream, and closes the connection',
    endedBeforeContent: 'the stream ended before its first text',
  });
}
