import fc from 'fast-check';
import { decodeBase64Url } from '../../../src/http/auth/decodeBase64Url';

describe('decodeBase64Url', () => {
  test('round-trips every byte string (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64url');
        expect(decodeBase64Url(text)?.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  test.each([
    ['padding', 'QQ=='],
    ['standard-alphabet characters', 'a+b/'],
    ['whitespace', 'QU JD'],
    ['a length of 4n+1', 'QUJDR'],
    // "QQ" is the only spelling of the single byte 0x41; "QR".."QV" set bits the encoding leaves unused.
    ['non-zero unused bits (1 byte)', 'QR'],
    ['non-zero unused bits (2 bytes)', 'QUJ'],
  ])('rejects %s', (_, text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
  });

  test('a changed last character is never the same bytes (the flaw a CI run found in the JWT property test)', () => {
    const text = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]).toString('base64url');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = [...alphabet].filter((c) => c !== text.at(-1)).map((c) => text.slice(0, -1) + c);
    for (const other of respelled) expect(decodeBase64Url(other)?.equals(decodeBase64Url(text) ?? Buffer.alloc(0)) ?? false).toBe(false);
  });
});
