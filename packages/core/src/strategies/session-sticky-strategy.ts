import type { CandidateView, Selection, Strategy, StrategyContext } from './strategy.js';
import { fnv1a32 } from './fnv1a.js';
import { orderByPriority } from './priority-strategy.js';
import { readChoiceOption, readNumberOption } from './strategy-options.js';
import { inPoolOrder, isPlainRecord, memoryRecord, noCandidates, rotate } from './strategy-support.js';

const NAME = 'session-sticky';

/** One session's mapping: the model it is pinned to and when the session was last seen. */
interface SessionEntry {
  readonly key: string;
  readonly at: number;
}

/** The unexpired, well-formed entries of memory, as [sessionId, entry] pairs. */
function liveSessions(context: StrategyContext, timeout: number): [string, SessionEntry][] {
  const stored = memoryRecord(context.memory, 'sessions') ?? {};
  return Object.entries(stored).flatMap(([id, value]): [string, SessionEntry][] => {
    if (!isPlainRecord(value) || typeof value.key !== 'string' || typeof value.at !== 'number') return [];
    return context.now - value.at > timeout ? [] : [[id, { key: value.key, at: value.at }]];
  });
}

/**
 * `session-sticky`: requests of one session go to the same model.
 *
 * - No `context.sessionId` (or an empty one): behaves exactly like `priority` (including its
 *   `modelPriority` and `providerPriority` options) and leaves memory unchanged.
 * - The session's model is among the candidates: it goes first; the session's timestamp is refreshed.
 * - New session (or one whose entry expired): the pick is candidate number
 *   `fnv1a32(sessionId) % candidates.length` in pool order, and the session is mapped to it. The
 *   same id and candidate set always give the same model; different ids spread across the pool.
 * - The session's model is absent, `affinityMode: 'fallback'` (default): remapped as a new
 *   session would be; it stays on its new model even after the old one recovers.
 * - The session's model is absent, `affinityMode: 'strict'`: the mapping is kept (timestamp
 *   refreshed); this request is ordered as for a new session, but the session returns to its
 *   model as soon as that model is back. The strategy cannot refuse to serve (an order must list
 *   every candidate); the router decides whether to use the fallback order.
 * - Order: the pick, then the others in pool order after it, wrapping.
 *
 * Memory: `{ sessions: Record<sessionId, { key, at }> }` with `at` from `context.now`. Entries
 * not seen for longer than `sessionTimeout` are ignored and pruned; above `maxSessions` the
 * least recently seen are dropped.
 *
 * Options: `sessionTimeout` (alias `sessionTimeoutMs`; ms > 0, default 1 800 000 = 30 minutes), `maxSessions` (integer
 * >= 1, default 10 000), `affinityMode` (`'fallback'` | `'strict'`), plus `modelPriority` and
 * `providerPriority` for requests without a session id.
 */
export const sessionStickyStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection {
    const timeout = readNumberOption(context, NAME, ['sessionTimeout', 'sessionTimeoutMs'], { fallback: 30 * 60_000, above: 0 });
    const maxSessions = readNumberOption(context, NAME, 'maxSessions', { fallback: 10_000, min: 1, integer: true });
    const mode = readChoiceOption(context, NAME, 'affinityMode', ['fallback', 'strict'], 'fallback');
    const pool = inPoolOrder(candidates);
    const hashed = pool[0];
    if (hashed === undefined) return noCandidates(NAME);

    const sessionId = context.sessionId;
    if (sessionId === undefined || sessionId === '') {
      const { order, reason } = orderByPriority(pool, context, NAME);
      return { order, reason: `no session id, so by priority: ${reason}` };
    }

    const sessions = liveSessions(context, timeout);
    const mapped = sessions.find(([id]) => id === sessionId)?.[1];
    const mappedPos = mapped === undefined ? -1 : pool.findIndex((candidate) => candidate.key === mapped.key);
    const hashPos = fnv1a32(sessionId) % pool.length;

    let pickPos: number;
    let pinned: string;
    let reason: string;
    if (mapped !== undefined && mappedPos !== -1) {
      pickPos = mappedPos;
      pinned = mapped.key;
      reason = `${mapped.key} is session ${sessionId}'s model (${NAME})`;
    } else if (mapped !== undefined && mode === 'strict') {
      pickPos = hashPos;
      pinned = mapped.key;
      reason = `session ${sessionId}'s model ${mapped.key} is unavailable (strict); serving from ${pool[pickPos]?.key ?? hashed.key} until it returns`;
    } else {
      pickPos = hashPos;
      pinned = pool[pickPos]?.key ?? hashed.key;
      reason =
        mapped === undefined
          ? `${pinned} is assigned to new session ${sessionId} by hash (${NAME})`
          : `${pinned} replaces session ${sessionId}'s unavailable model ${mapped.key} (${NAME})`;
    }

    const others = sessions.filter(([id]) => id !== sessionId);
    // Oldest first, ties by id so pruning is deterministic; only sort when over the cap.
    if (others.length + 1 > maxSessions) {
      others.sort(([idA, a], [idB, b]) => a.at - b.at || (idA < idB ? -1 : idA > idB ? 1 : 0));
      others.splice(0, others.length + 1 - maxSessions);
    }
    // Object.fromEntries defines own properties, so an id such as "__proto__" stays plain data.
    const next = Object.fromEntries([...others, [sessionId, { key: pinned, at: context.now }] as const]);
    return { order: rotate(pool, pickPos), reason, memory: { sessions: next } };
  },
};
