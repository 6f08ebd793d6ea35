import { createMesh, ManualClock, type MeshClient, type MeshConfigDocument, type ModelSpec } from '../../src/index.js';
import { FakeProvider } from './fake-provider.js';

/** A mesh over one fake provider "p" with the given models and config (budgets, pools...). */
export function budgetMesh(models: ModelSpec[], config: MeshConfigDocument, start = Date.UTC(2026, 10, 22, 10, 0, 0)): { client: MeshClient; clock: ManualClock; provider: FakeProvider } {
  const clock = new ManualClock(start);
  const provider = new FakeProvider('p', clock);
  const client = createMesh({ clock, random: () => 0.5, providers: [{ provider, models }], config });
  return { client, clock, provider };
}

export const paid = (id: string, extra: Partial<ModelSpec> = {}): ModelSpec => ({ id, capabilities: ['chat-completion'], pricing: { input: 1, output: 2 }, ...extra });
export const free = (id: string, extra: Partial<ModelSpec> = {}): ModelSpec => ({ id, capabilities: ['chat-completion'], pricing: { input: 0, output: 0 }, ...extra });
