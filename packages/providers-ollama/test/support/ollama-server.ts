import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake Ollama server received. */
export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

/** What the fake Ollama server answers on its native API. */
export interface NativeApi {
  /** `GET /api/tags` body, or a status to answer with. */
  tags: unknown;
  /** `POST /api/show` body per model name; a missing name is a 404. */
  show?: Readonly<Record<string, unknown>>;
}

/** A small fake of Ollama's native API (`/api/tags`, `/api/show`) on 127.0.0.1; everything else is a 404. */
export interface FakeOllama {
  /** The server root, as OLLAMA_HOST names it: `http://127.0.0.1:PORT`. */
  root: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeOllama(api: NativeApi): Promise<FakeOllama> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const body: unknown = text === '' ? undefined : JSON.parse(text);
      const path = req.url ?? '';
      requests.push({ method: req.method ?? '', path, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'GET' && path === '/api/tags') return send(200, api.tags);
      if (req.method === 'POST' && path === '/api/show') {
        const name = (body as { model?: string } | undefined)?.model ?? '';
        const shown = api.show?.[name];
        return shown === undefined ? send(404, { error: `model '${name}' not found` }) : send(200, shown);
      }
      return send(404, { error: '404 page not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
