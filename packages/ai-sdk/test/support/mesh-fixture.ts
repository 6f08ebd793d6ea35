import { createMesh, type MeshClient } from '@modelmesh/core';
import { providerPlugin as openai } from '@modelmesh/providers-openai';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';

/** Two fake OpenAI-wire vendors and a mesh whose pools prefer `primary` and fail over to `backup`. */
export interface MeshFixture {
  readonly primary: FakeOpenAIServer;
  readonly backup: FakeOpenAIServer;
  readonly client: MeshClient;
  close(): Promise<void>;
}

export async function startMeshFixture(): Promise<MeshFixture> {
  const primary = await startFakeOpenAIServer();
  const backup = await startFakeOpenAIServer();
  const client = createMesh({
    plugins: [openai],
    config: {
      providers: {
        primary: { connector: 'openai', api_key: 'sk-primary-test', base_url: primary.url },
        backup: { connector: 'openai', api_key: 'sk-backup-test', base_url: backup.url },
      },
      models: {
        'primary-mini': { provider: 'primary', model: 'gpt-4o-mini', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } },
        'backup-4o': { provider: 'backup', model: 'gpt-4o', capabilities: ['chat-completion'], pricing: { input: 5, output: 10 } },
        'primary-embed': { provider: 'primary', model: 'text-embedding-3-small', capabilities: ['text-embeddings'] },
        'backup-embed': { provider: 'backup', model: 'text-embedding-3-small', capabilities: ['text-embeddings'] },
      },
      pools: {
        'chat-completion': { models: ['primary-mini', 'backup-4o'], strategy: 'priority', retry: { max_attempts_per_model: 1, backoff: 'none' } },
        'text-embeddings': { models: ['primary-embed', 'backup-embed'], strategy: 'priority', retry: { max_attempts_per_model: 1, backoff: 'none' } },
        capped: { models: ['primary-mini'] },
      },
      budgets: [{ name: 'capped-requests', scope: 'pool:capped', period: 'day', limit_requests: 1, action: 'error' }],
    },
  });
  return {
    primary,
    backup,
    client,
    async close() {
      await client.close();
      await Promise.all([primary.close(), backup.close()]);
    },
  };
}

/** The JSON body of a recorded request. */
export function bodyOf(server: FakeOpenAIServer, index: number): Record<string, unknown> {
  const request = server.requests[index];
  if (!request) throw new Error(`no request #${index} on ${server.url}`);
  return request.body as Record<string, unknown>;
}
