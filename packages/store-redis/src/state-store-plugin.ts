import type { StateStorePlugin } from '@modelmesh/core';
import { RedisStateStore } from './redis-state-store.js';

/** Lets `state: { store: redis, url, prefix, on_unavailable, timeout }` build a {@link RedisStateStore}; `create()` and the proxy find it when this package is installed. */
export const stateStorePlugin: StateStorePlugin = {
  store: 'redis',
  packageName: '@modelmesh/store-redis',
  create: (settings) =>
    new RedisStateStore({ url: settings.url, prefix: settings.prefix, onUnavailable: settings.onUnavailable, timeoutMs: settings.timeoutMs, clock: settings.clock }),
};
