import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRetryAfter, parseRetryAfterFromMessage } from '../src/index.js';

const now = Date.parse('2026-11-21T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter({ 'retry-after': '30' }, now)).toBe(30);
    expect(parseRetryAfter({ 'Retry-After': '0.5' }, now)).toBe(0.5);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter({ 'retry-after': 'Sat, 21 Nov 2026 12:00:45 GMT' }, now)).toBe(45);
  });

  it('treats a date in the past as zero', () => {
    expect(parseRetryAfter({ 'retry-after': 'Sat, 21 Nov 2026 11:00:00 GMT' }, now)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(parseRetryAfter({ 'retry-after': '1', 'retry-after-ms': '250' }, now)).toBe(0.25);
  });

  it('reads a fetch Headers object', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '12' }), now)).toBe(12);
  });

  it('ignores missing and garbage values', () => {
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-3' }, now)).toBeUndefined();
  });
});

describe('parseRetryAfterFromMessage', () => {
  it.each([
    ['Please try again in 20s.', 20],
    ['Please try again in 1.5s', 1.5],
    ['Rate limit reached, retry after 350ms', 0.35],
    ['Please try again in 7 seconds', 7],
  ])('reads %j', (message, seconds) => {
    expect(parseRetryAfterFromMessage(message)).toBe(seconds);
  });

  it('returns undefined without a hint', () => {
    expect(parseRetryAfterFromMessage('Slow down')).toBeUndefined();
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['20ms', 20],
    ['2m59.56s', 179_560],
    ['1h30m', 5_400_000],
    ['0.5s', 500],
    ['12', 12_000],
  ])('reads %s', (text, ms) => {
    expect(parseDurationMs(text)).toBeCloseTo(ms, 6);
  });

  it.each(['', 'abc', '5x', '1s garbage'])('rejects %j', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});
