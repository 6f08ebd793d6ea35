import type { FakeWireFormat } from '../fake-wire.js';

/** Content type of Google's JSON answers. */
export const GOOGLE_JSON = 'application/json; charset=UTF-8';

/** Headers of Gemini's SSE answers. */
export const GEMINI_SSE_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** The text of the malformed event: the start of a JSON object that never closes. */
export const GEMINI_MALFORMED_EVENT = '{not json';

/**
 * One SSE event as the Gemini API writes it: a single `data:` line ended by CRLF CRLF. Objects are
 * serialised as JSON; a string is sent as it is (so a test can send `{not json`).
 */
export function geminiSseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\r\n\r\n`;
}

/** How the Gemini API writes its responses: pretty-printed JSON, and the headers of Google's front end. */
export const GEMINI_WIRE: FakeWireFormat = {
  jsonContentType: GOOGLE_JSON,
  sseHeaders: GEMINI_SSE_HEADERS,
  baseHeaders: () => ({ vary: 'Origin, X-Origin, Referer', server: 'scaffolding on HTTPServer2', 'x-content-type-options': 'nosniff' }),
  json: (body) => (typeof body === 'string' ? body : JSON.stringify(body, null, 2)),
  malformedFrame: geminiSseEvent(GEMINI_MALFORMED_EVENT),
};
