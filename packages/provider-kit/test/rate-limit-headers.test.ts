import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../src/index.js';

const now = Date.parse('2026-11-21T12:00:00Z');

describe('parseRateLimitHeaders', () => {
  it('reads OpenAI headers with Go-style durations', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '10000',
      'x-ratelimit-remaining-requests': '9999',
      'x-ratelimit-reset-requests': '6ms',
      'x-ratelimit-limit-tokens': '30000000',
      'x-ratelimit-remaining-tokens': '29999990',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseRateLimitHeaders(headers, now)).toEqual({
      limitRequests: 10000,
      remainingRequests: 9999,
      resetRequestsAt: now + 6,
      limitTokens: 30_000_000,
      remainingTokens: 29_999_990,
      resetTokensAt: now + 360_000,
    });
  });

  it('reads Groq headers (fractional seconds)', () => {
    const snapshot = parseRateLimitHeaders(
      { 'x-ratelimit-limit-requests': '14400', 'x-ratelimit-remaining-requests': '14370', 'x-ratelimit-reset-requests': '2m59.56s', 'x-ratelimit-reset-tokens': '7.66s' },
      now,
    );
    expect(snapshot).toEqual({ limitRequests: 14400, remainingRequests: 14370, resetRequestsAt: now + 179_560, resetTokensAt: now + 7660 });
  });

  it('reads Anthropic headers with RFC 3339 resets', () => {
    const snapshot = parseRateLimitHeaders(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2026-11-21T12:00:30Z',
        'anthropic-ratelimit-tokens-limit': '40000',
        'anthropic-ratelimit-tokens-remaining': '39000',
        'anthropic-ratelimit-tokens-reset': '2026-11-21T12:01:00Z',
      },
      now,
    );
    expect(snapshot).toEqual({
      limitRequests: 50,
      remainingRequests: 49,
      resetRequestsAt: now + 30_000,
      limitTokens: 40_000,
      remainingTokens: 39_000,
      resetTokensAt: now + 60_000,
    });
  });

  it('returns undefined without rate-limit headers and skips unreadable values', () => {
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'application/json' }), now)).toBeUndefined();
    expect(parseRateLimitHeaders({ 'x-ratelimit-remaining-requests': 'lots', 'x-ratelimit-limit-requests': '5' }, now)).toEqual({ limitRequests: 5 });
  });
});
