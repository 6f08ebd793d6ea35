import type { ErrorBodyParser } from '@modelmesh/provider-kit';
import { refineErrorBody, type RequestKind } from '@modelmesh/providers-openai-compatible/internal';

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
 *   chunk with a top-level `error` and `finish_reason: "error"`; the base recognises that
 *   chunk as an error report (`isErrorPayload`), so it becomes the typed error (retryable
 *   unless it says otherwise) instead of a chunk with a finish reason OpenAI does not have.
 * - Error bodies are OpenAI-like with a numeric `code` (the HTTP status) and a `metadata`
 *   object: for upstream failures `metadata.raw` holds the upstream provider's own message and
 *   `metadata.provider_name` its name, and rate limits may carry `retry_after_seconds`. The
 *   parser below quotes them, so errors say what actually went wrong and where.
 * - Attribution headers `HTTP-Referer` (your site) and `X-Title` (your app's name) are
 *   optional and sent when configured.
 */

/** Usage accounting: adds `usage: { include: true }` to chat requests that do not set `usage` (the `transformRequest` of instances that keep it on). */
export function openRouterRequestBody(body: Record<string, unknown>, kind: RequestKind): Record<string, unknown> {
  if (kind === 'embeddings' || body['usage'] !== undefined) return body;
  return { ...body, usage: { include: true } };
}

/** The attribution headers: `HTTP-Referer` (your site) and `X-Title` (your app's name), each only when given. */
export function openRouterHeaders(siteUrl: string | undefined, appName: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (siteUrl !== undefined) headers['HTTP-Referer'] = siteUrl;
  if (appName !== undefined) headers['X-Title'] = appName;
  return headers;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OpenRouter's error bodies: `{ error: { code, message, metadata } }`. The generic message
 * ("Provider returned error") gets the upstream provider's name and raw message from
 * `metadata`, and a `metadata.retry_after_seconds` becomes "retry after Ns" in the message,
 * which the error mapping reads as `retryAfter` when no `Retry-After` header came.
 */
export const parseOpenRouterError: ErrorBodyParser = refineErrorBody((parsed, body) => {
  const error = body['error'];
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
});
