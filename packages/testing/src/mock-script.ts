import type { MockOutcome } from './mock-outcome.js';
import type { MockRequest } from './recorded-calls.js';

/** Chooses the outcome of a call; `index` counts the calls this script has played before (0-based). */
export type MockScriptFunction = (request: MockRequest, index: number) => MockOutcome;

/**
 * The outcomes of successive calls: one outcome for every call, a list played in order
 * whose last entry repeats, or a function of the request and its index.
 */
export type MockScript = MockOutcome | readonly MockOutcome[] | MockScriptFunction;

const DEFAULT_OUTCOME: MockOutcome = { type: 'ok' };

/** Plays a script, keeping its own count of calls. */
export class ScriptPlayer {
  private played = 0;

  constructor(private readonly script: MockScript = DEFAULT_OUTCOME) {}

  /** The outcome of the next call. */
  next(request: MockRequest): MockOutcome {
    const index = this.played++;
    const script = this.script;
    if (typeof script === 'function') return script(request, index);
    if (!isOutcomeList(script)) return script;
    return script[Math.min(index, script.length - 1)] ?? DEFAULT_OUTCOME;
  }

  /** Starts the script over. */
  rewind(): void {
    this.played = 0;
  }
}

function isOutcomeList(script: MockOutcome | readonly MockOutcome[]): script is readonly MockOutcome[] {
  return Array.isArray(script);
}
