import { createHash } from 'node:crypto';
import { authorizeAdmin } from '../admin/admin-auth.js';
import { sendJson, sendText } from '../http/send-response.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { statusPageHtml } from './status-page-html.js';
import { STATUS_PAGE_SCRIPT } from './status-page-script.js';
import { STATUS_PAGE_STYLE } from './status-page-style.js';
import { statusSnapshot, type StatusSnapshot } from './status-snapshot.js';

/** A snapshot is sent at least this often, so cooldowns count down and lazy recoveries show. */
const TICK_MS = 1_000;
/** Bursts of events are sent as one snapshot, at most this often. */
const THROTTLE_MS = 200;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Only the page's own inline script and style run, and it may only talk to this proxy. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${sha256(STATUS_PAGE_SCRIPT)}`,
  `style-src ${sha256(STATUS_PAGE_STYLE)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const snapshotOf = (ctx: ProxyContext): StatusSnapshot => statusSnapshot(ctx.mesh, ctx.ops.recorder, ctx.ops.runtime.live.generation, ctx.clock.now());

/** `GET /status`: the live status page (admin auth). */
export async function statusPage(ctx: ProxyContext, ex: Exchange): Promise<void> {
  authorizeAdmin(ctx, ex);
  sendText(ex.res, 200, statusPageHtml(snapshotOf(ctx)), 'text/html; charset=utf-8', {
    ...ex.headers,
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
}

/** `GET /status/snapshot`: what the page shows, as JSON (admin auth). */
export async function statusJson(ctx: ProxyContext, ex: Exchange): Promise<void> {
  authorizeAdmin(ctx, ex);
  sendJson(ex.res, 200, snapshotOf(ctx), { ...ex.headers, 'cache-control': 'no-store' });
}

/**
 * `GET /status/events`: server-sent `snapshot` events, one at once, then after every change
 * (bursts merged) and at least every second, until the client leaves or the proxy drains.
 * The pace is kept with the platform's timers, not the injected clock: it paces output to a
 * browser and decides nothing, while the snapshots themselves read the injected clock.
 */
export async function statusEvents(ctx: ProxyContext, ex: Exchange): Promise<void> {
  authorizeAdmin(ctx, ex);
  const { res } = ex;
  res.writeHead(200, { ...ex.headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', 'x-accel-buffering': 'no' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = 0;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(send, ms);
  };
  const send = () => {
    if (res.destroyed || res.writableEnded) return;
    lastSent = performance.now();
    // A slow reader gets fewer snapshots instead of a growing buffer: the next one replaces what it missed.
    if (!res.writableNeedDrain) res.write(`event: snapshot\ndata: ${JSON.stringify(snapshotOf(ctx))}\n\n`);
    schedule(TICK_MS);
  };
  const soon = () => {
    if (res.destroyed || res.writableEnded) return;
    schedule(Math.max(0, lastSent + THROTTLE_MS - performance.now()));
  };
  const unsubscribe = ctx.ops.recorder.subscribe(soon);
  await new Promise<void>((resolve) => {
    const stop = () => {
      unsubscribe();
      clearTimeout(timer);
      ex.signal.removeEventListener('abort', stop);
      ctx.ops.draining.removeEventListener('abort', stop);
      res.off('close', stop);
      if (!res.writableEnded) res.end();
      resolve();
    };
    if (ex.signal.aborted || ctx.ops.draining.aborted) return stop();
    ex.signal.addEventListener('abort', stop, { once: true });
    ctx.ops.draining.addEventListener('abort', stop, { once: true });
    res.on('close', stop);
    send();
  });
}
