/** Pieces joined into one block at a time. */
const BLOCK_PIECES = 16;

/**
 * A text that arrives in small pieces (a stream's deltas) and is kept as long as the stream
 * lasts. Every 16 pieces are joined into one flat block, and blocks are chained as a cons string
 * (no copy), so a long answer costs about a byte a character.
 *
 * Why not a string per piece: a piece of a few characters then cost ~37 B of heap for the whole
 * stream (its string, its slot and the array's growth), and these small long-lived objects,
 * promoted a few at a time among short-lived ones, kept old-space pages from being freed. In the
 * slow-streams benchmark with turnover (`node benchmarks/slow-streams.mjs 1000 100 100`: 1,000
 * streams of 100 chunks, each replaced as it ends), the proxy's old space after a collection went
 * from 59.9 to 46.6 KB committed per stream with this (24.5–24.7 KB of it live either way).
 */
export class TextPieces {
  private sealed = '';
  private readonly recent: string[] = [];

  /** Adds the next piece. */
  add(piece: string): void {
    if (piece === '') return;
    this.recent.push(piece);
    if (this.recent.length === BLOCK_PIECES) this.seal();
  }

  /** The text so far. */
  toString(): string {
    if (this.recent.length > 0) this.seal();
    return this.sealed;
  }

  private seal(): void {
    this.sealed += this.recent.join('');
    this.recent.length = 0;
  }
}
