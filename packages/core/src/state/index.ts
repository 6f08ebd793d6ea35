export type * from './state-store.js';
export { MemoryStateStore } from './memory-state-store.js';
export { InvalidAmountError, checkAmount, type InvalidAmountErrorOptions } from './invalid-amount-error.js';
