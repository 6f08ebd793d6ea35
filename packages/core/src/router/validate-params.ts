import { InvalidRequestError } from '@modelmesh/provider';

const ROLES = new Set(['developer', 'system', 'user', 'assistant', 'tool', 'function']);

/**
 * Cheap structural checks of a chat request (the hot path gets no schema validation):
 * enough to refuse with a clear error what no provider could serve.
 */
export function validateChatParams(params: unknown): void {
  if (typeof params !== 'object' || params === null) throw new InvalidRequestError({ message: 'The request must be an object' });
  const { model, messages } = params as { model?: unknown; messages?: unknown };
  if (typeof model !== 'string' || model.length === 0) {
    throw new InvalidRequestError({ param: 'model', message: '`model` must be a non-empty string naming a pool or capability' });
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new InvalidRequestError({ param: 'messages', message: '`messages` must be a non-empty array' });
  }
  messages.forEach((message: unknown, index) => {
    const role = (message as { role?: unknown } | null)?.role;
    if (typeof message !== 'object' || message === null || typeof role !== 'string' || !ROLES.has(role)) {
      throw new InvalidRequestError({ param: `messages[${index}].role`, message: `messages[${index}].role must be one of ${[...ROLES].join(', ')}` });
    }
    const content = (message as { content?: unknown }).content;
    const contentOk = typeof content === 'string' || Array.isArray(content) || (content === null && (role === 'assistant' || role === 'function')) || (content === undefined && role === 'assistant');
    if (!contentOk) {
      throw new InvalidRequestError({ param: `messages[${index}].content`, message: `messages[${index}].content must be a string or an array of content parts` });
    }
  });
}

/** Checks an embeddings request: a model name and a non-empty input. */
export function validateEmbeddingParams(params: unknown): void {
  if (typeof params !== 'object' || params === null) throw new InvalidRequestError({ message: 'The request must be an object' });
  const { model, input } = params as { model?: unknown; input?: unknown };
  if (typeof model !== 'string' || model.length === 0) {
    throw new InvalidRequestError({ param: 'model', message: '`model` must be a non-empty string naming a pool or capability' });
  }
  const ok = (typeof input === 'string' && input.length > 0) || (Array.isArray(input) && input.length > 0);
  if (!ok) throw new InvalidRequestError({ param: 'input', message: '`input` must be a non-empty string or array' });
}
