/** What a provider's error body says, in a vendor-neutral shape. */
export interface ProviderErrorBody {
  /** The provider's human-readable message. */
  message?: string;
  /** Machine code, e.g. OpenAI's `context_length_exceeded`, `rate_limit_exceeded`. */
  code?: string;
  /** Error type or class, e.g. `invalid_request_error`, `overloaded_error`. */
  type?: string;
  /** The request parameter at fault, if named. */
  param?: string;
  /** An HTTP-like status found inside the body (in-stream errors carry no HTTP status). */
  status?: number;
}

/** Turns a vendor's error payload (already JSON-parsed, or the raw text) into {@link ProviderErrorBody}. */
export type ErrorBodyParser = (body: unknown) => ProviderErrorBody | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const codeOf = (value: unknown): string | undefined => (typeof value === 'number' ? String(value) : text(value));

function statusOf(...values: unknown[]): number | undefined {
  for (const value of values) {
    const n = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 400 && n < 600) return n;
  }
  return undefined;
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  // FastAPI/pydantic (vLLM) validation errors: `detail: [{ msg, loc }]`.
  if (Array.isArray(value)) {
    const parts = value.map((item) => (isRecord(item) ? text(item['msg']) ?? text(item['message']) : text(item))).filter((s) => s !== undefined);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  return undefined;
}

/**
 * An error body as the JSON object it should be: a string is parsed first, and a one-element
 * array (Google batch style) is unwrapped. Undefined for anything else (text, a list, a number).
 */
export function errorBodyObject(body: unknown): Record<string, unknown> | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(value) && value.length === 1) value = value[0];
  return isRecord(value) ? value : undefined;
}

/**
 * Reads the error bodies of the common wire formats:
 * OpenAI and most OpenAI-wire servers `{ error: { message, type, code, param } }`,
 * Anthropic `{ type: 'error', error: { type, message } }`, Google `{ error: { code, message, status } }`,
 * a bare `{ error: "text" }`, FastAPI `{ detail }`, and `{ message }`.
 * Accepts the parsed JSON value; a string is tried as JSON first.
 */
export const parseErrorBody: ErrorBodyParser = (body) => {
  const value = errorBodyObject(body);
  if (value === undefined) return undefined;
  const error = value['error'];
  if (isRecord(error)) {
    return {
      message: messageOf(error['message']) ?? messageOf(error['detail']),
      code: codeOf(error['code']) ?? text(error['status']),
      type: text(error['type']) ?? text(error['status']),
      param: text(error['param']),
      status: statusOf(error['code'], error['status'], value['status']),
    };
  }
  const message = messageOf(error) ?? messageOf(value['message']) ?? messageOf(value['detail']) ?? messageOf(value['msg']);
  if (message === undefined) return undefined;
  return {
    message,
    code: codeOf(value['code']),
    type: text(value['type']) === 'error' ? undefined : text(value['type']),
    param: text(value['param']),
    status: statusOf(value['code'], value['status']),
  };
};
