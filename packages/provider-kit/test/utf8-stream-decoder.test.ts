import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8StreamDecoder } from '../src/utf8-stream-decoder.js';

const encoder = new TextEncoder();

/** What a streaming `TextDecoder` (the decoder this one replaces) makes of the pieces. */
function reference(pieces: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  return pieces.map((piece) => decoder.decode(piece, { stream: true })).join('') + decoder.decode();
}

function decodePieces(pieces: readonly Uint8Array[]): string {
  const decoder = new Utf8StreamDecoder();
  return pieces.map((piece) => decoder.decode(piece)).join('') + decoder.end();
}

/** `bytes` cut at `cuts` (sorted offsets, repeats give empty pieces). */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

describe('Utf8StreamDecoder', () => {
  it('decodes characters of every length split at every pair of offsets', () => {
    const text = 'a\u00e9\u20ac\u{1f600}z\u{10ffff}\ud7ff\ue000';
    const bytes = encoder.encode(text);
    for (let first = 0; first <= bytes.length; first++) {
      for (let second = first; second <= bytes.length; second++) {
        expect(decodePieces(split(bytes, [first, second]))).toBe(text);
      }
    }
  });

  it('decodes a 4-byte character fed one byte at a time', () => {
    const bytes = encoder.encode('\u{1f600}\u{1f601}');
    expect(decodePieces([...bytes].map((byte) => Uint8Array.of(byte)))).toBe('\u{1f600}\u{1f601}');
  });

  it('drops a byte order mark only at the very start of the stream, even split', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(decodePieces([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf, 0x41, ...bom)])).toBe('A\ufeff');
    expect(decodePieces([new Uint8Array(0), Uint8Array.of(...bom, ...bom)])).toBe('\ufeff');
    expect(decodePieces([Uint8Array.of(0x41), Uint8Array.of(...bom)])).toBe('A\ufeff');
  });

  it('turns a character cut off by the end of the stream into U+FFFD', () => {
    expect(decodePieces([Uint8Array.of(0x41, 0xf0, 0x9f), Uint8Array.of(0x98)])).toBe('A\ufffd');
  });

  it('decodes any bytes split anywhere as a streaming TextDecoder does (invalid bytes included)', () => {
    // Bytes weighted towards UTF-8 lead and continuation bytes, so sequences (valid or not) are common.
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.constantFrom(0xef, 0xbb, 0xbf, 0xf0, 0xf4, 0xe0, 0xed));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (values, rawCuts) => {
        const bytes = Uint8Array.from(values);
        const cuts = rawCuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b);
        const pieces = split(bytes, cuts);
        expect(decodePieces(pieces)).toBe(reference(pieces));
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes valid text split anywhere back to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), (text, rawCuts) => {
        const bytes = encoder.encode(text);
        const cuts = rawCuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b);
        expect(decodePieces(split(bytes, cuts))).toBe(text.startsWith('\ufeff') ? text.slice(1) : text);
      }),
    );
  });
});
