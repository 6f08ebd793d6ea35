import { describe, expect, it } from 'vitest';
import { twoModelMesh } from './support/mesh-fixture.js';

describe('models.list()', () => {
  it('can be awaited for the whole list or iterated with for await, as openai allows', async () => {
    const { client } = twoModelMesh();
    const awaited = await client.models.list();
    const iterated: string[] = [];
    for await (const model of client.models.list()) iterated.push(model.id);
    expect(iterated).toEqual(awaited.data.map((model) => model.id));
    expect(iterated.length).toBeGreaterThan(0);
  });
});
