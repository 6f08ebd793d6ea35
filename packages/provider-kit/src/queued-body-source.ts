import type { BodySource } from './body-source.js';

/** Bytes buffered before the source is paused (backpressure to the socket). */
const HIGH_WATER_BYTES = 64 * 1024;

/**
 * A {@link BodySource} fed by pushes (a Node readable's events, or undici's dispatch handler):
 * pieces wait in a queue for their reader, and the source is paused once more than 64 KiB
 * wait, so a slow consumer applies backpressure to the socket while a small body (and its end)
 * is taken in at once. Subclasses say how their source pauses, resumes and is destroyed.
 */
export abstract class QueuedBodySource implements BodySource {
  private readonly queue: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;
  private failure: unknown;
  /** The pending read's resolving functions, in two fields made by one executor per source: no object or closure per read. */
  private resolveRead: ((piece: Uint8Array | undefined) => void) | undefined;
  private rejectRead: ((error: unknown) => void) | undefined;
  private readonly captureRead = (resolve: (piece: Uint8Array | undefined) => void, reject: (error: unknown) => void): void => {
    this.resolveRead = resolve;
    this.rejectRead = reject;
  };
  /** Whether the transport calls {@link QueuedBodySource.fail} the moment the exchange aborts. */
  abstract readonly followsAbort: boolean;

  /** Stops the source delivering pieces until {@link QueuedBodySource.resumeSource}. */
  protected abstract pauseSource(): void;
  /** Lets the source deliver pieces again. */
  protected abstract resumeSource(): void;
  /** Closes the source for good (the rest is not downloaded). */
  protected abstract destroySource(): void;

  /** Whether the body has ended or failed (nothing more will be accepted). */
  protected get settled(): boolean {
    return this.ended || this.failure !== undefined;
  }

  /** A piece arrived: a waiting reader takes it, otherwise it is queued. */
  protected accept(piece: Uint8Array): void {
    const resolve = this.resolveRead;
    if (resolve !== undefined) {
      this.forgetRead();
      resolve(piece);
    } else {
      this.queue.push(piece);
      this.buffered += piece.byteLength;
      if (this.buffered > HIGH_WATER_BYTES) this.pauseSource();
    }
  }

  read(): Promise<Uint8Array | undefined> {
    const piece = this.shift();
    if (piece !== undefined) return Promise.resolve(piece);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(undefined);
    const next = new Promise<Uint8Array | undefined>(this.captureRead);
    // After the read is pending: a source may deliver its next piece (or end) within resume itself.
    this.resumeSource();
    return next;
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
    this.destroySource();
  }

  /** The exchange was aborted: pieces not read yet are dropped and reads reject with `reason`. */
  fail(reason: unknown): void {
    this.queue.length = 0;
    this.buffered = 0;
    this.settle(true, reason);
  }

  private forgetRead(): void {
    this.resolveRead = undefined;
    this.rejectRead = undefined;
  }

  /** Records the end (or failure) once; a reader already waiting learns it now. */
  protected settle(failed: boolean, error: unknown): void {
    if (this.settled) return;
    if (failed) this.failure = error;
    else this.ended = true;
    const resolve = this.resolveRead;
    const reject = this.rejectRead;
    this.forgetRead();
    if (failed) reject?.(error);
    else resolve?.(undefined);
  }
}
