import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { platformFetch } from '../src/platform-fetch-node.js';

const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => handler(req, res, Buffer.concat(parts).toString()));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('platformFetch on node:http', () => {
  it('sends method, headers and body, and returns status, headers and body like fetch', async () => {
    const url = await serve((req, res, body) => {
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-echo': String(req.headers['x-test']) });
      res.end(JSON.stringify({ method: req.method, body, length: req.headers['content-length'] }));
    });
    const response = await platformFetch(`${url}/path?q=1`, { method: 'POST', headers: new Headers({ 'x-test': 'yes' }), body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ method: 'POST', body: '{"a":1}', length: '7' });
  });

  it('streams the body as it arrives', async () => {
    let release: () => void = () => undefined;
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      release = () => res.end('data: last\n\n');
    });
    const response = await platformFetch(url, {});
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    release();
    const rest = await reader.read();
    expect(new TextDecoder().decode(rest.value)).toBe('data: last\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('decompresses gzip bodies and handles bodiless statuses', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('hello compressed'));
    });
    expect(await (await platformFetch(url)).text()).toBe('hello compressed');
    const empty = await platformFetch(`${url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('rejects with the signal reason on abort, before and during the request', async () => {
    const url = await serve(() => undefined);
    const before = new AbortController();
    before.abort(new Error('early'));
    await expect(platformFetch(url, { signal: before.signal })).rejects.toThrow('early');
    const during = new AbortController();
    const pending = platformFetch(url, { signal: during.signal });
    setImmediate(() => during.abort(new Error('late')));
    await expect(pending).rejects.toThrow('late');
  });

  it('fails like fetch on a connection reset: TypeError with the socket error as cause', async () => {
    const url = await serve((req) => req.socket.destroy());
    const error = (await platformFetch(url).catch((e: unknown) => e)) as TypeError & { cause?: { code?: string } };
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause?.code).toBe('ECONNRESET');
  });

  it('hands requests it cannot send (a Request object) to the built-in fetch', async () => {
    const url = await serve((_req, res) => res.end('via builtin'));
    expect(await (await platformFetch(new Request(url))).text()).toBe('via builtin');
  });
});
