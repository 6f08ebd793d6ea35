import type { ReloadResult } from './config-reloader.js';

/** What {@link installReloadSignal} reloads: a running proxy or its handler. */
export interface Reloadable {
  reload(): Promise<ReloadResult>;
}

/**
 * Makes `SIGHUP` reload the configuration (the Unix convention for daemons). The outcome is
 * logged by the proxy itself, an invalid file with every problem; the process keeps running
 * either way. Returns the function that removes the handler.
 */
export function installReloadSignal(target: Reloadable, signal: NodeJS.Signals = 'SIGHUP'): () => void {
  const onSignal = () => {
    // The proxy logs the result; a failure here is already in that log line.
    void target.reload().catch(() => undefined);
  };
  process.on(signal, onSignal);
  return () => {
    process.off(signal, onSignal);
  };
}
