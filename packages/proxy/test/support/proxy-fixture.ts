import { createMesh, loadConfig, type Clock, type MeshClient, type Middleware, type ModelSpec, type Provider } from '@modelmesh/core';
import { mockProviderEntry, type MockProviderEntry, type MockScript } from '@modelmesh/testing';
import { startProxy, type ProxyMessage, type ProxySettingsInput, type RunningProxy } from '../../src/index.js';

/** A chat model with prices, so cost headers have something to show. */
export const CHAT_MODEL: ModelSpec = { id: 'gpt-test', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } };
/** An embeddings model. */
export const EMBED_MODEL: ModelSpec = { id: 'embed-test', capabilities: ['text-embeddings'] };

/** Pools every fixture has: `chat` (no backoff, so retries need no clock) and `embed`. */
export const BASE_POOLS = {
  chat: { capability: 'chat-completion', retry: { backoff: 'none' } },
  embed: { capability: 'text-embeddings' },
};

export interface FixtureOptions {
  /** Providers behind the mesh; default one mock provider `primary` with {@link CHAT_MODEL} and {@link EMBED_MODEL}. */
  readonly providers?: ReadonlyArray<MockProviderEntry | { provider: Provider; models: readonly ModelSpec[] }>;
  /** Script of the default provider. */
  readonly script?: MockScript;
  /** The mesh config document (pools, budgets, proxy, ...); `pools` default {@link BASE_POOLS}. */
  readonly config?: Record<string, unknown>;
  /** Settings merged over the config's `proxy` section (port 0 always). */
  readonly settings?: ProxySettingsInput;
  /** Clock of the mesh and the proxy. */
  readonly clock?: Clock;
  /** Middleware of the mesh. */
  readonly middleware?: readonly Middleware[];
}

export interface Fixture {
  readonly mesh: MeshClient;
  readonly proxy: RunningProxy;
  /** The default provider (when no `providers` were given). */
  readonly primary: MockProviderEntry;
  /** `${proxy.url}/v1`. */
  readonly baseURL: string;
  readonly messages: ProxyMessage[];
  close(): Promise<void>;
}

/** A mesh over mock providers behind a proxy on 127.0.0.1, on a port the OS picks. */
export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const primary = mockProviderEntry({ id: 'primary', models: [CHAT_MODEL, EMBED_MODEL], ...(options.script !== undefined ? { script: options.script } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  const providers = options.providers ?? [primary];
  const document = { pools: BASE_POOLS, ...options.config };
  const config = loadConfig(document, { knownProviders: providers.map((p) => p.provider.id) });
  const mesh = createMesh({ config, providers: providers.map((p) => ({ provider: p.provider, models: [...p.models] })), ...(options.clock ? { clock: options.clock } : {}), ...(options.middleware ? { middleware: options.middleware } : {}) });
  const messages: ProxyMessage[] = [];
  const settings = { ...config.proxy, ...options.settings, limits: { ...config.proxy.limits, ...options.settings?.limits }, port: 0 };
  const proxy = await startProxy({ mesh, settings, log: (m) => messages.push(m), ...(options.clock ? { clock: options.clock } : {}) });
  return {
    mesh,
    proxy,
    primary,
    baseURL: `${proxy.url}/v1`,
    messages,
    close: async () => {
      await proxy.close();
      await mesh.close();
    },
  };
}

/** A chat request body. */
export const chatBody = (extra: Record<string, unknown> = {}) => ({ model: 'chat', messages: [{ role: 'user', content: 'Hello there' }], ...extra });

/** POSTs JSON with fetch. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Reads an SSE body into its events: `data` payloads and `: comment` lines, in order. */
export async function readSse(response: Response): Promise<Array<{ kind: 'data' | 'comment'; text: string }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => (block.startsWith(':') ? { kind: 'comment' as const, text: block.slice(1).trim() } : { kind: 'data' as const, text: block.replace(/^data: /, '') }));
}

/** Resolves when `predicate` holds, checking after each mesh event of `name` (no polling, no sleeping). */
export function whenEvent<T>(subscribe: (handler: (event: T) => void) => () => void, predicate: (event: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((event) => {
      if (!predicate(event)) return;
      off();
      resolve(event);
    });
  });
}

/** Reads SSE events from a response as they arrive (each `data:` payload or `:` comment). */
export function sseReader(response: Response): { next(): Promise<{ kind: 'data' | 'comment'; text: string } | undefined> } {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return block.startsWith(':') ? { kind: 'comment', text: block.slice(1).trim() } : { kind: 'data', text: block.replace(/^data: /, '') };
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}
