import {
  ProviderTimeoutError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type CreateEmbeddingResponse,
  type ModelSpec,
  type Provider,
  type ProviderCall,
} from '@modelmesh/core';
import { httpError } from '../../src/mock-http-error.js';
import { connectionError, inStreamError, malformedError, rateLimitSnapshot, type ErrorSource } from './reference-errors.js';
import { readSseData } from './reference-sse.js';

/** Options of the reference provider. */
export interface ReferenceProviderOptions {
  readonly id?: string;
  readonly baseUrl: string;
  readonly apiKey?: string;
}

/** An open response and what releases it. */
interface Exchange {
  readonly response: Response;
  readonly source: ErrorSource;
  /** Aborts the request (closing the connection) and detaches from the caller's signal. */
  readonly release: () => void;
}

const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('Aborted', 'AbortError');

/**
 * A minimal, correct OpenAI-wire provider on plain `fetch`, used only to test the conformance
 * suite itself (real providers come from @modelmesh/providers-*). Enforces first-byte and idle
 * timeouts, honours the caller's signal mid-stream, maps failures to typed errors.
 */
export function createReferenceProvider(options: ReferenceProviderOptions): Provider {
  const id = options.id ?? 'reference';

  async function send(path: string, method: 'GET' | 'POST', body: unknown, call: ProviderCall, modelId: string): Promise<Exchange> {
    const source = { providerId: id, modelId };
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(abortReason(call.signal));
    call.signal.addEventListener('abort', onAbort, { once: true });
    const release = (): void => {
      call.signal.removeEventListener('abort', onAbort);
      controller.abort();
    };
    if (call.signal.aborted) onAbort();
    const firstByte = call.timeouts.firstByte;
    let timedOut = false;
    const timer = firstByte === undefined ? undefined : setTimeout(() => ((timedOut = true), controller.abort()), firstByte);
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
          ...call.headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: controller.signal,
      });
    } catch (cause) {
      release();
      if (timedOut) throw new ProviderTimeoutError({ ...source, timeoutSeconds: (firstByte ?? 0) / 1000, phase: 'first-byte', cause });
      if (call.signal.aborted) throw abortReason(call.signal);
      throw connectionError(source, cause);
    } finally {
      clearTimeout(timer);
    }
    const snapshot = rateLimitSnapshot(response.headers, Date.now());
    if (snapshot) call.reportRateLimit?.(snapshot);
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      release();
      throw httpError({ status: response.status, headers: Object.fromEntries(response.headers), body: text }, { ...source, now: Date.now() });
    }
    return { response, source, release };
  }

  async function readJson<T>(exchange: Exchange, call: ProviderCall): Promise<T> {
    let text: string;
    try {
      text = await exchange.response.text();
    } catch (cause) {
      if (call.signal.aborted) throw abortReason(call.signal);
      throw connectionError(exchange.source, cause);
    } finally {
      exchange.release();
    }
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw malformedError(exchange.source, cause);
    }
  }

  async function* chunks(exchange: Exchange, call: ProviderCall): AsyncGenerator<ChatCompletionChunk> {
    const { source, response } = exchange;
    const idle = call.timeouts.idle;
    const idleError = (): Error => new ProviderTimeoutError({ ...source, timeoutSeconds: (idle ?? 0) / 1000, phase: 'idle' });
    let finished = false;
    // Events that are not JSON are skipped, up to the call's limit (3 by default), and reported.
    const limit = call.maxMalformedEvents ?? 3;
    let malformed = 0;
    try {
      if (!response.body) throw malformedError(source, new Error('no body'));
      for await (const data of readSseData(response.body, idle, idleError)) {
        if (data === '[DONE]') return;
        let chunk: ChatCompletionChunk & { error?: Record<string, unknown> };
        try {
          chunk = JSON.parse(data) as typeof chunk;
        } catch (cause) {
          if (++malformed > limit) throw malformedError(source, cause);
          call.reportMalformedEvent?.({ count: malformed, excerpt: data.slice(0, 200) });
          continue;
        }
        if (chunk.error) throw inStreamError(source, chunk.error);
        if (chunk.choices?.some((choice) => choice.finish_reason)) finished = true;
        yield chunk;
      }
      // The body ended without [DONE]: whole if a finish reason came, truncated otherwise.
      if (!finished) throw connectionError(source, new Error('the stream ended before its finish reason'));
    } catch (error) {
      if (call.signal.aborted) throw abortReason(call.signal);
      if (error instanceof Error && error.name === 'ProviderTimeoutError') throw error;
      if (error instanceof Error && 'providerId' in error) throw error;
      throw connectionError(source, error);
    } finally {
      exchange.release();
    }
  }

  return {
    id,
    connector: 'reference.openai-wire.v1',
    async chat(request, call) {
      return readJson<ChatCompletion>(await send('/chat/completions', 'POST', request, call, request.model), call);
    },
    async chatStream(request, call) {
      const body = { ...request, stream: true, stream_options: { ...request.stream_options, include_usage: true } };
      return chunks(await send('/chat/completions', 'POST', body, call, request.model), call);
    },
    async embed(request, call) {
      return readJson<CreateEmbeddingResponse>(await send('/embeddings', 'POST', request, call, request.model), call);
    },
    async listModels(call) {
      const full: ProviderCall = { signal: call?.signal ?? new AbortController().signal, timeouts: {} };
      const list = await readJson<{ data: Array<{ id: string }> }>(await send('/models', 'GET', undefined, full, ''), full);
      return list.data.map((model): ModelSpec => ({ id: model.id, capabilities: ['chat-completion'] }));
    },
  };
}
