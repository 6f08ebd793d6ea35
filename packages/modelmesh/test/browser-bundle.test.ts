import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../scripts/browser-bundle.mjs';
import type { PageResults } from './browser/page.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let fake: FakeOpenAIServer;
let server: Server;
let browser: Browser;
let origin: string;
let bundle: Uint8Array;

/** Serves the page and its bundle, and forwards `/v1/*` to the fake OpenAI server, so the page's fetches stay same-origin. */
function startPageServer(): Promise<Server> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/page.js"></script></head><body></body></html>';
  const upstream = new URL(fake.url);
  const pageServer = createServer((req, res) => {
    if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (req.url === '/page.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (!req.url?.startsWith('/v1/')) return void res.writeHead(404).end();
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  return new Promise((resolve) => pageServer.listen(0, '127.0.0.1', () => resolve(pageServer)));
}

beforeAll(async () => {
  // Bundled exactly as an app's bundler would for the browser: `modelmesh` resolves to its browser entry.
  ({ output: bundle } = await bundleForBrowser({ entry: join(import.meta.dirname, 'browser', 'page.ts'), minify: false }));
  fake = await startFakeOpenAIServer({ apiKey: 'sk-browser-test-key' });
  server = await startPageServer();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
});

describe('the browser bundle in headless Chromium', () => {
  it('runs the mock client, a real provider over same-origin fetch and a stream', async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => {
      const state = globalThis as unknown as { results?: unknown; failure?: unknown };
      return state.results !== undefined || state.failure !== undefined;
    });
    const { results, failure } = await page.evaluate(() => {
      const state = globalThis as unknown as { results?: PageResults; failure?: string };
      return { results: state.results, failure: state.failure };
    });
    await page.close();
    expect(pageErrors).toEqual([]);
    expect(failure).toBeUndefined();
    expect(results?.mock).toBe('hello from the mock');
    expect(results?.created).toBe('Echo: from create');
    expect(results?.chunks.length).toBeGreaterThan(1);
    expect(results?.streamed).toBe('Echo: stream this please');
    expect(results?.fromYaml).toBe('Echo: from yaml');
    expect(results?.textRefused).toMatch(/loadConfig/);
    // Every provider request reached the fake vendor through the page's origin, with the key.
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions', '/v1/chat/completions']);
    expect(fake.requests.every((r) => r.headers['authorization'] === 'Bearer sk-browser-test-key')).toBe(true);
  });
});
