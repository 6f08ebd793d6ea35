import type { ConfigReloader } from '../reload/config-reloader.js';
import type { ProxyRuntime } from '../reload/proxy-runtime.js';
import type { StatusRecorder } from '../status/status-recorder.js';

/** What the status page and the admin API work with, built once per handler. */
export interface Operations {
  /** The swappable state: mesh, keys, admin keys, CORS. */
  readonly runtime: ProxyRuntime;
  readonly recorder: StatusRecorder;
  readonly reloader: ConfigReloader;
  /** Aborted when the proxy starts draining: open status streams end so the drain is not held up. */
  readonly draining: AbortSignal;
}
