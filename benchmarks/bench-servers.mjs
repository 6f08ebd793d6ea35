// Starts the benchmark's servers (see proxy-server.mjs), each in its own process.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./proxy-server.mjs', import.meta.url));

/**
 * Starts the server `role` in its own process; resolves with `{ port, cpu, memory, stop }`, where
 * `cpu()` resolves with the process's CPU time so far (user + system, µs) and `memory()` with
 * its `process.memoryUsage()` after a garbage collection. `extra` is a role's own argument.
 */
export function serve(role, upstreamPort, extra) {
  return new Promise((resolve, reject) => {
    const args = [role, upstreamPort === undefined ? '' : String(upstreamPort), ...(extra === undefined ? [] : [extra])];
    const child = fork(script, args, { execArgv: ['--expose-gc'] });
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
      const memory = () =>
        new Promise((done) => {
          child.once('message', done);
          child.send('memory');
        });
      resolve({ port, cpu, memory, stop: () => child.connected && child.disconnect() });
    });
  });
}
