import {
  AllProvidersExhaustedError,
  CompletionAssembler,
  Stream,
  type ChatCompletionChunk,
  type ChatCompletions,
  type MeshClient,
  type RequestOptions,
} from '@modelmesh/core';
import { CallRecorder, toMockRequest, type MutableMockCall } from './recorded-calls.js';

/**
 * The error a script produced, if `error` is (or wraps) one: the router reports a failed
 * last attempt as AllProvidersExhaustedError with the attempt's error in `lastError`, and
 * wraps errors that are not ModelMesh errors in a ProviderError whose `cause` they are.
 * Anything else is returned unchanged.
 */
export function scriptedError(error: unknown, scripted: WeakSet<object>): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (scripted.has(current)) return current;
    current = AllProvidersExhaustedError.isInstance(current) ? current.lastError : (current as { cause?: unknown }).cause;
  }
  return error;
}

/** Reads a stream through to the caller, settling the record when it ends. */
async function* watchStream(iterator: AsyncIterator<ChatCompletionChunk>, record: MutableMockCall): AsyncGenerator<ChatCompletionChunk> {
  const assembler = new CompletionAssembler();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      assembler.add(next.value);
      yield next.value;
    }
    record.status = 'ok';
    record.response = assembler.toCompletion();
  } catch (error) {
    record.status = 'failed';
    record.error = error;
    throw error;
  } finally {
    if (record.status === 'pending') {
      // The caller stopped reading: let the router end the request and release the provider.
      record.status = 'cancelled';
      await iterator.return?.();
    }
  }
}

/**
 * Wraps a mesh client's `chat.completions.create` and `embeddings.create` so every call
 * is recorded (before routing, so calls the router rejects are recorded too) and errors
 * a script produced reach the caller as they were scripted.
 */
export function recordCalls(client: MeshClient, recorder: CallRecorder, scripted: WeakSet<object>): void {
  const chat = client.chat.completions.create.bind(client.chat.completions);
  const embed = client.embeddings.create.bind(client.embeddings);
  const fail = (record: MutableMockCall, error: unknown): never => {
    const surfaced = scriptedError(error, scripted);
    record.status = 'failed';
    record.error = surfaced;
    throw surfaced;
  };
  const start = (kind: 'chat' | 'embeddings', params: unknown, options: RequestOptions | undefined) =>
    recorder.start(toMockRequest(kind, typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {}, options?.headers));

  const create = async (params: Parameters<ChatCompletions['create']>[0], options?: RequestOptions) => {
    const record = start('chat', params, options);
    try {
      const result = await chat(params, options);
      if (result instanceof Stream) {
        const stream = result as Stream<ChatCompletionChunk>;
        return new Stream(() => watchStream(stream[Symbol.asyncIterator](), record), stream.controller);
      }
      record.status = 'ok';
      record.response = result;
      return result;
    } catch (error) {
      return fail(record, error);
    }
  };
  const embeddings: MeshClient['embeddings'] = {
    create: async (params, options) => {
      const record = start('embeddings', params, options);
      try {
        const result = await embed(params, options);
        record.status = 'ok';
        return result;
      } catch (error) {
        return fail(record, error);
      }
    },
  };
  // The instance keeps its class (explain, describe, usage, close work unchanged); only the two entry points are wrapped.
  Object.defineProperties(client, {
    chat: { value: { completions: { create: create as ChatCompletions['create'] } }, enumerable: true },
    embeddings: { value: embeddings, enumerable: true },
  });
}
