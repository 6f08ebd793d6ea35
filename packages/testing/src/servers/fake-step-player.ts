import { destroyConnection, pause, sendBody, type FakeExchange } from './fake-exchange.js';
import type { FakeStatusShape, FakeStepShape } from './fake-wire.js';

/** The steps every wire plays alike. */
type CommonKind = 'status' | 'timeout' | 'reset';

/** What a vendor adds to the common steps. */
export interface FakeStepRules<S extends FakeStepShape> {
  /** The body of a `status` step that has none, with its content type when not the wire's JSON. */
  defaultErrorBody(status: number, exchange: FakeExchange): { readonly body: unknown; readonly contentType?: string };
  /** Plays the other steps: the vendor's own failures and the answers. */
  playOther(exchange: FakeExchange, step: Exclude<S, { kind: CommonKind }>): Promise<void>;
}

/**
 * Plays a step on an exchange: waits its `delayMs`, then answers the steps every wire has
 * (`status`, `timeout`, `reset`) and hands the rest to the vendor's rules.
 */
export async function playFakeStep<S extends FakeStepShape>(exchange: FakeExchange, step: S, rules: FakeStepRules<S>): Promise<void> {
  // `slow-first-token` uses `delayMs` for the wait after the headers instead.
  if (step.kind !== 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  switch (step.kind) {
    case 'status': {
      const { status, body, headers } = step as unknown as FakeStatusShape;
      const fallback = body === undefined ? rules.defaultErrorBody(status, exchange) : undefined;
      const contentType = fallback?.contentType ?? exchange.wire.jsonContentType;
      sendBody(exchange, status, fallback ? fallback.body : body, { 'content-type': contentType, ...headers });
      return;
    }
    case 'timeout':
      // Never answer: the socket stays open until the client gives up or the server closes.
      return;
    case 'reset':
      destroyConnection(exchange, 'reset');
      return;
    default:
      return rules.playOther(exchange, step as Exclude<S, { kind: CommonKind }>);
  }
}
