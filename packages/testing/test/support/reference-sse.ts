/**
 * A hand-written SSE reader for the test-only reference provider: yields the `data` of each
 * event as it arrives (multi-line data joined with `\n`, comments and other fields ignored,
 * CRLF/CR/LF line ends, lines split across network chunks). `onIdle` fires when no bytes
 * arrive for `idleMs`; the caller decides what that means.
 */
export async function* readSseData(body: ReadableStream<Uint8Array>, idleMs: number | undefined, onIdle: () => Error): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, idleMs, onIdle);
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // Keep a trailing CR: it may be the first half of a CRLF split across chunks.
      const lines = buffer.split(done ? /\r\n|\n|\r/ : /\r\n|\n|\r(?!$)/);
      buffer = done ? '' : (lines.pop() ?? '');
      for (const line of done ? [...lines, ''] : lines) {
        if (line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number | undefined,
  onIdle: () => Error,
): ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> {
  if (idleMs === undefined) return reader.read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onIdle()), idleMs);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}
