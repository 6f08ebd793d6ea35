import { afterEach, describe, expect, it, vi } from 'vitest';
import { envValue, runtimeEnv } from '../src/internal.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('envValue', () => {
  it('reads a variable trimmed, and treats blanks and absence alike', () => {
    expect(envValue({ KEY: '  k-1 ' }, 'KEY')).toBe('k-1');
    expect(envValue({ KEY: '   ' }, 'KEY')).toBeUndefined();
    expect(envValue({ KEY: '' }, 'KEY')).toBeUndefined();
    expect(envValue({}, 'KEY')).toBeUndefined();
  });

  it('takes the first of several names that is set, skipping undefined names', () => {
    const env = { OPENAI_ORG_ID: ' ', OPENAI_ORGANIZATION: 'org-2' };
    expect(envValue(env, 'OPENAI_ORG_ID', 'OPENAI_ORGANIZATION')).toBe('org-2');
    expect(envValue(env, undefined, 'OPENAI_ORGANIZATION')).toBe('org-2');
    expect(envValue(env)).toBeUndefined();
    expect(envValue(env, undefined)).toBeUndefined();
  });
});

describe('runtimeEnv', () => {
  it('is process.env where there is one', () => {
    vi.stubEnv('MODELMESH_ENV_TEST', 'yes');
    expect(runtimeEnv()['MODELMESH_ENV_TEST']).toBe('yes');
  });

  it('is empty where the runtime has no process (browsers, edge)', () => {
    vi.stubGlobal('process', undefined);
    try {
      expect(runtimeEnv()).toEqual({});
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
