import { RoutingError, type MeshClient } from '@modelmesh/core';
import type { ProxyKey } from '../auth/key-table.js';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import { poolMetricsScope, type MetricsScope } from '../metrics/metrics-scope.js';

/** Distinct model names remembered; beyond this, lookups are simply not cached. */
const CACHE_LIMIT = 1024;

/**
 * Per-key pool permissions. A request may name a pool or a capability (which the mesh
 * maps to a pool), so a restricted key's request is resolved to its pool first, through
 * `explain()`, and the answer cached: names map to pools for the mesh's lifetime.
 */
export class PoolAccess {
  private readonly pools = new Map<string, string>();

  constructor(private readonly mesh: MeshClient) {}

  /** The pool a model name routes to; throws the mesh's RoutingError (404) for unknown names. */
  poolOf(model: string): string {
    const cached = this.pools.get(model);
    if (cached !== undefined) return cached;
    const pool = this.mesh.explain({ model }).poolName;
    if (this.pools.size < CACHE_LIMIT) this.pools.set(model, pool);
    return pool;
  }

  /**
   * Throws 403 when `key` may not use the pool `model` routes to. For a restricted key, an
   * unknown model is a 404 that names only the key's own pools: the mesh's message lists every
   * pool and model, which would show one tenant the others'.
   */
  authorize(key: ProxyKey | undefined, model: string): void {
    if (!key?.pools || key.pools.has(model)) return;
    const pool = this.poolOfForKey(key.pools, model);
    if (key.pools.has(pool)) return;
    throw new HttpFailureError(
      httpFailure(403, `The key "${key.name}" may not use the pool "${pool}"`, 'permission_error', { param: 'model', code: 'model_not_allowed' }),
    );
  }

  /** What `key` may see of `/metrics`: everything (undefined) unless it is restricted to some pools. */
  metricsScope(key: ProxyKey | undefined): MetricsScope | undefined {
    return key?.pools ? poolMetricsScope(this.mesh, key.name, key.pools) : undefined;
  }

  private poolOfForKey(pools: ReadonlySet<string>, model: string): string {
    try {
      return this.poolOf(model);
    } catch (error) {
      if (!RoutingError.isInstance(error)) throw error;
      const available = [...pools].join(', ') || '(none)';
      throw new HttpFailureError(
        httpFailure(404, `The model '${model}' does not exist or is not available to this key. Available: ${available}.`, 'invalid_request_error', { param: 'model', code: 'model_not_found' }),
      );
    }
  }

  /** Whether `key` may see the pool (for listings). */
  allows(key: ProxyKey | undefined, pool: string): boolean {
    return !key?.pools || key.pools.has(pool);
  }
}
