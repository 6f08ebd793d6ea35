import type { ProviderError } from '@modelmesh/core';
import { expect } from 'vitest';

/** Settles a promise that must reject, returning the rejection (fails the check if it resolves). */
export async function rejectionOf(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${what} to fail, but it succeeded`);
}

/** A one-line description of a thrown value, for assertion messages. */
export function describeThrown(error: unknown): string {
  if (error === undefined) return 'no error at all (the call succeeded)';
  if (!(error instanceof Error)) return `a non-Error thrown: ${String(error)}`;
  const fields = error as Error & { code?: unknown; status?: unknown; retryable?: unknown; retryAfter?: unknown; phase?: unknown };
  const extra = (['code', 'status', 'retryable', 'retryAfter', 'phase'] as const)
    .filter((key) => fields[key] !== undefined)
    .map((key) => `${key}=${String(fields[key])}`)
    .join(' ');
  return `${error.name}: ${error.message}${extra === '' ? '' : ` (${extra})`}`;
}

/** A ModelMesh error class with its cross-copy `isInstance` check. */
export interface ErrorClass<T extends ProviderError> {
  readonly prototype: T;
  readonly name: string;
  isInstance<E extends Error>(this: { readonly prototype: E }, value: unknown): value is E;
}

/** Expected fields of a provider error. */
export interface ExpectedProviderError {
  readonly retryable: boolean;
  readonly status?: number;
  readonly code?: ProviderError['code'];
}

/**
 * Asserts that `error` is a ModelMesh provider error of `errorClass` (by brand, so two copies of
 * core still match) from the provider under test, with the expected `retryable`, `status` and `code`.
 */
export function expectProviderError<T extends ProviderError>(error: unknown, errorClass: ErrorClass<T>, providerId: string, expected: ExpectedProviderError): T {
  const description = describeThrown(error);
  expect(errorClass.isInstance(error), `expected a ${errorClass.name}, got ${description}`).toBe(true);
  const typed = error as T;
  expect(typed.retryable, `retryable of ${description}`).toBe(expected.retryable);
  expect(typed.providerId, `providerId of ${description}`).toBe(providerId);
  if (expected.status !== undefined) expect(typed.status, `status of ${description}`).toBe(expected.status);
  if (expected.code !== undefined) expect(typed.code, `code of ${description}`).toBe(expected.code);
  return typed;
}
