import { describe, it } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import { expectProviderError, rejectionOf } from '../expect-provider-error.js';
import type { HttpFailureCase } from './http-failure-case.js';
import type { WireCheckContext } from './wire-check-context.js';

function expectFailure<S>(providerId: string, error: unknown, failure: HttpFailureCase<S>): void {
  const typed = expectProviderError(error, failure.errorClass, providerId, {
    retryable: failure.retryable,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(failure.code === undefined ? {} : { code: failure.code }),
  });
  failure.more?.(typed);
}

/**
 * Registers each of a wire's HTTP failures as a check that it maps to the right typed error, for
 * `chat` and (rejecting the promise, so the router can fail over) for `chatStream`.
 */
export function checkHttpFailures<S, R extends FakeLoggedRecord>(ctx: WireCheckContext<S, R>, failures: readonly HttpFailureCase<S>[]): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('HTTP failures on chat', () => {
    for (const failure of failures) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(ctx.provider.id, await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat'), failure);
      });
    }
  });

  if (!options.streaming) return;
  describe('HTTP failures on chatStream (the promise rejects, so the router can fail over)', () => {
    for (const failure of failures.filter((f) => !f.chatOnly)) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(ctx.provider.id, await rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call()), 'chatStream'), failure);
      });
    }
  });
}
