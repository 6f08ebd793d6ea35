import { ManualClock, MemoryStateStore } from '@modelmesh/core';
import { runStateStoreContract } from '@modelmesh/testing/vitest';
import { redisBackend } from './support/redis-backend.js';

// The same suite on both stores: a Redis store behaves exactly as the memory store does.
runStateStoreContract({
  name: 'memory',
  backend: async () => {
    const clock = new ManualClock(Date.now());
    const store = new MemoryStateStore(clock);
    return { open: () => store, advance: (ms) => clock.advance(ms), close: async () => undefined };
  },
});

runStateStoreContract({ name: 'redis', backend: () => redisBackend() });
