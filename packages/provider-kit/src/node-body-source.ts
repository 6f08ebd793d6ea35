import type { Readable } from 'node:stream';
import { QueuedBodySource } from './queued-body-source.js';

/** What a premature close reports when the stream gave no error of its own (as `stream.finished` does). */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * A Node readable (a decompressor over a response) as a body source, without a
 * WHATWG stream in between. Pieces are taken in flowing mode and the stream is paused while
 * more than 64 KiB wait for their reader ({@link QueuedBodySource}).
 * `cancel()` destroys the readable and `release` (the response under a decompressor).
 */
export class NodeBodySource extends QueuedBodySource {
  /** Set when the transport calls {@link NodeBodySource.fail} on abort (only for undecoded bodies: a decompressor may outlive the response). */
  readonly followsAbort: boolean;

  constructor(
    private readonly stream: Readable,
    private readonly release: Readable = stream,
  ) {
    super();
    this.followsAbort = release === stream;
    stream.on('data', (piece: Uint8Array) => this.accept(piece));
    // `on`, not `once`: settle() takes only the first outcome anyway, and `once` costs a wrapper
    // (a bound function and its state) per listener per open stream.
    stream.on('end', () => this.settle(false, undefined));
    stream.on('error', (error: unknown) => this.settle(true, error));
    stream.on('close', () => {
      if (!this.settled) this.settle(true, stream.errored ?? prematureClose());
    });
  }

  protected pauseSource(): void {
    this.stream.pause();
  }

  protected resumeSource(): void {
    this.stream.resume();
  }

  protected destroySource(): void {
    this.stream.destroy();
    if (this.release !== this.stream) this.release.destroy();
  }
}
