import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming, Provider, ProviderCall } from '@modelmesh/core';
import type { FakeHttpServer } from '../../servers/fake-http-server.js';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import type { CallOverrides } from '../conformance-context.js';

/** The options every wire's suite resolves and the shared checks read. */
export interface WireCheckOptions {
  readonly streaming: boolean;
  readonly enforcesIdleTimeout: boolean;
  readonly testTimeoutMs: number;
}

/**
 * What the shared checks need of a suite's context, whatever the wire: its fake server (steps
 * `S`, records `R`), the provider and builders for calls and params. Every wire's context has it.
 */
export interface WireCheckContext<S, R extends FakeLoggedRecord> {
  readonly options: WireCheckOptions;
  readonly server: FakeHttpServer<S, R>;
  readonly provider: Provider;
  call(overrides?: CallOverrides): ProviderCall;
  chatParams(extra?: Partial<ChatCompletionCreateParamsNonStreaming>): ChatCompletionCreateParamsNonStreaming;
  streamParams(extra?: Partial<ChatCompletionCreateParamsStreaming>): ChatCompletionCreateParamsStreaming;
}
