import { InvalidRequestError } from '@modelmesh/provider';

const ROLES = new Set(['developer', 'system', 'user', 'assistant', 'tool', 'function']);

const invalid = (param: string, what: string) => new InvalidRequestError({ param, message: `${param} ${what}` });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the parts of the messages the router itself reads (roles, content, content parts,
 * tool calls), so a malformed one is a 400 naming its path (`messages[0].content[1].text`)
 * rather than a crash or a NaN in a token estimate. Hand-written: it runs on every request.
 */
export function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages) || messages.length === 0) throw invalid('messages', 'must be a non-empty array');
  for (let index = 0; index < messages.length; index++) {
    const message: unknown = messages[index];
    const at = `messages[${index}]`;
    const role = isObject(message) ? message['role'] : undefined;
    if (!isObject(message) || typeof role !== 'string' || !ROLES.has(role)) {
      throw invalid(`${at}.role`, `must be one of ${[...ROLES].join(', ')}`);
    }
    const content = message['content'];
    if (Array.isArray(content)) validateParts(content, `${at}.content`);
    else if (!(typeof content === 'string' || (content === null && (role === 'assistant' || role === 'function')) || (content === undefined && role === 'assistant'))) {
      throw invalid(`${at}.content`, 'must be a string or an array of content parts');
    }
    if (role === 'assistant') validateToolCalls(message['tool_calls'], `${at}.tool_calls`);
  }
}

function validateParts(parts: readonly unknown[], at: string): void {
  for (let index = 0; index < parts.length; index++) {
    const part: unknown = parts[index];
    const path = `${at}[${index}]`;
    if (!isObject(part)) throw invalid(path, 'must be a content part object with a `type`');
    const type = part['type'];
    if (typeof type !== 'string') throw invalid(`${path}.type`, 'must be a string');
    // The parts whose fields the token estimate reads; other types pass through to the provider.
    if (type === 'text' && typeof part['text'] !== 'string') throw invalid(`${path}.text`, 'must be a string');
    if (type === 'refusal' && typeof part['refusal'] !== 'string') throw invalid(`${path}.refusal`, 'must be a string');
    if (type === 'image_url') {
      const image = part['image_url'];
      if (!isObject(image) || typeof image['url'] !== 'string') throw invalid(`${path}.image_url.url`, 'must be a string');
    }
  }
}

function validateToolCalls(calls: unknown, at: string): void {
  if (calls === undefined || calls === null) return;
  if (!Array.isArray(calls)) throw invalid(at, 'must be an array of tool calls');
  for (let index = 0; index < calls.length; index++) {
    const call: unknown = calls[index];
    const path = `${at}[${index}]`;
    const type = isObject(call) ? call['type'] : undefined;
    if (!isObject(call) || (type !== 'function' && type !== 'custom')) throw invalid(`${path}.type`, 'must be "function" or "custom"');
    const body = call[type];
    const [first, second] = type === 'function' ? (['name', 'arguments'] as const) : (['name', 'input'] as const);
    if (!isObject(body)) throw invalid(`${path}.${type}`, 'must be an object');
    if (typeof body[first] !== 'string') throw invalid(`${path}.${type}.${first}`, 'must be a string');
    if (typeof body[second] !== 'string') throw invalid(`${path}.${type}.${second}`, 'must be a string');
  }
}
