import type { AttemptTimeouts } from '@modelmesh/provider';
import type { TimeoutPolicy } from '../config/pool-policy.js';
import type { MeshModel } from './mesh-model.js';

/**
 * Default limits for the first sign of life, in ms, when the pool sets none. Sized so a
 * silent or slow provider cannot hold the caller past about 10 s while a fallback waits;
 * a reasoning model may think silently for a minute before its first token.
 */
export const FIRST_TOKEN_DEFAULT_MS = 10_000;
export const REASONING_FIRST_TOKEN_DEFAULT_MS = 60_000;
/** A stream's server sends its headers as soon as it accepts the request, reasoning or not. */
export const STREAM_HEADERS_DEFAULT_MS = 10_000;
/** A non-streaming answer's headers come with the whole answer: room to write one. */
export const ANSWER_HEADERS_DEFAULT_MS = 30_000;

/**
 * The timeouts of one attempt. Limits the pool sets apply as written. Unset first-token and
 * header limits take the defaults above while the request has somewhere else to go
 * (`hasFallback`); on its last candidate there is nothing to move to, so they stretch to the
 * attempt timeout rather than end the only chance of an answer. Reasoning models get the
 * attempt timeout for a non-streaming answer's headers and a minute for their first token.
 */
export function attemptTimeouts(policy: TimeoutPolicy, model: MeshModel, stream: boolean, hasFallback: boolean): AttemptTimeouts {
  const { attemptMs } = policy;
  const reasoning = model.features.reasoning === true;
  const shortOr = (ms: number): number => Math.min(attemptMs, hasFallback ? ms : attemptMs);
  const firstToken = policy.firstTokenMs ?? shortOr(reasoning ? REASONING_FIRST_TOKEN_DEFAULT_MS : FIRST_TOKEN_DEFAULT_MS);
  const headers = policy.headersMs ?? shortOr(stream ? STREAM_HEADERS_DEFAULT_MS : reasoning ? attemptMs : ANSWER_HEADERS_DEFAULT_MS);
  return { connect: policy.connectMs, headers, firstByte: attemptMs, firstToken, idle: policy.idleMs, attempt: attemptMs };
}

/** What {@link hasFallback} asks of the models' health (the health tracker itself: no closure per attempt). */
export interface AvailabilitySource {
  availability(modelKey: string): string;
}

/** Whether the request could still move from `model` to another member of its pool right now. */
export function hasFallback(members: readonly MeshModel[], model: MeshModel, excluded: ReadonlyMap<string, string>, health: AvailabilitySource): boolean {
  for (const member of members) {
    if (member !== model && !excluded.has(member.key) && health.availability(member.key) !== 'unavailable') return true;
  }
  return false;
}
