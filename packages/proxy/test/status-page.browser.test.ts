import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@modelmesh/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveFleet, type LiveFleet } from './support/live-fleet.js';

/** Debian's chromium (CI installs it; never `playwright install`). */
const CHROMIUM = process.env['MODELMESH_CHROMIUM'] ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let shots: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser tests need Chromium at ${CHROMIUM} (apt-get install chromium, or set MODELMESH_CHROMIUM)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  shots = await mkdtemp(join(tmpdir(), 'modelmesh-status-shots-'));
});

afterAll(async () => {
  await browser?.close();
  // Kept on request, to look at the page: KEEP_SCREENSHOTS=1 pnpm test.
  if (shots && process.env['KEEP_SCREENSHOTS'] !== '1') await rm(shots, { recursive: true, force: true });
  else if (shots) console.log(`status page screenshots in ${shots}`);
});

const memberRow = (page: Page, model: string, state?: string) =>
  page.locator(`article[data-pool="chat"] tr[data-model="${model}"]${state ? `[data-state="${state}"]` : ''}`);

describe('the status page in a real browser', () => {
  it('shows the pools live: a model goes to standby when its server fails, comes back after a trial, and spend rises', async () => {
    const clock = new ManualClock(Date.now());
    const fleet: LiveFleet = await startLiveFleet({ clock });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    try {
      await page.goto(`${fleet.proxy.url}/status`);
      await page.locator('#conn[data-live="true"]').waitFor();
      await expect(page.title()).resolves.toBe('ModelMesh status');
      await memberRow(page, 'alpha-model', 'active').waitFor();
      await expect(memberRow(page, 'alpha-model').innerText()).resolves.toContain('next');
      await expect(page.locator('article[data-pool="chat"]').innerText()).resolves.toContain('strategy priority');

      // Traffic: three answers from alpha at $0.01 each.
      for (let i = 0; i < 3; i++) expect((await fleet.chat()).headers.get('x-modelmesh-model')).toBe('alpha-model');
      await page.locator('#total-cost', { hasText: '$0.0300' }).waitFor();
      await page.locator('tr[data-budget="daily"]', { hasText: '$0.0300 of $1.00' }).waitFor();
      await page.locator('#models tr[data-model="alpha-model"] svg[role="img"]').first().waitFor();

      // alpha's server starts failing: the next request fails over to beta and alpha sits out.
      fleet.failing.add('alpha');
      const failedOver = await fleet.chat();
      expect(failedOver.status).toBe(200);
      expect(failedOver.headers.get('x-modelmesh-model')).toBe('beta-model');
      await memberRow(page, 'alpha-model', 'standby').waitFor();
      const standbyText = await memberRow(page, 'alpha-model').innerText();
      expect(standbyText).toContain('standby');
      expect(standbyText).toContain('errors');
      expect(standbyText).toContain('back in 1 min');
      await expect(memberRow(page, 'beta-model').innerText()).resolves.toContain('next');
      await page.locator('#events', { hasText: 'alpha-model → beta-model' }).waitFor();
      await page.locator('#total-cost', { hasText: '$0.0400' }).waitFor();
      await page.screenshot({ path: join(shots, 'standby.png'), fullPage: true });

      // The server recovers; after the cooldown the next request is alpha's trial, which puts it back.
      fleet.failing.delete('alpha');
      await clock.advance(61_000);
      await memberRow(page, 'alpha-model', 'half-open').waitFor();
      await expect(memberRow(page, 'alpha-model').innerText()).resolves.toContain('trial');
      expect((await fleet.chat()).headers.get('x-modelmesh-model')).toBe('alpha-model');
      await memberRow(page, 'alpha-model', 'active').waitFor();
      await page.locator('#events', { hasText: 'alpha-model back in rotation' }).waitFor();
      await page.locator('#total-cost', { hasText: '$0.0500' }).waitFor();
      await page.screenshot({ path: join(shots, 'recovered.png'), fullPage: true });

      // The accessibility tree: headings in order, and real tables with captions, column headers and cells.
      const tree = await page.locator('body').ariaSnapshot();
      expect(tree).toContain('heading "ModelMesh status" [level=1]');
      for (const section of ['Traffic', 'Pools', 'Models', 'Budgets', 'Recent events']) expect(tree).toContain(`heading "${section}" [level=2]`);
      expect(tree).toContain('heading "chat" [level=3]');
      const pool = await page.locator('article[data-pool="chat"]').ariaSnapshot();
      expect(pool).toMatch(/table "Members of pool chat"/);
      for (const column of ['Model', 'Provider', 'State', 'Detail', 'Order']) expect(pool).toContain(`columnheader "${column}"`);
      expect(pool).toMatch(/row ".*alpha-model.*active.*"/);
      const models = await page.locator('#models').ariaSnapshot();
      expect(models).toContain('columnheader "Latency p95"');
      expect(models).toMatch(/img "Latency trend of alpha-model, latest median \d+ ms"/);
      const budgets = await page.locator('#budgets').ariaSnapshot();
      expect(budgets).toMatch(/progressbar "daily spend"/);
      expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    } finally {
      await page.close();
      await fleet.close();
    }
  }, 60_000);

  it('asks for the admin key when one is configured and shows the page with it', async () => {
    const fleet = await startLiveFleet({ configure: (document) => ({ ...document, proxy: { admin: { keys: [{ name: 'ops', key: 'admin-secret-key-1' }] } } }) });
    const denied = await fetch(`${fleet.proxy.url}/status`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    const context = await browser.newContext({ httpCredentials: { username: 'ops', password: 'admin-secret-key-1' } });
    const page = await context.newPage();
    try {
      await page.goto(`${fleet.proxy.url}/status`);
      await page.locator('#conn[data-live="true"]').waitFor();
      await memberRow(page, 'beta-model', 'active').waitFor();
    } finally {
      await context.close();
      await fleet.close();
    }
  }, 60_000);
});
