import { RateLimitError, type ProviderError } from '@modelmesh/core';
import { expect } from 'vitest';
import type { ErrorClass } from '../expect-provider-error.js';

/** One failure a wire's server can be scripted to answer with, and the typed error it must become. */
export interface HttpFailureCase<S> {
  readonly title: string;
  /** Built when the check runs (HTTP dates are relative to now). */
  readonly step: () => S;
  readonly errorClass: ErrorClass<ProviderError>;
  readonly retryable: boolean;
  readonly status?: number;
  readonly code?: ProviderError['code'];
  /** More checks on the typed error (e.g. its `retryAfter`). */
  readonly more?: (error: ProviderError) => void;
  /** Only for non-streaming calls (a stream request cannot get a JSON body). */
  readonly chatOnly?: boolean;
}

/** `retryAfter` of a RateLimitError; NaN for any other error, so an expectation on it fails. */
export function retryAfterOf(error: ProviderError): number | undefined {
  return RateLimitError.isInstance(error) ? error.retryAfter : Number.NaN;
}

/** A `more` check that the error is a RateLimitError whose `retryAfter` passes `check`. */
export function expectRetryAfter(check: (seconds: number | undefined) => void): (error: ProviderError) => void {
  return (error) => check(retryAfterOf(error));
}

/** Seconds ahead the HTTP-date `retry-after` cases set their date. */
export const HTTP_DATE_SECONDS = 30;

/** The `more` check of an HTTP-date `retry-after` {@link HTTP_DATE_SECONDS} ahead. */
export const expectHttpDateRetryAfter = expectRetryAfter((seconds) => {
  // The date has whole seconds and some time passes before the provider reads it.
  expect(seconds).toBeGreaterThanOrEqual(HTTP_DATE_SECONDS - 2);
  expect(seconds).toBeLessThanOrEqual(HTTP_DATE_SECONDS + 1);
});
