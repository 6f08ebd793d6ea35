export type * from './health-types.js';
export type * from './tracker-types.js';
export { ModelHealthTracker } from './model-health-tracker.js';
export { applyJitter, backoffCooldown, standbyCooldown, type CooldownPolicy } from './cooldown.js';
export { SharedHealthSync, type SharedHealthSyncOptions } from './shared-health-sync.js';
