import { InvalidRequestError } from '@modelmesh/provider';
import { validateMessages } from './validate-messages.js';

/** A numeric request parameter: its range, and whether it must be a whole number. */
interface NumberRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const rule = (name: string, min: number, max: number, integer = false): NumberRule => ({ name, min, max, integer });

/**
 * The numeric chat parameters, with OpenAI's documented ranges. The router reads some of
 * them (`max_tokens` sizes the budget reservation), so a string, NaN, Infinity or a negative
 * count must stop here: a NaN estimate would compare false with every budget limit.
 */
const CHAT_NUMBERS: readonly NumberRule[] = [
  rule('max_tokens', 1, Number.MAX_SAFE_INTEGER, true),
  rule('max_completion_tokens', 1, Number.MAX_SAFE_INTEGER, true),
  rule('n', 1, 128, true),
  rule('temperature', 0, 2),
  rule('top_p', 0, 1),
  rule('presence_penalty', -2, 2),
  rule('frequency_penalty', -2, 2),
  rule('seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true),
  rule('top_logprobs', 0, 20, true),
];

const EMBEDDING_NUMBERS: readonly NumberRule[] = [rule('dimensions', 1, Number.MAX_SAFE_INTEGER, true)];

/** Fields that, when present and not null, must be of one JSON type. */
const CHAT_SHAPES: ReadonlyArray<readonly [field: string, type: 'boolean' | 'string' | 'array' | 'object']> = [
  ['stream', 'boolean'],
  ['logprobs', 'boolean'],
  ['user', 'string'],
  ['tools', 'array'],
  ['functions', 'array'],
  ['metadata', 'object'],
  ['response_format', 'object'],
  ['logit_bias', 'object'],
  ['stream_options', 'object'],
];

function checkNumbers(params: Record<string, unknown>, rules: readonly NumberRule[]): void {
  for (const { name, min, max, integer } of rules) {
    const value = params[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidRequestError({ param: name, message: `\`${name}\` must be a finite number` });
    if (integer && !Number.isInteger(value)) throw new InvalidRequestError({ param: name, message: `\`${name}\` must be an integer` });
    if (value < min || value > max) throw new InvalidRequestError({ param: name, message: `\`${name}\` must be between ${min} and ${max}` });
  }
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

function checkShapes(params: Record<string, unknown>): void {
  for (const [field, type] of CHAT_SHAPES) {
    const value = params[field];
    if (value === undefined || value === null || typeOf(value) === type) continue;
    throw new InvalidRequestError({ param: field, message: `\`${field}\` must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}` });
  }
  const sessionId = (params['metadata'] as Record<string, unknown> | undefined)?.['session_id'];
  if (sessionId !== undefined && typeof sessionId !== 'string') throw new InvalidRequestError({ param: 'metadata.session_id', message: '`metadata.session_id` must be a string' });
  const format = params['response_format'] as Record<string, unknown> | undefined | null;
  if (format && typeof format['type'] !== 'string') throw new InvalidRequestError({ param: 'response_format.type', message: '`response_format.type` must be a string' });
  const bias = params['logit_bias'] as Record<string, unknown> | undefined | null;
  if (bias) {
    for (const token in bias) {
      const weight = bias[token];
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < -100 || weight > 100) {
        throw new InvalidRequestError({ param: `logit_bias.${token}`, message: '`logit_bias` values must be numbers between -100 and 100' });
      }
    }
  }
}

function requireModel(params: Record<string, unknown>): void {
  const model = params['model'];
  if (typeof model !== 'string' || model.length === 0) {
    throw new InvalidRequestError({ param: 'model', message: '`model` must be a non-empty string naming a pool or capability' });
  }
}

function asParams(params: unknown): Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new InvalidRequestError({ message: 'The request must be an object' });
  return params as Record<string, unknown>;
}

/**
 * Cheap structural checks of a chat request (the hot path gets no schema validation):
 * enough to refuse with a clear error what no provider could serve, and every value the
 * router reads itself (messages for the token estimate, numeric limits for budgets).
 */
export function validateChatParams(params: unknown): void {
  const record = asParams(params);
  requireModel(record);
  validateMessages(record['messages']);
  checkNumbers(record, CHAT_NUMBERS);
  checkShapes(record);
}

const isTokenId = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Checks an embeddings request: a model name and a non-empty input of texts or token ids. */
export function validateEmbeddingParams(params: unknown): void {
  const record = asParams(params);
  requireModel(record);
  const input = record['input'];
  const message = '`input` must be a non-empty string, or a non-empty array of strings, of token ids, or of token id arrays';
  if (typeof input === 'string' ? input.length === 0 : !Array.isArray(input) || input.length === 0) throw new InvalidRequestError({ param: 'input', message });
  if (Array.isArray(input)) {
    for (let index = 0; index < input.length; index++) {
      const item: unknown = input[index];
      const ok = typeof item === 'string' || isTokenId(item) || (Array.isArray(item) && item.every(isTokenId));
      if (!ok) throw new InvalidRequestError({ param: `input[${index}]`, message });
    }
  }
  checkNumbers(record, EMBEDDING_NUMBERS);
}
