import type { IncomingMessage, ServerResponse } from 'node:http';
import { ManualClock, type MeshConfigDocument } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizeAdmin } from '../src/admin/admin-auth.js';
import { HttpFailureError } from '../src/http/openai-error.js';
import type { Exchange, ProxyContext } from '../src/server/proxy-context.js';
import { KeyTable } from '../src/auth/key-table.js';
import { startLiveFleet, type LiveFleet } from './support/live-fleet.js';

let fleet: LiveFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const ADMIN = { authorization: 'Bearer admin-secret-key-1' };
const withKeys = (document: MeshConfigDocument): MeshConfigDocument => ({
  ...document,
  proxy: { auth: { keys: [{ name: 'app', key: 'client-secret-key-1' }] }, admin: { keys: [{ name: 'ops', key: 'admin-secret-key-1' }] } },
});

const admin = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${fleet!.proxy.url}/admin/${path}`, {
    method: init.method ?? 'POST',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? ADMIN) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });

const modelState = (model: string) => fleet!.proxy.handler.mesh.poolStatus('chat').models.find((m) => m.model === model);

describe('admin API authentication', () => {
  it('takes admin keys only: as a bearer token or a Basic password, never a client key', async () => {
    fleet = await startLiveFleet({ configure: withKeys });
    const none = await admin('config', { method: 'GET', headers: {} });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('invalid_admin_key');
    expect((await admin('config', { method: 'GET', headers: { authorization: 'Bearer client-secret-key-1' } })).status).toBe(401);
    expect((await admin('config', { method: 'GET' })).status).toBe(200);
    const basic = `Basic ${Buffer.from('anyone:admin-secret-key-1').toString('base64')}`;
    expect((await admin('config', { method: 'GET', headers: { authorization: basic } })).status).toBe(200);
    // And the admin key is no client key.
    expect((await fleet.chat()).status).toBe(401);
    expect((await fetch(`${fleet.proxy.url}/status/snapshot`, { headers: { authorization: 'Bearer client-secret-key-1' } })).status).toBe(401);
  });

  it('serves loopback clients only when no admin key is configured', () => {
    const ctx = { ops: { runtime: { adminKeys: new KeyTable([]) } } } as unknown as ProxyContext;
    const from = (remoteAddress: string, host = '127.0.0.1:8080') =>
      ({ req: { method: 'GET', socket: { remoteAddress }, headers: { host } } as unknown as IncomingMessage, res: {} as ServerResponse }) as unknown as Exchange;
    expect(() => authorizeAdmin(ctx, from('127.0.0.1'))).not.toThrow();
    expect(() => authorizeAdmin(ctx, from('::ffff:127.0.0.1', 'localhost:8080'))).not.toThrow();
    expect(() => authorizeAdmin(ctx, from('::1', '[::1]:8080'))).not.toThrow();
    // DNS rebinding: a page of evil.example resolved to 127.0.0.1 reaches the proxy from loopback.
    expect(() => authorizeAdmin(ctx, from('127.0.0.1', 'evil.example:8080'))).toThrow(HttpFailureError);
    let refused: unknown;
    try {
      authorizeAdmin(ctx, from('10.1.2.3'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpFailureError);
    expect((refused as HttpFailureError).failure).toMatchObject({ status: 403, error: { code: 'admin_loopback_only' } });
  });

  it('refuses a change sent by a page of another site, keys or not', async () => {
    fleet = await startLiveFleet();
    const crossSite = await admin('models/alpha-model/deactivate', { headers: { origin: 'http://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('cross_site_admin_request');
    expect((await admin('models/alpha-model/deactivate', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect(modelState('alpha-model')?.status).toBe('active');
    // The page's own origin (and curl, which sends none) may.
    const host = new URL(fleet.proxy.url).host;
    expect((await admin('models/alpha-model/deactivate', { headers: { origin: `http://${host}` } })).status).toBe(200);
  });

  it('answers a wrong method with 405 and an unknown admin URL with 404', async () => {
    fleet = await startLiveFleet();
    expect((await admin('reload', { method: 'GET' })).status).toBe(405);
    expect((await admin('models/alpha-model/explode')).status).toBe(404);
  });
});

describe('admin actions', () => {
  it('deactivates a model (traffic moves to the next one) and reactivates it', async () => {
    fleet = await startLiveFleet();
    const off = await admin('models/alpha-model/deactivate');
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ model: 'alpha-model', status: 'standby', reason: 'manual', until: null });
    expect((await fleet.chat()).headers.get('x-modelmesh-model')).toBe('beta-model');
    const on = await admin('models/alpha-model/reactivate');
    expect(await on.json()).toMatchObject({ model: 'alpha-model', status: 'active' });
    expect((await fleet.chat()).headers.get('x-modelmesh-model')).toBe('alpha-model');
    const snapshot = (await (await fetch(`${fleet.proxy.url}/status/snapshot`)).json()) as { events: Array<{ kind: string; text: string }> };
    expect(snapshot.events.filter((e) => e.kind === 'admin').map((e) => e.text)).toEqual(['alpha-model reactivated by an operator', 'alpha-model deactivated by an operator']);
  });

  it('deactivates for a duration, and refuses a bad duration or an unknown model', async () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 7, 8));
    fleet = await startLiveFleet({ clock });
    const off = await admin('models/alpha-model/deactivate', { body: { for: '30s' } });
    expect(await off.json()).toMatchObject({ status: 'standby', until: clock.now() + 30_000 });
    await clock.advance(30_000);
    expect(modelState('alpha-model')?.status).toBe('active');
    const bad = await admin('models/alpha-model/deactivate', { body: { for: 'soon' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('for');
    const unknown = await admin('models/nope/deactivate');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
  });

  it('resets a budget window so that refused requests pass again', async () => {
    fleet = await startLiveFleet({ configure: (document) => ({ ...document, budgets: [{ name: 'tiny', scope: 'global', limit_requests: 1, period: 'day' }] }) });
    expect((await fleet.chat()).status).toBe(200);
    const refused = await fleet.chat();
    expect(refused.status).toBe(429);
    const reset = await admin('budgets/tiny/reset');
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ name: 'tiny', used: 0, exceeded: false });
    expect((await fleet.chat()).status).toBe(200);
    expect((await admin('budgets/nope/reset')).status).toBe(404);
  });

  it('shows the effective configuration with every secret redacted', async () => {
    fleet = await startLiveFleet({ configure: withKeys });
    const response = await admin('config', { method: 'GET' });
    const text = await response.text();
    for (const secret of ['sk-alpha-secret-0123456789', 'sk-beta-secret-0123456789', 'client-secret-key-1', 'admin-secret-key-1']) expect(text).not.toContain(secret);
    const body = JSON.parse(text) as { generation: number; config: { providers: Record<string, { apiKey: string; baseUrl: string }>; proxy: { auth: { keys: Array<{ name: string; key: string }> } } } };
    expect(body.generation).toBe(1);
    expect(body.config.providers['alpha']).toMatchObject({ apiKey: '[REDACTED]', baseUrl: fleet.alpha.url });
    expect(body.config.proxy.auth.keys).toEqual([expect.objectContaining({ name: 'app', key: '[REDACTED]' })]);
  });
});
