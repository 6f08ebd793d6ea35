import type { MeshClient } from '@modelmesh/core';

/**
 * What one scrape of `/metrics` may show. A key restricted to some pools sees only the series
 * of those pools, of the models in them, and of the budgets scoped to itself, those pools or
 * those models; so one tenant's key does not reveal another tenant's pools, models or spend.
 */
export interface MetricsScope {
  /** A series labelled with this pool may be shown (`''`, no pool yet, is another key's refusal as likely as one's own). */
  pool(name: string): boolean;
  /** A series labelled with this model key may be shown. */
  model(key: string): boolean;
  /** A budget series with this scope (`key:ci`, `pool:chat`, `global`, ...) may be shown. */
  budget(scope: string): boolean;
}

/** The scope of a key restricted to `pools` (its name is `keyName`), as the mesh's pools are now. */
export function poolMetricsScope(mesh: MeshClient, keyName: string, pools: ReadonlySet<string>): MetricsScope {
  const models = new Set<string>();
  for (const [name, status] of Object.entries(mesh.poolStatus())) {
    if (pools.has(name)) for (const member of status.models) models.add(member.model);
  }
  return {
    pool: (name) => pools.has(name),
    model: (key) => models.has(key),
    budget: (scope) => {
      const colon = scope.indexOf(':');
      const kind = scope.slice(0, colon);
      const target = scope.slice(colon + 1);
      return colon > 0 && ((kind === 'key' && target === keyName) || (kind === 'pool' && pools.has(target)) || (kind === 'model' && models.has(target)));
    },
  };
}
