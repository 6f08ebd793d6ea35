import type { Readable } from 'node:stream';
import type { BodySource } from './body-source.js';

/** What a premature close reports when the stream gave no error of its own (as `stream.finished` does). */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * A Node readable (a response, or its decompressor) as a {@link BodySource}, without a
 * WHATWG stream in between. Pieces are taken in flowing mode; the stream is paused once
 * more than 64 KiB wait for their reader, so a slow consumer applies backpressure to the
 * socket while a small body (and its end) is taken in at once.
 * `cancel()` destroys the readable and `release` (the response under a decompressor).
 */
/** Bytes buffered before the stream is paused (backpressure to the socket). */
const HIGH_WATER_BYTES = 64 * 1024;

export class NodeBodySource implements BodySource {
  private readonly queue: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;
  private failure: unknown;
  private waiting: { resolve: (piece: Uint8Array | undefined) => void; reject: (error: unknown) => void } | undefined;
  /** Set when the transport calls {@link NodeBodySource.fail} on abort (only for undecoded bodies: a decompressor may outlive the response). */
  readonly followsAbort: boolean;

  constructor(
    private readonly stream: Readable,
    private readonly release: Readable = stream,
  ) {
    this.followsAbort = release === stream;
    stream.on('data', (piece: Uint8Array) => {
      const waiting = this.take();
      if (waiting) waiting.resolve(piece);
      else {
        this.queue.push(piece);
        this.buffered += piece.byteLength;
        if (this.buffered > HIGH_WATER_BYTES) stream.pause();
      }
    });
    // `on`, not `once`: settle() takes only the first outcome anyway, and `once` costs a wrapper
    // (a bound function and its state) per listener per open stream.
    stream.on('end', () => this.settle(false, undefined));
    stream.on('error', (error: unknown) => this.settle(true, error));
    stream.on('close', () => {
      if (!this.ended && this.failure === undefined) this.settle(true, stream.errored ?? prematureClose());
    });
  }

  read(): Promise<Uint8Array | undefined> {
    const piece = this.shift();
    if (piece !== undefined) return Promise.resolve(piece);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(undefined);
    this.stream.resume();
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  poll(): Uint8Array | null | undefined {
    const piece = this.shift();
    if (piece !== undefined) return piece;
    return this.ended ? null : undefined;
  }

  private shift(): Uint8Array | undefined {
    const piece = this.queue.shift();
    if (piece !== undefined) this.buffered -= piece.byteLength;
    return piece;
  }

  cancel(): void {
    this.settle(true, new DOMException('The response body was cancelled', 'AbortError'));
    this.queue.length = 0;
    this.buffered = 0;
    this.stream.destroy();
    if (this.release !== this.stream) this.release.destroy();
  }

  /** The exchange was aborted: pieces not read yet are dropped and reads reject with `reason`. */
  fail(reason: unknown): void {
    this.queue.length = 0;
    this.buffered = 0;
    this.settle(true, reason);
  }

  private take(): NodeBodySource['waiting'] {
    const waiting = this.waiting;
    this.waiting = undefined;
    return waiting;
  }

  /** Records the end (or failure) once; a reader already waiting learns it now. */
  private settle(failed: boolean, error: unknown): void {
    if (this.ended || this.failure !== undefined) return;
    if (failed) this.failure = error;
    else this.ended = true;
    const waiting = this.take();
    if (!waiting) return;
    if (failed) waiting.reject(error);
    else waiting.resolve(undefined);
  }
}
