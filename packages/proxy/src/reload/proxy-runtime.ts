import type { AdminKeyConfig, MeshClient, MeshConfig, ProxyConfig } from '@modelmesh/core';
import { KeyTable } from '../auth/key-table.js';
import { CorsPolicy } from '../http/cors.js';
import type { ProxySettings } from '../proxy-settings.js';
import { PoolAccess } from '../routes/pool-access.js';
import { LiveMesh } from './live-mesh.js';

/**
 * What a reload may replace while the proxy runs: the mesh, the client keys, the admin keys
 * and the CORS origins. Requests read them through this object at their start, so a swap
 * takes effect for the next request and never for one already running.
 */
export class ProxyRuntime {
  readonly live: LiveMesh;
  #keys: KeyTable;
  #adminKeys: KeyTable;
  #cors: CorsPolicy;
  #access: PoolAccess;
  #config: MeshConfig | undefined;

  constructor(mesh: MeshClient, settings: ProxySettings, adminKeys: readonly AdminKeyConfig[], config: MeshConfig | undefined) {
    this.live = new LiveMesh(mesh);
    this.#keys = new KeyTable(settings.keys);
    this.#adminKeys = new KeyTable(adminKeys);
    this.#cors = new CorsPolicy(settings.corsOrigins);
    this.#access = new PoolAccess(mesh);
    this.#config = config;
  }

  get mesh(): MeshClient {
    return this.live.mesh;
  }
  get keys(): KeyTable {
    return this.#keys;
  }
  get adminKeys(): KeyTable {
    return this.#adminKeys;
  }
  get cors(): CorsPolicy {
    return this.#cors;
  }
  /** Pool permissions of keys, over the current mesh (its name-to-pool cache belongs to that mesh). */
  get access(): PoolAccess {
    return this.#access;
  }
  /** The configuration the current mesh was built from, when the proxy was told it. */
  get config(): MeshConfig | undefined {
    return this.#config;
  }

  /**
   * Swaps in a reloaded configuration and its mesh. Throws a TypeError (changing nothing) when
   * a key is malformed, so a reload is all or nothing.
   */
  apply(config: MeshConfig, mesh: MeshClient): void {
    const proxy: ProxyConfig = config.proxy;
    const keys = new KeyTable(proxy.auth.keys);
    const adminKeys = new KeyTable(proxy.admin.keys);
    this.#keys = keys;
    this.#adminKeys = adminKeys;
    this.#cors = new CorsPolicy(proxy.cors.origins);
    this.#access = new PoolAccess(mesh);
    this.#config = config;
    this.live.swap(mesh);
  }
}
