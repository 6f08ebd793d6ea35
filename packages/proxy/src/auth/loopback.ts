import { isIPv4 } from 'node:net';

/**
 * True when `host` (a bind address or a peer address) is on the loopback interface:
 * `localhost`, 127.0.0.0/8, `::1` and their IPv4-mapped IPv6 forms. The wildcard
 * addresses (`0.0.0.0`, `::`, empty) are not loopback: they accept remote clients.
 */
export function isLoopback(host: string | undefined): boolean {
  if (host === undefined) return false;
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIPv4(v4) && v4.startsWith('127.');
}
