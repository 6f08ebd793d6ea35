import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../src/strategies/fnv1a.js';
import { sessionStickyStrategy } from '../src/strategies/index.js';
import { context, Driver, keys, pool, without } from './strategies-fixtures.js';

const abcd = pool('a', 'b', 'c', 'd');
const MINUTE = 60_000;
const hashed = (id: string, keys: readonly string[]) => keys[fnv1a32(id) % keys.length];

/** A session id whose hash lands on `key` among `candidates`. */
function sessionFor(key: string, candidates: readonly string[]): string {
  for (let i = 0; ; i++) if (hashed(`s${i}`, candidates) === key) return `s${i}`;
}

describe('fnv1a32', () => {
  it('matches the standard FNV-1a 32-bit test vectors, over UTF-8', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(fnv1a32('é')).toBe(0x1e9de8c1);
  });
});

describe('session-sticky', () => {
  it('sends a session to the same model every time, chosen by hash', () => {
    const driver = new Driver(sessionStickyStrategy, { sessionId: 'session-1' });
    const first = driver.pick(abcd);
    expect(first).toBe(hashed('session-1', ['a', 'b', 'c', 'd']));
    expect(driver.last?.reason).toBe(`${first} is assigned to new session session-1 by hash (session-sticky)`);
    for (let i = 0; i < 5; i++) expect(driver.pick(abcd)).toBe(first);
    expect(driver.last?.reason).toBe(`${first} is session session-1's model (session-sticky)`);
  });

  it('orders the others in pool order after the pick', () => {
    const id = sessionFor('c', ['a', 'b', 'c', 'd']);
    expect(keys(sessionStickyStrategy.select(abcd, context({ sessionId: id })))).toEqual(['c', 'd', 'a', 'b']);
  });

  it('spreads different sessions across the pool', () => {
    const driver = new Driver(sessionStickyStrategy);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const key = driver.pick(abcd, { sessionId: `user-${i}` });
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(60);
    expect(Object.keys(driver.memory.sessions as object)).toHaveLength(400);
  });

  it('without a session id behaves like priority and leaves memory alone', () => {
    const driver = new Driver(sessionStickyStrategy, { options: { modelPriority: ['c'] } });
    const selection = driver.select(abcd);
    expect(keys(selection)).toEqual(['c', 'a', 'b', 'd']);
    expect(selection.reason).toBe('no session id, so by priority: c is the highest-priority candidate (modelPriority #1)');
    expect(selection.memory).toBeUndefined();
    expect(keys(driver.select(without(abcd, 'c'), { sessionId: '' }))[0]).toBe('a');
  });

  it('fallback mode remaps a session whose model is absent, and keeps the new model', () => {
    const id = sessionFor('b', ['a', 'b', 'c', 'd']);
    const driver = new Driver(sessionStickyStrategy, { sessionId: id });
    expect(driver.pick(abcd)).toBe('b');
    const remapped = driver.pick(without(abcd, 'b'));
    expect(remapped).toBe(hashed(id, ['a', 'c', 'd']));
    expect(driver.last?.reason).toBe(`${remapped} replaces session ${id}'s unavailable model b (session-sticky)`);
    expect(driver.pick(abcd)).toBe(remapped); // b recovered; the session stays put
  });

  it('strict mode keeps the mapping while the model is absent and returns to it', () => {
    const id = sessionFor('b', ['a', 'b', 'c', 'd']);
    const driver = new Driver(sessionStickyStrategy, { sessionId: id, options: { affinityMode: 'strict' } });
    expect(driver.pick(abcd)).toBe('b');
    driver.now += MINUTE;
    const meanwhile = driver.pick(without(abcd, 'b'));
    expect(meanwhile).toBe(hashed(id, ['a', 'c', 'd']));
    expect(driver.last?.reason).toBe(`session ${id}'s model b is unavailable (strict); serving from ${meanwhile} until it returns`);
    expect(driver.memory).toEqual({ sessions: { [id]: { key: 'b', at: driver.now } } });
    expect(driver.pick(abcd)).toBe('b');
  });

  it('ignores and prunes sessions idle for longer than sessionTimeout (default 30 minutes)', () => {
    const id = sessionFor('b', ['a', 'b', 'c', 'd']);
    const other = 'someone-else';
    const driver = new Driver(sessionStickyStrategy);
    driver.pick(abcd, { sessionId: other });
    driver.pick(abcd, { sessionId: id });
    const moved = driver.pick(without(abcd, 'b'), { sessionId: id }); // remapped away from b
    expect(moved).not.toBe('b');
    driver.now += 30 * MINUTE; // exactly the timeout: still alive
    expect(driver.pick(abcd, { sessionId: id })).toBe(moved);
    driver.now += 30 * MINUTE + 1; // other session: idle for 60 minutes; id: 30 minutes + 1 ms
    expect(driver.pick(abcd, { sessionId: id })).toBe('b'); // expired: hashed afresh
    expect(Object.keys(driver.memory.sessions as object)).toEqual([id]);
  });

  it('keeps an active session alive past the timeout, and honours sessionTimeoutMs', () => {
    const id = sessionFor('b', ['a', 'b', 'c', 'd']);
    const driver = new Driver(sessionStickyStrategy, { sessionId: id, options: { sessionTimeoutMs: 10 * MINUTE } });
    driver.pick(abcd);
    const moved = driver.pick(without(abcd, 'b'));
    for (let i = 0; i < 5; i++) {
      driver.now += 9 * MINUTE;
      expect(driver.pick(abcd)).toBe(moved);
    }
    driver.now += 11 * MINUTE;
    expect(driver.pick(abcd)).toBe('b');
  });

  it('caps memory at maxSessions, dropping the least recently seen', () => {
    const driver = new Driver(sessionStickyStrategy, { options: { maxSessions: 3 } });
    for (const id of ['s1', 's2', 's3']) {
      driver.pick(abcd, { sessionId: id });
      driver.now += 1;
    }
    driver.pick(abcd, { sessionId: 's1' }); // s1 is now the most recent
    driver.now += 1;
    driver.pick(abcd, { sessionId: 's4' });
    expect(Object.keys(driver.memory.sessions as object).sort()).toEqual(['s1', 's3', 's4']);
  });

  it('stores any session id as plain data, even "__proto__"', () => {
    const driver = new Driver(sessionStickyStrategy, { sessionId: '__proto__' });
    const first = driver.pick(abcd);
    const sessions = driver.memory.sessions as Record<string, unknown>;
    expect(Object.hasOwn(sessions, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(sessions)).toBe(Object.prototype);
    expect(driver.pick(abcd)).toBe(first);
  });

  it('rejects an unknown affinityMode', () => {
    expect(() => sessionStickyStrategy.select(abcd, context({ sessionId: 'x', options: { affinityMode: 'sticky' } }))).toThrow(
      /affinityMode" must be one of "fallback", "strict"; got "sticky"/,
    );
  });
});
