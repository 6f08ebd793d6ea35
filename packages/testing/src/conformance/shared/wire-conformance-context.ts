import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming, Provider, ProviderCall } from '@modelmesh/core';
import { FAKE_ROUND_HEADER } from '../../servers/fake-round.js';
import { RELAXED_TIMEOUTS, type CallOverrides } from '../conformance-context.js';

/** What every check of a wire's suite needs: the options `O`, the fake server `Server`, the provider and builders for calls and params. */
export interface WireConformanceContext<O, Server> {
  readonly options: O;
  /** The fake server (started in `beforeAll`). */
  readonly server: Server;
  /** The provider under test (built in `beforeAll`). */
  readonly provider: Provider;
  /** A call context as the router gives it. */
  call(overrides?: CallOverrides): ProviderCall;
  /** Params of a plain chat request for the model under test. */
  chatParams(extra?: Partial<ChatCompletionCreateParamsNonStreaming>): ChatCompletionCreateParamsNonStreaming;
  /** Params of a streamed chat request, as the router passes them (asking for usage is the provider's job). */
  streamParams(extra?: Partial<ChatCompletionCreateParamsStreaming>): ChatCompletionCreateParamsStreaming;
}

/** The context plus the hook that fills it. */
export interface WireConformanceLifecycle<O, Server> extends WireConformanceContext<O, Server> {
  start(server: Server, provider: Provider): void;
}

/** How a wire's suite names itself and its server in "not ready" errors, and the prompt its checks send. */
export interface WireContextSettings {
  /** Start of the error message, e.g. `conformance`. */
  readonly suite: string;
  /** What the server is called, e.g. `fake Anthropic server`. */
  readonly serverName: string;
  /** The prompt every check sends; the fake server echoes it. */
  readonly prompt: string;
}

/** Creates the shared context of one suite run, for any wire whose server counts rounds. */
export function createWireConformanceContext<O extends { readonly model: string }, Server extends { readonly round: number }>(
  options: O,
  settings: WireContextSettings,
): WireConformanceLifecycle<O, Server> {
  let server: Server | undefined;
  let provider: Provider | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${settings.suite}: the ${what} is not ready (did beforeAll fail?)`);
    return value;
  };
  const messages = (): ChatCompletionCreateParamsNonStreaming['messages'] => [{ role: 'user', content: settings.prompt }];
  return {
    options,
    get server() {
      return need(server, settings.serverName);
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
        ...(overrides.maxMalformedEvents === undefined ? {} : { maxMalformedEvents: overrides.maxMalformedEvents }),
        ...(overrides.reportMalformedEvent ? { reportMalformedEvent: overrides.reportMalformedEvent } : {}),
      };
    },
    chatParams(extra = {}) {
      return { model: options.model, messages: messages(), ...extra };
    },
    streamParams(extra = {}) {
      return { model: options.model, messages: messages(), stream: true, ...extra };
    },
  };
}
