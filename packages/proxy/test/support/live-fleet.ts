import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMesh, loadConfig, type Clock, type MeshClient, type MeshConfigDocument } from '@modelmesh/core';
import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { configFileSource, startProxy, type ProxyMessage, type RunningProxy } from '../../src/index.js';

/** Two OpenAI-wire vendor servers on 127.0.0.1 whose health a test switches, the proxy over them, and its config file. */
export interface LiveFleet {
  readonly alpha: FakeOpenAIServer;
  readonly beta: FakeOpenAIServer;
  /** Servers (by name) that answer 500 until removed. */
  readonly failing: Set<'alpha' | 'beta'>;
  readonly proxy: RunningProxy;
  /** The mesh the proxy started with. */
  readonly mesh: MeshClient;
  /** The temp dir of the config file (and screenshots). */
  readonly dir: string;
  readonly configFile: string;
  readonly messages: ProxyMessage[];
  /** The config document the fleet started with. */
  readonly document: MeshConfigDocument;
  /** Writes a new config document (an object as JSON, or raw text) for the next reload. */
  writeConfig(document: MeshConfigDocument | string): Promise<void>;
  /** POSTs a chat request to the proxy; resolves with the response. */
  chat(extra?: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

/** The fleet's config: pool `chat` prefers alpha, then beta; one failure is a standby of a minute; each answer costs $0.01. */
export function fleetConfig(alphaUrl: string, betaUrl: string): MeshConfigDocument {
  return {
    providers: {
      alpha: { connector: 'openai-compatible', base_url: alphaUrl, api_key: 'sk-alpha-secret-0123456789' },
      beta: { connector: 'openai-compatible', base_url: betaUrl, api_key: 'sk-beta-secret-0123456789' },
    },
    models: {
      'alpha-model': { provider: 'alpha', model: 'gpt-4o-mini', capabilities: ['chat-completion'], pricing: { per_request: 0.01 } },
      'beta-model': { provider: 'beta', model: 'gpt-4o', capabilities: ['chat-completion'], pricing: { per_request: 0.01 } },
    },
    pools: {
      chat: {
        models: ['alpha-model', 'beta-model'],
        strategy: 'priority',
        deactivation: { failure_threshold: 1 },
        recovery: { cooldown: '1m', jitter: 0, wait_for_recovery: false },
        retry: { max_attempts_per_model: 1, backoff: 'none' },
      },
    },
    budgets: [{ name: 'daily', scope: 'global', limit_usd: 1, period: 'day' }],
  };
}

/** Starts the fleet; `configure` may change the document before the proxy starts. */
export async function startLiveFleet(options: { clock?: Clock; configure?: (document: MeshConfigDocument) => MeshConfigDocument } = {}): Promise<LiveFleet> {
  const failing = new Set<'alpha' | 'beta'>();
  const script = (name: 'alpha' | 'beta') => () => (failing.has(name) ? { kind: 'status' as const, status: 500 } : { kind: 'ok' as const });
  const alpha = await startFakeOpenAIServer({ defaultScript: script('alpha') });
  const beta = await startFakeOpenAIServer({ defaultScript: script('beta') });
  const dir = await mkdtemp(join(tmpdir(), 'modelmesh-status-'));
  const configFile = join(dir, 'modelmesh.json');
  const writeConfig = (document: MeshConfigDocument | string) => writeFile(configFile, typeof document === 'string' ? document : JSON.stringify(document, null, 2));
  const base = fleetConfig(alpha.url, beta.url);
  const document = options.configure ? options.configure(base) : base;
  await writeConfig(document);
  const clock = options.clock;
  const build = (config: ReturnType<typeof loadConfig>, previous?: MeshClient) => createMesh({ config, plugins: [providerPlugin], ...(clock ? { clock } : {}), ...(previous ? { previous } : {}) });
  const config = loadConfig(document, {});
  const mesh = build(config);
  const messages: ProxyMessage[] = [];
  const proxy = await startProxy({
    mesh,
    config,
    settings: { ...config.proxy, port: 0 },
    reload: configFileSource(configFile, { createMesh: build }),
    log: (m) => messages.push(m),
    ...(clock ? { clock } : {}),
  });
  return {
    alpha,
    beta,
    failing,
    proxy,
    mesh,
    dir,
    configFile,
    messages,
    document,
    writeConfig,
    chat: (extra = {}) =>
      fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hello there' }], ...extra }),
      }),
    close: async () => {
      await proxy.close();
      await mesh.close();
      await Promise.all([alpha.close(), beta.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
