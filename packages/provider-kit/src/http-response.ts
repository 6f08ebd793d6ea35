import { ProviderError } from '@modelmesh/core';
import { BodyIterator } from './body-iterator.js';
import { safeExcerpt } from './error-message.js';
import type { GuardContext, RequestGuard } from './request-guard.js';

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
  /** Response headers. */
  readonly headers: Headers;
  private readonly body: BodyIterator;

  constructor(
    raw: Response,
    guard: RequestGuard,
    private readonly context: GuardContext,
  ) {
    this.status = raw.status;
    this.headers = raw.headers;
    this.body = new BodyIterator(raw.body, guard);
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
    const decoder = new TextDecoder();
    let text = '';
    let bytes = 0;
    for await (const chunk of this.body) {
      const room = options.maxBytes === undefined ? chunk.byteLength : options.maxBytes - bytes;
      text += decoder.decode(room < chunk.byteLength ? chunk.subarray(0, Math.max(0, room)) : chunk, { stream: true });
      bytes += chunk.byteLength;
      if (options.maxBytes !== undefined && bytes >= options.maxBytes) break;
    }
    return text + decoder.decode();
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
