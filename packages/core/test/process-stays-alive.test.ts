import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The defect this guards against cannot show on a manual clock: a timer that does not keep
// Node alive (unref) lets a script exit with code 13 while its request sleeps before a retry.
// So a child process runs the built core on the real clock; the fake vendor lives here, in
// the test process, so nothing but the request's own timers keeps the child alive.

const script = fileURLToPath(new URL('./__fixtures__/process-alive/retrying-script.mjs', import.meta.url));

type Reply = { status: number; headers?: Record<string, string> };

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 0,
  model: 'model-a',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello after the retry', refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
};

let server: Server | undefined;

/** A fake vendor on a free loopback port: answers with `failures` in turn, then a completion. */
async function fakeVendor(failures: Reply[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const failure = failures[hits++];
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        res.end(JSON.stringify({ error: { message: 'try again' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits: () => hits };
}

function runScript(url: string, ...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [script, url, ...extra], { timeout: 20_000 }, (_error, stdout, stderr) => {
      resolve({ code: child.exitCode, stdout, stderr });
    });
  });
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('a plain Node script stays alive while its request waits to retry (real clock)', () => {
  it('503 then 200: the backoff sleep keeps the process alive, the answer is printed, exit code 0', async () => {
    const vendor = await fakeVendor([{ status: 503 }]);
    const { code, stdout, stderr } = await runScript(vendor.url);
    // Before the fix: { code: 13, stdout: '' } (Node found nothing to wait on mid-request).
    expect({ code, stdout: stdout.trim(), stderr }).toEqual({ code: 0, stdout: 'answer: hello after the retry', stderr: '' });
    expect(vendor.hits()).toBe(2);
  });

  it('429 with Retry-After: 1 then 200: waiting for the model to recover keeps the process alive, exit code 0', async () => {
    const vendor = await fakeVendor([{ status: 429, headers: { 'retry-after': '1' } }]);
    const { code, stdout, stderr } = await runScript(vendor.url);
    expect({ code, stdout: stdout.trim(), stderr }).toEqual({ code: 0, stdout: 'answer: hello after the retry', stderr: '' });
    expect(vendor.hits()).toBe(2);
  });

  it('background health probes do not keep a finished script alive (probe_interval set, no close())', async () => {
    const vendor = await fakeVendor([{ status: 503 }]);
    const { code, stdout, stderr } = await runScript(vendor.url, 'probing');
    // A probe timer that held the event loop would keep the child running until execFile's timeout (code null).
    expect({ code, stdout: stdout.trim(), stderr }).toEqual({ code: 0, stdout: 'answer: hello after the retry', stderr: '' });
  });
});
