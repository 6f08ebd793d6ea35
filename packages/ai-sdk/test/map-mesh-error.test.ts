import { APICallError } from '@ai-sdk/provider';
import { AllProvidersExhaustedError, AuthenticationError, BudgetExceededError, NoActiveModelError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { mapMeshError } from '../src/index.js';

describe('mapMeshError', () => {
  it('an exhausted pool: not retryable, the last status, the mesh error as cause', () => {
    const cause = new AllProvidersExhaustedError({ poolName: 'chat', attempts: 3, lastError: new AuthenticationError({ providerId: 'openai', status: 401 }) });
    const mapped = mapMeshError(cause, 'chat', { model: 'chat' });
    expect(APICallError.isInstance(mapped)).toBe(true);
    expect(mapped).toMatchObject({ isRetryable: false, statusCode: 401, url: 'modelmesh:pool/chat', cause });
  });

  it('no active model with a known recovery: retryable after retry-after', () => {
    const mapped = mapMeshError(new NoActiveModelError({ poolName: 'chat', retryAfter: 2.2 }), 'chat', {}) as APICallError;
    expect(mapped.isRetryable).toBe(true);
    expect(mapped.responseHeaders).toEqual({ 'retry-after': '3' });
    expect((mapMeshError(new NoActiveModelError({ poolName: 'chat' }), 'chat', {}) as APICallError).isRetryable).toBe(false);
  });

  it('leaves errors that are not about a call as they are', () => {
    const budget = new BudgetExceededError({ limitType: 'cost', limitValue: 1, actualValue: 2 });
    expect(mapMeshError(budget, 'chat', {})).toBe(budget);
  });
});
