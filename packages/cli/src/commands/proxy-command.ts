import { configFileSource, installReloadSignal, installSignalHandlers, startProxy } from '@modelmesh/proxy';
import { optionalString, UsageError } from '../command-spec.js';
import { requireConfigFile } from '../config-file.js';
import { paint, type Output } from '../terminal.js';
import { loadMesh, meshFromConfig } from './load-mesh.js';

function portOf(values: Readonly<Record<string, unknown>>): number | undefined {
  const text = optionalString(values, 'port');
  if (text === undefined) return undefined;
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number, got "${text}"`);
  return port;
}

/**
 * Starts the proxy; the returned promise never settles (the signal handlers end the process).
 * SIGHUP (or `POST /admin/reload`) re-reads the config file and swaps it in without a restart.
 */
export async function proxyCommand(output: Output, values: Readonly<Record<string, unknown>>): Promise<number> {
  const port = portOf(values);
  const host = optionalString(values, 'host');
  const file = requireConfigFile(values);
  const { config, mesh, stateStore } = await loadMesh(file, { defaultLogging: true });
  // Keys the file sets that this version does not act on yet: say so at start-up, not only in `validate`.
  for (const warning of config.warnings) output.line(`${paint(output, 'yellow', '[config]')} ${warning.path}: ${warning.message}`);
  const proxy = await startProxy({
    mesh,
    stateStore,
    config,
    reload: configFileSource(file, { createMesh: (next, previous) => meshFromConfig(next, { defaultLogging: true, stateStore }, previous) }),
    settings: config.proxy,
    ...(host ? { host } : {}),
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
  output.line(`${paint(output, 'green', '✓')} ModelMesh proxy on ${proxy.url} (Ctrl-C to stop, SIGHUP to reload ${file}); status page ${proxy.url}/status`);
  return new Promise<number>(() => undefined);
}
