export type * from './chat-messages.js';
export type * from './chat-params.js';
export type * from './chat-completion.js';
export type * from './chat-chunk.js';
export type * from './embeddings.js';
