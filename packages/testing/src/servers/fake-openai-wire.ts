import type { FakeWireFormat } from './fake-wire.js';
import { SSE_HEADERS, sseEncode } from './sse-encode.js';

/** The text of the malformed event: the start of a JSON object that never closes. */
export const MALFORMED_EVENT = '{not json';

/** Rate-limit headers in OpenAI's format, sent with every successful answer unless a step overrides them. */
export const DEFAULT_RATE_LIMIT_HEADERS: Readonly<Record<string, string>> = {
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-tokens': '29999990',
  'x-ratelimit-reset-tokens': '0s',
};

/** How OpenAI's API writes its responses. */
export const OPENAI_WIRE: FakeWireFormat = {
  jsonContentType: 'application/json',
  sseHeaders: SSE_HEADERS,
  baseHeaders: (requestId) => ({ 'x-request-id': requestId, 'openai-processing-ms': '1', 'openai-version': '2020-10-01' }),
  json: (body) => (typeof body === 'string' ? body : JSON.stringify(body)),
  malformedFrame: sseEncode(MALFORMED_EVENT),
};
