export type * from './model-spec.js';
export type * from './provider.js';
