import fc from 'fast-check';
import { compositeTableKey, decodeTableKey, encodeTableKey, splitCompositeTableKey } from '../../../src/state/tables/tableKey';

const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

describe('table keys', () => {
  it.each([
    ['plain', 'alice', 'alice'],
    ['slash', 'a/b', 'a%2Fb'],
    ['backslash', 'a\\b', 'a%5Cb'],
    ['hash and question mark', '#?', '%23%3F'],
    ['percent itself', '100%', '100%25'],
    ['separator', 'a|b', 'a%7Cb'],
    ['control characters', 'a\u0000\u001f\u007f\u009f', 'a%00%1F%7F%9F'],
    ['unicode stays', 'Zoë 山田 😀', 'Zoë 山田 😀'],
  ])('encodes %s', (_, raw, encoded) => {
    expect(encodeTableKey(raw)).toBe(encoded);
    expect(decodeTableKey(encoded)).toBe(raw);
  });

  it('round-trips every string and never emits a forbidden character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const encoded = encodeTableKey(raw);
        expect(FORBIDDEN.test(encoded)).toBe(false);
        expect(decodeTableKey(encoded)).toBe(raw);
      }),
    );
  });

  it('keeps composite keys unambiguous', () => {
    expect(compositeTableKey('a|b', 'c')).not.toBe(compositeTableKey('a', 'b|c'));
    expect(splitCompositeTableKey(compositeTableKey('User', 'x|y/z'))).toEqual(['User', 'x|y/z']);
  });

  it('rejects keys longer than the service allows', () => {
    expect(() => compositeTableKey('User', 'x'.repeat(600))).toThrow(/at most 512/);
  });
});
