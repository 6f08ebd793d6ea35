import { createMesh, ManualClock, type MeshClient, type MeshEventMap, type MeshEventName, type MeshMiddleware, type ModelSpec } from '../../src/index.js';
import { chatModels, FakeProvider } from './fake-provider.js';

export interface Fixture {
  client: MeshClient;
  clock: ManualClock;
  a: FakeProvider;
  b: FakeProvider;
  events: Array<{ name: MeshEventName; event: MeshEventMap[MeshEventName] }>;
}

/** Two fake providers (model-a on "pa", model-b on "pb") in one explicit pool "chat". */
export function twoModelMesh(pool: Record<string, unknown> = {}, middleware: MeshMiddleware[] = [], specs: { a?: Partial<ModelSpec>; b?: Partial<ModelSpec> } = {}): Fixture {
  const clock = new ManualClock();
  const a = new FakeProvider('pa', clock);
  const b = new FakeProvider('pb', clock);
  const client = createMesh({
    clock,
    random: () => 0.5,
    middleware,
    providers: [
      { provider: a, models: chatModels('model-a').map((spec) => ({ ...spec, ...specs.a })) },
      { provider: b, models: chatModels('model-b').map((spec) => ({ ...spec, ...specs.b })) },
    ],
    config: {
      models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] }, 'model-b': { provider: 'pb', capabilities: ['chat-completion'] } },
      pools: { chat: { models: ['model-a', 'model-b'], ...pool } },
    },
  });
  const events: Fixture['events'] = [];
  for (const name of ['request.routed', 'attempt.failed', 'request.failover', 'model.deactivated', 'model.recovered', 'request.completed'] as const) {
    client.on(name, (event) => events.push({ name, event }));
  }
  return { client, clock, a, b, events };
}

export const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** Runs a request while the manual clock fires its timers. */
export async function withClock<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  tracked.catch(() => undefined);
  for (let i = 0; i < 1000 && !settled; i++) {
    if (!(await clock.runNext())) break;
  }
  return tracked;
}
