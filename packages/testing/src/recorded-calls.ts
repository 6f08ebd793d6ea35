import type { ChatCompletion, ChatCompletionMessageParam, EmbeddingCreateParams } from '@modelmesh/core';
import type { MockOutcome } from './mock-outcome.js';

/** The numbers 0 to N-1 as a union type. */
export type IndicesBelow<N extends number, Acc extends number[] = []> = Acc['length'] extends N ? Acc[number] : IndicesBelow<N, [...Acc, Acc['length']]>;

/**
 * A read-only array whose first 64 indices read as `T` rather than `T | undefined`, so a
 * test can write `client.calls[0].messages[0].content` under `noUncheckedIndexedAccess`,
 * as the Python quick start does. Only the type is relaxed: reading an index that was not
 * recorded is still `undefined` at run time (and the test fails on the next property
 * access, which is what a test wants). Indices from 64 on read as `T | undefined`.
 */
export type Recorded<T> = readonly T[] & { readonly [K in IndicesBelow<64>]: T };

/** What kind of request a call was. */
export type MockCallKind = 'chat' | 'embeddings';

/** Where a recorded call stands: `pending` until it (or its stream) ends, `cancelled` when the caller stopped reading a stream. */
export type MockCallStatus = 'pending' | 'ok' | 'failed' | 'cancelled';

/** A request as a mock sees it; the script function receives this. */
export interface MockRequest {
  /** Chat completion or embeddings. */
  readonly kind: MockCallKind;
  /**
   * The model the request named: for a mock provider, the real model id the router sent;
   * for a mock client, the virtual model (pool or capability) the caller asked for.
   */
  readonly model: string;
  /** The messages, copied when the call was made (empty for embeddings). */
  readonly messages: Recorded<ChatCompletionMessageParam>;
  /** Embeddings input (undefined for chat). */
  readonly input?: EmbeddingCreateParams['input'];
  /** Every other parameter (temperature, tools, ...), copied; `model`, `messages`, `input` and `stream` are left out. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Whether the call asked for a stream. */
  readonly stream: boolean;
  /** Extra HTTP headers the call carried. */
  readonly headers: Readonly<Record<string, string>>;
}

/** One recorded call, failed ones included. Fields after the request settle when the call (or its stream) ends. */
export interface MockCall extends MockRequest {
  /** 0-based position among the recorder's calls. */
  readonly index: number;
  /** The scripted outcome the call played (mock providers only). */
  readonly outcome?: MockOutcome;
  /** Where the call stands. */
  readonly status: MockCallStatus;
  /** The completion the caller got (for streams: the one the chunks add up to). */
  readonly response?: ChatCompletion;
  /** The error the caller got, or the abort reason. */
  readonly error?: unknown;
}

/** A recorded call that its owner may still settle. */
export type MutableMockCall = { -readonly [K in keyof MockCall]: MockCall[K] };

const copy = <T>(value: T): T => {
  try {
    return structuredClone(value);
  } catch {
    // Functions or class instances in params: keep the caller's value rather than fail the call.
    return value;
  }
};

/** Turns request parameters into a {@link MockRequest}, copying them so later changes by the caller do not rewrite history. */
export function toMockRequest(kind: MockCallKind, params: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>> | undefined): MockRequest {
  const { model, messages, input, stream, ...rest } = params;
  return {
    kind,
    model: typeof model === 'string' ? model : String(model),
    messages: (Array.isArray(messages) ? copy(messages) : []) as unknown as Recorded<ChatCompletionMessageParam>,
    ...(kind === 'embeddings' ? { input: copy(input) as EmbeddingCreateParams['input'] } : {}),
    params: copy(rest),
    stream: stream === true,
    headers: { ...headers },
  };
}

/** The list of calls a mock keeps, in call order. */
export class CallRecorder {
  private readonly list: MutableMockCall[] = [];

  /** The calls, typed for direct indexing in tests. */
  get calls(): Recorded<MockCall> {
    return this.list as unknown as Recorded<MockCall>;
  }

  /** Records a new call as pending and returns it for settling. */
  start(request: MockRequest): MutableMockCall {
    const call: MutableMockCall = { ...request, index: this.list.length, status: 'pending' };
    this.list.push(call);
    return call;
  }

  /** Forgets every call. */
  clear(): void {
    this.list.length = 0;
  }
}
