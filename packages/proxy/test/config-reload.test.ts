import { afterEach, describe, expect, it } from 'vitest';
import { installReloadSignal } from '../src/index.js';
import { fleetConfig, startLiveFleet, type LiveFleet } from './support/live-fleet.js';

let fleet: LiveFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const reload = () => fetch(`${fleet!.proxy.url}/admin/reload`, { method: 'POST' });
const pools = async () => ((await (await fetch(`${fleet!.proxy.url}/v1/pools`)).json()) as { pools: Record<string, { strategy: string; models: Array<{ model: string; status: string }> }> }).pools;
const snapshot = async () =>
  (await (await fetch(`${fleet!.proxy.url}/status/snapshot`)).json()) as { generation: number; totals: { requests: number }; budgets: Array<{ name: string; used: number }>; events: Array<{ kind: string; text: string }> };

/** The fleet's config with pool `chat` changed by `change`. */
function withPool(change: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const base = fleetConfig(fleet!.alpha.url, fleet!.beta.url);
  return { ...base, pools: { chat: { ...base.pools!['chat'], ...change } }, ...extra };
}

describe('config reload', () => {
  it('swaps in a valid file, keeping model health and budget spend of what still exists', async () => {
    fleet = await startLiveFleet();
    fleet.failing.add('alpha');
    expect((await fleet.chat()).headers.get('x-modelmesh-model')).toBe('beta-model');
    expect((await snapshot()).budgets.find((b) => b.name === 'daily')?.used).toBeCloseTo(0.01);

    await fleet.writeConfig(withPool({ strategy: 'round-robin' }, { budgets: [{ name: 'daily', scope: 'global', limit_usd: 2, period: 'day' }] }));
    const response = await reload();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'reloaded', ok: true, generation: 2, restartRequired: [] });
    const chat = (await pools())['chat'];
    expect(chat?.strategy).toBe('round-robin');
    expect(chat?.models.find((m) => m.model === 'alpha-model')?.status).toBe('standby');
    const after = await snapshot();
    expect(after.generation).toBe(2);
    expect(after.budgets.find((b) => b.name === 'daily')?.used).toBeCloseTo(0.01);
    expect(after.events[0]?.text).toContain('configuration reloaded (generation 2)');
    expect(fleet.messages.filter((m) => m.code === 'reload').map((m) => m.level)).toEqual(['info']);
  });

  it('refuses an invalid file with every problem, logged and returned, and keeps the running config', async () => {
    fleet = await startLiveFleet();
    await fleet.writeConfig(withPool({ strategy: 'fastest', recovery: { cooldown: 'soon' } }));
    const response = await reload();
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string }; issues: Array<{ path: string; message: string }> };
    expect(body.error.code).toBe('invalid_config');
    expect(body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['pools.chat.strategy', 'pools.chat.recovery.cooldown']));
    const logged = fleet.messages.find((m) => m.code === 'reload');
    expect(logged?.level).toBe('error');
    expect(logged?.text).toContain('pools.chat.strategy');
    expect(logged?.text).toContain('pools.chat.recovery.cooldown');
    // Still the old config: generation 1, priority strategy, requests served.
    expect((await pools())['chat']?.strategy).toBe('priority');
    expect((await snapshot()).generation).toBe(1);
    expect((await fleet.chat()).status).toBe(200);

    await fleet.writeConfig('providers: [unclosed');
    const unparsable = await reload();
    expect(unparsable.status).toBe(400);
    expect(((await unparsable.json()) as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
  });

  it('drops no request when it reloads under load, and counts every one of them', async () => {
    fleet = await startLiveFleet();
    const slow = { kind: 'ok' as const, delayMs: 300 };
    fleet.alpha.script(...Array.from({ length: 12 }, () => slow));
    const send = (i: number) =>
      fleet!.chat(i % 2 === 0 ? { stream: true } : {}).then(async (response) => ({ status: response.status, body: await response.text(), stream: i % 2 === 0 }));
    const before = Array.from({ length: 12 }, (_, i) => send(i));
    // Every one of them is at the vendor (in flight on the old mesh) before the reload.
    await fleet.alpha.waitForRequests(12);
    await fleet.writeConfig(withPool({ strategy: 'round-robin' }));
    const reloaded = reload();
    const during = Array.from({ length: 12 }, (_, i) => send(i));
    expect((await reloaded).status).toBe(200);
    const after = Array.from({ length: 12 }, (_, i) => send(i));
    const results = await Promise.all([...before, ...during, ...after]);
    for (const result of results) {
      expect(result.status).toBe(200);
      if (result.stream) expect(result.body).toContain('data: [DONE]');
      else expect(JSON.parse(result.body)).toMatchObject({ object: 'chat.completion' });
    }
    const counted = await snapshot();
    expect(counted.generation).toBe(2);
    expect(counted.totals.requests).toBe(36);
  });

  it('replaces the client keys on reload', async () => {
    const keys = (key: string) => ({ auth: { keys: [{ name: 'app', key }] } });
    fleet = await startLiveFleet({ configure: (document) => ({ ...document, proxy: keys('old-client-key-1') }) });
    const ask = (key: string) => fetch(`${fleet!.proxy.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect((await ask('old-client-key-1')).status).toBe(200);
    await fleet.writeConfig({ ...fleet.document, proxy: keys('new-client-key-2') });
    expect((await reload()).status).toBe(200);
    expect((await ask('old-client-key-1')).status).toBe(401);
    expect((await ask('new-client-key-2')).status).toBe(200);
  });

  it('says which proxy settings need a restart', async () => {
    fleet = await startLiveFleet();
    await fleet.writeConfig({ ...fleet.document, proxy: { port: 9999, limits: { max_concurrent: 5 } } });
    const body = (await (await reload()).json()) as { restartRequired: string[] };
    expect(body.restartRequired).toEqual(['proxy.port', 'proxy.limits']);
    expect(fleet.messages.find((m) => m.code === 'reload')).toMatchObject({ level: 'warn' });
  });

  it('reloads on SIGHUP', async () => {
    fleet = await startLiveFleet();
    const remove = installReloadSignal(fleet.proxy);
    try {
      await fleet.writeConfig(withPool({ strategy: 'round-robin' }));
      const done = new Promise<void>((resolve) => {
        const check = () => (fleet!.messages.some((m) => m.code === 'reload') ? resolve() : setImmediate(check));
        check();
      });
      process.emit('SIGHUP', 'SIGHUP');
      await done;
      expect((await pools())['chat']?.strategy).toBe('round-robin');
    } finally {
      remove();
    }
  });
});
