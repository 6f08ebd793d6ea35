import { RequestAbortedError, type ChatCompletion, type ChatCompletionChunk } from '@modelmesh/provider';
import { CompletionAssembler } from './completion-assembler.js';
import { FinalCompletion, finalOf, keepsFinalCompletion, type FinalCompletionKeeper } from './final-completion.js';
import { Stream } from './stream.js';

/**
 * Passes chunks through unchanged while folding them into `assembler`; settles once the source
 * ends. The handlers are made once per stream: a chunk costs one `then`, no closure.
 */
function assembling(source: AsyncIterator<ChatCompletionChunk>, settle: FinalCompletion): AsyncIterator<ChatCompletionChunk> {
  const assembler = new CompletionAssembler();
  const onResult = (result: IteratorResult<ChatCompletionChunk>): IteratorResult<ChatCompletionChunk> => {
    if (result.done) settle.resolve(assembler);
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
  /** Where the final completion comes from, once iteration has started: the delivery that keeps it, or this stream's own. */
  #keeper: FinalCompletionKeeper | undefined;
  #final: FinalCompletion | undefined;

  /**
   * @param iterate - produces the chunks; called once, on first iteration.
   * @param controller - aborting it cancels the request upstream. Without one, the stream
   *   makes its own when `controller` is first read.
   */
  constructor(iterate: () => AsyncIterator<ChatCompletionChunk>, controller?: AbortController) {
    super(iterate, controller);
  }

  override [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    const source = super[Symbol.asyncIterator]();
    // The router's delivery has the caller's answer assembled already: no second copy of the text.
    if (keepsFinalCompletion(source)) {
      this.#keeper = source;
      return source;
    }
    this.#final = new FinalCompletion();
    return assembling(source, this.#final);
  }

  /** `stream` as a `ChatCompletionStream`: itself if it is one, else a view that reads it. */
  static from(stream: Stream<ChatCompletionChunk>): ChatCompletionStream {
    if (stream instanceof ChatCompletionStream) return stream;
    return new ChatCompletionStreamView(stream);
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
    // Neither only when making the iterator threw: that stream never ends, as before.
    const final = this.#keeper?.[finalOf]() ?? (this.#final ??= new FinalCompletion());
    return final.promise();
  }
}

/** A `ChatCompletionStream` over another stream, whose `controller` and `abort()` are that stream's (so reading neither makes a controller). */
class ChatCompletionStreamView extends ChatCompletionStream {
  constructor(private readonly source: Stream<ChatCompletionChunk>) {
    super(() => source[Symbol.asyncIterator]());
  }

  override get controller(): AbortController {
    return this.source.controller;
  }

  override abort(): void {
    this.source.abort();
  }
}
