import type { MeshClient } from '@modelmesh/core';

/** One mesh the proxy served. */
interface Generation {
  readonly mesh: MeshClient;
  readonly number: number;
  /** The proxy built it (a reload) and closes it; the mesh given at start belongs to its owner. */
  readonly owned: boolean;
  /** Once replaced: the requests that were running then, any of which may still use this mesh. */
  waiting: Set<number> | undefined;
  /** Unsubscribes what {@link LiveMesh.onMesh} listeners attached to this mesh. */
  readonly detach: Array<() => void>;
}

/**
 * The mesh the proxy serves now, swapped by a reload. A replaced mesh stays open, with its
 * event listeners, until every request that was running when it was replaced has ended (a
 * request reads the current mesh when it needs it, so one that began before a reload may run
 * on the old mesh or the new one); then its listeners are detached and, if a reload built it,
 * it is closed. So a reload drops no request and loses none of their events.
 */
export class LiveMesh {
  #current: Generation;
  readonly #listeners: Array<(mesh: MeshClient) => () => void> = [];
  readonly #running = new Set<number>();
  readonly #retiring = new Set<Generation>();
  #nextRequest = 1;

  constructor(mesh: MeshClient) {
    this.#current = { mesh, number: 1, owned: false, waiting: undefined, detach: [] };
  }

  /** The mesh new requests go to. */
  get mesh(): MeshClient {
    return this.#current.mesh;
  }

  /** 1 for the mesh given at start, +1 per reload. */
  get generation(): number {
    return this.#current.number;
  }

  /** Calls `attach` with the current mesh and every later one; its return value detaches it when that mesh retires. */
  onMesh(attach: (mesh: MeshClient) => () => void): void {
    this.#listeners.push(attach);
    this.#current.detach.push(attach(this.#current.mesh));
  }

  /** Marks a request as running; call the returned function when it ends. */
  lease(): () => void {
    const id = this.#nextRequest++;
    this.#running.add(id);
    return () => {
      if (!this.#running.delete(id)) return;
      for (const generation of this.#retiring) {
        generation.waiting?.delete(id);
        void this.#retireIfDone(generation);
      }
    };
  }

  /** Makes `mesh` (built by a reload, so owned by the proxy) the current one; the previous one retires once the requests running now end. */
  swap(mesh: MeshClient): void {
    const previous = this.#current;
    this.#current = { mesh, number: previous.number + 1, owned: true, waiting: undefined, detach: this.#listeners.map((attach) => attach(mesh)) };
    previous.waiting = new Set(this.#running);
    this.#retiring.add(previous);
    void this.#retireIfDone(previous);
  }

  /** Detaches every listener and closes the meshes the proxy built (at shutdown, once requests were ended). */
  async close(): Promise<void> {
    const current = this.#current;
    current.waiting = new Set();
    this.#retiring.add(current);
    await Promise.all([...this.#retiring].map((generation) => {
      generation.waiting?.clear();
      return this.#retireIfDone(generation);
    }));
  }

  async #retireIfDone(generation: Generation): Promise<void> {
    if (!generation.waiting || generation.waiting.size > 0 || !this.#retiring.delete(generation)) return;
    generation.detach.splice(0).forEach((detach) => detach());
    if (generation.owned) await generation.mesh.close();
  }
}
