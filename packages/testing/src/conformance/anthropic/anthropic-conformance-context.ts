import { FAKE_ROUND_HEADER } from '../../servers/fake-round.js';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming, Provider, ProviderCall } from '@modelmesh/core';
import { expect } from 'vitest';
import type { FakeAnthropicServer } from '../../servers/anthropic/fake-anthropic-server.js';
import { validateOpenAI, type OpenAISchemaName } from '../../servers/validate-openai.js';
import { PROMPT, RELAXED_TIMEOUTS, type CallOverrides } from '../conformance-context.js';
import type { ResolvedAnthropicConformanceOptions } from './anthropic-conformance-options.js';

/** What every Anthropic check needs: the fake server, the provider and builders for calls and params. */
export interface AnthropicConformanceContext {
  readonly options: ResolvedAnthropicConformanceOptions;
  /** The fake Anthropic server (started in `beforeAll`). */
  readonly server: FakeAnthropicServer;
  /** The provider under test (built in `beforeAll`). */
  readonly provider: Provider;
  /** A call context as the router gives it. */
  call(overrides?: CallOverrides): ProviderCall;
  /** Params of a plain chat request for the model under test. */
  chatParams(extra?: Partial<ChatCompletionCreateParamsNonStreaming>): ChatCompletionCreateParamsNonStreaming;
  /** Params of a streamed chat request, as the router passes them. */
  streamParams(extra?: Partial<ChatCompletionCreateParamsStreaming>): ChatCompletionCreateParamsStreaming;
  /** Asserts that a value the provider returned is valid per OpenAI's spec (unless `validateOutput` is off). */
  expectOpenAIShape(schema: OpenAISchemaName, value: unknown): void;
}

/** The context plus the hook that fills it. */
export interface AnthropicConformanceLifecycle extends AnthropicConformanceContext {
  start(server: FakeAnthropicServer, provider: Provider): void;
}

/** Creates the shared context of one suite run. */
export function createAnthropicConformanceContext(options: ResolvedAnthropicConformanceOptions): AnthropicConformanceLifecycle {
  let server: FakeAnthropicServer | undefined;
  let provider: Provider | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`conformance: the ${what} is not ready (did beforeAll fail?)`);
    return value;
  };
  return {
    options,
    get server() {
      return need(server, 'fake Anthropic server');
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
    expectOpenAIShape(schema, value) {
      if (!options.validateOutput) return;
      const json = JSON.parse(JSON.stringify(value)) as unknown;
      expect(validateOpenAI(schema, json).errors, `${schema} returned by the provider`).toEqual([]);
    },
  };
}
