import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { DispatchBodySource } from './dispatch-body-source.js';
import type { AbortFollower, ExchangeAbort } from './exchange-abort.js';
import type { HeaderSource } from './header-source.js';
import { NodeBodySource } from './node-body-source.js';
import { decodeBody, NULL_BODY_STATUSES, toHeaders } from './node-response-parts.js';
import type { TransportResponse } from './transport.js';

type HeaderRecord = Record<string, string | string[] | undefined>;

/** The response of the Node transport: headers become a fetch `Headers` only if someone asks. */
class NodeResponse implements TransportResponse {
  private built: Headers | undefined;

  constructor(
    readonly status: number,
    readonly headerSource: HeaderSource,
    readonly body: DispatchBodySource | NodeBodySource | null,
  ) {}

  get headers(): Headers {
    this.built ??= toHeaders(this.headerSource as HeaderRecord);
    return this.built;
  }
}

/** A compressed body's raw pieces as a Node readable, for zlib to decompress (the uncommon path). */
function compressedPieces(controller: Dispatcher.DispatchController): Readable {
  return new Readable({
    read: () => controller.resume(),
    destroy: (error, callback) => {
      controller.abort(error ?? new DOMException('The response body was cancelled', 'AbortError'));
      callback(error);
    },
  });
}

/**
 * One exchange on undici's dispatch API: resolves with the response once its headers arrive
 * and pushes the body into its {@link DispatchBodySource} (or, when compressed, into a readable
 * that zlib decodes). It is also the abort's follower: no closure per exchange.
 * Fails as `fetch` does: with the abort's reason, otherwise `TypeError('fetch failed')`.
 */
export class NodeExchangeHandler implements Dispatcher.DispatchHandler, AbortFollower {
  private controller: Dispatcher.DispatchController | undefined;
  private response: NodeResponse | undefined;
  private raw: Readable | undefined;

  constructor(
    private readonly abort: ExchangeAbort,
    private readonly method: string,
    private resolve: ((response: TransportResponse) => void) | undefined,
    private reject: ((error: unknown) => void) | undefined,
  ) {
    abort.follow(this);
  }

  /** The exchange aborted. */
  abortExchange(reason: unknown): void {
    // Before the headers the caller learns it now (undici may still be queueing the request).
    if (this.response === undefined) this.fail(reason);
    else this.response.body?.fail(reason);
    this.controller?.abort(reason as Error);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abort.aborted) controller.abort(this.abort.reason as Error);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: HeaderRecord): void {
    // 1xx informational responses come before the real one.
    if (statusCode < 200 || this.abort.aborted) return;
    this.controller = controller;
    // undici's controller keeps the raw header buffers (views into a socket read, ~1.9 KB held per
    // open stream, measured); the parsed `headers` are all we use.
    controller.rawHeaders = null;
    let body: DispatchBodySource | NodeBodySource | null = null;
    if (!NULL_BODY_STATUSES.has(statusCode) && this.method !== 'HEAD') {
      const declared = headers['content-encoding'];
      if (declared === undefined) body = new DispatchBodySource(controller);
      else {
        const raw = compressedPieces(controller);
        this.raw = raw;
        body = new NodeBodySource(decodeBody(headers, raw), raw);
      }
    }
    this.response = new NodeResponse(statusCode, headers, body);
    this.resolve?.(this.response);
    this.forgetCaller();
  }

  /** Rejects the caller's promise (once). */
  private fail(error: unknown): void {
    this.reject?.(error);
    this.forgetCaller();
  }

  /** The caller's promise is settled: its resolving functions (and the promise) need not stay alive with an open stream. */
  private forgetCaller(): void {
    this.resolve = undefined;
    this.reject = undefined;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const body = this.response?.body;
    if (this.raw !== undefined) {
      if (!this.raw.push(chunk)) controller.pause();
    } else if (body instanceof DispatchBodySource) body.push(chunk);
    // A null-body response's bytes (if any) are dropped; its connection still goes back to the pool.
  }

  onResponseEnd(): void {
    this.abort.follow(undefined);
    const body = this.response?.body;
    if (this.raw !== undefined) this.raw.push(null);
    else if (body instanceof DispatchBodySource) body.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.abort.follow(undefined);
    const response = this.response;
    if (response === undefined) {
      this.fail(this.abort.aborted ? this.abort.reason : new TypeError('fetch failed', { cause: error }));
      return;
    }
    if (this.raw !== undefined) this.raw.destroy(error);
    else if (response.body instanceof DispatchBodySource) response.body.error(error);
  }
}
