import type { ProviderCall, RateLimitSnapshot } from '@modelmesh/provider';
import { readHeader } from '@modelmesh/provider-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { chainRateLimitParsers, createOpenAICompatibleProvider, readRateLimits, type RateLimitHeaderParser } from '../src/internal.js';
import { type LocalServer, startServer } from './support/local-server.js';
import { completion, sendJson } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A vendor with a per-minute request quota in `x-quota-*` headers. */
const parseQuota: RateLimitHeaderParser = (headers, now) => {
  const limit = readHeader(headers, 'x-quota-limit');
  const remaining = readHeader(headers, 'x-quota-remaining');
  if (limit === undefined && remaining === undefined) return undefined;
  return { limitRequests: Number(limit), remainingRequests: Number(remaining), resetRequestsAt: now + 60_000 };
};

const NOW = 1_700_000_000_000;

describe('readRateLimits', () => {
  it("completes the standard headers with the vendor's, the standard ones winning field by field", () => {
    expect(readRateLimits({ 'x-quota-limit': '60', 'x-quota-remaining': '59' }, NOW, parseQuota)).toEqual({ limitRequests: 60, remainingRequests: 59, resetRequestsAt: NOW + 60_000 });
    expect(readRateLimits({ 'x-quota-limit': '60', 'x-quota-remaining': '59', 'x-ratelimit-remaining-requests': '7', 'x-ratelimit-remaining-tokens': '99' }, NOW, parseQuota)).toEqual({
      limitRequests: 60,
      remainingRequests: 7,
      resetRequestsAt: NOW + 60_000,
      remainingTokens: 99,
    });
  });

  it('is the standard reading without a vendor parser, and undefined when nothing is said', () => {
    expect(readRateLimits({ 'x-ratelimit-remaining-tokens': '5' }, NOW, undefined)).toEqual({ remainingTokens: 5 });
    expect(readRateLimits({}, NOW, parseQuota)).toBeUndefined();
    expect(readRateLimits({}, NOW, () => ({}))).toBeUndefined();
  });

  it('chains two parsers, the second winning', () => {
    const chained = chainRateLimitParsers(parseQuota, () => ({ remainingRequests: 0 }));
    expect(chained?.({ 'x-quota-limit': '60', 'x-quota-remaining': '59' }, NOW)).toEqual({ limitRequests: 60, remainingRequests: 0, resetRequestsAt: NOW + 60_000 });
    expect(chainRateLimitParsers(undefined, parseQuota)).toBe(parseQuota);
  });
});

describe('parseRateLimitHeaders', () => {
  const call = (seen: RateLimitSnapshot[]): ProviderCall => ({ signal: new AbortController().signal, timeouts: {}, reportRateLimit: (s) => seen.push(s) });

  it("reports the vendor's headers to the router, for answers and streams", async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 200, completion('ok'), { 'x-quota-limit': '60', 'x-quota-remaining': '59' })));
    const seen: RateLimitSnapshot[] = [];
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, parseRateLimitHeaders: parseQuota, now: () => NOW });
    await provider.chat({ model: 'm', messages: [] }, call(seen));
    for await (const _chunk of await provider.chatStream({ model: 'm', messages: [], stream: true }, call(seen))) {
      // drain
    }
    expect(seen).toEqual([
      { limitRequests: 60, remainingRequests: 59, resetRequestsAt: NOW + 60_000 },
      { limitRequests: 60, remainingRequests: 59, resetRequestsAt: NOW + 60_000 },
    ]);
  });

  it('reports them on an error response too, before the typed error', async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 429, { error: { message: 'quota used up' } }, { 'x-quota-limit': '60', 'x-quota-remaining': '0' })));
    const seen: RateLimitSnapshot[] = [];
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, parseRateLimitHeaders: parseQuota, now: () => NOW });
    await expect(provider.chat({ model: 'm', messages: [] }, call(seen))).rejects.toMatchObject({ name: 'RateLimitError' });
    expect(seen).toEqual([{ limitRequests: 60, remainingRequests: 0, resetRequestsAt: NOW + 60_000 }]);
  });
});
