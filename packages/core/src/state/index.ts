export type * from './state-store.js';
export { MemoryStateStore } from './memory-state-store.js';
