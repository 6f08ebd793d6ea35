import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProxyKeyConfig } from '@modelmesh/core';

/** A key the proxy accepted a request with. */
export interface ProxyKey {
  /** The key's name from config (used for `key:<name>` budgets, logs and metrics). */
  readonly name: string;
  /** Pool names the key may use; all when undefined. */
  readonly pools: ReadonlySet<string> | undefined;
  /** Requests per minute allowed, if limited. */
  readonly rpm: number | undefined;
}

interface StoredKey extends ProxyKey {
  readonly digest: Buffer;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The configured bearer keys. Only SHA-256 digests are kept: plain keys are hashed at
 * start, `keySha256` entries are used as given. A presented key is hashed and compared
 * with every stored digest with `timingSafeEqual` on equal-length buffers, without
 * stopping at a match, so timing tells neither the key nor which entry matched.
 */
export class KeyTable {
  private readonly keys: readonly StoredKey[];

  constructor(keys: readonly ProxyKeyConfig[]) {
    this.keys = keys.map((key) => ({
      name: key.name,
      pools: key.pools === undefined ? undefined : new Set(key.pools),
      rpm: key.rpm,
      digest: digestOf(key),
    }));
  }

  /** Whether any key is configured (else authentication is off). */
  get enabled(): boolean {
    return this.keys.length > 0;
  }

  /** Names of the configured keys, for the startup message. */
  get names(): string[] {
    return this.keys.map((key) => key.name);
  }

  /** The key a presented secret belongs to, if any. */
  match(secret: string): ProxyKey | undefined {
    const digest = sha256(secret);
    let found: StoredKey | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(digest, key.digest) && found === undefined) found = key;
    }
    return found === undefined ? undefined : { name: found.name, pools: found.pools, rpm: found.rpm };
  }
}

function digestOf(key: ProxyKeyConfig): Buffer {
  if (key.keySha256 !== undefined) {
    const digest = Buffer.from(key.keySha256.replace(/^sha256:/i, ''), 'hex');
    if (digest.length !== 32) throw new TypeError(`proxy key "${key.name}": keySha256 must be 64 hexadecimal characters`);
    return digest;
  }
  if (key.key === undefined || key.key === '') throw new TypeError(`proxy key "${key.name}" has neither key nor keySha256`);
  // A key written as `sha256:<hex>` is a hash too (the form `modelmesh` prints for a key).
  const hashed = /^sha256:([0-9a-f]{64})$/i.exec(key.key);
  return hashed?.[1] !== undefined ? Buffer.from(hashed[1], 'hex') : sha256(key.key);
}

/** The secret of an `Authorization: Bearer <key>` header, if there is one. */
export function bearerSecret(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Hex SHA-256 of a key, for `key_sha256` in a config file. */
export function hashProxyKey(key: string): string {
  return sha256(key).toString('hex');
}
