import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NodeBodySource } from '../src/node-body-source.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (piece: Uint8Array | null | undefined) => (piece ? new TextDecoder().decode(piece) : piece);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('NodeBodySource', () => {
  it('poll() hands over what already arrived, then null at the end, without waiting', async () => {
    const stream = new PassThrough();
    const body = new NodeBodySource(stream);
    expect(body.poll()).toBeUndefined();
    stream.end(bytes('{"ok":true}'));
    await tick();
    expect(text(body.poll())).toBe('{"ok":true}');
    expect(body.poll()).toBeNull();
    await expect(body.read()).resolves.toBeUndefined();
  });

  it('read() waits for the next piece when nothing is buffered', async () => {
    const stream = new PassThrough();
    const body = new NodeBodySource(stream);
    const pending = body.read();
    stream.write(bytes('a'));
    expect(text(await pending)).toBe('a');
  });

  it('keeps a small body flowing but pauses the stream past 64 KiB that nobody reads', async () => {
    const stream = new PassThrough({ highWaterMark: 1024 });
    const body = new NodeBodySource(stream);
    stream.write(Buffer.alloc(1024));
    await tick();
    expect(stream.isPaused()).toBe(false);
    for (let i = 0; i < 70; i++) stream.write(Buffer.alloc(1024));
    await tick();
    expect(stream.isPaused()).toBe(true);
    // Reading drains the queue; a read with nothing buffered resumes the stream.
    let read = 0;
    for (let piece = body.poll(); piece; piece = body.poll()) read += piece.byteLength;
    expect(read).toBeGreaterThan(64 * 1024);
    void body.read();
    expect(stream.isPaused()).toBe(false);
  });

  it('poll() leaves a failure to read(), which rejects with it', async () => {
    const stream = new PassThrough();
    const body = new NodeBodySource(stream);
    stream.destroy(new Error('socket hang up'));
    await tick();
    expect(body.poll()).toBeUndefined();
    await expect(body.read()).rejects.toThrow('socket hang up');
  });
});
