import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, ManualClock, RequestAbortedError } from '../src/index.js';
import { RequestSignals } from '../src/router/request-signals.js';

const signalsFor = (clock: ManualClock, callerSignal?: AbortSignal) => new RequestSignals(clock, clock.now() + 1_000, 'chat', 1_000, callerSignal, () => 1);

describe('RequestSignals: the abort plumbing of one request', () => {
  it('aborts every live attempt (one, or several at once while hedged), and none that has ended', () => {
    const signals = signalsFor(new ManualClock());
    const first = signals.attempt();
    const second = signals.attempt();
    const third = signals.attempt();
    second.dispose();
    signals.abort();
    expect([first.aborted, second.aborted, third.aborted]).toEqual([true, false, true]);
    expect(first.signal.reason).toBeInstanceOf(RequestAbortedError);
    // An attempt begun after the abort starts aborted.
    expect(signals.attempt().aborted).toBe(true);
    signals.dispose();
  });

  it("follows the caller's signal until disposed", () => {
    const caller = new AbortController();
    const signals = signalsFor(new ManualClock(), caller.signal);
    const attempt = signals.attempt();
    caller.abort('gone');
    expect(signals.abortError).toBeInstanceOf(RequestAbortedError);
    expect(signals.abortError?.cause).toBe('gone');
    expect(attempt.signal.reason).toBe(signals.abortError);

    const later = new AbortController();
    const disposed = signalsFor(new ManualClock(), later.signal);
    disposed.dispose();
    later.abort();
    expect(disposed.abortError).toBeUndefined();
  });

  it('abortByCaller() cancels without making the controller; the controller read afterwards is already aborted', () => {
    const signals = signalsFor(new ManualClock());
    const attempt = signals.attempt();
    signals.abortByCaller();
    expect(signals.abortError).toMatchObject({ name: 'RequestAbortedError', message: 'Stream aborted by the caller' });
    expect(attempt.aborted).toBe(true);
    expect(signals.controller.signal.aborted).toBe(true);
    expect(signals.controller.signal.reason).toBe(signals.abortError);
    signals.dispose();
  });

  it('a controller read first aborts the request when aborted, with the reason the caller gave wrapped', () => {
    const signals = signalsFor(new ManualClock());
    const attempt = signals.attempt();
    const { controller } = signals;
    expect(signals.controller).toBe(controller);
    controller.abort('stop');
    expect(signals.abortError).toMatchObject({ name: 'RequestAbortedError', cause: 'stop' });
    expect(attempt.signal.reason).toBe(signals.abortError);
    signals.dispose();
  });

  it('the deadline aborts with DeadlineExceededError', async () => {
    const clock = new ManualClock();
    const signals = signalsFor(clock);
    const attempt = signals.attempt();
    await clock.advance(1_000);
    expect(signals.abortError).toBeInstanceOf(DeadlineExceededError);
    expect(attempt.aborted).toBe(true);
  });
});
