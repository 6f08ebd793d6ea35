import type { Transport } from './transport.js';

/**
 * The `fetch` the HTTP client uses when none is injected: the runtime's own. Node resolves
 * `#platform-fetch` to platform-fetch-node.ts instead (package.json `imports`), which is
 * several times faster there.
 */
export const platformFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

/**
 * A transport that bypasses `fetch` for the common requests; none outside Node (there,
 * platform-transport-node.ts), where every request goes through ofetch and `fetch`.
 */
export const platformTransport: Transport | undefined = undefined;
