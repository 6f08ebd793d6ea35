/**
 * `@modelmesh/store-redis`: the ModelMesh state store on Redis or Valkey, so several
 * processes share budgets, quotas, model health and calibration.
 * @module
 */
export { RedisStateStore, type RedisStateStoreOptions } from './redis-state-store.js';
export { stateStorePlugin } from './state-store-plugin.js';
