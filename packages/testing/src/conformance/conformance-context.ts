import type { AttemptTimeouts, MalformedEventReport, RateLimitSnapshot } from '@modelmesh/core';
import type { FakeOpenAIServer } from '../servers/fake-openai-server.js';
import type { ResolvedConformanceOptions } from './conformance-options.js';
import { createWireConformanceContext, type WireConformanceContext, type WireConformanceLifecycle } from './shared/wire-conformance-context.js';

/** Timeouts of an ordinary check: generous, so only a hanging provider meets them. */
export const RELAXED_TIMEOUTS: Readonly<AttemptTimeouts> = { connect: 3000, firstByte: 3000, firstToken: 3000, idle: 3000, attempt: 6000 };

/** Timeout the timeout checks use: tiny, so they end fast. */
export const TIGHT_TIMEOUT_MS = 50;

/** The prompt every check sends; the fake server echoes it. */
export const PROMPT = 'Say hello to the conformance suite';

/** Overrides of the call context. */
export interface CallOverrides {
  readonly signal?: AbortSignal;
  readonly timeouts?: Partial<AttemptTimeouts>;
  readonly headers?: Record<string, string>;
  readonly reportRateLimit?: (snapshot: RateLimitSnapshot) => void;
  readonly maxMalformedEvents?: number;
  readonly reportMalformedEvent?: (skipped: MalformedEventReport) => void;
}

/** What every check needs: the server, the provider and builders for calls and params. */
export type ConformanceContext = WireConformanceContext<ResolvedConformanceOptions, FakeOpenAIServer>;

/** The context plus the hooks that fill it. */
export type ConformanceLifecycle = WireConformanceLifecycle<ResolvedConformanceOptions, FakeOpenAIServer>;

/** Creates the shared context of one suite run. */
export function createConformanceContext(options: ResolvedConformanceOptions): ConformanceLifecycle {
  return createWireConformanceContext(options, { suite: 'conformance', serverName: 'fake server', prompt: PROMPT });
}
