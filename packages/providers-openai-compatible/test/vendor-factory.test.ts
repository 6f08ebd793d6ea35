import type { ProviderCall } from '@modelmesh/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAICompatibleFactory, type ProviderWarning } from '../src/index.js';
import { type LocalServer, startServer } from './support/local-server.js';
import { completion, sendJson } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const sent = (s: LocalServer, index = 0) => JSON.parse(s.requests[index]?.body ?? '{}') as Record<string, unknown>;

describe('createOpenAICompatibleFactory', () => {
  it("runs the vendor's transformRequest first, then the user's", async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 200, completion('ok'))));
    const createAcme = createOpenAICompatibleFactory({ connector: 'acme.llm.v1', name: 'Acme', baseUrl: s.url, transformRequest: (body) => ({ ...body, vendor: true }) });
    const acme = createAcme({ transformRequest: (body, kind) => ({ ...body, user: true, sawVendor: body['vendor'] === true, kind }) });
    await acme.chat({ model: 'm', messages: [] }, call());
    expect(sent(s)).toEqual({ model: 'm', messages: [], vendor: true, user: true, sawVendor: true, kind: 'chat' });
  });

  it("applies the vendor's drops, rules and renames before the user's transform, and adds the user's own", async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 200, completion('ok'))));
    const warnings: ProviderWarning[] = [];
    const createAcme = createOpenAICompatibleFactory({
      connector: 'acme.llm.v1',
      name: 'Acme',
      baseUrl: s.url,
      dropParams: ['logprobs'],
      paramDropRules: [{ params: ['stop'], models: /^think-/, label: 'thinking models' }],
      renameParams: { chat: { max_completion_tokens: 'max_tokens' } },
    });
    const acme = createAcme({ onWarning: (w) => warnings.push(w), renameParams: { chat: { seed: 'random_seed' } }, transformRequest: (body) => ({ ...body, seen: Object.keys(body).sort() }) });
    await acme.chat({ model: 'think-1', messages: [], logprobs: true, stop: 'x', max_completion_tokens: 9, seed: 2 }, call());
    expect(sent(s)).toEqual({ model: 'think-1', messages: [], max_tokens: 9, random_seed: 2, seen: ['max_tokens', 'messages', 'model', 'random_seed'] });
    expect(warnings.map((w) => w.param)).toEqual(['logprobs', 'stop']);
  });

  it('reads the key and base URL from the env it is given (else process.env) when the vendor names them', async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 200, completion('ok'))));
    const createAcme = createOpenAICompatibleFactory({ connector: 'acme.llm.v1', name: 'Acme AI', defaultId: 'acme', baseUrl: 'https://api.acme.test/v1', env: { apiKey: 'ACME_API_KEY', baseUrl: 'ACME_BASE_URL' } });
    const fromEnv = createAcme({ env: { ACME_API_KEY: ' key-from-env ', ACME_BASE_URL: s.url } });
    expect(fromEnv.id).toBe('acme');
    expect(fromEnv.baseUrl).toBe(s.url);
    await fromEnv.chat({ model: 'm', messages: [] }, call());
    expect(s.requests[0]?.headers['authorization']).toBe('Bearer key-from-env');
    expect(createAcme({ env: {}, apiKey: 'k', baseUrl: 'http://given/v1' }).baseUrl).toBe('http://given/v1');
    expect(createAcme({ env: {} }).baseUrl).toBe('https://api.acme.test/v1');
    vi.stubEnv('ACME_BASE_URL', 'http://from-process/v1');
    expect(createAcme().baseUrl).toBe('http://from-process/v1');
    expect(createAcme({ env: {} }).baseUrl).toBe('https://api.acme.test/v1');
  });

  it('reads nothing from the environment for a vendor that names no variables', () => {
    vi.stubEnv('ACME_BASE_URL', 'http://from-process/v1');
    const createAcme = createOpenAICompatibleFactory({ connector: 'acme.llm.v1', name: 'Acme AI', baseUrl: 'https://api.acme.test/v1' });
    const acme = createAcme({ env: { ACME_BASE_URL: 'http://from-env/v1' } });
    expect(acme.baseUrl).toBe('https://api.acme.test/v1');
    expect(acme.id).toBe('acme-ai');
  });

  it("chains the vendor's answer hooks with the user's", async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 200, completion('ok'))));
    const createAcme = createOpenAICompatibleFactory({ connector: 'acme.llm.v1', name: 'Acme', baseUrl: s.url, transformResponse: (c) => ({ ...c, id: `${c.id}+vendor` }) });
    const answer = await createAcme({ transformResponse: (c) => ({ ...c, id: `${c.id}+user` }) }).chat({ model: 'm', messages: [] }, call());
    expect(answer.id).toBe('chatcmpl-1+vendor+user');
  });
});
