import { readFileSync } from 'node:fs';

/**
 * The connection cap when neither the settings nor the descriptor limit say otherwise. Every
 * open stream holds a connection for as long as the model writes, so a proxy in front of slow
 * models needs thousands (issue 14 benchmarks 5,000 on one process); the descriptor limit
 * usually lowers it (a `ulimit -n` of 1,024 gives 480).
 */
export const DEFAULT_MAX_CONNECTIONS = 10_000;

/** Descriptors kept back from client connections: the listener, logs, the state store, DNS, ... */
const RESERVED_DESCRIPTORS = 64;

/** The soft limit on open files of this process (`ulimit -n`), read from `/proc/self/limits`; undefined where there is none (not Linux, or unlimited). */
export function openFileLimit(readLimits: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | undefined {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readLimits());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The default connection cap: {@link DEFAULT_MAX_CONNECTIONS}, or less when the process's
 * descriptor limit could not hold that many, since each connection that calls a model also
 * holds an upstream socket (at 256 descriptors: 96).
 */
export function defaultMaxConnections(limit: number | undefined = openFileLimit()): number {
  if (limit === undefined) return DEFAULT_MAX_CONNECTIONS;
  return Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, Math.floor((limit - RESERVED_DESCRIPTORS) / 2)));
}
