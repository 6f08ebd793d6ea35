import type { RateLimitSnapshot } from '@modelmesh/provider';

/**
 * Remembers the rate-limit headers each model's provider last reported, and turns them into
 * the fraction of the window left. A snapshot stops counting once its reset time passes.
 */
export class HeadroomTracker {
  private readonly snapshots = new Map<string, RateLimitSnapshot>();

  record(modelKey: string, snapshot: RateLimitSnapshot): void {
    this.snapshots.set(modelKey, { ...this.snapshots.get(modelKey), ...snapshot });
  }

  /** Fraction 0..1 of the tighter window left, or undefined when nothing current is known. */
  headroom(modelKey: string, now: number): number | undefined {
    const s = this.snapshots.get(modelKey);
    if (!s) return undefined;
    const requests = fraction(s.remainingRequests, s.limitRequests, s.resetRequestsAt, now);
    const tokens = fraction(s.remainingTokens, s.limitTokens, s.resetTokensAt, now);
    if (requests === undefined) return tokens;
    if (tokens === undefined) return requests;
    return Math.min(requests, tokens);
  }

  /**
   * When the provider says a window has nothing left (remaining 0 with a reset time ahead),
   * the time it resets: the model should sit out until then instead of collecting 429s.
   */
  exhaustedUntil(snapshot: RateLimitSnapshot, now: number): number | undefined {
    const until = [
      snapshot.remainingRequests === 0 ? snapshot.resetRequestsAt : undefined,
      snapshot.remainingTokens === 0 ? snapshot.resetTokensAt : undefined,
    ].filter((at): at is number => at !== undefined && at > now);
    return until.length > 0 ? Math.max(...until) : undefined;
  }

  snapshot(modelKey: string): RateLimitSnapshot | undefined {
    return this.snapshots.get(modelKey);
  }
}

function fraction(remaining: number | undefined, limit: number | undefined, resetAt: number | undefined, now: number): number | undefined {
  if (remaining === undefined || limit === undefined || limit <= 0) return undefined;
  if (resetAt !== undefined && resetAt <= now) return undefined;
  return Math.max(0, Math.min(1, remaining / limit));
}
