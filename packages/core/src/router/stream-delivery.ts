import { ModelMeshError, ProviderTimeoutError, RequestAbortedError, type StreamInterruptedError, type ChatCompletionChunk, type CompletionUsage } from '@modelmesh/provider';
import { CompletionAssembler } from '../streaming/completion-assembler.js';
import { FinalCompletion, finalOf, keepsFinal, type FinalCompletionKeeper } from '../streaming/final-completion.js';
import { StreamTally } from '../streaming/stream-tally.js';
import type { AbortWaiter } from './attempt-signal.js';
import type { RequestRun } from './request-run.js';
import type { RouterContext } from './router-context.js';
import { addUsage, finishRequest } from './request-completion.js';
import { deliveredAnswer, isRecoverable, recoverStream, RecoveryLedger, settleBroken, type StreamSegment } from './stream-recovery.js';
import { countedUsage, endedUnfinished, interruption } from './stream-interruption.js';
import { ReplayDivergedError } from './stream-replay.js';

/** What the delivery phase needs from the successful attempt. */
export interface DeliveryInput extends StreamSegment {
  readonly run: RequestRun;
}

type Result = IteratorResult<ChatCompletionChunk>;

/**
 * `unread`: nobody has called next() yet (an abort then settles the request at once); `idle`:
 * the caller holds the last chunk; `busy`: a next() or return() is being served; `ended`.
 */
type Phase = 'unread' | 'idle' | 'busy' | 'ended';

/**
 * Hands a committed stream to the caller chunk by chunk (no buffering), under the idle
 * timeout. A cut, stall, error event or stream that ends without a finish reason is an
 * interruption: the pool's `stream_recovery` goes on on the next candidate (see
 * stream-recovery.ts), so the caller gets one complete answer; when it cannot, iteration ends
 * with a StreamInterruptedError. A truncated answer is never presented as complete. The
 * request is settled (`finishRequest`) exactly once: at the end, on failure, when the caller
 * stops early (`return()`), or when it is aborted before anyone reads it.
 *
 * A hand-written iterator rather than an async generator, since a proxy holds thousands of
 * these open: its handlers are made once per stream (per segment after a recovery), a chunk
 * costs the caller's promise and one `then` on the provider's, and nothing is suspended while
 * waiting but the provider's pending read. The generator it replaces kept a suspended frame,
 * a request queue and, per chunk, a race promise with two closures (slow-streams benchmark:
 * see the commit that made this).
 */
export class StreamDelivery implements AsyncIterator<ChatCompletionChunk>, FinalCompletionKeeper {
  readonly #ctx: RouterContext;
  readonly #run: RequestRun;
  readonly #timeToFirstTokenMs: number;
  #segment: StreamSegment;
  /** Chunks of the segment's `committed.buffered` handed on so far. */
  #bufferedAt = 0;
  /** What the caller received, across models; and a tally of what the model now streaming sent. */
  readonly #caller = new CompletionAssembler();
  #own = new StreamTally();
  /** Made at the first recovery. */
  #ledger: RecoveryLedger | undefined;
  #first: StreamInterruptedError | undefined;
  #delivered = 0;
  /** The segment was already settled as a part of the answer (its stream broke, and no one took over). */
  #settled = false;
  #phase: Phase = 'unread';
  /** The provider's next() is pending. */
  #reading = false;
  /** The error the first next() of a stream aborted unread rejects with. */
  #unreadFailure: ModelMeshError | undefined;
  #final: FinalCompletion | undefined;
  /** The promise of the call being served (while one is), and how to settle it. */
  #current: Promise<Result> | undefined;
  #resolve: ((result: Result) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  readonly #capture = (resolve: (result: Result) => void, reject: (error: unknown) => void): void => {
    this.#resolve = resolve;
    this.#reject = reject;
  };
  readonly #stalled = (): ModelMeshError => {
    const { model } = this.#segment;
    const idle = this.#run.pool.definition.policy.timeouts.idleMs;
    return new ProviderTimeoutError({ providerId: model.providerId, modelId: model.modelId, timeoutSeconds: idle / 1000, phase: 'idle' });
  };
  // The segment's read handlers (see #listen).
  #onResult!: (result: Result) => void;
  #onError!: (error: unknown) => void;
  #onAbort!: AbortWaiter;
  #onWatched: ((chunk: ChatCompletionChunk | null) => void) | undefined;
  #onWatchFailed: ((error: unknown) => void) | undefined;

  constructor(ctx: RouterContext, input: DeliveryInput) {
    this.#ctx = ctx;
    this.#run = input.run;
    this.#segment = input;
    this.#timeToFirstTokenMs = input.committed.timeToFirstTokenMs;
    this.#listen(input);
    // Until someone reads, a request abort (the stream's controller, the caller's signal) settles the request here.
    if (!input.attempt.aborted) input.attempt.wait(this.#onAbort);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The stream's final completion is the caller's answer, unless chunk middleware changes what the caller sees after it. */
  get [keepsFinal](): boolean {
    return !this.#ctx.middleware.watchesChunks;
  }

  /** Made when first asked (or at the end): most streams are never asked. */
  [finalOf](): FinalCompletion {
    return (this.#final ??= new FinalCompletion());
  }

  next(): Promise<Result> {
    if (this.#phase === 'busy') return this.#afterCurrent(() => this.next());
    if (this.#phase === 'ended') {
      const failure = this.#unreadFailure;
      if (failure === undefined) return Promise.resolve({ done: true, value: undefined });
      this.#unreadFailure = undefined;
      this[finalOf]().reject(failure);
      return Promise.reject(failure);
    }
    const served = this.#serve();
    this.#advance();
    return served;
  }

  /** The caller stops early (`break` in `for await`): its choice, not a failure. */
  return(value?: unknown): Promise<Result> {
    if (this.#phase === 'busy') return this.#afterCurrent(() => this.return(value));
    this[finalOf]().reject(new RequestAbortedError({ message: 'The stream was stopped before its end, so it has no final completion' }));
    if (this.#phase === 'ended') return Promise.resolve({ done: true, value });
    const served = this.#serve();
    void this.#close('stopped', undefined, { done: true, value });
    return served;
  }

  /** A call made while another is served waits its turn, as with a generator. */
  #afterCurrent(call: () => Promise<Result>): Promise<Result> {
    return (this.#current as Promise<Result>).then(call, call);
  }

  #serve(): Promise<Result> {
    if (this.#phase === 'unread') this.#segment.attempt.stopWaiting(this.#onAbort);
    this.#phase = 'busy';
    const served = new Promise<Result>(this.#capture);
    this.#current = served;
    return served;
  }

  #answer(result: Result, phase: Phase): void {
    const resolve = this.#resolve;
    // A settled promise keeps its result: held on to, it would keep the last chunk as long as the stream.
    this.#current = this.#resolve = this.#reject = undefined;
    this.#phase = phase;
    resolve?.(result);
  }

  #fail(error: unknown): void {
    const reject = this.#reject;
    this.#current = this.#resolve = this.#reject = undefined;
    this.#phase = 'ended';
    this[finalOf]().reject(error);
    reject?.(error);
  }

  /** Makes the read handlers of `segment`: a read of a segment the delivery has left (its attempt aborted first) is ignored. */
  #listen(segment: StreamSegment): void {
    this.#onResult = (result) => {
      if (!this.#reading || this.#segment !== segment) return;
      this.#reading = false;
      segment.attempt.stopWaiting(this.#onAbort);
      // Paused, not disarmed: the next read re-arms the same timer.
      segment.attempt.pause();
      if (result.done) {
        if (this.#own.finished) void this.#close('ok', undefined, { done: true, value: undefined });
        else this.#broke(endedUnfinished(segment, this.#delivered));
      } else if (!this.#offer(result.value)) {
        this.#advance();
      }
    };
    this.#onError = (error) => {
      if (!this.#reading || this.#segment !== segment) return;
      this.#reading = false;
      segment.attempt.stopWaiting(this.#onAbort);
      this.#readFailed(error);
    };
    this.#onAbort = (reason) => {
      if (this.#phase === 'unread') return this.#abortedUnread();
      if (!this.#reading || this.#segment !== segment) return;
      this.#reading = false;
      this.#readFailed(reason);
    };
  }

  /** Buffered chunks first, then the provider's stream, until a chunk is for the caller. */
  #advance(): void {
    for (;;) {
      const { buffered } = this.#segment.committed;
      if (this.#bufferedAt >= buffered.length) {
        // Handed on: the chunks need not live as long as the stream.
        buffered.length = 0;
        this.#bufferedAt = 0;
        return this.#read();
      }
      if (this.#offer(buffered[this.#bufferedAt++] as ChatCompletionChunk)) return;
    }
  }

  #read(): void {
    const { attempt, committed } = this.#segment;
    attempt.arm(this.#run.pool.definition.policy.timeouts.idleMs, this.#stalled);
    if (attempt.aborted) return this.#readFailed(attempt.signal.reason);
    let pending: Promise<Result>;
    try {
      pending = Promise.resolve(committed.iterator.next());
    } catch (error) {
      return this.#readFailed(error);
    }
    this.#reading = true;
    attempt.wait(this.#onAbort);
    pending.then(this.#onResult, this.#onError);
  }

  #readFailed(error: unknown): void {
    this.#broke(this.#run.signals.abortError ?? interruption(error, this.#segment, this.#delivered));
  }

  /** Passes `raw` on to the caller; false when nothing of it is for the caller (read on). */
  #offer(raw: ChatCompletionChunk): boolean {
    let chunk: ChatCompletionChunk | null;
    try {
      chunk = this.#toCaller(raw);
    } catch (error) {
      this.#broke(error);
      return true;
    }
    if (chunk === null) return false;
    if (!this.#ctx.middleware.watchesChunks) {
      this.#give(chunk);
      return true;
    }
    this.#onWatched ??= (out) => (out ? this.#give(out) : this.#advance());
    this.#onWatchFailed ??= (error) => this.#broke(error);
    this.#ctx.middleware.onStreamChunk(chunk, this.#segment.context).then(this.#onWatched, this.#onWatchFailed);
    return true;
  }

  #give(chunk: ChatCompletionChunk): void {
    this.#delivered++;
    this.#answer({ done: false, value: chunk }, 'idle');
  }

  #toCaller(raw: ChatCompletionChunk): ChatCompletionChunk | null {
    this.#own.add(raw);
    const { replay } = this.#segment;
    let chunk = replay ? replay.shape(raw) : raw;
    // The caller's usage is the sum over every model that streamed a part of the answer.
    const before = this.#ledger?.usage;
    if (chunk?.usage && before) chunk = { ...chunk, usage: addUsage(chunk.usage, before) };
    if (chunk) this.#caller.add(chunk);
    return chunk;
  }

  #ownUsage(): CompletionUsage {
    return this.#own.usage ?? countedUsage(this.#run.needs.promptTokens, this.#own);
  }

  /** The segment's stream broke: go on on the next candidate when the pool recovers streams, else fail. */
  #broke(error: unknown): void {
    this.#recover(error).then(
      () => this.#advance(),
      (failure: unknown) => this.#close('failed', failure, undefined),
    );
  }

  async #recover(error: unknown): Promise<void> {
    const ctx = this.#ctx;
    const run = this.#run;
    const segment = this.#segment;
    if (run.signals.abortError) throw run.signals.abortError;
    const first = this.#first;
    if (error instanceof ReplayDivergedError && first) {
      // The model that restarted is not at fault for taking another turn: its part is billed, its health untouched.
      this.#settled = true;
      await settleBroken(ctx, run, { segment, error: first, usage: this.#ownUsage() }, (this.#ledger ??= new RecoveryLedger()), false);
      throw first;
    }
    const broken = interruption(error, segment, this.#delivered);
    if (!isRecoverable(run, broken)) throw first ?? broken;
    this.#first ??= broken;
    const usage = this.#ownUsage();
    const held = this.#caller.toCompletion();
    this.#settled = true;
    const next = await recoverStream(ctx, run, { segment, error: broken, usage }, deliveredAnswer(held), held.id, this.#first, (this.#ledger ??= new RecoveryLedger()));
    this.#settled = false;
    this.#segment = next;
    this.#own = new StreamTally();
    this.#bufferedAt = 0;
    this.#listen(next);
  }

  /**
   * Ends the stream: `onError` middleware sees a failure (a stream that broke after content
   * cannot take a fallback), the request is settled, then the call being served is answered
   * (`result`) or rejected.
   */
  async #close(outcome: 'ok' | 'failed' | 'stopped', error: unknown, result: Result | undefined): Promise<void> {
    const run = this.#run;
    let failure: ModelMeshError | undefined;
    let kind: 'ok' | 'failed' | 'cancelled' | 'stopped' = outcome;
    if (outcome === 'failed') {
      failure = ModelMeshError.isInstance(error) ? error : interruption(error, this.#segment, this.#delivered);
      if (failure === run.signals.abortError) kind = 'cancelled';
      else await this.#ctx.middleware.onError(failure, this.#segment.context).catch(() => undefined);
    }
    try {
      await this.#settle(kind, failure);
    } catch (thrown) {
      return this.#fail(thrown);
    }
    if (result === undefined) return this.#fail(failure);
    if (kind === 'ok') this[finalOf]().resolve(this.#caller);
    this.#answer(result, 'ended');
  }

  async #settle(outcome: 'ok' | 'failed' | 'cancelled' | 'stopped', failure: ModelMeshError | undefined): Promise<void> {
    const segment = this.#segment;
    const { model, attempt, committed } = segment;
    const settled = this.#settled;
    const ledger = this.#ledger;
    attempt.dispose();
    if (outcome !== 'ok' && !settled) {
      attempt.abort(failure ?? new Error('stream closed by the caller'));
      void committed.iterator.return?.()?.catch(() => undefined);
    }
    const usage = this.#ownUsage();
    // The caller's text, named for the model that finished it, with that model's own usage.
    const assembled = this.#caller.toCompletion();
    const completion = { ...assembled, model: this.#own.model || assembled.model };
    if (ledger?.usage) completion.usage = usage;
    await finishRequest(this.#ctx, {
      run: this.#run,
      model: settled ? undefined : model,
      context: segment.context,
      ticket: settled ? undefined : segment.ticket,
      completion,
      usage,
      spend: settled ? undefined : segment.spend,
      timeToFirstTokenMs: ledger?.usage ? undefined : this.#timeToFirstTokenMs,
      failure: outcome === 'failed' || outcome === 'cancelled' ? failure : undefined,
      cancelled: outcome === 'cancelled',
      recovered: ledger?.parts,
    });
  }

  /** Aborted before anyone read: free the attempt (its model's trial slot) and record the request now. */
  #abortedUnread(): void {
    const failure = this.#run.signals.abortError;
    // The attempt aborted on its own (not the request): the first read finds out.
    if (failure === undefined) return;
    this.#phase = 'ended';
    this.#unreadFailure = failure;
    const { model, context, ticket, spend, attempt, committed } = this.#segment;
    attempt.abort(failure);
    attempt.dispose();
    void committed.iterator.return?.()?.catch(() => undefined);
    void finishRequest(this.#ctx, { run: this.#run, model, context, ticket, spend, failure, cancelled: true });
  }
}
