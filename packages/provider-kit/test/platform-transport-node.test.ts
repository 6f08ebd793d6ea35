import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { platformTransport } from '../src/platform-transport-node.js';
import { RequestGuard } from '../src/request-guard.js';
import type { TransportRequest, TransportResponse } from '../src/transport.js';
import { sse, serverPerTest } from './support/local-server.js';
import { failure } from './support/rejection.js';

const serve = serverPerTest();

const transport = platformTransport as NonNullable<typeof platformTransport>;
/** The exchange's abort as the HTTP client hands it over: a request guard following `signal`. */
const abortOf = (signal: AbortSignal = new AbortController().signal): RequestGuard => new RequestGuard({ providerId: 'p' }, {}, signal);
const send = (url: string, more: Partial<TransportRequest> = {}): Promise<TransportResponse> =>
  transport({ url, method: 'GET', headers: {}, body: undefined, abort: abortOf(), ...more });

async function readAll(response: TransportResponse, eachPiece: () => Promise<void> = async () => undefined): Promise<Buffer> {
  const pieces: Uint8Array[] = [];
  for (let piece = await response.body?.read(); piece !== undefined; piece = await response.body?.read()) {
    pieces.push(piece);
    await eachPiece();
  }
  return Buffer.concat(pieces);
}

describe('the Node transport (undici dispatch)', () => {
  it('delivers a body larger than its 64 KiB buffer whole to a slow reader, then reuses the connection', async () => {
    const sockets = new Set<unknown>();
    const large = Buffer.alloc(600 * 1024, 'abcdefgh');
    const s = await serve((req, res) => {
      sockets.add(req.socket);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(large);
    });
    const first = await send(`${s.url}/a`);
    expect(first.body?.followsAbort).toBe(true);
    // A reader slower than the socket: the body pauses past 64 KiB and resumes as it drains.
    const received = await readAll(first, () => new Promise((resolve) => setImmediate(resolve)));
    expect(received.equals(large)).toBe(true);
    expect((await readAll(await send(`${s.url}/a`))).equals(large)).toBe(true);
    expect(sockets.size).toBe(1);
  });

  it('hands over headers with lower-case names and repeated ones as arrays', async () => {
    const s = await serve((_req, res) => {
      res.setHeader('X-Request-Id', 'r1');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end('ok');
    });
    const response = await send(`${s.url}/a`);
    expect(response.headerSource).toMatchObject({ 'x-request-id': 'r1', 'set-cookie': ['a=1', 'b=2'] });
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect((await readAll(response)).toString()).toBe('ok');
  });

  it('decodes a gzip body on its own path', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('zipped text'));
    });
    const response = await send(`${s.url}/a`);
    expect((await readAll(response)).toString()).toBe('zipped text');
  });

  it('answers HEAD and a 304 without a body', async () => {
    const s = await serve((req, res) => {
      res.writeHead(req.method === 'HEAD' ? 200 : 304, { 'content-length': '5' });
      res.end();
    });
    const head = await send(`${s.url}/a`, { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, null]);
    const notModified = await send(`${s.url}/a`);
    expect([notModified.status, notModified.body]).toEqual([304, null]);
  });

  it('closes the connection when the body is cancelled, and a pending read learns it', async () => {
    const s = await serve((_req, res) => sse(res, ['data: 1\n\n'], false));
    const response = await send(`${s.url}/a`);
    expect(await response.body?.read()).toBeDefined();
    const pending = response.body?.read();
    response.body?.cancel();
    expect((await failure(pending as Promise<unknown>)) as Error).toMatchObject({ name: 'AbortError' });
    await s.clientClosed;
  });

  it('rejects with the abort reason before the headers and while a read is pending', async () => {
    const s = await serve((req, res) => {
      if (req.url?.endsWith('/hang')) return;
      sse(res, ['data: 1\n\n'], false);
    });
    const early = new AbortController();
    const hanging = send(`${s.url}/hang`, { abort: abortOf(early.signal) });
    const reason = new Error('gave up');
    setImmediate(() => early.abort(reason));
    expect(await failure(hanging)).toBe(reason);

    const late = new AbortController();
    const response = await send(`${s.url}/a`, { abort: abortOf(late.signal) });
    expect(await response.body?.read()).toBeDefined();
    const pending = response.body?.read() as Promise<unknown>;
    const stop = new Error('stop');
    late.abort(stop);
    expect(await failure(pending)).toBe(stop);
    await s.clientClosed;
  });

  it("fails a refused connection as fetch does: TypeError('fetch failed') with the socket error as cause", async () => {
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    await new Promise((resolve) => listener.close(resolve));
    const error = await failure(send(`http://127.0.0.1:${port}/a`));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect((error as { cause: { code: string } }).cause.code).toBe('ECONNREFUSED');
  });
});
