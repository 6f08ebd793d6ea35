import type { ChatCompletionChunk } from '@modelmesh/provider';
import { ChatCompletionStream } from '../streaming/chat-completion-stream.js';
import type { RequestSignals } from './request-signals.js';

/**
 * The stream a routed chat request resolves to. Its `controller` is the request's own, made when
 * first read (an `AbortController` costs a signal, an EventTarget with two Maps, and a listener,
 * for as long as the stream is open); `abort()` cancels the request without making it, so a
 * caller that never reads `controller` (the proxy) never pays for one.
 */
export class RoutedStream extends ChatCompletionStream {
  readonly #signals: RequestSignals;

  constructor(iterate: () => AsyncIterator<ChatCompletionChunk>, signals: RequestSignals) {
    super(iterate);
    this.#signals = signals;
  }

  /** The stream over a delivery (made here, so the iterate function keeps nothing else of the caller's scope alive). */
  static over(delivery: AsyncIterator<ChatCompletionChunk>, signals: RequestSignals): RoutedStream {
    return new RoutedStream(() => delivery, signals);
  }

  override get controller(): AbortController {
    return this.#signals.controller;
  }

  override abort(): void {
    this.#signals.abortByCaller();
  }
}
