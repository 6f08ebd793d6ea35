import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built binary, run as a user runs it. */
export const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** What a run of the binary printed and how it exited. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `modelmesh args...` in a child process (asynchronously, so fake servers in this process
 * keep answering). The environment is only `env` plus PATH: no provider key of the host leaks in.
 */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...options.env }, ...(options.cwd ? { cwd: options.cwd } : {}), timeout: 25_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
