import fc from 'fast-check';
import { splitTableString } from '../../../src/state/tables/splitTableString';

describe('splitTableString', () => {
  test('pieces rejoin to the text, fit the limit and never split a surrogate pair (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '😀', '𝄞', 'z') }), fc.integer({ min: 2, max: 7 }), (text, max) => {
        const pieces = splitTableString(text, max);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(max);
          expect(piece).toBe(Buffer.from(piece, 'utf8').toString('utf8'));
        }
      }),
    );
  });

  test('an emoji across the boundary moves whole into the next piece', () => {
    expect(splitTableString('ab😀', 3)).toEqual(['ab', '😀']);
  });

  test('empty text is one empty piece (an entity always has its first property)', () => {
    expect(splitTableString('')).toEqual(['']);
  });
});
