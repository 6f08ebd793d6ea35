import { describe, expect, it } from 'vitest';
import {
  AllProvidersExhaustedError,
  AuthenticationError,
  BudgetExceededError,
  ConfigurationError,
  ContentFilteredError,
  ContextLengthExceededError,
  DeadlineExceededError,
  ModelMeshError,
  NoActiveModelError,
  ProviderError,
  ProviderHttpError,
  ProviderTimeoutError,
  RateLimitError,
  RequestAbortedError,
  RoutingError,
  StreamInterruptedError,
  isRetryableStatus,
} from '../src/index.js';

const provider = { providerId: 'openai', modelId: 'gpt-4o' };

describe('error hierarchy', () => {
  const cases = [
    { error: new NoActiveModelError({ poolName: 'chat' }), parents: [ModelMeshError, RoutingError], retryable: true },
    {
      error: new AllProvidersExhaustedError({ poolName: 'chat', attempts: 3, lastError: new Error('boom') }),
      parents: [ModelMeshError, RoutingError],
      retryable: false,
    },
    { error: new AuthenticationError(provider), parents: [ModelMeshError, ProviderError], retryable: false },
    { error: new RateLimitError({ ...provider, retryAfter: 7 }), parents: [ModelMeshError, ProviderError], retryable: true },
    { error: new ProviderTimeoutError({ ...provider, timeoutSeconds: 30 }), parents: [ModelMeshError, ProviderError], retryable: true },
    { error: new ConfigurationError({ issues: [] }), parents: [ModelMeshError], retryable: false },
    {
      error: new BudgetExceededError({ limitType: 'cost', limitValue: 5, actualValue: 5.2 }),
      parents: [ModelMeshError],
      retryable: false,
    },
    { error: new ContextLengthExceededError(provider), parents: [ModelMeshError, ProviderError], retryable: false },
    { error: new ContentFilteredError({ ...provider, reason: 'violence' }), parents: [ModelMeshError, ProviderError], retryable: false },
    {
      error: new StreamInterruptedError({ ...provider, chunksDelivered: 4, reason: 'cut' }),
      parents: [ModelMeshError, ProviderError],
      retryable: true,
    },
    { error: new DeadlineExceededError({ poolName: 'chat', timeoutSeconds: 60 }), parents: [ModelMeshError, RoutingError], retryable: true },
    { error: new RequestAbortedError(), parents: [ModelMeshError], retryable: false },
  ] as const;

  for (const { error, parents, retryable } of cases) {
    it(`${error.name}: retryable=${retryable}, instanceof and isInstance along its parents`, () => {
      expect(error.retryable).toBe(retryable);
      expect(error).toBeInstanceOf(Error);
      for (const parent of parents) {
        expect(error).toBeInstanceOf(parent);
        expect(parent.isInstance(error)).toBe(true);
      }
      expect((error.constructor as typeof ModelMeshError).isInstance(error)).toBe(true);
      expect(error.name).toBe(error.constructor.name);
      expect(error.message.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: error.name, retryable });
    });
  }

  it('isInstance rejects unrelated errors and siblings', () => {
    const rate = new RateLimitError(provider);
    expect(RoutingError.isInstance(rate)).toBe(false);
    expect(AuthenticationError.isInstance(rate)).toBe(false);
    expect(ModelMeshError.isInstance(new Error('x'))).toBe(false);
    expect(ModelMeshError.isInstance(null)).toBe(false);
    expect(ModelMeshError.isInstance('RateLimitError')).toBe(false);
  });

  it('isInstance recognises an error from another copy of the package by its Symbol.for brand', () => {
    // A second copy of the package would define its own prototype carrying the same global symbols.
    const foreign = Object.create(Error.prototype, {
      [Symbol.for('modelmesh.error.ModelMeshError')]: { value: true },
      [Symbol.for('modelmesh.error.ProviderError')]: { value: true },
      [Symbol.for('modelmesh.error.RateLimitError')]: { value: true },
    }) as object;
    expect(foreign instanceof RateLimitError).toBe(false);
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(ProviderError.isInstance(foreign)).toBe(true);
    expect(AuthenticationError.isInstance(foreign)).toBe(false);
  });
});

describe('error fields', () => {
  it('RateLimitError carries provider, model and retryAfter in seconds', () => {
    const error = new RateLimitError({ ...provider, retryAfter: 12 });
    expect(error).toMatchObject({ providerId: 'openai', modelId: 'gpt-4o', retryAfter: 12, status: 429, code: 'rate_limited' });
    expect(error.message).toBe('Rate limited by "openai", retry in 12s');
  });

  it('ProviderTimeoutError carries timeoutSeconds and the phase', () => {
    const error = new ProviderTimeoutError({ ...provider, timeoutSeconds: 2.5, phase: 'first-token' });
    expect(error.timeoutSeconds).toBe(2.5);
    expect(error.phase).toBe('first-token');
  });

  it('AllProvidersExhaustedError keeps attempts, lastError and the pool', () => {
    const last = new ProviderHttpError({ ...provider, status: 503 });
    const error = new AllProvidersExhaustedError({ poolName: 'chat', attempts: 4, lastError: last });
    expect(error.attempts).toBe(4);
    expect(error.lastError).toBe(last);
    expect(error.poolName).toBe('chat');
    expect(error.cause).toBe(last);
    expect(error.message).toContain('All 4 attempts');
    expect(error.toJSON().lastError).toMatchObject({ name: 'ProviderHttpError', status: 503, retryable: true });
  });

  it('NoActiveModelError says when the earliest model recovers', () => {
    const error = new NoActiveModelError({ poolName: 'chat', retryAfter: 20, recoversAt: 1_000 });
    expect(error).toMatchObject({ poolName: 'chat', retryAfter: 20, recoversAt: 1_000 });
    expect(error.message).toContain('20s');
  });

  it('BudgetExceededError carries limitType, limitValue and actualValue', () => {
    const error = new BudgetExceededError({ limitType: 'cost', limitValue: 10, actualValue: 10.5, budgetName: 'daily', period: 'day' });
    expect(error).toMatchObject({ limitType: 'cost', limitValue: 10, actualValue: 10.5, budgetName: 'daily' });
    expect(error.message).toBe('Budget "daily" exceeded: cost limit $10 per day, would reach $10.5');
  });

  it('ProviderHttpError is retryable exactly for 408, 409, 425, 429 and 5xx', () => {
    for (const status of [408, 409, 425, 429, 500, 502, 503, 504, 529]) {
      expect(new ProviderHttpError({ ...provider, status }).retryable, String(status)).toBe(true);
      expect(isRetryableStatus(status)).toBe(true);
    }
    for (const status of [400, 401, 403, 404, 413, 422]) {
      expect(new ProviderHttpError({ ...provider, status }).retryable, String(status)).toBe(false);
    }
  });

  it('base ProviderError is retryable for connection resets and malformed responses only', () => {
    expect(new ProviderError({ providerId: 'x', code: 'connection_error' }).retryable).toBe(true);
    expect(new ProviderError({ providerId: 'x', code: 'malformed_response' }).retryable).toBe(true);
    expect(new ProviderError({ providerId: 'x' }).retryable).toBe(false);
  });

  it('ConfigurationError lists every issue with path and position', () => {
    const error = new ConfigurationError({
      source: 'mesh.yaml',
      issues: [
        { path: 'pools.chat.strategy', message: 'unknown strategy "fastest"', line: 4, column: 15 },
        { path: 'models.gpt.provider', message: 'unknown provider "opnai"' },
      ],
    });
    expect(error.issues).toHaveLength(2);
    expect(error.details.issues).toEqual(error.issues);
    expect(error.message).toBe(
      'Invalid configuration in mesh.yaml (2 problems):\n' +
        '  - pools.chat.strategy (mesh.yaml:4:15): unknown strategy "fastest"\n' +
        '  - models.gpt.provider: unknown provider "opnai"',
    );
  });
});

describe('secrets never leak through toJSON', () => {
  it('redacts secret-named detail keys and key-looking text', () => {
    const error = new AuthenticationError({
      ...provider,
      message: 'rejected key sk-abcdefghijklmnop1234',
      details: { apiKey: 'sk-live-123456789', headers: { Authorization: 'Bearer abcdefghijkl' }, url: 'https://x/v1?key=AIzaSecretSecretSecretSecret1' },
    });
    const json = JSON.stringify(error);
    expect(json).not.toContain('sk-live-123456789');
    expect(json).not.toContain('abcdefghijkl');
    expect(json).not.toContain('AIzaSecret');
    expect(json).toContain('[REDACTED]');
    expect(error.toJSON().details).toMatchObject({ apiKey: '[REDACTED]', headers: { Authorization: '[REDACTED]' } });
  });

  it('redacts a nested lastError message', () => {
    const error = new AllProvidersExhaustedError({
      poolName: 'chat',
      attempts: 1,
      lastError: new Error('401 for Bearer sk-proj-ABCDEFGHIJKLMNOP'),
    });
    expect(JSON.stringify(error)).not.toContain('ABCDEFGHIJKLMNOP');
  });
});
