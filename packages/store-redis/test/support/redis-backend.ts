import { startRedisServer, type TestRedisServer } from '@modelmesh/testing/servers';
import type { StateStoreBackend } from '@modelmesh/testing/vitest';
import { RedisStateStore, type RedisStateStoreOptions } from '../../src/index.js';

/** A private redis-server and stores on it, each with its own connection (as separate processes have). */
export interface RedisBackend extends StateStoreBackend {
  readonly server: TestRedisServer;
  open(extra?: Partial<RedisStateStoreOptions>): RedisStateStore;
}

export async function redisBackend(options: Partial<RedisStateStoreOptions> = {}): Promise<RedisBackend> {
  const server = await startRedisServer();
  const stores: RedisStateStore[] = [];
  const prefix = `test${process.pid}:`;
  return {
    server,
    open: (extra: Partial<RedisStateStoreOptions> = {}) => {
      const store = new RedisStateStore({ url: server.url, prefix, timeoutMs: 1_000, ...options, ...extra });
      stores.push(store);
      return store;
    },
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    close: async () => {
      await Promise.all(stores.map((store) => store.close()));
      await server.stop();
    },
  };
}
