import { InvalidArgumentError } from '@ai-sdk/provider';

/**
 * Per-call options under `providerOptions.modelmesh` (AI SDK calls), e.g.
 * `generateText({ model, prompt, providerOptions: { modelmesh: { sessionId: 'user-42' } } })`.
 */
export interface MeshCallProviderOptions {
  /** Session id, for pools whose strategy is `session-sticky`. */
  sessionId?: string;
  /** End-user id, sent to the provider as OpenAI's `user`. */
  user?: string;
  /** Overall deadline of this request in milliseconds, retries and failover included. */
  timeout?: number;
}

/** Reads `providerOptions.modelmesh`, refusing values of the wrong type (edge input). */
export function parseMeshProviderOptions(providerOptions: Record<string, unknown> | undefined): MeshCallProviderOptions {
  const raw = providerOptions?.['modelmesh'];
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null) throw new InvalidArgumentError({ argument: 'providerOptions.modelmesh', message: 'providerOptions.modelmesh must be an object' });
  const options: MeshCallProviderOptions = {};
  const { sessionId, user, timeout } = raw as Record<string, unknown>;
  if (sessionId !== undefined) options.sessionId = requireType(sessionId, 'string', 'sessionId');
  if (user !== undefined) options.user = requireType(user, 'string', 'user');
  if (timeout !== undefined) options.timeout = requireType(timeout, 'number', 'timeout');
  return options;
}

function requireType<T extends 'string' | 'number'>(value: unknown, type: T, name: string): T extends 'string' ? string : number {
  if (typeof value !== type) throw new InvalidArgumentError({ argument: `providerOptions.modelmesh.${name}`, message: `providerOptions.modelmesh.${name} must be a ${type}` });
  return value as T extends 'string' ? string : number;
}
