// Starts the benchmark's servers (see proxy-server.mjs), each in its own process.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./proxy-server.mjs', import.meta.url));

/**
 * Starts the server `role` in its own process; resolves with `{ port, cpu, stop }`, where
 * `cpu()` resolves with the process's CPU time so far (user + system, µs).
 */
export function serve(role, upstreamPort) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [role, ...(upstreamPort === undefined ? [] : [String(upstreamPort)])]);
    const failed = (code) => reject(new Error(`benchmark server "${role}" exited with code ${code}`));
    child.once('error', reject);
    child.once('exit', failed);
    child.once('message', (port) => {
      child.off('exit', failed);
      const cpu = () =>
        new Promise((done) => {
          child.once('message', (usage) => done(usage.user + usage.system));
          child.send('cpu');
        });
      resolve({ port, cpu, stop: () => child.connected && child.disconnect() });
    });
  });
}
