import type { MeshClient } from '@modelmesh/core';

/** One mesh the proxy served, with the requests still running on it. */
interface Generation {
  readonly mesh: MeshClient;
  readonly number: number;
  /** The proxy built it (a reload) and closes it; the mesh given at start belongs to its owner. */
  readonly owned: boolean;
  requests: number;
  retired: boolean;
  /** Unsubscribes what {@link LiveMesh.onMesh} listeners attached to this mesh. */
  readonly detach: Array<() => void>;
}

/**
 * The mesh the proxy serves now, swapped by a reload. Each request holds a lease on the mesh
 * that was current when it began; a replaced mesh keeps its event listeners until its last
 * request ends, then they are detached and, if a reload built it, it is closed. So a reload
 * drops no request and loses none of their events.
 */
export class LiveMesh {
  #current: Generation;
  readonly #listeners: Array<(mesh: MeshClient) => () => void> = [];

  constructor(mesh: MeshClient) {
    this.#current = { mesh, number: 1, owned: false, requests: 0, retired: false, detach: [] };
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

  /** Marks a request on the current mesh; call the returned function when it ends. */
  lease(): () => void {
    const generation = this.#current;
    generation.requests++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      generation.requests--;
      void this.#retireIfDone(generation);
    };
  }

  /** Makes `mesh` (built by a reload, so owned by the proxy) the current one; the previous one retires once its requests end. */
  swap(mesh: MeshClient): void {
    const previous = this.#current;
    this.#current = { mesh, number: previous.number + 1, owned: true, requests: 0, retired: false, detach: this.#listeners.map((attach) => attach(mesh)) };
    previous.retired = true;
    void this.#retireIfDone(previous);
  }

  /** Detaches every listener and closes the meshes the proxy built (at shutdown). */
  async close(): Promise<void> {
    const current = this.#current;
    current.retired = true;
    current.requests = 0;
    await this.#retireIfDone(current);
  }

  async #retireIfDone(generation: Generation): Promise<void> {
    if (!generation.retired || generation.requests > 0) return;
    generation.detach.splice(0).forEach((detach) => detach());
    if (generation.owned) await generation.mesh.close();
  }
}
