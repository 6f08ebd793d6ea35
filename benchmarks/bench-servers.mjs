// Starts the benchmark's servers (see proxy-server.mjs), each in its own process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./proxy-server.mjs', import.meta.url));

/**
 * Starts the server `role` in its own process; resolves with `{ port, cpu, memory, stop }`, where
 * `cpu()` resolves with the process's CPU time so far (user + system, µs) and `memory()` with
 * its `process.memoryUsage()` after a garbage collection, and `heapSnapshot()` with the file name
 * of a heap snapshot it wrote. `extra` is a role's own argument.
 */
export function serve(role, upstreamPort, extra) {
  return new Promise((resolve, reject) => {
    const args = [role, upstreamPort === undefined ? '' : String(upstreamPort), ...(extra === undefined ? [] : [extra])];
    // Through a shell that raises the soft limit on open files to the hard one first (Node cannot):
    // a server holding thousands of streams needs two descriptors for each.
    const raised = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
    // BENCH_SERVER_FLAGS adds Node flags to every server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
    const child = spawn('/bin/sh', ['-c', raised, process.execPath, '--expose-gc', ...flags, script, ...args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
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
      const heapSnapshot = () =>
        new Promise((done) => {
          child.once('message', done);
          child.send('heap-snapshot');
        });
      resolve({ role, port, cpu, memory, heapSnapshot, stop: () => child.connected && child.disconnect() });
    });
  });
}
