import type { Transport } from './transport.js';

/**
 * The transport that bypasses ofetch and `fetch` for plain requests: none outside Node, where
 * every request goes through ofetch and the runtime's `fetch`. Node resolves
 * `#platform-transport` to platform-transport-node.ts instead (package.json `imports`).
 */
export const platformTransport: Transport | undefined = undefined;
