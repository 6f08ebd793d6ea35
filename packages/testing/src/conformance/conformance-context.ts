import { FAKE_ROUND_HEADER } from '../servers/fake-round.js';
import type {
  AttemptTimeouts,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  Provider,
  ProviderCall,
  RateLimitSnapshot,
} from '@modelmesh/core';
import type { FakeOpenAIServer } from '../servers/fake-openai-server.js';
import type { ResolvedConformanceOptions } from './conformance-options.js';

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
}

/** What every check needs: the server, the provider and builders for calls and params. */
export interface ConformanceContext {
  readonly options: ResolvedConformanceOptions;
  /** The fake server (started in `beforeAll`). */
  readonly server: FakeOpenAIServer;
  /** The provider under test (built in `beforeAll`). */
  readonly provider: Provider;
  /** A call context as the router gives it. */
  call(overrides?: CallOverrides): ProviderCall;
  /** Params of a plain chat request for the model under test. */
  chatParams(extra?: Partial<ChatCompletionCreateParamsNonStreaming>): ChatCompletionCreateParamsNonStreaming;
  /** Params of a streamed chat request, as the router passes them (asking for usage is the provider's job). */
  streamParams(extra?: Partial<ChatCompletionCreateParamsStreaming>): ChatCompletionCreateParamsStreaming;
}

/** The context plus the hooks that fill it. */
export interface ConformanceLifecycle extends ConformanceContext {
  start(server: FakeOpenAIServer, provider: Provider): void;
}

/** Creates the shared context of one suite run. */
export function createConformanceContext(options: ResolvedConformanceOptions): ConformanceLifecycle {
  let server: FakeOpenAIServer | undefined;
  let provider: Provider | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`conformance: the ${what} is not ready (did beforeAll fail?)`);
    return value;
  };
  return {
    options,
    get server() {
      return need(server, 'fake server');
    },
    get provider() {
      return need(provider, 'provider');
    },
    start(startedServer, builtProvider) {
      server = startedServer;
      provider = builtProvider;
    },
    call(overrides = {}) {
      return {
        signal: overrides.signal ?? new AbortController().signal,
        timeouts: { ...RELAXED_TIMEOUTS, ...overrides.timeouts },
        // Tagged with the server's round, so a request a check abandoned cannot take a later check's step.
        headers: { [FAKE_ROUND_HEADER]: String(need(server, 'fake server').round), ...overrides.headers },
        ...(overrides.reportRateLimit ? { reportRateLimit: overrides.reportRateLimit } : {}),
      };
    },
    chatParams(extra = {}) {
      return { model: options.model, messages: [{ role: 'user', content: PROMPT }], ...extra };
    },
    streamParams(extra = {}) {
      return { model: options.model, messages: [{ role: 'user', content: PROMPT }], stream: true, ...extra };
    },
  };
}
