import { describe, expect, it } from 'vitest';
import { chainHooks, credentialSecrets, mergeVendorSettings, refineErrorBody, type RequestKind } from '../src/internal.js';

describe('chainHooks', () => {
  it("runs the first hook, then the second on its result, with the same extra arguments", () => {
    const seen: RequestKind[] = [];
    const first = (body: Record<string, unknown>, kind: RequestKind) => (seen.push(kind), { ...body, first: true });
    const second = (body: Record<string, unknown>, kind: RequestKind) => (seen.push(kind), { ...body, sawFirst: body['first'] === true });
    expect(chainHooks(first, second)?.({}, 'chat')).toEqual({ first: true, sawFirst: true });
    expect(seen).toEqual(['chat', 'chat']);
    expect(chainHooks(first, undefined)).toBe(first);
    expect(chainHooks(undefined, second)).toBe(second);
    expect(chainHooks(undefined, undefined)).toBeUndefined();
  });
});

describe('mergeVendorSettings', () => {
  it('merges headers and renames, concatenates drops and rules, and chains rate-limit parsers', () => {
    const merged = mergeVendorSettings(
      {
        headers: { a: '1', b: '1' },
        dropParams: ['x'],
        paramDropRules: [{ params: ['stop'] }],
        renameParams: { chat: { seed: 'random_seed', max_completion_tokens: 'max_tokens' } },
        parseRateLimitHeaders: () => ({ limitRequests: 1, remainingRequests: 1 }),
      },
      {
        headers: { b: '2' },
        dropParams: ['y'],
        paramDropRules: [{ params: ['n'] }],
        renameParams: { chat: { seed: 'seed_value' }, embeddings: { dimensions: 'dims' } },
        parseRateLimitHeaders: () => ({ remainingRequests: 0 }),
      },
    );
    expect(merged.headers).toEqual({ a: '1', b: '2' });
    expect(merged.dropParams).toEqual(['x', 'y']);
    expect(merged.paramDropRules?.map((r) => r.params)).toEqual([['stop'], ['n']]);
    expect(merged.renameParams).toEqual({ chat: { seed: 'seed_value', max_completion_tokens: 'max_tokens' }, embeddings: { dimensions: 'dims' } });
    expect(merged.parseRateLimitHeaders?.({}, 0)).toEqual({ limitRequests: 1, remainingRequests: 0 });
  });
});

describe('credentialSecrets', () => {
  it('masks the key and credential headers without their scheme, but no short values', () => {
    expect(credentialSecrets('sk-123456', { Authorization: 'Bearer tok-abcdef', 'x-api-key': 'key-9999', 'x-trace': 'trace-1', 'api-key': 'abc' })).toEqual(['sk-123456', 'tok-abcdef', 'key-9999']);
    expect(credentialSecrets(undefined, undefined)).toEqual([]);
    expect(credentialSecrets('', {})).toEqual([]);
  });
});

describe('refineErrorBody', () => {
  const parse = refineErrorBody((parsed, body) => (typeof body['hint'] === 'string' ? { ...parsed, message: `${parsed?.message ?? 'error'} (${body['hint']})` } : parsed));

  it("adds what a vendor's body says to provider-kit's reading, from objects and JSON text", () => {
    expect(parse({ error: { message: 'bad', code: 'x' }, hint: 'try y' })).toMatchObject({ message: 'bad (try y)', code: 'x' });
    expect(parse(JSON.stringify({ message: 'bad', hint: 'try y' }))?.message).toBe('bad (try y)');
    expect(parse({ error: { message: 'plain' } })?.message).toBe('plain');
  });

  it("keeps provider-kit's reading for bodies that are not JSON objects", () => {
    expect(parse('<html>bad gateway</html>')).toBeUndefined();
    expect(parse([{ error: { message: 'wrapped' } }])?.message).toBe('wrapped');
  });
});
