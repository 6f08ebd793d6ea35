export * from './clock.js';
export * from './manual-clock.js';
export * from './abort-link.js';
