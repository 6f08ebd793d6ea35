import { readFileSync } from 'node:fs';

/** The bytes of a recorded fixture in `test/__fixtures__`. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url)));
}

/** What a recorded fetch saw. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

/**
 * A `fetch` that answers every request with the same recorded bytes, cut into pieces of the
 * given sizes (cycled) so that readers must put events together across chunk boundaries, even
 * inside a UTF-8 character. It records each request it receives.
 */
export function recordedFetch(bytes: Uint8Array, contentType: string, pieceSizes: readonly number[] = [7, 1, 64, 3, 250]) {
  const seen: SeenRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = await request.text();
    seen.push({ url: request.url, method: request.method, headers: request.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) });
    let at = 0;
    let turn = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        const size = pieceSizes[turn++ % pieceSizes.length] ?? 16;
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': contentType,
        'request-id': 'req_recorded_0001',
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2030-01-01T00:00:00Z',
      },
    });
  };
  return { fetch, seen };
}
