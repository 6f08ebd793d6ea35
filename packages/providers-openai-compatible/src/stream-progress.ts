import type { ChatCompletionChunk } from '@modelmesh/provider';

/**
 * Tracks which choices have finished, to tell a complete answer from a truncated one. Nearly
 * every stream has one choice: it is kept in fields, and a Map is made only for a second.
 */
export class StreamProgress {
  /** Index of the first choice seen; undefined before any. */
  private firstIndex: number | undefined;
  private firstFinished = false;
  /** Choices after the first, by index: whether each finished. */
  private others: Map<number, boolean> | undefined;

  see(chunk: ChatCompletionChunk): void {
    if (chunk.usage) this.usageSeen = true;
    for (const choice of chunk.choices) {
      const done = choice.finish_reason !== null && choice.finish_reason !== undefined;
      if (this.firstIndex === undefined) this.firstIndex = choice.index;
      if (choice.index === this.firstIndex) this.firstFinished ||= done;
      else {
        this.others ??= new Map();
        this.others.set(choice.index, this.others.get(choice.index) === true || done);
      }
    }
  }

  /** A chunk carried usage (the last one the server sends before `[DONE]`). */
  usageSeen = false;

  /** Every choice announced its finish reason: the answer is whole. */
  get complete(): boolean {
    if (this.firstIndex === undefined || !this.firstFinished) return false;
    if (this.others !== undefined) for (const finished of this.others.values()) if (!finished) return false;
    return true;
  }
}
