import { BodyIterator } from './body-iterator.js';

type Piece = Uint8Array | string;

/**
 * The source of an SSE reader, with the wait for the next piece split from its handling:
 * the reader puts its own handler on `waitPiece()`'s promise, so a piece travels from the
 * socket to the reader's caller in one promise step, through no async frame. A response
 * body (`chunks()`, a {@link BodyIterator}) is one as it is; any other async iterator is
 * adapted by {@link IteratorPieceSource}.
 */
export interface PieceSource {
  /** A piece (or the end) already received, without waiting; undefined when `waitPiece()` is needed. */
  nextReady(): IteratorResult<Piece, unknown> | undefined;
  /** The next read; its value goes to `settlePiece`, its error to `pieceFailure`. */
  waitPiece(): Promise<unknown>;
  /** What a read gave (a method, so each source names the type its `waitPiece` gives); `again` when it gave nothing to use (read again). */
  settlePiece(read: unknown): IteratorResult<Piece, unknown> | 'again';
  /** What to throw for a failed read. */
  pieceFailure(error: unknown): unknown;
  /** Stops reading (releases the connection). */
  return(): Promise<unknown>;
}

/** The source of a reader over `source` (a response body, or any async iterable of pieces). */
export function pieceSource(source: AsyncIterable<Piece>): PieceSource {
  const iterator = source[Symbol.asyncIterator]();
  return iterator instanceof BodyIterator ? iterator : new IteratorPieceSource(iterator);
}

/** A source that may also hand over a piece already received (as a body iterator does). */
type PieceIterator = AsyncIterator<Piece> & { nextReady?(): IteratorResult<Piece> | undefined };

class IteratorPieceSource implements PieceSource {
  constructor(private readonly iterator: PieceIterator) {}

  nextReady(): IteratorResult<Piece, unknown> | undefined {
    return this.iterator.nextReady?.();
  }

  waitPiece(): Promise<unknown> {
    return this.iterator.next();
  }

  settlePiece(read: unknown): IteratorResult<Piece, unknown> {
    return read as IteratorResult<Piece, unknown>;
  }

  pieceFailure(error: unknown): unknown {
    return error;
  }

  async return(): Promise<unknown> {
    return this.iterator.return?.();
  }
}
