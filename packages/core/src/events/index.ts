export type * from './mesh-events.js';
export { MeshEventEmitter } from './event-emitter.js';
