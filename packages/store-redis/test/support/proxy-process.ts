import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../node_modules/@modelmesh/cli/dist/bin.js', import.meta.url));
// The proxy finds @modelmesh/store-redis from its working directory, as it would in an app.
const cwd = fileURLToPath(new URL('../..', import.meta.url));

/** A `modelmesh proxy` child process. */
export interface ProxyProcess {
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Its Prometheus metrics text. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

/** Writes `yaml` to a temp file and starts `modelmesh proxy` on it (OS-chosen port). */
export async function startProxyProcess(yaml: string): Promise<ProxyProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mm-redis-proxy-'));
  const config = join(dir, 'mesh.yaml');
  writeFileSync(config, yaml);
  const child: ChildProcess = spawn(process.execPath, [bin, 'proxy', '--config', config, '--port', '0', '--host', '127.0.0.1'], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let text = '';
  child.stderr?.on('data', (data: Buffer) => (text += data.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (data: Buffer) => {
      text += data.toString();
      const match = /ModelMesh proxy on (http:\/\/\S+)/.exec(text);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`proxy exited early (${String(code)}): ${text}`)));
  });
  return {
    url,
    output: () => text,
    metrics: async () => (await fetch(`${url}/metrics`)).text(),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `check` until it holds (bounded; for conditions another process makes true). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
