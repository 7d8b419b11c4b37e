const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Strict base64url (RFC 7515 §2 and Appendix C: the URL-safe alphabet of RFC 4648 §5, no padding, no
 * whitespace). Node's own decoder skips characters it does not know, so the alphabet is checked first;
 * a length of 4n+1 cannot come from any byte string. The last character of a text whose length is not a
 * multiple of 4 carries unused bits; RFC 4648 §3.5 lets a decoder reject them when they are not zero, and
 * we do (by re-encoding), so a token has exactly one spelling: a changed character is a changed token, and
 * a signature cannot be re-spelled to slip past a replay or revocation list keyed on the token text.
 * Undefined when the text is not canonical base64url.
 */
export function decodeBase64Url(text: string): Buffer | undefined {
  if (!BASE64URL_ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
