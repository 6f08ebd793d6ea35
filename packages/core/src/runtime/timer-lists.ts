/** One scheduled callback, linked into the list of its duration (the handle {@link TimerLists.set} returns). */
export interface TimerEntry {
  readonly at: number;
  readonly callback: () => void;
  readonly list: DurationList;
  prev: TimerEntry | undefined;
  next: TimerEntry | undefined;
  cancelled: boolean;
}

/** The timers of one duration, in deadline order (each is appended later than the last). */
interface DurationList {
  readonly ms: number;
  head: TimerEntry | undefined;
  tail: TimerEntry | undefined;
  /** The platform timer, armed for the head's deadline or earlier; undefined when none is pending. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Node's timers can stop keeping the process alive (`unref`) and start again (`ref`); browsers' cannot. */
interface RefCounted {
  ref?(): unknown;
  unref?(): unknown;
}

const monotonicNow = (): number => performance.now();

/**
 * Timers grouped by duration, each group on one platform timer that is kept rather than
 * cancelled. A routed request sets half a dozen long timeouts (deadline, attempt, connect,
 * first byte, body) and almost always cancels them all; with one platform timer each, Node
 * builds and tears down its own timer list for every one of them. Here setting a timer
 * appends to a linked list and cancelling unlinks it; the platform timer only fires at the
 * earliest deadline, runs what is due and re-arms for the next. Timers fire no earlier
 * than asked.
 *
 * A pending timer keeps the process alive, as a plain `setTimeout` does: a request sleeping
 * before a retry, or waiting for a model to recover, may be the only thing a script waits
 * on, and Node would otherwise exit mid-request (code 13). Only a platform timer kept armed
 * for timers that were all cancelled is `unref()`ed, so a finished request's deadline does
 * not hold the process open.
 */
export class TimerLists {
  private readonly lists = new Map<number, DurationList>();

  /** Calls `callback` after `ms` milliseconds; returns the handle for {@link TimerLists.clear}. */
  set(callback: () => void, ms: number): TimerEntry {
    const duration = Math.max(1, Math.ceil(Number.isFinite(ms) ? ms : 1));
    let list = this.lists.get(duration);
    if (list === undefined) {
      list = { ms: duration, head: undefined, tail: undefined, timer: undefined };
      this.lists.set(duration, list);
    }
    const entry: TimerEntry = { at: monotonicNow() + duration, callback, list, prev: list.tail, next: undefined, cancelled: false };
    if (list.tail) {
      list.tail.next = entry;
    } else {
      list.head = entry;
      // An armed timer left with only cancelled timers was unref'd: a pending one needs it to hold the process again.
      (list.timer as RefCounted | undefined)?.ref?.();
    }
    list.tail = entry;
    // An armed timer fires at the head's deadline or earlier, never later than this one's.
    if (list.timer === undefined) this.arm(list, duration);
    return entry;
  }

  /** Cancels a timer (a handle of another kind, or one already run or cleared, is ignored). */
  clear(handle: unknown): void {
    const entry = handle as Partial<TimerEntry> | undefined;
    if (!entry || entry.cancelled !== false || entry.list === undefined) return;
    const { list } = entry as TimerEntry;
    this.unlink(entry as TimerEntry);
    // Nothing pending any more: the armed timer stays (cheaper than cancelling) but must not hold the process.
    if (list.head === undefined) (list.timer as RefCounted | undefined)?.unref?.();
  }

  private unlink(entry: TimerEntry): void {
    entry.cancelled = true;
    const { list, prev, next } = entry;
    if (prev) prev.next = next;
    else list.head = next;
    if (next) next.prev = prev;
    else list.tail = prev;
    entry.prev = entry.next = undefined;
  }

  private arm(list: DurationList, delay: number): void {
    list.timer = setTimeout(() => this.fire(list), delay);
  }

  private fire(list: DurationList): void {
    list.timer = undefined;
    const now = monotonicNow();
    let failure: { error: unknown } | undefined;
    for (let entry = list.head; entry !== undefined && entry.at <= now; entry = list.head) {
      this.unlink(entry);
      try {
        entry.callback();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (list.head !== undefined) this.arm(list, Math.max(1, Math.ceil(list.head.at - now)));
    // Lists outlive their timers only while armed, so one-off durations (jittered backoff) do not pile up.
    else this.lists.delete(list.ms);
    // A throwing callback surfaces as an uncaught error, as with a platform timer, without stopping the others.
    if (failure) {
      const { error } = failure;
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
