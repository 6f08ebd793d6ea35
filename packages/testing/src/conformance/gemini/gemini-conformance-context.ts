import { FAKE_ROUND_HEADER } from '../../servers/fake-round.js';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming, Provider, ProviderCall } from '@modelmesh/core';
import { expect } from 'vitest';
import type { FakeGeminiServer } from '../../servers/gemini/fake-gemini-server.js';
import { validateOpenAI, type OpenAISchemaName } from '../../servers/validate-openai.js';
import { RELAXED_TIMEOUTS, type CallOverrides } from '../conformance-context.js';
import type { ResolvedGeminiConformanceOptions } from './gemini-conformance-options.js';

/** The prompt every check sends; the fake server echoes it. */
export const GEMINI_PROMPT = 'Say hello to the Gemini conformance suite';

/** What every check needs: the server, the provider and builders for calls and params. */
export interface GeminiConformanceContext {
  readonly options: ResolvedGeminiConformanceOptions;
  readonly server: FakeGeminiServer;
  readonly provider: Provider;
  call(overrides?: CallOverrides): ProviderCall;
  chatParams(extra?: Partial<ChatCompletionCreateParamsNonStreaming>): ChatCompletionCreateParamsNonStreaming;
  streamParams(extra?: Partial<ChatCompletionCreateParamsStreaming>): ChatCompletionCreateParamsStreaming;
  /** Asserts a value the provider returned is valid per OpenAI's spec (unless `validateOutput` is off). */
  expectOpenAIShape(schema: OpenAISchemaName, value: unknown): void;
}

/** The context plus the hook that fills it. */
export interface GeminiConformanceLifecycle extends GeminiConformanceContext {
  start(server: FakeGeminiServer, provider: Provider): void;
}

/** Creates the shared context of one suite run. */
export function createGeminiConformanceContext(options: ResolvedGeminiConformanceOptions): GeminiConformanceLifecycle {
  let server: FakeGeminiServer | undefined;
  let provider: Provider | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`gemini conformance: the ${what} is not ready (did beforeAll fail?)`);
    return value;
  };
  return {
    options,
    get server() {
      return need(server, 'fake Gemini server');
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
      return { model: options.model, messages: [{ role: 'user', content: GEMINI_PROMPT }], ...extra };
    },
    streamParams(extra = {}) {
      return { model: options.model, messages: [{ role: 'user', content: GEMINI_PROMPT }], stream: true, ...extra };
    },
    expectOpenAIShape(schema, value) {
      if (!options.validateOutput) return;
      const json = JSON.parse(JSON.stringify(value)) as unknown;
      expect(validateOpenAI(schema, json).errors, `${schema} returned by the provider`).toEqual([]);
    },
  };
}
