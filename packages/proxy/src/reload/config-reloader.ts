import { ConfigurationError, formatConfigIssue, redactText, type ConfigIssue, type MeshConfig, type ProxyConfig } from '@modelmesh/core';
import type { ProxyMessage } from '../server/startup-messages.js';
import type { StatusRecorder } from '../status/status-recorder.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import type { ReloadSource } from './reload-source.js';

/** What a reload did. */
export type ReloadResult =
  | {
      readonly ok: true;
      /** Where the configuration was read from. */
      readonly source: string;
      /** The new config generation (1 at start, +1 per reload). */
      readonly generation: number;
      /** `proxy.*` settings that changed but only take effect on a restart (host, port, limits, shutdown grace). */
      readonly restartRequired: readonly string[];
    }
  | {
      readonly ok: false;
      readonly source: string;
      /** Every problem found; the running configuration stays. */
      readonly issues: readonly ConfigIssue[];
    };

/** Settings a running server cannot change: its socket and the limits it was created with. */
const RESTART_ONLY: ReadonlyArray<readonly [string, (proxy: ProxyConfig) => unknown]> = [
  ['proxy.host', (p) => p.host],
  ['proxy.port', (p) => p.port],
  ['proxy.limits', (p) => p.limits],
  ['proxy.shutdown_grace', (p) => p.shutdownGraceMs],
];

/**
 * Reloads the configuration: reads it through the {@link ReloadSource}, builds the next mesh
 * continuing from the current one, and swaps both in. An invalid configuration is refused
 * with every problem (logged and returned) and the running one stays. Reloads run one at a
 * time; one asked for while another runs waits for it.
 */
export class ConfigReloader {
  #running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runtime: ProxyRuntime,
    private readonly source: ReloadSource | undefined,
    private readonly log: (message: ProxyMessage) => void,
    private readonly recorder: StatusRecorder,
    private readonly clock: { now(): number },
    private readonly isDraining: () => boolean,
  ) {}

  /** Whether the proxy knows where to reload from. */
  get enabled(): boolean {
    return this.source !== undefined;
  }

  /** Reloads once the reload before it (if any) has finished. */
  reload(): Promise<ReloadResult> {
    const next = this.#running.then(() => this.#reload());
    this.#running = next.catch(() => undefined);
    return next;
  }

  async #reload(): Promise<ReloadResult> {
    const source = this.source;
    if (!source) return { ok: false, source: '', issues: [{ path: '', message: 'this proxy was started without a configuration source, so it cannot reload' }] };
    const previous = this.runtime.mesh;
    let loaded;
    try {
      loaded = await source.load(previous);
    } catch (error) {
      return this.#refuse(source.description, issuesOf(error));
    }
    try {
      // A mesh swapped in now would never be closed: shutdown already retired the current one.
      if (this.isDraining()) throw new Error('the proxy is shutting down');
      const restartRequired = this.#restartOnly(loaded.config);
      this.runtime.apply(loaded.config, loaded.mesh);
      const generation = this.runtime.live.generation;
      const later = restartRequired.length > 0 ? `; needs a restart to change: ${restartRequired.join(', ')}` : '';
      this.log({ level: restartRequired.length > 0 ? 'warn' : 'info', code: 'reload', text: `reloaded ${source.description}: config generation ${generation}${later}` });
      this.recorder.note({ at: this.clock.now(), kind: 'reload', text: `configuration reloaded (generation ${generation})${later}` });
      return { ok: true, source: source.description, generation, restartRequired };
    } catch (error) {
      await loaded.mesh.close();
      return this.#refuse(source.description, issuesOf(error));
    }
  }

  #refuse(source: string, issues: readonly ConfigIssue[]): ReloadResult {
    const lines = issues.map((issue) => `  - ${formatConfigIssue(issue, source)}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    this.log({ level: 'error', code: 'reload', text: redactText(`reload of ${source} refused (${count}); the running configuration stays:\n${lines.join('\n')}`) });
    this.recorder.note({ at: this.clock.now(), kind: 'reload', text: `reload refused (${count}); the running configuration stays` });
    return { ok: false, source, issues };
  }

  #restartOnly(next: MeshConfig): string[] {
    const before = this.runtime.config?.proxy;
    if (!before) return [];
    return RESTART_ONLY.filter(([, pick]) => JSON.stringify(pick(before)) !== JSON.stringify(pick(next.proxy))).map(([path]) => path);
  }
}

/** The problems an error stands for: a ConfigurationError's issues, else its message. */
function issuesOf(error: unknown): ConfigIssue[] {
  if (ConfigurationError.isInstance(error)) return error.issues.map((issue) => ({ ...issue, message: redactText(issue.message) }));
  return [{ path: '', message: redactText(error instanceof Error ? error.message : String(error)) }];
}
