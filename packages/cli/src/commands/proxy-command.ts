import { parseArgs } from 'node:util';
import { configFileSource, installReloadSignal, installSignalHandlers, startProxy } from '@modelmesh/proxy';
import { paint, type Output } from '../terminal.js';
import { loadMesh, meshFromConfig } from './load-mesh.js';

/**
 * `modelmesh proxy --config FILE [--port N] [--host H]`: serves the mesh as an
 * OpenAI-compatible API until SIGTERM/SIGINT, then drains in-flight requests and exits.
 * SIGHUP (or `POST /admin/reload`) re-reads FILE and swaps it in without a restart.
 */
export async function proxyCommand(output: Output, args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string', short: 'c' }, port: { type: 'string', short: 'p' }, host: { type: 'string' } },
  });
  if (!values.config) {
    output.error('usage: modelmesh proxy --config FILE [--port N] [--host H]');
    return 2;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    output.error(`--port must be a port number, got "${values.port}"`);
    return 2;
  }
  const { config, mesh, stateStore } = await loadMesh(values.config, { defaultLogging: true });
  // Keys the file sets that this version does not act on yet: say so at start-up, not only in `validate`.
  for (const warning of config.warnings) output.line(`${paint(output, 'yellow', '[config]')} ${warning.path}: ${warning.message}`);
  const proxy = await startProxy({
    mesh,
    stateStore,
    config,
    reload: configFileSource(values.config, { createMesh: (next, previous) => meshFromConfig(next, { defaultLogging: true, stateStore }, previous) }),
    settings: config.proxy,
    ...(values.host ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    log: (message) => output.line(`${paint(output, message.level === 'warn' ? 'yellow' : 'cyan', `[${message.code}]`)} ${message.text}`),
  });
  // A shared store going away changes what budgets guarantee: say so as it happens (from the
  // store itself, so the lines keep coming after a reload swaps the mesh).
  stateStore.onStatus?.((e) =>
    e.state === 'unavailable'
      ? output.line(`${paint(output, 'yellow', '[state]')} ${e.store} unavailable (${e.mode === 'local' ? 'serving from local state' : 'refusing budget-bearing requests'}): ${e.detail}`)
      : output.line(`${paint(output, 'green', '[state]')} ${e.store} restored: ${e.detail}`),
  );
  installSignalHandlers(proxy, { onDrained: () => void mesh.close().then(() => stateStore.close?.()) });
  installReloadSignal(proxy);
  output.line(`${paint(output, 'green', '✓')} ModelMesh proxy on ${proxy.url} (Ctrl-C to stop, SIGHUP to reload ${values.config}); status page ${proxy.url}/status`);
  // Keep running: the signal handlers end the process.
  return new Promise<number>(() => undefined);
}
