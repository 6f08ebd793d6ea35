import { mapErrorPayload, parseErrorBody, type ErrorBodyParser } from '@modelmesh/provider-kit';
import type { ProviderError } from '@modelmesh/provider';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the error bodies OpenAI-wire servers send. OpenAI's `{ error: { message, type,
 * code, param } }` comes first; vLLM and LocalAI send `{ object: 'error', message, type,
 * code: 400 }`, llama.cpp `{ error: { code: 400, message, type } }`, and proxies a bare
 * `{ error: "..." }`; all of them are covered by provider-kit's parser. Vendor packages
 * whose errors differ pass their own parser as `parseErrorBody`.
 */
export const parseOpenAICompatibleError: ErrorBodyParser = (body) => parseErrorBody(body);

/**
 * True for a stream event or a 200 body that is an error report rather than data: an
 * `event: error`, an object with an `error` and no `choices`, or a chunk with a top-level
 * `error` one of whose choices has `finish_reason: "error"` (how OpenRouter, for one,
 * reports an upstream failure once a stream has started).
 */
export function isErrorPayload(data: unknown, event?: string): boolean {
  if (event === 'error') return true;
  if (!isRecord(data) || data['error'] === undefined || data['error'] === null) return false;
  const choices = data['choices'];
  if (choices === undefined) return true;
  return Array.isArray(choices) && choices.some((choice) => isRecord(choice) && choice['finish_reason'] === 'error');
}

/** Context for {@link errorFromPayload}. */
export interface PayloadErrorContext {
  /** Provider instance id. */
  providerId: string;
  /** Model the request was for. */
  modelId?: string;
  /** Values to mask (the API key). */
  secrets: readonly string[];
  /** The vendor's error-body parser, if it differs from OpenAI's. */
  parseErrorBody?: ErrorBodyParser;
}

/** The typed error for an `{ error: ... }` payload found in a stream or in a 200 body. */
export function errorFromPayload(data: unknown, context: PayloadErrorContext): ProviderError {
  return mapErrorPayload({ providerId: context.providerId, modelId: context.modelId, payload: data, secrets: context.secrets, parseBody: context.parseErrorBody ?? parseOpenAICompatibleError });
}
