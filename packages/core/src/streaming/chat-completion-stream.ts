import { RequestAbortedError, type ChatCompletion, type ChatCompletionChunk } from '@modelmesh/provider';
import { CompletionAssembler } from './completion-assembler.js';
import { Stream } from './stream.js';

interface Settle {
  resolve(completion: ChatCompletion): void;
  reject(error: unknown): void;
}

/**
 * Passes chunks through unchanged while folding them into `assembler`; settles once the source
 * ends. The handlers are made once per stream: a chunk costs one `then`, no closure.
 */
function assembling(source: AsyncIterator<ChatCompletionChunk>, assembler: CompletionAssembler, settle: Settle): AsyncIterator<ChatCompletionChunk> {
  const onResult = (result: IteratorResult<ChatCompletionChunk>): IteratorResult<ChatCompletionChunk> => {
    if (result.done) settle.resolve(assembler.toCompletion());
    else assembler.add(result.value);
    return result;
  };
  const onError = (error: unknown): never => {
    settle.reject(error);
    throw error;
  };
  return {
    next: () => {
      try {
        return source.next().then(onResult, onError);
      } catch (error) {
        // A source that throws instead of rejecting fails the same way.
        return Promise.reject(error).catch(onError);
      }
    },
    return: async (value?: unknown) => {
      // Stopped before the end (a `break` in `for await`): there is no final completion.
      settle.reject(new RequestAbortedError({ message: 'The stream was stopped before its end, so it has no final completion' }));
      return (await source.return?.(value)) ?? { done: true, value: undefined };
    },
  };
}

/**
 * The stream `chat.completions.create({ stream: true })` resolves to: a {@link Stream} of
 * chunks that also assembles them, like the `openai` package's `ChatCompletionStream`, so
 * `finalChatCompletion()` gives the whole answer as one `ChatCompletion`.
 */
export class ChatCompletionStream extends Stream<ChatCompletionChunk> {
  private readonly final: Promise<ChatCompletion>;

  /**
   * @param iterate - produces the chunks; called once, on first iteration.
   * @param controller - aborting it cancels the request upstream.
   */
  constructor(iterate: () => AsyncIterator<ChatCompletionChunk>, controller: AbortController) {
    const assembler = new CompletionAssembler();
    let settle: Settle = { resolve: () => undefined, reject: () => undefined };
    const final = new Promise<ChatCompletion>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Nobody has to ask for the final completion; a failed stream must not also leave an unhandled rejection.
    final.catch(() => undefined);
    super(() => assembling(iterate(), assembler, settle), controller);
    this.final = final;
  }

  /** `stream` as a `ChatCompletionStream`: itself if it is one, else a view that reads it. */
  static from(stream: Stream<ChatCompletionChunk>): ChatCompletionStream {
    if (stream instanceof ChatCompletionStream) return stream;
    return new ChatCompletionStream(() => stream[Symbol.asyncIterator](), stream.controller);
  }

  /**
   * The whole answer, assembled from every chunk: text joined, tool-call arguments joined,
   * finish reason and usage kept. Reads the stream to its end if nobody is iterating it;
   * otherwise resolves when the iteration reaches the end. Rejects with the stream's error,
   * or with a `RequestAbortedError` when the stream is aborted or left before its end.
   */
  async finalChatCompletion(): Promise<ChatCompletion> {
    if (!this.consumed) {
      const iterator = this[Symbol.asyncIterator]();
      while (!(await iterator.next()).done);
    }
    return this.final;
  }
}
