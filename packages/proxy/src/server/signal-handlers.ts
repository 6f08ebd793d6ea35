import type { DrainResult, RunningProxy } from './start-proxy.js';

/** Options of {@link installSignalHandlers}. */
export interface SignalHandlerOptions {
  /** Signals that start a graceful shutdown; default `SIGTERM` and `SIGINT`. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Runs after the drain, before exiting (e.g. `() => mesh.close()`). */
  readonly onDrained?: (result: DrainResult) => void | Promise<void>;
  /** Exit the process after the drain (default true, with code 0). */
  readonly exit?: boolean;
  /** Receives progress lines (default: stderr). */
  readonly log?: (text: string) => void;
}

/**
 * Makes SIGTERM (and SIGINT) drain the proxy: stop accepting, let in-flight requests finish
 * within the grace period, then exit 0. A second signal aborts what is still running.
 * Separate from `startProxy` so tests and embedders can call `drain()` themselves.
 * Returns the function that removes the handlers.
 */
export function installSignalHandlers(proxy: RunningProxy, options: SignalHandlerOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const log = options.log ?? ((text: string) => process.stderr.write(`[modelmesh] ${text}\n`));
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      log(`${signal} again: aborting ${proxy.handler.inFlight} in-flight request(s)`);
      // close() aborts through the running drain, so its result counts these as aborted.
      void proxy.close().catch(() => {});
      return;
    }
    started = true;
    log(`${signal}: draining ${proxy.handler.inFlight} in-flight request(s), grace ${proxy.settings.shutdownGraceMs} ms`);
    void proxy
      .drain()
      .then(async (result) => {
        log(`drained: ${result.completed} completed, ${result.aborted} aborted`);
        await options.onDrained?.(result);
        if (options.exit ?? true) process.exit(0);
      })
      .catch((error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        if (options.exit ?? true) process.exit(1);
      });
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
