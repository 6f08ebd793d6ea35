export type * from './state-store.js';
export type * from './state-store-plugin.js';
export { MemoryStateStore } from './memory-state-store.js';
export { InvalidAmountError, checkAmount, type InvalidAmountErrorOptions } from './invalid-amount-error.js';
export { StateStoreUnavailableError, type StateStoreUnavailableErrorOptions } from './state-store-unavailable-error.js';
