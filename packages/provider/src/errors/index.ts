export * from './model-mesh-error.js';
export * from './routing-errors.js';
export * from './provider-errors.js';
export * from './configuration-error.js';
export * from './budget-exceeded-error.js';
export * from './invalid-request-error.js';
