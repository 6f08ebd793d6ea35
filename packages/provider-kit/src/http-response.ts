import { ProviderError } from '@modelmesh/provider';
import { BodyIterator } from './body-iterator.js';
import { safeExcerpt } from './error-message.js';
import type { HeaderSource } from './header-source.js';
import type { GuardContext, RequestGuard } from './request-guard.js';
import type { TransportResponse } from './transport.js';

/** Decodes whole bodies (never with `stream: true`, so it keeps no state between calls). */
const utf8 = new TextDecoder();

/** The pieces as one array. */
function concat(pieces: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const piece of pieces) length += piece.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.byteLength;
  }
  return out;
}

/** Options of {@link HttpResponse.text}. */
export interface ReadTextOptions {
  /** Stop reading (and release the connection) after this many bytes; the text is cut there. */
  maxBytes?: number;
}

/**
 * A response whose body has not been read yet. Read it once, with {@link HttpResponse.chunks},
 * {@link HttpResponse.text} or {@link HttpResponse.json}, or release it with
 * {@link HttpResponse.cancel}; the request's timeouts keep running until then.
 */
export class HttpResponse {
  /** HTTP status. */
  readonly status: number;
  private readonly body: BodyIterator;

  constructor(
    private readonly raw: TransportResponse,
    guard: RequestGuard,
    private readonly context: GuardContext,
  ) {
    this.status = raw.status;
    this.body = new BodyIterator(raw.body, guard);
  }

  /** Response headers. */
  get headers(): Headers {
    return this.raw.headers;
  }

  /**
   * The same headers in the cheapest shape at hand, for {@link readHeader} and the header
   * parsers: on Node's fast transport its lower-case record (no `Headers` is built), else
   * {@link HttpResponse.headers}.
   */
  get headerSource(): HeaderSource {
    return this.raw.headerSource;
  }

  /** True for 2xx statuses. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body as it arrives, under the first-byte and idle timeouts. Single use. */
  chunks(): AsyncIterableIterator<Uint8Array> {
    return this.body;
  }

  /** The body as text (UTF-8), optionally cut after `maxBytes`. */
  async text(options: ReadTextOptions = {}): Promise<string> {
    const { maxBytes } = options;
    const pieces: Uint8Array[] = [];
    let bytes = 0;
    for (;;) {
      // Pieces already received are taken without a round trip through the event loop.
      const result = this.body.nextReady() ?? (await this.body.next());
      if (result.done) break;
      const chunk = result.value;
      const room = maxBytes === undefined ? chunk.byteLength : maxBytes - bytes;
      pieces.push(room < chunk.byteLength ? chunk.subarray(0, Math.max(0, room)) : chunk);
      bytes += chunk.byteLength;
      if (maxBytes !== undefined && bytes >= maxBytes) {
        // The rest is not wanted: release the connection.
        await this.body.return();
        break;
      }
    }
    // Decoded once at the end, so a character split across pieces stays whole.
    return utf8.decode(pieces.length === 1 ? pieces[0] : concat(pieces));
  }

  /** The body parsed as JSON; a body that is not JSON is a retryable `malformed_response`. */
  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new ProviderError({
        providerId: this.context.providerId,
        modelId: this.context.modelId,
        code: 'malformed_response',
        status: this.status,
        message: `Provider "${this.context.providerId}" sent a response that is not JSON: ${safeExcerpt(text, this.context.secrets, 200) || '(empty body)'}`,
        cause,
      });
    }
  }

  /** Releases the response without reading it (closes the connection if the body is still open). */
  async cancel(): Promise<void> {
    await this.body.return();
  }
}
