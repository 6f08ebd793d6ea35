import type { ChatCompletionChunk } from '@modelmesh/core';
import { parseErrorBody, type ErrorBodyParser } from '@modelmesh/provider-kit';
import { errorFromPayload, type RequestKind } from '@modelmesh/providers-openai-compatible';

/*
 * Where OpenRouter differs from OpenAI's wire format (openrouter.ai/docs).
 *
 * - Its own request options are passed through untouched, like any unknown parameter:
 *   provider routing (`provider: { order, allow_fallbacks, only, ignore, sort, ... }`), model
 *   fallbacks (`models: [...]`, `route: "fallback"`), `transforms`, `reasoning`, `plugins`, ...
 * - Usage accounting: with `usage: { include: true }` OpenRouter reports what the request
 *   cost in `usage.cost` (USD), in completions and in the last chunk of a stream. The router
 *   bills a provider-reported cost in preference to its own estimate, so this package asks for
 *   it unless told not to or unless the caller set `usage` itself.
 * - Mid-stream errors: once a stream has started, OpenRouter reports an upstream failure as a
 *   chunk with a top-level `error` and `finish_reason: "error"`; that chunk becomes the typed
 *   error (retryable unless it says otherwise) instead of a chunk with a finish reason OpenAI
 *   does not have.
 * - Error bodies are OpenAI-like with a numeric `code` (the HTTP status) and a `metadata`
 *   object: for upstream failures `metadata.raw` holds the upstream provider's own message and
 *   `metadata.provider_name` its name, and rate limits may carry `retry_after_seconds`. The
 *   parser below quotes them, so errors say what actually went wrong and where.
 * - Attribution headers `HTTP-Referer` (your site) and `X-Title` (your app's name) are
 *   optional and sent when configured.
 */

/** Adds `usage: { include: true }` to chat requests that do not set `usage`. */
export function openRouterRequestBody(body: Record<string, unknown>, kind: RequestKind, usageAccounting: boolean): Record<string, unknown> {
  if (kind === 'embeddings' || !usageAccounting || body['usage'] !== undefined) return body;
  return { ...body, usage: { include: true } };
}

/** What a mid-stream error needs to become a typed error. */
export interface StreamErrorContext {
  providerId: string;
  modelId: string;
  secrets: readonly string[];
}

/** Turns OpenRouter's mid-stream error chunks into typed errors; other chunks pass unchanged. */
export function openRouterChunks(chunks: AsyncIterable<ChatCompletionChunk>, context: StreamErrorContext): AsyncIterable<ChatCompletionChunk> {
  return {
    [Symbol.asyncIterator]() {
      const source = chunks[Symbol.asyncIterator]();
      return {
        async next(): Promise<IteratorResult<ChatCompletionChunk>> {
          const next = await source.next();
          if (next.done) return next;
          const error = (next.value as { error?: unknown }).error;
          if (error === undefined || error === null) return next;
          // Stop reading the rest (and release the connection) before reporting the failure.
          await source.return?.();
          throw errorFromPayload({ error }, context);
        },
        // Ending early must release the connection: pass the return on.
        async return(): Promise<IteratorResult<ChatCompletionChunk>> {
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OpenRouter's error bodies: `{ error: { code, message, metadata } }`. The generic message
 * ("Provider returned error") gets the upstream provider's name and raw message from
 * `metadata`, and a `metadata.retry_after_seconds` becomes "retry after Ns" in the message,
 * which the error mapping reads as `retryAfter` when no `Retry-After` header came.
 */
export const parseOpenRouterError: ErrorBodyParser = (body) => {
  const parsed = parseErrorBody(body);
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return parsed;
    }
  }
  const error = isRecord(value) ? value['error'] : undefined;
  const metadata = isRecord(error) ? error['metadata'] : undefined;
  if (parsed === undefined || !isRecord(metadata)) return parsed;
  let message = parsed.message ?? 'error';
  const provider = typeof metadata['provider_name'] === 'string' ? metadata['provider_name'] : undefined;
  const raw = metadata['raw'];
  const rawText = typeof raw === 'string' ? raw : isRecord(raw) ? JSON.stringify(raw) : undefined;
  if (rawText !== undefined && rawText !== '') message = `${message} (${provider ?? 'upstream'}): ${rawText}`;
  const retryAfter = metadata['retry_after_seconds'];
  if (typeof retryAfter === 'number' && retryAfter >= 0 && !/retry after|try again in/i.test(message)) message = `${message} (retry after ${retryAfter}s)`;
  return { ...parsed, message };
};
