import type { MeshClient } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { LiveMesh } from '../src/reload/live-mesh.js';

/** A stand-in mesh that records whether it was closed (unit test: only `close` is used). */
const fakeMesh = (name: string) => {
  const state = { name, closed: false };
  return { state, mesh: { close: async () => void (state.closed = true) } as unknown as MeshClient };
};

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveMesh', () => {
  it('closes a reloaded mesh only once every request running when it was replaced has ended, and never the one it was given', async () => {
    const first = fakeMesh('first');
    const second = fakeMesh('second');
    const third = fakeMesh('third');
    const live = new LiveMesh(first.mesh);
    const detached: string[] = [];
    const names = new Map([[first.mesh, 'first'], [second.mesh, 'second'], [third.mesh, 'third']]);
    live.onMesh((mesh) => () => detached.push(names.get(mesh) ?? '?'));

    const slow = live.lease(); // began on first; may read the mesh again after a reload
    live.swap(second.mesh);
    const quick = live.lease();
    live.swap(third.mesh); // two reloads while `slow` still runs
    quick();
    await settled();
    expect(detached).toEqual([]);
    expect(second.state.closed).toBe(false);
    slow();
    await settled();
    expect(detached.sort()).toEqual(['first', 'second']);
    expect(second.state.closed).toBe(true);
    expect(first.state.closed).toBe(false);
    expect(live.mesh).toBe(third.mesh);
    expect(live.generation).toBe(3);

    await live.close();
    expect(third.state.closed).toBe(true);
    expect(detached).toContain('third');
  });
});
