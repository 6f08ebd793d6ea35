import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextPieces } from '../src/streaming/text-pieces.js';

describe('TextPieces', () => {
  it('gives back exactly the pieces joined, however many and whenever it is read', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 5 }), (pieces, readsAt) => {
        const text = new TextPieces();
        let expected = '';
        pieces.forEach((piece, index) => {
          if (readsAt.includes(index)) expect(text.toString()).toBe(expected);
          text.add(piece);
          expected += piece;
        });
        expect(text.toString()).toBe(expected);
        expect(text.toString()).toBe(expected);
      }),
    );
  });

  it('is empty before any piece', () => {
    expect(new TextPieces().toString()).toBe('');
  });

  it('keeps a long answer whole (thousands of blocks)', () => {
    const text = new TextPieces();
    for (let i = 0; i < 50_000; i++) text.add(`w${i} `);
    const whole = text.toString();
    expect(whole.startsWith('w0 w1 w2 ')).toBe(true);
    expect(whole.endsWith('w49998 w49999 ')).toBe(true);
    expect(whole.split(' ')).toHaveLength(50_001);
  });
});
